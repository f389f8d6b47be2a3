import { readTenantRegistry, registryRoot } from "../../config/tenants";
import { EXIT_OK, Io } from "../io";
import { reportIssues } from "./issues";

/** `lz tenant validate`: checks every tenant file, with the same rules `lz plan` and `pulumi up` apply. */
export async function tenantValidate(_input: unknown, io: Io): Promise<number> {
  const registry = readTenantRegistry(registryRoot());
  if (registry.issues.length) return reportIssues("validate", registry.issues, io);
  const byStack = new Map<string, number>();
  for (const t of registry.tenants) byStack.set(t.stack, (byStack.get(t.stack) ?? 0) + 1);
  const counts = [...byStack.entries()].sort().map(([s, n]) => `${s}: ${n}`);
  io.out(`${registry.tenants.length} tenant file(s) valid${counts.length ? ` (${counts.join(", ")})` : ""}`);
  return EXIT_OK;
}
