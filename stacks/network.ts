import * as pulumi from "@pulumi/pulumi";
import { verifyFormerAzNames } from "../components/network/zonePlacement";
import { EgressVpc } from "../components/network/egressVpc";
import { HubRouting } from "../components/network/hubRouting";
import { HybridVpn } from "../components/network/hybridVpn";
import { DatadogAwsIntegration } from "../components/observability/awsIntegration";
import { WorkloadMonitors } from "../components/observability/monitors";
import { datadogProvider } from "../components/providers/datadog";
import { networkMonitors } from "../lib/observability/networkMonitors";
import { Resolver } from "../components/network/resolver";
import { SpokeAttachRoles } from "../components/network/spokeAttachRoles";
import { HubSharing, TransitGatewayHub } from "../components/network/transitGatewayHub";
import { NetworkConfig } from "../config";
import { loadSpokes } from "../config/loadNetworkView";
import { accountBaseline } from "./baseline";
import { StackContext } from "./context";

/**
 * The network role: the Transit Gateway hub, its segmentation, the central egress VPC and the
 * optional Route 53 Resolver. It only wires components together.
 *
 * The spokes (every workload stack whose `refs.network` is this stack) come from their validated
 * config, not from their outputs: this stack is deployed first, and the blackholes, the egress
 * return routes and the attach roles only need each spoke's CIDR, segment and account.
 */
export async function network(ctx: StackContext<NetworkConfig>): Promise<Record<string, unknown>> {
  const cfg = ctx.cfg;
  const spokes = loadSpokes(cfg);
  await verifyFormerAzNames(cfg.egress.formerAzNames, { file: cfg.file, key: "landing-zone:egress.formerAzNames", provider: ctx.aws });
  const flowLogBucketArn = ctx.ref("logArchive").requireOutput("flowLogBucketArn") as pulumi.Output<string>;

  const hub = new TransitGatewayHub("hub", { asn: cfg.transitGateway.asn, shareWith: sharing(ctx), flowLogBucketArn, provider: ctx.aws });
  const spokeCidrs = Object.fromEntries(spokes.map((s) => [s.stack, s.cidr]));
  const egress = new EgressVpc("egress", {
    cidr: cfg.egress.cidr,
    azs: cfg.egress.azs,
    formerAzNames: cfg.egress.formerAzNames,
    region: cfg.account.region,
    publicPrefixLength: cfg.egress.publicPrefixLength,
    transitGatewayId: hub.transitGatewayId,
    spokeCidrs,
    firewall: cfg.egress.firewall.enabled ? { allowedDomains: cfg.egress.firewall.allowedDomains } : undefined,
    resolverSubnets: cfg.resolver.enabled,
    flowLogBucketArn,
    provider: ctx.aws,
  });
  new HubRouting("hub-routing", { routeTableIds: hub.routeTableIds, egressAttachmentId: egress.attachmentId, spokes, provider: ctx.aws });
  const hybrid = cfg.hybrid
    ? new HybridVpn("corp", {
        transitGatewayId: hub.transitGatewayId,
        customerGatewayIp: cfg.hybrid.vpn.customerGatewayIp,
        bgpAsn: cfg.hybrid.vpn.bgpAsn,
        onPremisesCidrs: cfg.hybrid.onPremisesCidrs,
        egressRouteTableId: hub.routeTableIds.egress,
        egressAttachmentId: egress.attachmentId,
        provider: ctx.aws,
      })
    : undefined;
  const attachRoles = new SpokeAttachRoles("spoke-attach", { spokes, routeTableArns: hub.routeTableArns, region: cfg.account.region, provider: ctx.aws });
  const resolver = cfg.resolver.enabled
    ? new Resolver("resolver", {
        vpcId: egress.vpcId,
        subnetIds: egress.subnetIds.resolver,
        // The inbound endpoint answers the spokes, the egress VPC and the corporate networks.
        clientCidrs: { ...spokeCidrs, egress: cfg.egress.cidr, ...Object.fromEntries((cfg.hybrid?.onPremisesCidrs ?? []).map((c, i) => [`on-premises-${i + 1}`, c])) },
        inbound: cfg.resolver.inbound,
        forwardingRules: cfg.resolver.forwardingRules,
        resourceShareArn: hub.resourceShareArn,
        provider: ctx.aws,
      })
    : undefined;

  const observability = networkObservability(ctx, cfg.egress.firewall.enabled);

  accountBaseline(ctx);
  return {
    accountId: cfg.account.id,
    region: cfg.account.region,
    transitGatewayId: hub.transitGatewayId,
    transitGatewayArn: hub.transitGatewayArn,
    transitGatewayRouteTableIds: hub.routeTableIds,
    transitGatewayAttachRoleArns: attachRoles.roleArns,
    resourceShareArn: hub.resourceShareArn,
    egressVpcId: egress.vpcId,
    egressVpcCidr: egress.cidr,
    egressAttachmentId: egress.attachmentId,
    egressInternetPath: cfg.egress.firewall.enabled ? "firewall" : "nat",
    natGatewayIds: egress.natGatewayIds,
    natPublicIps: egress.natPublicIps,
    spokes: spokes.map((s) => ({ stack: s.stack, segment: s.segment, cidr: s.cidr })),
    resolverRuleIds: resolver?.ruleIds ?? {},
    datadogIntegrationRoleArn: observability.roleArn,
    datadogMonitors: observability.monitorIds,
    ...(hybrid ? { hybridAttachmentId: hybrid.attachmentId } : {}),
    ...(resolver?.inboundEndpointId ? { resolverInboundEndpointId: resolver.inboundEndpointId } : {}),
  };
}

