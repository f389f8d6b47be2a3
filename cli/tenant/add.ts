import * as fs from "fs";
import * as path from "path";
import { parseTenantSources, readStackZones, readTenantSources, registryRoot, renderTenantFile, TENANTS_FOLDER, tenantsDir } from "../../config/tenants";
import { CONTACT_ROLES, type TenantFile } from "../../config/schema/tenant";
import { didYouMean } from "../../config/schema/zodIssues";
import type { Input, TENANT_ADD_OPTIONS } from "../commands";
import { EXIT_OK, Io, UsageError } from "../io";
import { reportIssues } from "./issues";

const USAGE = 'lz tenant add <slug> --stack <stack> --hostname <fqdn> [--okta-group G ...] [--classification C] [--display-name NAME] [--retention-days N] [--contact "[role:]Name <email>" ...] [--custom-hostname FQDN] [--origin URL]';

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
  const tenant: Record<string, unknown> = {
    slug,
    displayName: values["display-name"] ?? titleCase(slug),
    stack: values.stack,
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
  const existing = readTenantSources(root);
  if (existing.some((s) => s.file === file) || fs.existsSync(path.join(root, file))) {
    return reportIssues("add", [{ file, path: "slug", message: `tenant "${slug}" already exists; edit ${file} instead (to suspend or offboard it, change its status)` }], io);
  }
  // The new file goes last, so a clash is reported against it rather than against the file it copies.
  const text = renderTenantFile(tenant as TenantFile);
  const check = parseTenantSources([...existing, { file, text }], stacks);
  const own = check.issues.filter((i) => i.file === file);
  if (own.length) return reportIssues("add", own, io);

  fs.mkdirSync(tenantsDir(root), { recursive: true });
  fs.writeFileSync(path.join(root, file), text, { flag: "wx" });
  io.out(`wrote ${file}: ${slug} (${tenant.hostname}) in ${values.stack}, status active`);
  if (!values.contact?.length) io.out(`note: the contact is a placeholder; add the tenant's own with --contact or by editing ${file}`);
  io.out(`next: open a pull request with ${file}; \`lz plan ${values.stack}\` shows what it provisions`);
  return EXIT_OK;
}
