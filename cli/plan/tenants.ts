import { PlanResource, PlanResult } from "../../lib/plan";
import { SUMMARY_SECTIONS, SummarySection } from "./sections";
import { table } from "./summary";

export const TENANT_COMPONENT = "landing-zone:tenant:Tenant";

interface TenantRow {
  slug: string;
  status: string;
  hostname: string;
  resources: number;
  access: boolean;
  dataKept: string;
}

/** The stack's tenants, from the plan alone: one row per Tenant component, with what its status left. */
export function tenantRows(plan: PlanResult): TenantRow[] {
  const tenants = plan.resources.filter((r) => r.type === TENANT_COMPONENT);
  if (tenants.length === 0) return [];
  const rows = new Map<string, TenantRow>(
    tenants.map((t) => [t.urn, { slug: String(t.inputs.slug ?? t.name), status: String(t.inputs.status ?? "?"), hostname: "-", resources: 0, access: false, dataKept: "-" }]),
  );
  const parentOf = new Map(plan.resources.map((r) => [r.urn, r.parent]));
  const ownerOf = (r: PlanResource): TenantRow | undefined => {
    for (let p = r.parent; p; p = parentOf.get(p) ?? null) {
      const row = rows.get(p);
      if (row) return row;
    }
    return undefined;
  };
  for (const r of plan.resources) {
    const row = r.custom !== false ? ownerOf(r) : undefined;
    if (!row) continue;
    row.resources++;
    if (r.type === "cloudflare:index/dnsRecord:DnsRecord") row.hostname = String(r.inputs.name ?? "-");
    if (r.type === "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication") row.access = true;
    if (r.type === "aws:kms/key:Key") row.dataKept = r.protect ? "retained, protected" : r.retainOnDelete ? "retained" : "NOT retained";
  }
  return [...rows.values()].sort((a, b) => a.slug.localeCompare(b.slug));
}

export const tenantsSection: SummarySection = {
  title: "Tenants",
  render(plan) {
    const rows = tenantRows(plan);
    if (rows.length === 0) return undefined;
    return table([
      ["SLUG", "STATUS", "HOSTNAME", "ACCESS", "RESOURCES", "KEY AND BUCKET"],
      ...rows.map((r) => [r.slug, r.status, r.hostname, r.access ? "yes" : "removed", String(r.resources), r.dataKept]),
    ]);
  },
};

SUMMARY_SECTIONS.push(tenantsSection);
