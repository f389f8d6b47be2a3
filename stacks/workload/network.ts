import * as pulumi from "@pulumi/pulumi";
import { hubProvider } from "../../components/network/hubProvider";
import { SpokeRouting } from "../../components/network/spokeRouting";
import { TieredVpc } from "../../components/network/tieredVpc";
import { WorkloadConfig } from "../../config";
import { loadHub } from "../../config/loadNetworkView";
import { perimeterEnabled } from "../../config/schema/dataPlane";
import { vpcSegment } from "../../config/schema/workload";
import { attachRoleName, HUB_ROUTE_TABLES, HubRouteTable, Segment } from "../../lib/network/segmentation";
import { StackContext } from "../context";

/** What the network part of a workload stack gives the rest of it. */
export interface WorkloadNetwork {
  readonly vpcId: pulumi.Output<string>;
  /** The app tier's subnet ids, one per AZ (the cloudflared connector and the apps run there). */
  readonly appSubnetIds: pulumi.Output<string>[];
  readonly vpcCidr: string;
  readonly outputs: Record<string, unknown>;
  /** The tiered VPC: subnet ids and CIDRs, route table ids by tier, the endpoints' security group. */
  readonly vpc: TieredVpc;
  /** The hub route table the VPC is associated with. */
  readonly segment: Segment;
}

/**
 * The workload VPC on the Transit Gateway. The VPC and its attachment are made in the workload
 * account; the attachment's association and propagations in the network account, through a second
 * provider (components/network/hubProvider.ts explains why). The TGW and route-table ids and the
 * flow-log bucket come from StackReferences; the hub's account and region from config.
 */
export function workloadNetwork(ctx: StackContext<WorkloadConfig>): WorkloadNetwork {
  const cfg = ctx.cfg;
  const hub = loadHub(cfg);
  const network = ctx.ref("network");
  const segment = vpcSegment(cfg);
  const flowLogBucketArn = ctx.ref("logArchive").requireOutput("flowLogBucketArn") as pulumi.Output<string>;
  const ruleIds = network.requireOutput("resolverRuleIds") as pulumi.Output<Record<string, string>>;

  const vpc = new TieredVpc(
    cfg.account.name,
    {
      cidr: cfg.vpc.cidr,
      azs: cfg.vpc.azs,
      formerAzNames: cfg.vpc.formerAzNames,
      region: cfg.account.region,
      dmz: cfg.vpc.dmz,
      app: cfg.vpc.app,
      data: cfg.vpc.data,
      interfaceEndpoints: cfg.vpc.interfaceEndpoints,
      transitGatewayId: network.requireOutput("transitGatewayId") as pulumi.Output<string>,
      flowLogBucketArn,
      resolverRuleIds: Object.fromEntries(
        hub.resolverRules.map((r) => [
          r.name,
          ruleIds.apply((m) => {
            if (!m?.[r.name]) throw new Error(`the network stack ${hub.stack} exports no resolver rule "${r.name}" in resolverRuleIds; deploy it first`);
            return m[r.name];
          }),
        ]),
      ),
      provider: ctx.aws,
      // The data perimeter (issue #14): the endpoints admit only the organisation, read from the log archive's outputs.
      perimeterOrganizationId: perimeterEnabled(cfg) ? (ctx.ref("logArchive").requireOutput("organizationId") as pulumi.Output<string>) : undefined,
    },
  );

  const hubAws = hubProvider(`${cfg.account.name}-network-hub`, {
    hubAccountId: hub.accountId,
    region: hub.region,
    deploymentRoleArn: `arn:aws:iam::${cfg.account.id}:role/${cfg.account.deploymentRoleName}`,
    attachRoleArn: `arn:aws:iam::${hub.accountId}:role/${attachRoleName(segment)}`,
    sessionName: `landing-zone-${cfg.stack}`,
    defaultTags: ctx.defaultTags,
  });
  const routeTables = network.requireOutput("transitGatewayRouteTableIds") as pulumi.Output<Record<HubRouteTable, string>>;
  const routing = new SpokeRouting(`${cfg.account.name}-spoke`, {
    segment,
    attachmentId: vpc.attachmentId,
    routeTableIds: Object.fromEntries(HUB_ROUTE_TABLES.map((rt) => [rt, routeTables.apply((m) => m[rt])])) as Record<HubRouteTable, pulumi.Output<string>>,
    hubProvider: hubAws,
  });

  return {
    vpcId: vpc.vpcId,
    appSubnetIds: vpc.subnetIds.app,
    vpcCidr: vpc.cidr,
    vpc,
    segment,
    outputs: {
      vpcId: vpc.vpcId,
      vpcCidr: vpc.cidr,
      vpcAzs: vpc.azs,
      vpcSubnetIds: vpc.subnetIds,
      vpcSubnetCidrs: vpc.subnetCidrs,
      vpcRouteTableIds: vpc.routeTableIds,
      vpcEndpointSecurityGroupId: vpc.endpointSecurityGroupId,
      vpcEndpointIds: vpc.endpointIds,
      transitGatewayAttachmentId: vpc.attachmentId,
      transitGatewaySegment: routing.associatedWith,
    },
  };
}
