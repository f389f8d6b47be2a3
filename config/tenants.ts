import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { cellWorkloadOf, DEFAULT_CELL_CAPACITY } from "../lib/tenants/cells";
import { SAAS_FALLBACK_LABEL } from "../lib/tenants/names";
import type { ConfigIssue } from "./errors";
import { listStacks, projectRoot, rawFromStackFile, readStackFile } from "./files";
import { TenantFile, tenantSchema } from "./schema/tenant";
import { parseTenantYaml } from "./yamlCache";
import { snapshotted } from "./snapshot";
import { zodToIssues } from "./schema/zodIssues";

/**
 * The tenant registry: `tenants/<slug>.yaml`, one file per white-label tenant. Read and checked as a
 * whole (unique slugs and host names, each tenant's stack and zone), every problem reported at once.
 *
 * This module must not load the Pulumi SDK: `lz tenant` imports it and should start in a blink. So
 * it imports ConfigIssue as a type only, and reads stack files with a YAML parser of its own.
 */

/** A valid tenant, as the program and `lz tenant` see it. */
export type Tenant = Readonly<TenantFile> & {
  /** The file it came from, relative to the project root: `tenants/acme.yaml`. */
  readonly file: string;
};

/** What the registry needs to know of a stack: its role and, for workload stacks, its Cloudflare zone. */
export interface StackZone {
  readonly stack: string;
  /** Undefined when the stack file could not be read (its own errors are reported elsewhere). */
  readonly role?: string;
  /** The Cloudflare zone the stack serves (`example.net`); undefined when not configured. */
  readonly zone?: string;
  /** Host names the stack's Zero Trust config already uses for its own apps. Default: none. */
  readonly reservedHosts?: readonly string[];
  /** For a tenant cell: the workload stack it serves (`refs.workload`, else its name's prefix). */
  readonly workload?: string;
  /** For a tenant cell: the most tenants it holds (`cell.capacity`, default 50). */
  readonly capacity?: number;
}

export type StackZones = ReadonlyMap<string, StackZone>;

export interface TenantRegistry {
  /** The valid tenants, sorted by slug. */
  readonly tenants: readonly Tenant[];
  /** Every problem in every file. */
  readonly issues: readonly ConfigIssue[];
}

/** One tenant file's text. */
export interface TenantSource {
  /** Relative to the project root: `tenants/acme.yaml`. */
  readonly file: string;
  readonly text: string;
}

export const TENANTS_FOLDER = "tenants";

/** The project root the registry is read from (`LZ_PROJECT_ROOT`, else the checkout). */
export function registryRoot(): string {
  return projectRoot();
}

export function tenantsDir(root: string = registryRoot()): string {
  return path.join(root, TENANTS_FOLDER);
}

/**
 * The Cloudflare zone a workload stack serves, from its `landing-zone:` values (namespace
 * stripped): `cloudflare.zone`, which the Zero Trust schema (config/schema/zeroTrust.ts) validates.
 */
export function zoneOfValues(values: Readonly<Record<string, unknown>>): string | undefined {
  const zone = cloudflareOf(values)?.zone;
  return typeof zone === "string" && zone ? zone.toLowerCase() : undefined;
}

/** Host names the stack's own Zero Trust config routes or protects (`cloudflare.ingress`, `cloudflare.apps`). */
export function reservedHostsOfValues(values: Readonly<Record<string, unknown>>): string[] {
  const cf = cloudflareOf(values);
  const hosts: string[] = [];
  for (const list of [cf?.ingress, cf?.apps]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) if (item && typeof item.hostname === "string") hosts.push(item.hostname.toLowerCase());
  }
  return hosts;
}

function cloudflareOf(values: Readonly<Record<string, unknown>>): Record<string, any> | undefined {
  const cf = values.cloudflare;
  return cf && typeof cf === "object" && !Array.isArray(cf) ? (cf as Record<string, any>) : undefined;
}

function stackZone(stack: string, role: string | undefined, values: Readonly<Record<string, unknown>>, workloadRef?: string): StackZone {
  const zone: StackZone = { stack, role, zone: zoneOfValues(values), reservedHosts: reservedHostsOfValues(values) };
  if (role !== "tenant-cell") return zone;
  const refs = values.refs as Record<string, unknown> | undefined;
  const cell = values.cell as Record<string, unknown> | undefined;
  const workload = workloadRef ?? (typeof refs?.workload === "string" ? refs.workload : cellWorkloadOf(stack));
  const capacity = typeof cell?.capacity === "number" ? cell.capacity : DEFAULT_CELL_CAPACITY;
  return { ...zone, workload, capacity };
}

