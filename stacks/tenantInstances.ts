import { Tenant as TenantComponent } from "../components/tenant/tenant";
import { TenantArgs } from "../components/tenant/args";
import { Tenant } from "../config/tenants";
import { grantsOf } from "../lib/tenants/shares";

/** What the stack outputs of its tenants. */
export interface TenantInstances {
  /** By slug: host name, status and the ARNs and names of the tenant's data. */
  readonly summary: Record<string, unknown>;
  /** By slug: the records a customer publishes for its own domain. */
  readonly customHostnameRecords: Record<string, unknown>;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One Tenant component per tenant, with the same shared args for every one (no per-tenant lookups
 * or data sources), in the workload stack (tenants that name no cell) or in a cell. Each tenant's
 * Access audience goes to `requireAudience` for the tunnel that routes its host names. Shares are
 * resolved over the whole environment (`environment`): a tenant may deliver to one in another
 * cell, whose role and bucket derive from its slug and the account (lib/tenants/names.ts).
 */
export async function buildTenants(
  shared: Omit<TenantArgs, "tenant">,
  tenants: readonly Tenant[],
  environment: readonly Tenant[],
  requireAudience: (hostname: string, aud: NonNullable<TenantComponent["accessAud"]>) => void,
): Promise<TenantInstances> {
  const summary: Record<string, unknown> = {};
  const records: Record<string, unknown> = {};
  for (const t of tenants) {
    // One turn of the event loop per tenant: the SDK's pending registrations of the tenant before
    // (hundreds of promises per resource) settle instead of piling up for the whole registry. Under
    // `lz plan` that halves the plan of 300 tenants and keeps 1,000 linear (docs/BENCHMARKS.md);
    // for `pulumi up` it changes nothing but the order of the language host's work.
    await nextTurn();
    const grants = grantsOf(t.slug, environment);
    const tenant = new TenantComponent({ ...shared, tenant: { ...t, ...grants } });
    // The tunnel routes the tenant's host names (lib/tenants/ingress.ts); cloudflared checks this audience.
    if (tenant.accessAud) {
      requireAudience(t.hostname, tenant.accessAud);
      if (t.customHostname) requireAudience(t.customHostname, tenant.accessAud);
    }
    summary[t.slug] = {
      hostname: t.hostname,
      status: t.status,
      roleArn: tenant.roleArn,
      keyArn: tenant.keyArn,
      bucket: tenant.bucketName,
      settingsSecretArn: tenant.secretArn,
      ...grants,
      ...(tenant.sftpUserName ? { sftpUser: tenant.sftpUserName } : {}),
    };
    if (tenant.customHostnameRecords) records[t.slug] = tenant.customHostnameRecords;
  }
  return { summary, customHostnameRecords: records };
}
