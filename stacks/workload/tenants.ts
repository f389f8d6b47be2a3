import { SaasFallbackOrigin } from "../../components/tenant/saasFallbackOrigin";
import { TenantArgs } from "../../components/tenant/args";
import { WorkloadConfig } from "../../config";
import { Tenant } from "../../config/tenants";
import { statusEffects } from "../../lib/tenants/status";
import { TenantPlatformInput } from "../cell/platform";
import { StackContext } from "../context";
import { buildTenants } from "../tenantInstances";
import { WorkloadDataPlane } from "./dataPlane";
import { WorkloadEdge } from "./edge";
import { WorkloadNetwork } from "./network";

/** The tenants registered for this stack (tenants/*.yaml), as plain validated data (config/index.ts loadStack). */
export interface StackTenants {
  /** The tenants the workload stack itself holds (those that name no cell), every status, sorted by slug. */
  readonly tenants: readonly Tenant[];
  /** Every tenant of the environment, in a cell or not: the zone-wide pieces depend on them all. */
  readonly environment: readonly Tenant[];
}

/**
 * The environment's tenant platform: the zone's Cloudflare for SaaS fallback origin when any
 * tenant of the environment brings its own domain; the `tenantPlatform` output its cells read; and
 * the tenants that still live in the workload stack itself (the layout before cells), one Tenant
 * component each. The caller seals the edge's Access audiences once this resolves.
 */
export async function workloadTenants(ctx: StackContext<WorkloadConfig>, net: WorkloadNetwork, edge: WorkloadEdge, st: StackTenants, plane?: WorkloadDataPlane): Promise<Record<string, unknown>> {
  const cfg = ctx.cfg;
  const env = cfg.account.name;
  // A zone-wide setting, one per zone: it exists once one tenant of the environment has its own domain.
  const withOwnDomain = st.environment.some((t) => t.customHostname && statusEffects(t.status).reachable);
  const fallback = withOwnDomain
    ? new SaasFallbackOrigin(`${env}-saas`, { provider: edge.cloudflare, zoneId: edge.zoneId, zoneName: edge.zoneName, tunnelCname: edge.tunnelCname, regionKey: edge.regionKey })
    : undefined;

  const keyAdminArns = [edge.deploymentRoleArn];
  const shared: Omit<TenantArgs, "tenant"> = {
    protectData: cfg.account.environment === "prod",
    aws: {
      provider: ctx.aws,
      accountId: cfg.account.id,
      region: cfg.account.region,
      keyAdminArns,
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

  const platform: TenantPlatformInput = {
    accountId: cfg.account.id,
    region: cfg.account.region,
    vpc: { id: net.vpcId, cidr: net.vpcCidr, appSubnetIds: net.appSubnetIds, endpointSecurityGroupId: net.vpc.endpointSecurityGroupId },
    aws: { keyAdminArns, deploymentRoleArn: edge.deploymentRoleArn, appTaskRoleArn: edge.appTaskRoleArn },
    ...(plane?.perimeter ? { perimeter: plane.perimeter } : {}),
    ...(plane?.sftpServerId ? { sftpServerId: plane.sftpServerId } : {}),
    cloudflare: { oktaIdpId: edge.oktaIdpId, serviceTokenId: edge.serviceToken.id, ...(fallback ? { saasFallbackOrigin: fallback.hostname } : {}) },
    datadog: {
      notificationHandle: edge.notificationHandle,
      locations: [...edge.synthetics.locations],
      requestHeaders: edge.synthetics.requestHeaders,
      configVariables: edge.synthetics.configVariables,
    },
  };

  const own = await buildTenants(shared, st.tenants, st.environment, edge.requireAccessAudience);
  return {
    tenantPlatform: platform,
    tenants: own.summary,
    ...(fallback ? { tenantSaasFallbackOrigin: fallback.hostname, tenantCustomHostnameRecords: own.customHostnameRecords } : {}),
  };
}
