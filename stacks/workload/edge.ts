import * as cloudflare from "@pulumi/cloudflare";
import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { AccessSyntheticsCredentialsVariables, AccessSyntheticTest } from "../../components/observability/accessSynthetics";
import { DatadogAwsIntegration } from "../../components/observability/awsIntegration";
import { WorkloadMonitors } from "../../components/observability/monitors";
import { cloudflareProvider } from "../../components/providers/cloudflare";
import { datadogProvider } from "../../components/providers/datadog";
import { ZeroTrustAccess } from "../../components/zeroTrust/access";
import { AppTaskRole } from "../../components/zeroTrust/appTaskRole";
import { AccessAudiences } from "../../components/zeroTrust/audiences";
import { CloudflaredConnector, CONNECTOR_SERVICE_NAME } from "../../components/zeroTrust/connector";
import { CloudflareTunnel, TunnelIngressRule } from "../../components/zeroTrust/tunnel";
import { ZoneHardening } from "../../components/zeroTrust/zoneHardening";
import { WorkloadConfig } from "../../config";
import { workloadMonitors } from "../../lib/observability/monitorQueries";
import { AU_SYNTHETICS_LOCATION } from "../../lib/observability/datadogSites";
import { tenantIngressRules } from "../../lib/tenants/ingress";
import { assembleIngress, originPort } from "../../lib/zeroTrust/ingress";
import { StackContext } from "../context";
import { WorkloadNetwork } from "./network";
import { StackTenants } from "./tenants";

/** Zero Trust access (Cloudflare, Okta) and observability (Datadog) of a workload stack. Issue #6. */
export interface WorkloadEdge {
  /** The stack's Cloudflare provider (API token from `cloudflareApiToken`). */
  readonly cloudflare: cloudflare.Provider;
  /** The stack's Datadog provider (site from `datadog.site`). */
  readonly datadog: datadog.Provider;
  /** The Cloudflare account id (`cloudflare.accountId`). */
  readonly accountId: string;
  readonly zoneId: pulumi.Input<string>;
  /** The zone every platform and tenant hostname lies in: `example.net`. */
  readonly zoneName: string;
  /** The Zero Trust team name (`<team>.cloudflareaccess.com`). */
  readonly teamName: string;
  /** `au` when `cloudflare.dataLocalisation` is on: every proxied hostname then needs a regional hostname with it. */
  readonly regionKey: string | undefined;
  readonly tunnelId: pulumi.Output<string>;
  /** `<tunnel id>.cfargotunnel.com`: proxied CNAMEs point here. */
  readonly tunnelCname: pulumi.Output<string>;
  /** The Okta identity provider in Access. */
  readonly oktaIdpId: pulumi.Output<string>;
  /** The Access service token the synthetic tests present; the client secret is a Pulumi secret. */
  readonly serviceToken: { readonly id: pulumi.Output<string>; readonly clientId: pulumi.Output<string>; readonly clientSecret: pulumi.Output<string> };
  /** A reusable Access policy admitting the service token (decision `non_identity`). */
  readonly serviceTokenPolicyId: pulumi.Output<string>;
  /**
   * What a synthetic test sends to pass Access: headers that reference secure Datadog global
   * variables (no secret in the test), those variables, and the Australian location.
   */
  readonly synthetics: {
    readonly requestHeaders: Record<string, string>;
    readonly configVariables: { type: string; name: string; id: pulumi.Output<string> }[];
    readonly locations: readonly string[];
  };
  /** Where alerts go, as a Datadog mention: `@pagerduty-platform`. */
  readonly notificationHandle: string;
  /** The apps' ECS task role; it may assume roles under `/tenant/` with the session tag `tenant=<slug>`. */
  readonly appTaskRoleArn: pulumi.Output<string>;
  /** The role deployments run as in this account. */
  readonly deploymentRoleArn: string;
  /**
   * Registers the audience tag of the Access application in front of a tenant hostname that the
   * tunnel routes (every hostname of `tenantIngressRules`), so that cloudflared checks it at the
   * origin. Call it while constructing the Tenant component; a routed hostname without one fails.
   */
  requireAccessAudience(hostname: string, aud: pulumi.Input<string>): void;
  /** Ends `requireAccessAudience`: the tunnel configuration resolves its tenant audiences from here on. */
  sealAccessAudiences(): void;
  readonly outputs: Record<string, unknown>;
}

