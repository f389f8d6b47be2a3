import { WorkloadConfig } from "../config";
import { StackContext } from "./context";

/** The workload role's program. It only wires components together; it has no resource logic of its own. */
export async function workload(ctx: StackContext<WorkloadConfig>): Promise<Record<string, unknown>> {
  return {
    accountId: ctx.cfg.account.id,
    region: ctx.cfg.account.region,
  };
}