/** Stack roles and zones from parsed stack configs; `all` names every stack, parsed or not. */
export function stackZonesFromConfigs(configs: readonly { readonly stack: string; readonly role: string; readonly refStacks?: { readonly workload?: string } }[], all: Iterable<string> = []): Map<string, StackZone> {
  const out = new Map<string, StackZone>();
  for (const stack of all) out.set(stack, { stack });
  for (const c of configs) out.set(c.stack, stackZone(c.stack, c.role, c as unknown as Record<string, unknown>, c.refStacks?.workload));
  return out;
}

/** Stack roles and zones read straight from `Pulumi.<stack>.yaml` (no validation: `lz plan` does that). */
export function readStackZones(root: string = registryRoot()): Map<string, StackZone> {
  const out = new Map<string, StackZone>();
  for (const stack of listStacks(root)) {
    try {
      const values = rawFromStackFile(readStackFile(root, stack)).values;
      out.set(stack, stackZone(stack, typeof values.role === "string" ? values.role : undefined, values as Record<string, unknown>));
    } catch {
      out.set(stack, { stack });
    }
  }
  return out;
}

/** The registry's files, sorted by name. A missing folder is an empty registry. */
export function readTenantSources(root: string = registryRoot()): readonly TenantSource[] {
  return snapshotted("tenant-files", root, "", () => readTenantSourcesNow(root));
}

