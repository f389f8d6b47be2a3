import { WorkloadConfig } from "../../config";
import { StackContext } from "../context";
import { WorkloadEdge } from "./edge";
import { WorkloadNetwork } from "./network";

/** The tenants registered for this stack (tenants/*.yaml), as plain validated data. Issue #7. */
export interface StackTenants {
  readonly tenants: readonly unknown[];
}

export function stackTenants(_ctx: StackContext<WorkloadConfig>): StackTenants {
  return { tenants: [] };
}

/** One Tenant component per registered tenant. Issue #7. */
export function workloadTenants(_ctx: StackContext<WorkloadConfig>, _net: WorkloadNetwork, _edge: WorkloadEdge, _tenants: StackTenants): Record<string, unknown> {
  return {};
}
