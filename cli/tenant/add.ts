import * as fs from "fs";
import * as path from "path";
import { cellsOf, parseTenantSources, readStackZones, readTenantSources, registryRoot, renderTenantFile, StackZones, TENANTS_FOLDER, TenantSource, tenantsDir } from "../../config/tenants";
import { leastFilledCell } from "../../lib/tenants/cells";
import { CONTACT_ROLES, type TenantFile } from "../../config/schema/tenant";
import { didYouMean } from "../../config/schema/zodIssues";
import type { Input, TENANT_ADD_OPTIONS } from "../commands";
import { EXIT_OK, Io, UsageError } from "../io";
import { reportIssues } from "./issues";

const USAGE = 'lz tenant add <slug> --stack <stack> --hostname <fqdn> [--cell <cell>] [--okta-group G ...] [--classification C] [--display-name NAME] [--retention-days N] [--contact "[role:]Name <email>" ...] [--custom-hostname FQDN] [--origin URL]';

/** Seven years: a common records-retention period for regulated data. */
export const DEFAULT_RETENTION_DAYS = 2555;
export const DEFAULT_CLASSIFICATION = "confidential";

/** `[role:]Name <email>`: a role is a lower-case word right before the first colon. */
const CONTACT = /^(?:([a-z][a-z-]*):)?\s*(.+?)\s*<([^<>\s]+)>$/;

function titleCase(slug: string): string {
  return slug
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

function parseContact(text: string): { name: string; email: string; role: string } {
  const m = CONTACT.exec(text.trim());
  if (!m) throw new UsageError(`lz tenant add: --contact "${text}" is not "[role:]Name <email>", e.g. --contact "security:Acme SecOps <secops@acme.example>"`);
  const role = m[1] ?? "technical";
  if (!(CONTACT_ROLES as readonly string[]).includes(role)) {
    const hint = didYouMean(role, CONTACT_ROLES);
    throw new UsageError(`lz tenant add: --contact "${text}": the role "${role}" is not one of ${CONTACT_ROLES.join(", ")}${hint ? `; did you mean ${hint}?` : ""}`);
  }
  return { role, name: m[2], email: m[3] };
}

/**
 * `lz tenant add`: writes `tenants/<slug>.yaml` after checking it with the rest of the registry (the
 * same checks as `lz plan`), so a file it writes is always valid. A duplicate slug or host name, a
 * host name outside the stack's zone or a bad value writes nothing and exits 2.
 */
export async function tenantAdd({ values, positionals }: Input<typeof TENANT_ADD_OPTIONS>, io: Io): Promise<number> {
  const missing = (["stack", "hostname"] as const).filter((k) => !values[k]);
  if (missing.length) throw new UsageError(`lz tenant add: --${missing.join(" and --")} ${missing.length > 1 ? "are" : "is"} required\nusage: ${USAGE}`);

  const slug = positionals[0];
  const root = registryRoot();
  const stacks = readStackZones(root);
  const zone = stacks.get(values.stack as string)?.zone;
  const retention = values["retention-days"];
  const existing = readTenantSources(root);
  const cell = values.cell ?? pickCell(values.stack as string, stacks, existing, root);
  const tenant: Record<string, unknown> = {
    slug,
    displayName: values["display-name"] ?? titleCase(slug),
    stack: values.stack,
    ...(cell ? { cell } : {}),
    hostname: (values.hostname as string).toLowerCase(),
    oktaGroups: values["okta-group"]?.length ? values["okta-group"] : [`${slug}-users`],
    dataClassification: values.classification ?? DEFAULT_CLASSIFICATION,
    retentionDays: retention === undefined ? DEFAULT_RETENTION_DAYS : /^\d+$/.test(retention) ? Number(retention) : retention,
    contacts: values.contact?.length ? values.contact.map(parseContact) : [{ name: "Platform engineering", email: `platform@${zone ?? "example.com"}`, role: "technical" }],
    status: "active",
  };
  if (values["custom-hostname"]) tenant.customHostname = values["custom-hostname"].toLowerCase();
  if (values.origin) tenant.origin = values.origin;

  const file = `${TENANTS_FOLDER}/${slug}.yaml`;
  if (existing.some((s) => s.file === file) || fs.existsSync(path.join(root, file))) {
    return reportIssues("add", [{ file, path: "slug", message: `tenant "${slug}" already exists; edit ${file} instead (to suspend or offboard it, change its status)` }], io);
  }
  // The new file goes last, so a clash is reported against it rather than against the file it copies.
  const text = renderTenantFile(tenant as TenantFile);
  const check = parseTenantSources([...existing, { file, text }], stacks);
  // The new file's own problems, and what it does to others: a cell it fills past its capacity.
  const before = new Set(parseTenantSources(existing, stacks).issues.map((i) => `${i.file}|${i.path}|${i.message}`));
  const own = check.issues.filter((i) => i.file === file || (cell !== undefined && i.file === `Pulumi.${cell}.yaml` && !before.has(`${i.file}|${i.path}|${i.message}`)));
  if (own.length) return reportIssues("add", own, io);

  fs.mkdirSync(tenantsDir(root), { recursive: true });
  fs.writeFileSync(path.join(root, file), text, { flag: "wx" });
  io.out(`wrote ${file}: ${slug} (${tenant.hostname}) in ${cell ? `cell ${cell} of ` : ""}${values.stack}, status active`);
  if (!values.contact?.length) io.out(`note: the contact is a placeholder; add the tenant's own with --contact or by editing ${file}`);
  if (!cell && stacks.get(values.stack as string)?.role === "workload") io.out(`note: ${values.stack} has no tenant cell, so the tenant lives in the workload stack itself; add Pulumi.${values.stack}-cell-01.yaml to keep it small (docs/CELLS.md)`);
  io.out(`next: open a pull request with ${file}; \`lz plan ${cell ?? values.stack}\` shows what it provisions`);
  return EXIT_OK;
}

/**
 * The cell a new tenant of `workload` goes to: the least-filled cell with room. Undefined when the
 * environment has no cell (the tenant then lives in the workload stack). A UsageError when every
 * cell is full: adding a cell is a reviewed change of its own.
 */
function pickCell(workload: string, stacks: StackZones, existing: readonly TenantSource[], root: string): string | undefined {
  const cells = cellsOf(stacks, workload);
  if (cells.length === 0) return undefined;
  const held = new Map<string, number>();
  for (const t of parseTenantSources(existing, stacks).tenants) if (t.cell) held.set(t.cell, (held.get(t.cell) ?? 0) + 1);
  const loads = cells.map((c) => ({ stack: c.stack, capacity: c.capacity ?? 0, tenants: held.get(c.stack) ?? 0 }));
  const pick = leastFilledCell(loads);
  if (!pick) {
    const summary = loads.map((l) => `${l.stack} ${l.tenants}/${l.capacity}`).join(", ");
    throw new UsageError(`lz tenant add: every cell of ${workload} is full (${summary}); add the next cell, a Pulumi.${workload}-cell-<nn>.yaml like the others in ${root} (docs/CELLS.md), or name one with --cell`);
  }
  return pick;
}
