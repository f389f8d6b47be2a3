import { readTenantRegistry, registryRoot } from "../../config/tenants";
import { parseFlags } from "../args";
import { EXIT_OK, Io, UsageError } from "../io";
import { reportIssues } from "./issues";

/** `lz tenant validate`: checks every tenant file, with the same rules `lz plan` and `pulumi up` apply. */
export async function tenantValidate(argv: string[], io: Io): Promise<number> {
  const { positionals } = parseFlags("tenant validate", argv, {}, "lz tenant validate");
  if (positionals.length) throw new UsageError(`lz tenant validate: takes no arguments; it checks every file under tenants/`);
  const registry = readTenantRegistry(registryRoot());
  if (registry.issues.length) return reportIssues("validate", registry.issues, io);
  const byStack = new Map<string, number>();
  for (const t of registry.tenants) byStack.set(t.stack, (byStack.get(t.stack) ?? 0) + 1);
  const counts = [...byStack.entries()].sort().map(([s, n]) => `${s}: ${n}`);
  io.out(`${registry.tenants.length} tenant file(s) valid${counts.length ? ` (${counts.join(", ")})` : ""}`);
  return EXIT_OK;
}
