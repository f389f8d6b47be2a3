import { WorkloadConfig } from "../../config";
import { StackContext } from "../context";
import { WorkloadNetwork } from "./network";
import { StackTenants } from "./tenants";

/** Zero Trust access (Cloudflare, Okta) and observability (Datadog) of a workload stack. Issue #6. */
export interface WorkloadEdge {
  readonly outputs: Record<string, unknown>;
}

export function workloadEdge(_ctx: StackContext<WorkloadConfig>, _net: WorkloadNetwork, _tenants: StackTenants): WorkloadEdge {
  return { outputs: {} };
}