function secret(cfg: WorkloadConfig, key: string): pulumi.Output<string> {
  const value = cfg.secrets[key];
  if (!value) throw new Error(`${cfg.file}: landing-zone:${key} is not loaded as a secret`);
  return value;
}

export function workloadEdge(ctx: StackContext<WorkloadConfig>, net: WorkloadNetwork, tenants: StackTenants): WorkloadEdge {
  const cfg = ctx.cfg;
  const cf = cfg.cloudflare;
  const dd = cfg.datadog;
  const env = cfg.account.name;
  const display = `landing-zone ${cfg.stack}`;
  const cfProvider = cloudflareProvider(`${env}-cloudflare`, { apiToken: secret(cfg, "cloudflareApiToken") });
  const ddProvider = datadogProvider(`${env}-datadog`, { apiKey: secret(cfg, "datadogApiKey"), appKey: secret(cfg, "datadogAppKey"), site: dd.site });
  const regionKey = cf.dataLocalisation ? "au" : undefined;
  const ddTags = [`env:${cfg.stack}`, "service:landing-zone", "managed-by:landing-zone"];

  const access = new ZeroTrustAccess(`${env}-access`, {
    accountId: cf.accountId,
    okta: cf.okta,
    oktaClientSecret: secret(cfg, "oktaClientSecret"),
    apps: cf.apps,
    displayPrefix: display,
    provider: cfProvider,
  });
  new ZoneHardening(`${env}-zone`, { zoneId: cf.zoneId, provider: cfProvider });

  // One tunnel configuration for the environment: the configured rules, the tenants' (active and
  // suspended), then the catch-all 404. Tenant Access apps come later in the program, so their
  // audience tags arrive through `requireAccessAudience`.
  const audiences = new AccessAudiences();
  const tenantRules = tenantIngressRules(tenants.tenants);
  const rules = assembleIngress(cf.ingress, tenantRules);
  const ingress: TunnelIngressRule[] = rules.map((r) => {
    if (r.hostname === undefined) return r;
    const app = access.apps[r.hostname];
    return { ...r, audTags: app ? [app.aud] : audiences.audTags(r.hostname) };
  });
  const tunnel = new CloudflareTunnel(`${env}-tunnel`, {
    accountId: cf.accountId,
    zoneId: cf.zoneId,
    teamName: cf.teamName,
    tunnelName: `landing-zone-${cfg.stack}`,
    tunnelSecret: secret(cfg, "cloudflareTunnelSecret"),
    ingress,
    dnsHostnames: cf.apps.map((a) => a.hostname),
    regionKey,
    provider: cfProvider,
  });

  const connector = new CloudflaredConnector(`${env}-cloudflared`, {
    accountId: cfg.account.id,
    region: cfg.account.region,
    namePrefix: env,
    vpcId: net.vpcId,
    vpcCidr: net.vpcCidr,
    subnetIds: net.appSubnetIds,
    tunnelToken: tunnel.token,
    image: cf.connector.image,
    dockerHub: cf.connector.dockerHubUsername ? { username: cf.connector.dockerHubUsername, accessToken: secret(cfg, "dockerHubAccessToken") } : undefined,
    desiredCount: cf.connector.desiredCount,
    logRetentionDays: cf.connector.logRetentionDays,
    originPorts: rules.map((r) => originPort(r.service)).filter((p): p is number => p !== undefined),
    provider: ctx.aws,
  });
  const appTaskRole = new AppTaskRole(`${env}-app-task`, { accountId: cfg.account.id, region: cfg.account.region, roleName: `${env}-app-task`, provider: ctx.aws });

  const integration = new DatadogAwsIntegration(`${env}-datadog-aws`, {
    accountId: cfg.account.id,
    regions: [cfg.account.region],
    site: dd.site,
    roleName: `${env}-datadog-integration`,
    permissionPolicies: dd.permissionPolicies,
    accountTags: [`env:${cfg.stack}`],
    awsProvider: ctx.aws,
    datadogProvider: ddProvider,
  });
  const monitors = new WorkloadMonitors(`${env}-monitors`, {
    monitors: workloadMonitors({
      environment: cfg.stack,
      accountId: cfg.account.id,
      handle: dd.notificationHandle,
      clusterName: `${env}-edge`,
      serviceName: CONNECTOR_SERVICE_NAME,
      tgwPacketDrops: dd.monitors.tgwPacketDrops,
      loadBalancer5xx: dd.monitors.loadBalancer5xx,
    }),
    tags: ddTags,
    provider: ddProvider,
  });

  const credentials = new AccessSyntheticsCredentialsVariables(`${env}-synthetics-token`, {
    suffix: cfg.stack.toUpperCase().replace(/[^A-Z0-9]/g, "_"),
    clientId: access.serviceTokenClientId,
    clientSecret: access.serviceTokenClientSecret,
    tags: ddTags,
    provider: ddProvider,
  });
  const syntheticIds: Record<string, pulumi.Output<string>> = {};
  for (const app of cf.apps) {
    const test = new AccessSyntheticTest(`${env}-synthetic-${app.name}`, {
      hostname: app.hostname,
      path: app.healthPath,
      credentials,
      tickEvery: dd.syntheticsIntervalSeconds,
      notificationHandle: dd.notificationHandle,
      namePrefix: `[${cfg.stack}]`,
      tags: [...ddTags, `app:${app.name}`],
      provider: ddProvider,
    });
    syntheticIds[app.hostname] = test.testId;
  }

  const { clientIdVariable: idVar, clientSecretVariable: secretVar } = credentials;
  return {
    cloudflare: cfProvider,
    datadog: ddProvider,
    accountId: cf.accountId,
    zoneId: cf.zoneId,
    zoneName: cf.zone,
    teamName: cf.teamName,
    regionKey,
    tunnelId: tunnel.tunnelId,
    tunnelCname: tunnel.cname,
    oktaIdpId: access.identityProviderId,
    serviceToken: { id: access.serviceTokenId, clientId: access.serviceTokenClientId, clientSecret: access.serviceTokenClientSecret },
    serviceTokenPolicyId: access.serviceTokenPolicyId,
    synthetics: {
      requestHeaders: { "CF-Access-Client-Id": `{{ ${idVar.name} }}`, "CF-Access-Client-Secret": `{{ ${secretVar.name} }}` },
      configVariables: [
        { type: "global", name: idVar.name, id: idVar.id },
        { type: "global", name: secretVar.name, id: secretVar.id },
      ],
      locations: [AU_SYNTHETICS_LOCATION],
    },
    notificationHandle: dd.notificationHandle,
    appTaskRoleArn: appTaskRole.roleArn,
    deploymentRoleArn: `arn:aws:iam::${cfg.account.id}:role/${cfg.account.deploymentRoleName}`,
    requireAccessAudience: (hostname, aud) => audiences.register(hostname, aud),
    sealAccessAudiences: () => audiences.close(),
    outputs: {
      tunnelId: tunnel.tunnelId,
      tunnelCname: tunnel.cname,
      accessApps: Object.fromEntries(Object.entries(access.apps).map(([h, a]) => [h, a.id])),
      connectorCluster: connector.clusterName,
      connectorService: connector.serviceName,
      appTaskRoleArn: appTaskRole.roleArn,
      datadogIntegrationRoleArn: integration.roleArn,
      datadogSite: dd.site,
      datadogMonitors: monitors.monitorIds,
      syntheticTests: syntheticIds,
    },
  };
}
