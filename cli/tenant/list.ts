import { readStackZones, readTenantRegistry, registryRoot, Tenant } from "../../config/tenants";
import { TENANT_STATUSES } from "../../config/schema/tenant";
import { didYouMean } from "../../config/schema/zodIssues";
import type { Input, TENANT_LIST_OPTIONS } from "../commands";
import { EXIT_OK, EXIT_USAGE, Io, UsageError } from "../io";
import { inboundPrefix } from "../../lib/iam/tenantBucketPolicy";
import { declaredGrants } from "../../lib/tenants/shares";

function formatTable(rows: string[][], indent: string): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/** The listing: one block per stack, one table per status within it. */
export function renderTenantList(tenants: readonly Tenant[], zones: ReadonlyMap<string, { zone?: string; capacity?: number }>): string {
  if (tenants.length === 0) return "no tenants (add one with `lz tenant add`)";
  const stacks = [...new Set(tenants.map((t) => t.stack))].sort();
  const out: string[] = [];
  for (const stack of stacks) {
    const mine = tenants.filter((t) => t.stack === stack);
    const zone = zones.get(stack)?.zone;
    out.push(`${stack}${zone ? ` (zone ${zone})` : ""}: ${mine.length} tenant${mine.length === 1 ? "" : "s"}`);
    const byCell = new Map<string, number>();
    for (const t of mine) byCell.set(t.cell ?? stack, (byCell.get(t.cell ?? stack) ?? 0) + 1);
    if (mine.some((t) => t.cell)) {
      const capacity = (c: string) => zones.get(c)?.capacity;
      out.push(`  by cell: ${[...byCell].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => (c === stack ? `${n} in ${stack} itself` : `${c} ${n}${capacity(c) !== undefined ? `/${capacity(c)}` : ""}`)).join(", ")}`);
    }
    for (const status of TENANT_STATUSES) {
      const rows = mine.filter((t) => t.status === status);
      if (rows.length === 0) continue;
      out.push(`  ${status} (${rows.length})`);
      const header = ["SLUG", "CELL", "NAME", "HOSTNAME", "CUSTOM HOSTNAME", "CLASSIFICATION", "RETENTION", "SFTP", "OKTA GROUPS"];
      const sftp = (t: Tenant) => (t.sftp ? `${t.sftp.publicKeys.length} key${t.sftp.publicKeys.length === 1 ? "" : "s"}` : "-");
      out.push(
        formatTable(
          [header, ...rows.map((t) => [t.slug, t.cell ?? "-", t.displayName, t.hostname, t.customHostname ?? "-", t.dataClassification, `${t.retentionDays} d`, sftp(t), t.oktaGroups.join(", ")])],
          "    ",
        ),
      );
    }
    const grants = renderGrants(mine);
    if (grants) out.push(grants);
  }
  return out.join("\n");
}

/** The stack's sharing grants (lib/tenants/shares.ts): who delivers to whom, where, and whether it is in force. */
export function renderGrants(tenants: readonly Tenant[]): string | undefined {
  const grants = declaredGrants(tenants);
  if (grants.length === 0) return undefined;
  const status = new Map(tenants.map((t) => [t.slug, t.status]));
  const why = (g: (typeof grants)[number]) => {
    if (g.inForce) return "yes";
    const idle = [g.to, g.from].filter((s) => status.get(s) !== "active").map((s) => `${s} is ${status.get(s)}`);
    return `no: ${idle.join(", ")}`;
  };
  const rows = grants.map((g) => [g.to, g.from, g.access, inboundPrefix(g.from), why(g)]);
  return [`  grants (${grants.length}): the sender may put objects in the owner's bucket with the owner's key, never read them`, formatTable([["OWNER", "SENDER", "ACCESS", "FOLDER", "IN FORCE"], ...rows], "    ")].join("\n");
}

/** `lz tenant list`: the registry per stack and status. Invalid files are reported and make it exit 2. */
export async function tenantList({ values }: Input<typeof TENANT_LIST_OPTIONS>, io: Io): Promise<number> {
  const root = registryRoot();
  const zones = readStackZones(root);
  if (values.stack && !zones.has(values.stack)) {
    const hint = didYouMean(values.stack, [...zones.keys()]);
    throw new UsageError(`lz tenant list: there is no stack "${values.stack}"${hint ? `; did you mean ${hint}?` : ""}; stacks: ${[...zones.keys()].join(", ")}`);
  }
  const registry = readTenantRegistry(root, zones);
  const tenants = registry.tenants.filter((t) => !values.stack || t.stack === values.stack);
  if (values.json) io.out(JSON.stringify(tenants, null, 2));
  else io.out(renderTenantList(tenants, zones));
  if (registry.issues.length) {
    io.err(`lz tenant list: ${registry.issues.length} problem(s) in tenant files, not listed above; run \`lz tenant validate\``);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
