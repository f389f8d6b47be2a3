import { LogArchiveConfig } from "../config";
import { StackContext } from "./context";

/** The logArchive role's program. It only wires components together; it has no resource logic of its own. */
export async function logArchive(ctx: StackContext<LogArchiveConfig>): Promise<Record<string, unknown>> {
  return {
    accountId: ctx.cfg.account.id,
    region: ctx.cfg.account.region,
  };
}
