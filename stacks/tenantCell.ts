import * as pulumi from "@pulumi/pulumi";
import { TenantArgs } from "../components/tenant/args";
import { cloudflareProvider } from "../components/providers/cloudflare";
import { datadogProvider } from "../components/providers/datadog";
import { AccessAudiences } from "../components/zeroTrust/audiences";
import { CloudflaredConnector } from "../components/zeroTrust/connector";
import { CloudflareTunnel, TunnelIngressRule } from "../components/zeroTrust/tunnel";
import { TenantCellConfig, WorkloadConfig } from "../config";
import { perimeterEnabled } from "../config/schema/dataPlane";
import { Tenant } from "../config/tenants";
import { AU_SYNTHETICS_LOCATION } from "../lib/observability/datadogSites";
import { tenantIngressRules } from "../lib/tenants/ingress";
import { assembleIngress, CATCH_ALL_SERVICE, originPort } from "../lib/zeroTrust/ingress";
import { platformField, TenantPlatform } from "./cell/platform";
import { StackContext } from "./context";
import { buildTenants } from "./tenantInstances";

function secret(cfg: TenantCellConfig, key: string): pulumi.Output<string> {
  const value = cfg.secrets[key];
  if (!value) throw new Error(`${cfg.file}: landing-zone:${key} is not loaded as a secret`);
  return value;
}

/**
 * The tenant-cell role (`<env>-cell-<nn>`): some of an environment's tenants, in the environment's
 * account, in a state of their own. What they share with the environment (VPC, Access, keys'
 * administrators, the app task role, the synthetics' credentials) comes from the workload stack's
 * `tenantPlatform` output; the shape-deciding values (zone, team, data localisation, Datadog site,
 * connector image) from its validated config.
 *
 * A cell routes its own tenants: a tunnel whose one configuration lists exactly the cell's tenants,
 * and a cloudflared connector in the workload VPC's app tier. With the tenants on the workload
 * stack's tunnel, adding a tenant would change the workload stack (its tunnel's ingress), which is
 * what cells exist to avoid; this way a tenant's onboarding is one cell's update, and a stuck cell
 * holds up only its own tenants.
 */
