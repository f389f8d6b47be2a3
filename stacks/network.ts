import { NetworkConfig } from "../config";
import { StackContext } from "./context";

/** The network role's program. It only wires components together; it has no resource logic of its own. */
export async function network(ctx: StackContext<NetworkConfig>): Promise<Record<string, unknown>> {
  return {
    accountId: ctx.cfg.account.id,
    region: ctx.cfg.account.region,
  };
}
