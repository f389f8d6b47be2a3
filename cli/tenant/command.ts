import { EXIT_OK, Io, UsageError } from "../io";
import { tenantAdd } from "./add";
import { tenantList } from "./list";
import { tenantValidate } from "./validate";

/**
 * `lz tenant`: the tenant registry (tenants/<slug>.yaml) from the command line. Nothing here loads
 * the Pulumi SDK, so these commands answer in well under a second.
 */
export const TENANT_USAGE = `lz tenant add <slug> --stack <stack> --hostname <fqdn> [--okta-group G ...] [--classification C]
             [--display-name NAME] [--retention-days N] [--contact "Name <email>" ...] [--custom-hostname FQDN] [--origin URL]
lz tenant list [--stack S] [--json]
lz tenant validate`;

const SUBCOMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  add: tenantAdd,
  list: tenantList,
  validate: tenantValidate,
};

export async function tenantCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    io.out(`usage:\n${TENANT_USAGE}`);
    return EXIT_OK;
  }
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new UsageError(`${sub ? `unknown subcommand "${sub}"` : "name a subcommand"}: add, list or validate\nusage:\n${TENANT_USAGE}`);
  return run(rest, io);
}
