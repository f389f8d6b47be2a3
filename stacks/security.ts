import { SecurityConfig } from "../config";
import { StackContext } from "./context";

/** The security role's program. It only wires components together; it has no resource logic of its own. */
export async function security(ctx: StackContext<SecurityConfig>): Promise<Record<string, unknown>> {
  return {
    accountId: ctx.cfg.account.id,
    region: ctx.cfg.account.region,
  };
}