function readTenantSourcesNow(root: string): TenantSource[] {
  const dir = tenantsDir(root);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: `${TENANTS_FOLDER}/${f}`, text: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/** Reads and checks every tenant file of the project at `root` against its stacks. */
export function readTenantRegistry(root: string = registryRoot(), stacks: StackZones = readStackZones(root)): TenantRegistry {
  return parseTenantSources(readTenantSources(root), stacks);
}

/** The workload stacks, for messages. */
function workloadStacks(stacks: StackZones): string[] {
  return [...stacks.values()].filter((s) => s.role === "workload").map((s) => s.stack);
}

/** `acme.example.net` in zone `example.net`: exactly one label under the zone. */
export function isDirectlyUnder(hostname: string, zone: string): boolean {
  return hostname.endsWith(`.${zone}`) && !hostname.slice(0, -(zone.length + 1)).includes(".");
}

function isWithin(hostname: string, zone: string): boolean {
  return hostname === zone || hostname.endsWith(`.${zone}`);
}

type TenantText = { readonly ok: true; readonly tenant: Readonly<TenantFile> } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * The YAML and schema checks of one file's text, which depend on nothing else. One `lz plan` reads
 * the registry several times (the cross-stack check, then each stack's program), so the result is
 * kept by file and text: a changed file is read afresh. The tenant is frozen, being shared.
 */
const textCache = new Map<string, TenantText>();
const TEXT_CACHE_MAX = 20000;

function readTenantText(file: string, text: string): TenantText {
  const key = `${file}\0${text}`;
  const hit = textCache.get(key);
  if (hit) return hit;
  const out = parseTenantText(file, text);
  if (textCache.size >= TEXT_CACHE_MAX) textCache.clear();
  textCache.set(key, out);
  return out;
}

function parseTenantText(file: string, text: string): TenantText {
  const issue = (message: string): TenantText => ({ ok: false, issues: [{ file, path: "", message }] });
  let doc: unknown;
  try {
    doc = parseTenantYaml(text);
  } catch (err) {
    return issue(`cannot read it as YAML: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    return issue("must be a map of tenant keys (slug, displayName, stack, hostname, ...); see docs/TENANTS.md");
  }
  const parsed = tenantSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, issues: zodToIssues(file, "", tenantSchema, doc, parsed.error) };
  return { ok: true, tenant: deepFreeze(parsed.data) };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Checks every tenant source. Linear in the number of files: uniqueness through one index of slugs
 * and host names built as the files are read.
 */
export function parseTenantSources(sources: readonly TenantSource[], stacks: StackZones): TenantRegistry {
  const issues: ConfigIssue[] = [];
  const tenants: Tenant[] = [];
  const slugs = new Map<string, string>();
  const hosts = new Map<string, string>();
  const zones = [...stacks.values()].filter((s) => s.role === "workload" && s.zone).map((s) => s.zone as string);
  const workloads = workloadStacks(stacks);
  const parsed: ParsedTenant[] = [];

  for (const { file, text } of sources) {
    const before = issues.length;
    const add = (p: string, message: string) => issues.push({ file, path: p, message });
    const base = path.posix.basename(file);
    if (!base.endsWith(".yaml")) {
      add("", `tenant files end in .yaml: rename it to ${base.replace(/\.yml$/, ".yaml")}`);
      continue;
    }
    const read = readTenantText(file, text);
    if (!read.ok) {
      issues.push(...read.issues);
      continue;
    }
    const t = read.tenant;
    parsed.push({ tenant: t, file });
    const expected = base.slice(0, -".yaml".length);
    if (t.slug !== expected) add("slug", `"${t.slug}" does not match the file name: rename the file to ${t.slug}.yaml, or set slug: ${expected}`);
    const firstSlug = slugs.get(t.slug);
    if (firstSlug) add("slug", `"${t.slug}" is already the slug of ${firstSlug}; slugs must be unique`);
    else slugs.set(t.slug, file);

    const stack = stacks.get(t.stack);
    if (!stack) {
      add("stack", `"${t.stack}" is not a stack of this project (no Pulumi.${t.stack}.yaml); tenants live in a workload stack: ${workloads.join(", ") || "(none)"}`);
    } else if (stack.role !== undefined && stack.role !== "workload") {
      add("stack", `"${t.stack}" is a ${stack.role} stack; tenants live in a workload stack: ${workloads.join(", ") || "(none)"}`);
    } else if (stack.zone) {
      const zone = stack.zone;
      if (!isDirectlyUnder(t.hostname, zone)) {
        add("hostname", `"${t.hostname}" is not in the ${t.stack} stack's zone ${zone}: use one label under it, e.g. ${t.slug}.${zone}`);
      } else if (t.hostname === `${SAAS_FALLBACK_LABEL}.${zone}`) {
        add("hostname", `"${t.hostname}" is reserved for the Cloudflare for SaaS fallback origin; use e.g. ${t.slug}.${zone}`);
      } else if (stack.reservedHosts?.includes(t.hostname)) {
        add("hostname", `"${t.hostname}" is already an internal app of the ${t.stack} stack (landing-zone:cloudflare in Pulumi.${t.stack}.yaml); use e.g. ${t.slug}.${zone}`);
      }
      if (t.customHostname) {
        const inZone = zones.find((z) => isWithin(t.customHostname as string, z));
        if (inZone) add("customHostname", `"${t.customHostname}" is in the platform's zone ${inZone}; a custom host name is the customer's own domain, e.g. portal.${t.slug}.example`);
      }
    }
    if (t.cell !== undefined) issues.push(...cellOfTenantIssues(file, t.stack, t.cell, stacks));
    for (const [key, host] of [["hostname", t.hostname], ["customHostname", t.customHostname]] as const) {
      if (!host) continue;
      const first = hosts.get(host);
      if (first) add(key, `"${host}" is already used by ${first}; host names must be unique across tenants`);
      else hosts.set(host, `${file} (${key})`);
    }
    if (issues.length === before) tenants.push({ ...t, file });
  }
  const badShares = shareIssues(parsed);
  if (badShares.length) {
    issues.push(...badShares);
    const withBadShares = new Set(badShares.map((i) => i.file));
    tenants.splice(0, tenants.length, ...tenants.filter((t) => !withBadShares.has(t.file)));
  }
  tenants.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  issues.push(...capacityIssues(tenants, stacks));
  return { tenants, issues };
}

/** A file that parsed, whatever else is wrong with it: shares may name it. */
interface ParsedTenant {
  readonly tenant: Readonly<TenantFile>;
  readonly file: string;
}

/** The cells of workload stack `workload`, sorted. */
export function cellsOf(stacks: StackZones, workload: string): StackZone[] {
  return [...stacks.values()].filter((s) => s.role === "tenant-cell" && s.workload === workload).sort((a, b) => (a.stack < b.stack ? -1 : 1));
}

/** A tenant's `cell`: a tenant-cell stack of the tenant's own workload stack. */
function cellOfTenantIssues(file: string, workload: string, cell: string, stacks: StackZones): ConfigIssue[] {
  const mine = cellsOf(stacks, workload).map((c) => c.stack);
  const choose = mine.length ? `cells of ${workload}: ${mine.join(", ")}` : `${workload} has no cell yet: add Pulumi.${workload}-cell-01.yaml (docs/CELLS.md)`;
  const s = stacks.get(cell);
  if (!s) return [{ file, path: "cell", message: `"${cell}" is not a stack of this project (no Pulumi.${cell}.yaml); ${choose}` }];
  if (s.role !== undefined && s.role !== "tenant-cell") return [{ file, path: "cell", message: `"${cell}" is a ${s.role} stack, not a tenant cell; ${choose}` }];
  if (s.role !== undefined && s.workload !== workload) {
    return [{ file, path: "cell", message: `"${cell}" is a cell of ${s.workload ?? "another stack"}, not of ${workload} (the tenant's stack): a tenant lives in a cell of its own environment; ${choose}` }];
  }
  return [];
}

/**
 * A cell holds at most its capacity. Reported on the cell's stack file, naming the tenants past
 * the limit (the last by slug), so the fix is one move or one raised number.
 */
function capacityIssues(tenants: readonly Tenant[], stacks: StackZones): ConfigIssue[] {
  const byCell = new Map<string, Tenant[]>();
  for (const t of tenants) {
    if (!t.cell) continue;
    const held = byCell.get(t.cell);
    if (held) held.push(t);
    else byCell.set(t.cell, [t]);
  }
  const issues: ConfigIssue[] = [];
  for (const [cell, held] of [...byCell].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const capacity = stacks.get(cell)?.capacity;
    if (capacity === undefined || held.length <= capacity) continue;
    const over = held.slice(capacity).map((t) => t.file);
    issues.push({
      file: `Pulumi.${cell}.yaml`,
      path: "landing-zone:cell.capacity",
      message: `the cell holds ${held.length} tenants, over its capacity of ${capacity}: move ${over.length === 1 ? "one" : over.length} to another cell of ${held[0].stack} (lz tenant move; ${over.slice(0, 3).join(", ")}${over.length > 3 ? ", ..." : ""}), or raise cell.capacity`,
    });
  }
  return issues;
}

/**
 * The checks of `shares` that need the other files: the named tenant exists, is not the tenant
 * itself, lives in the same stack (a grant is a key and bucket policy in one account), and is
 * named once.
 */
function shareIssues(parsed: readonly ParsedTenant[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const sharing = parsed.filter((p) => p.tenant.shares?.length);
  if (sharing.length === 0) return issues;
  const tenants = parsed.map((p) => ({ ...p.tenant, file: p.file }));
  const bySlug = new Map<string, Readonly<TenantFile> & { file: string }>();
  for (const t of tenants) if (!bySlug.has(t.slug)) bySlug.set(t.slug, t);
  for (const t of tenants) {
    const seen = new Map<string, number>();
    (t.shares ?? []).forEach((s, i): void => {
      const at = `shares[${i}].with`;
      const add = (message: string) => issues.push({ file: t.file, path: at, message });
      const first = seen.get(`${s.with}\0${s.access}`);
      if (first !== undefined) return void add(`"${s.with}" is already granted ${s.access} at shares[${first}]; list each grant once`);
      seen.set(`${s.with}\0${s.access}`, i);
      if (s.with === t.slug) return void add(`"${s.with}" is this tenant itself; a tenant already owns its bucket and key, so share with another tenant's slug`);
      const other = bySlug.get(s.with);
      if (!other) {
        const same = tenants.filter((x) => x.stack === t.stack && x.slug !== t.slug).map((x) => x.slug);
        return void add(`"${s.with}" is not a tenant (no tenants/${s.with}.yaml); tenants of the ${t.stack} stack: ${same.join(", ") || "(none other)"}`);
      }
      if (other.stack !== t.stack) {
        add(`"${s.with}" lives in the ${other.stack} stack and this tenant in ${t.stack}; shares stay within one environment (one account's keys and buckets), so ${s.with} cannot be granted access to ${t.stack} data`);
      }
    });
  }
  return issues;
}

/**
 * The tenants one stack hosts: a cell's, or those of a workload stack that name no cell (the
 * layout before cells).
 */
export function tenantsOfStack(registry: TenantRegistry, stack: string): Tenant[] {
  return registry.tenants.filter((t) => (t.cell ?? t.stack) === stack);
}

/** Every tenant of an environment, in its workload stack or in any of its cells. */
export function tenantsOfEnvironment(registry: TenantRegistry, workload: string): Tenant[] {
  return registry.tenants.filter((t) => t.stack === workload);
}

/** A tenant file's text, as `lz tenant add` writes it: keys in schema order, a comment on top. */
export function renderTenantFile(t: TenantFile): string {
  const body = YAML.stringify(t, { lineWidth: 0 });
  return `# Tenant ${t.slug}: see docs/TENANTS.md. Deleting this file never deletes the tenant's data.\n${body}`;
}