export async function tenantCell(ctx: StackContext<TenantCellConfig>, workload: WorkloadConfig, tenants: readonly Tenant[], environment: readonly Tenant[]): Promise<Record<string, unknown>> {
  const cfg = ctx.cfg;
  const cf = workload.cloudflare;
  const dd = workload.datadog;
  const name = cfg.stack;
  const platform = ctx.ref("workload").requireOutput("tenantPlatform") as pulumi.Output<TenantPlatform>;
  const field = <T>(pick: (p: TenantPlatform) => T | undefined, what: string): pulumi.Output<T> => platformField(platform, pick, what, workload.stack);

  const cfProvider = cloudflareProvider(`${name}-cloudflare`, { apiToken: secret(cfg, "cloudflareApiToken") });
  const ddProvider = datadogProvider(`${name}-datadog`, { apiKey: secret(cfg, "datadogApiKey"), appKey: secret(cfg, "datadogAppKey"), site: dd.site });
  const regionKey = cf.dataLocalisation ? "au" : undefined;

  // The cell's tunnel routes its tenants' host names and nothing else; their Access applications
  // are built below, so their audiences arrive through the registry, as in the workload stack.
  const audiences = new AccessAudiences();
  const rules = assembleIngress([{ service: CATCH_ALL_SERVICE }], tenantIngressRules(tenants));
  const ingress: TunnelIngressRule[] = rules.map((r) => (r.hostname === undefined ? r : { ...r, audTags: audiences.audTags(r.hostname) }));
  const tunnel = new CloudflareTunnel(`${name}-tunnel`, {
    accountId: cf.accountId,
    zoneId: cf.zoneId,
    teamName: cf.teamName,
    tunnelName: `landing-zone-${name}`,
    tunnelSecret: secret(cfg, "cloudflareTunnelSecret"),
    ingress,
    regionKey,
    provider: cfProvider,
  });
  const connector = new CloudflaredConnector(`${name}-cloudflared`, {
    accountId: cfg.account.id,
    region: cfg.account.region,
    namePrefix: name,
    vpcId: field((p) => p.vpc.id, "vpc.id"),
    vpcCidr: workload.vpc.cidr,
    subnetIds: field((p) => p.vpc.appSubnetIds, "vpc.appSubnetIds"),
    tunnelToken: tunnel.token,
    image: cf.connector.image,
    // The workload stack's connector owns the account's pull-through cache rule; cells deploy after it.
    sharedPullThroughCache: true,
    desiredCount: cf.connector.desiredCount,
    logRetentionDays: cf.connector.logRetentionDays,
    originPorts: rules.map((r) => originPort(r.service)).filter((p): p is number => p !== undefined),
    provider: ctx.aws,
  });

  const shared: Omit<TenantArgs, "tenant"> = {
    protectData: cfg.account.environment === "prod",
    aws: {
      provider: ctx.aws,
      accountId: cfg.account.id,
      region: cfg.account.region,
      // The workload stack's own formula (its deployment role), from the same account config: a
      // tenant's key policy is then the same in the workload stack and in any cell.
      keyAdminArns: [ctx.deploymentRoleArn],
      deploymentRoleArn: ctx.deploymentRoleArn,
      appTaskRoleArn: field((p) => p.aws.appTaskRoleArn, "aws.appTaskRoleArn"),
      // Whether there is a perimeter or an SFTP server decides what a tenant has, so it comes from
      // config (the workload stack's file, the environment's tenants); the ids from the reference.
      perimeter: perimeterEnabled(workload)
        ? {
            s3EndpointId: field((p) => p.perimeter?.s3EndpointId, "perimeter.s3EndpointId"),
            kmsEndpointId: field((p) => p.perimeter?.kmsEndpointId, "perimeter.kmsEndpointId"),
            secretsManagerEndpointId: field((p) => p.perimeter?.secretsManagerEndpointId, "perimeter.secretsManagerEndpointId"),
            breakGlassRoleArn: `arn:aws:iam::${cfg.account.id}:role/${cfg.account.breakGlassRoleName}`,
          }
        : undefined,
      sftpServerId: tenants.some((t) => t.sftp && t.status !== "offboarded") ? field((p) => p.sftpServerId, "sftpServerId") : undefined,
    },
    cloudflare: {
      provider: cfProvider,
      accountId: cf.accountId,
      zoneId: cf.zoneId,
      tunnelCname: tunnel.cname,
      oktaIdpId: field((p) => p.cloudflare.oktaIdpId, "cloudflare.oktaIdpId"),
      serviceTokenId: field((p) => p.cloudflare.serviceTokenId, "cloudflare.serviceTokenId"),
      regionKey,
      // The zone's fallback origin goes to the workload stack's tunnel, which does not route this
      // cell's tenants: their custom host names go to their own host name, which this cell routes.
      customOriginServer: true,
    },
    datadog: {
      provider: ddProvider,
      notificationHandle: field((p) => p.datadog.notificationHandle, "datadog.notificationHandle"),
      locations: [AU_SYNTHETICS_LOCATION],
      requestHeaders: field((p) => p.datadog.requestHeaders, "datadog.requestHeaders"),
      configVariables: field((p) => p.datadog.configVariables, "datadog.configVariables"),
    },
  };

  let own;
  try {
    own = await buildTenants(shared, tenants, environment, (hostname, aud) => audiences.register(hostname, aud));
  } finally {
    audiences.close();
  }
  return {
    accountId: cfg.account.id,
    region: cfg.account.region,
    workloadStack: workload.stack,
    tunnelId: tunnel.tunnelId,
    tunnelCname: tunnel.cname,
    connectorCluster: connector.clusterName,
    connectorService: connector.serviceName,
    tenants: own.summary,
    ...(Object.keys(own.customHostnameRecords).length ? { tenantCustomHostnameRecords: own.customHostnameRecords } : {}),
  };
}
