import { TenantStatus, tenantOrigin } from "./names";
import { statusEffects } from "./status";

/** What the tunnel needs to know of a tenant. */
export interface TenantIngressInput {
  readonly slug: string;
  readonly hostname: string;
  readonly status: TenantStatus;
  readonly customHostname?: string;
  readonly origin?: string;
}

/** One tunnel ingress rule: requests for `hostname` go to `service`. */
export interface TenantIngressRule {
  readonly hostname: string;
  readonly service: string;
}

/**
 * The tunnel ingress rules of the tenants: one per host name (the tenant's, and its custom host
 * name when it has one) for active and suspended tenants, none for offboarded ones. Suspended
 * tenants keep their rule: Access, in front of the tunnel, is what turns them away.
 *
 * The tunnel has a single configuration resource, so these rules are merged into it (before its
 * catch-all 404) by the Zero Trust part of the stack. Sorted by host name, so the configuration does
 * not change when tenant files are listed in another order. Linear in the number of tenants.
 */
export function tenantIngressRules(tenants: readonly TenantIngressInput[]): TenantIngressRule[] {
  const rules: TenantIngressRule[] = [];
  for (const t of tenants) {
    if (!statusEffects(t.status).reachable) continue;
    const service = tenantOrigin(t);
    rules.push({ hostname: t.hostname, service });
    if (t.customHostname) rules.push({ hostname: t.customHostname, service });
  }
  return rules.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
}
