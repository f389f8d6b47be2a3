import { PlanResource } from "../../lib/plan";
import { Located, PlanIndex, str, tag } from "./planIndex";

/** A tenant component: `landing-zone:<module>:Tenant`. */
export const isTenantType = (type: string): boolean => /^landing-zone:[^:]+:Tenant$/.test(type);

const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const BUCKETS = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
const HOSTNAME_SOURCES: Record<string, string> = {
  "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication": "domain",
  "cloudflare:index/dnsRecord:DnsRecord": "name",
  "cloudflare:index/record:Record": "name",
};

export interface TenantRow {
  /** The stack that holds the tenant: a tenant cell, or its workload stack (the layout before cells). */
  readonly stack: string;
  /** The tenant's environment: the workload stack (a cell's `workloadStack` output), else the stack itself. */
  readonly environment: string;
  readonly slug: string;
  readonly status?: string;
  readonly hostname?: string;
  readonly bucket?: { readonly name: string; readonly protect: boolean; readonly retainOnDelete: boolean };
  readonly keyAlias?: string;
  readonly keyProtect?: boolean;
  readonly keyRetainOnDelete?: boolean;
  /** Custom resources that belong to the tenant. */
  readonly resources: number;
}

/**
 * The tenants the plans provision: one row per Tenant component (its slug from the component's
 * inputs or its children's `tenant` tag), or, when no component exists, per distinct `tenant` tag.
 */
export function tenantRows(index: PlanIndex): TenantRow[] {
  const rows: TenantRow[] = [];
  const envOf = new Map(index.results.map((p) => [p.stack, p.role === "tenant-cell" && typeof p.outputs.workloadStack === "string" ? p.outputs.workloadStack : p.stack]));
  const row = (stack: string, slug: string, status: string | undefined, hostname: string | undefined, below: Located[]) => rowOf(stack, envOf.get(stack) ?? stack, slug, status, hostname, below);
  const components = index.matching(isTenantType);
  if (components.length) {
    for (const c of components) {
      const below = index.descendants(c.r.urn).filter((l) => l.r.custom !== false);
      const slug = str(c.r, "slug") ?? below.map((l) => tag(l.r, "tenant")).find((t) => !!t) ?? c.r.name;
      rows.push(row(c.stack, slug, str(c.r, "status"), str(c.r, "hostname"), below));
    }
  } else {
    const byTag = new Map<string, Located[]>();
    for (const plan of index.results) {
      for (const r of plan.resources) {
        const t = tag(r, "tenant");
        if (!t || r.custom === false) continue;
        const key = `${plan.stack}\u0000${t}`;
        byTag.set(key, [...(byTag.get(key) ?? []), { stack: plan.stack, r }]);
      }
    }
    for (const [key, list] of byTag) {
      const [stack, slug] = key.split("\u0000");
      rows.push(row(stack, slug, undefined, undefined, list));
    }
  }
  // Grouped by environment, then by the cell (or workload stack) that holds them.
  return rows.sort((a, b) => a.environment.localeCompare(b.environment) || a.stack.localeCompare(b.stack) || a.slug.localeCompare(b.slug));
}

function rowOf(stack: string, environment: string, slug: string, status: string | undefined, hostname: string | undefined, below: Located[]): TenantRow {
  const of = (pred: (r: PlanResource) => boolean) => below.map((l) => l.r).filter(pred);
  const bucket = of((r) => BUCKETS.has(r.type))[0];
  const key = of((r) => r.type === KEY)[0];
  const alias = of((r) => r.type === ALIAS)[0];
  let host = hostname;
  for (const r of below.map((l) => l.r)) {
    const field = HOSTNAME_SOURCES[r.type];
    if (!host && field) host = str(r, field);
  }
  return {
    stack,
    environment,
    slug,
    ...(status ? { status } : {}),
    ...(host ? { hostname: host } : {}),
    ...(bucket ? { bucket: { name: str(bucket, "bucket") ?? bucket.name, protect: bucket.protect, retainOnDelete: bucket.retainOnDelete } } : {}),
    ...(alias ? { keyAlias: str(alias, "name") ?? alias.name } : {}),
    ...(key ? { keyProtect: key.protect, keyRetainOnDelete: key.retainOnDelete } : {}),
    resources: below.length,
  };
}