/** Datadog in the network account: its AWS integration, and the NAT, hub and firewall monitors. */
function networkObservability(ctx: StackContext<NetworkConfig>, firewall: boolean) {
  const cfg = ctx.cfg;
  const dd = cfg.datadog;
  const secret = (key: string) => {
    const v = cfg.secrets[key];
    if (!v) throw new Error(`${cfg.file}: landing-zone:${key} is not loaded as a secret`);
    return v;
  };
  const provider = datadogProvider("network-datadog", { apiKey: secret("datadogApiKey"), appKey: secret("datadogAppKey"), site: dd.site });
  const integration = new DatadogAwsIntegration("network-datadog-aws", {
    accountId: cfg.account.id,
    regions: [cfg.account.region],
    site: dd.site,
    roleName: "network-datadog-integration",
    permissionPolicies: dd.permissionPolicies,
    accountTags: [`env:${cfg.stack}`],
    awsProvider: ctx.aws,
    datadogProvider: provider,
  });
  const monitors = new WorkloadMonitors("network-monitors", {
    monitors: networkMonitors({ accountId: cfg.account.id, handle: dd.notificationHandle, tgwPacketDrops: dd.monitors.tgwPacketDrops, firewallDrops: dd.monitors.firewallDrops, firewall }),
    tags: [`env:${cfg.stack}`, "service:landing-zone", "managed-by:landing-zone"],
    provider,
  });
  return { roleArn: integration.roleArn, monitorIds: monitors.monitorIds };
}

/** The RAM principals: the organisation, or the chosen OUs, from the management stack's outputs. */
function sharing(ctx: StackContext<NetworkConfig>): HubSharing {
  const management = ctx.ref("management");
  const shareWith = ctx.cfg.transitGateway.shareWith;
  if (shareWith === "organization") return { organizationArn: management.requireOutput("organizationArn") as pulumi.Output<string> };
  const ouArns = management.requireOutput("ouArns") as pulumi.Output<Record<string, string>>;
  return {
    ouArns: Object.fromEntries(
      shareWith.map((path) => [
        path,
        ouArns.apply((m) => {
          // Config checks the path against the management stack's OUs; this catches a stale deployment.
          if (!m[path]) throw new Error(`the management stack exports no OU "${path}" in ouArns (landing-zone:transitGateway.shareWith); OUs it exports: ${Object.keys(m).join(", ") || "none"}`);
          return m[path];
        }),
      ]),
    ),
  };
}
