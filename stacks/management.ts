import { ManagementConfig } from "../config";
import { StackContext } from "./context";

/** The management role's program. It only wires components together; it has no resource logic of its own. */
export async function management(ctx: StackContext<ManagementConfig>): Promise<Record<string, unknown>> {
  return {
    accountId: ctx.cfg.account.id,
    region: ctx.cfg.account.region,
  };
}
