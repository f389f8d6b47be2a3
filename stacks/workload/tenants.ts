import { SaasFallbackOrigin } from "../../components/tenant/saasFallbackOrigin";
import { Tenant as TenantComponent } from "../../components/tenant/tenant";
import { TenantArgs } from "../../components/tenant/args";
import { WorkloadConfig } from "../../config";
import { Tenant } from "../../config/tenants";
import { grantsOf } from "../../lib/tenants/shares";
import { statusEffects } from "../../lib/tenants/status";
import { StackContext } from "../context";
import { WorkloadDataPlane } from "./dataPlane";
import { WorkloadEdge } from "./edge";
import { WorkloadNetwork } from "./network";

/** The tenants registered for this stack (tenants/*.yaml), as plain validated data (config/index.ts loadStack). */
export interface StackTenants {
  /** This stack's tenants, every status, sorted by slug. */
  readonly tenants: readonly Tenant[];
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One Tenant component per registered tenant, plus the zone's Cloudflare for SaaS fallback origin
 * when a reachable tenant brings its own domain. Everything shared (providers, role ARNs, the
 * tunnel) is computed once here and passed to every tenant: no per-tenant lookups or data sources.
 * The caller seals the edge's Access audiences once this resolves.
 */
export async function workloadTenants(ctx: StackContext<WorkloadConfig>, _net: WorkloadNetwork, edge: WorkloadEdge, st: StackTenants, plane?: WorkloadDataPlane): Promise<Record<string, unknown>> {
  const cfg = ctx.cfg;
  const env = cfg.account.name;
  const withOwnDomain = st.tenants.some((t) => t.customHostname && statusEffects(t.status).reachable);
  const fallback = withOwnDomain
    ? new SaasFallbackOrigin(`${env}-saas`, { provider: edge.cloudflare, zoneId: edge.zoneId, zoneName: edge.zoneName, tunnelCname: edge.tunnelCname, regionKey: edge.regionKey })
    : undefined;

  const shared: Omit<TenantArgs, "tenant"> = {
    protectData: cfg.account.environment === "prod",
    aws: {
      provider: ctx.aws,
      accountId: cfg.account.id,
      region: cfg.account.region,
      keyAdminArns: [edge.deploymentRoleArn],
      deploymentRoleArn: edge.deploymentRoleArn,
      appTaskRoleArn: edge.appTaskRoleArn,
      perimeter: plane?.perimeter,
      sftpServerId: plane?.sftpServerId,
    },
    cloudflare: {
      provider: edge.cloudflare,
      accountId: edge.accountId,
      zoneId: edge.zoneId,
      tunnelCname: edge.tunnelCname,
      oktaIdpId: edge.oktaIdpId,
      serviceTokenId: edge.serviceToken.id,
      regionKey: edge.regionKey,
      customHostnameDependsOn: fallback?.fallbackOrigin,
    },
    datadog: {
      provider: edge.datadog,
      notificationHandle: edge.notificationHandle,
      locations: edge.synthetics.locations,
      requestHeaders: edge.synthetics.requestHeaders,
      configVariables: edge.synthetics.configVariables,
    },
  };

  const summary: Record<string, unknown> = {};
  const records: Record<string, unknown> = {};
  for (const t of st.tenants) {
    // One turn of the event loop per tenant: the SDK's pending registrations of the tenant before
    // (hundreds of promises per resource) settle instead of piling up for the whole registry. Under
    // `lz plan` that halves the plan of 300 tenants and keeps 1,000 linear (docs/BENCHMARKS.md);
    // for `pulumi up` it changes nothing but the order of the language host's work.
    await nextTurn();
    const tenant = new TenantComponent({ ...shared, tenant: { ...t, ...grantsOf(t.slug, st.tenants) } });
    // The tunnel routes the tenant's host names (lib/tenants/ingress.ts); cloudflared checks this audience.
    if (tenant.accessAud) {
      edge.requireAccessAudience(t.hostname, tenant.accessAud);
      if (t.customHostname) edge.requireAccessAudience(t.customHostname, tenant.accessAud);
    }
    summary[t.slug] = {
      hostname: t.hostname,
      status: t.status,
      roleArn: tenant.roleArn,
      keyArn: tenant.keyArn,
      bucket: tenant.bucketName,
      settingsSecretArn: tenant.secretArn,
      ...grantsOf(t.slug, st.tenants),
      ...(tenant.sftpUserName ? { sftpUser: tenant.sftpUserName } : {}),
    };
    if (tenant.customHostnameRecords) records[t.slug] = tenant.customHostnameRecords;
  }
  return {
    tenants: summary,
    ...(fallback ? { tenantSaasFallbackOrigin: fallback.hostname, tenantCustomHostnameRecords: records } : {}),
  };
}
