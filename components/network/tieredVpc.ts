import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { carveSubnets } from "../../lib/network/carve";
import { WORKLOAD_TIERS, WorkloadTier, workloadTierRequests } from "../../lib/network/layout";
import { dataTierNaclRules } from "../../lib/network/nacl";
import { flowLogToS3 } from "./flowLogs";
import { VpcEndpoints } from "./vpcEndpoints";
import { zoneChild, zonePlacements } from "./zonePlacement";

/** The private ranges a public DMZ still sends to the hub (RFC 1918). */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

export interface TieredVpcArgs {
  /** The VPC's CIDR (validated by config: no overlap with any other stack). */
  readonly cidr: string;
  /** The availability zones by AZ ID (apse2-az1), 2 or 3; each tier gets one subnet in each. A legacy AZ name places by name. */
  readonly azs: readonly string[];
  /** For a VPC first built with AZ names: the name each AZ ID had in this account (its subnets keep their URNs). Default none. */
  readonly formerAzNames?: Readonly<Record<string, string>>;
  /** The VPC's region, for endpoint service names and AZ keys. */
  readonly region: string;
  /** DMZ: `public` gives it an internet gateway (default false); `prefixLength` sizes its subnets (default 1/8 of an AZ's share). */
  readonly dmz?: { readonly public?: boolean; readonly prefixLength?: number };
  /** App tier subnet size (default half of an AZ's share). */
  readonly app?: { readonly prefixLength?: number };
  /** Data tier subnet size (default 1/4 of an AZ's share) and the TCP ports it accepts from the app tier (default [5432]). */
  readonly data?: { readonly prefixLength?: number; readonly ports?: readonly number[] };
  /** Interface endpoints by short service name, in the app tier. Default none. */
  readonly interfaceEndpoints?: readonly string[];
  /** The Transit Gateway (shared through RAM) the VPC attaches to; the app tier's default route goes there. */
  readonly transitGatewayId: pulumi.Input<string>;
  /** The log-archive flow-log bucket's ARN. */
  readonly flowLogBucketArn: pulumi.Input<string>;
  /** Resolver rules (shared through RAM) to associate with the VPC, by rule name. Default none. */
  readonly resolverRuleIds?: Record<string, pulumi.Input<string>>;
  /** The provider of the VPC's account. */
  readonly provider: aws.Provider;
  /** With the data perimeter on, the organisation the VPC endpoints' policies admit (components/network/vpcEndpoints.ts). Default none. */
  readonly perimeterOrganizationId?: pulumi.Input<string>;
}

/**
 * A workload VPC with DMZ, app and data tiers, one subnet per tier and AZ, built from plain
 * `@pulumi/aws` resources. awsx's `ec2.Vpc` is not used: awsx 3 components are remote (multi-language)
 * components, so under the mock engine they register only themselves, with no subnets, routes or
 * NACLs inside, and the policy packs and tests could not see what they must check; awsx also decides
 * NAT and routing in ways this layout must control (no NAT here; default route to the TGW).
 *
 * Routing: the DMZ reaches an internet gateway only when `dmz.public`, else its default route goes
 * to the Transit Gateway like the app tier's; the data tier has no default route at all. Each tier
 * has one route table shared by its AZs (no NAT, so nothing differs per AZ). The Transit Gateway
 * attachment has /28 subnets of its own.
 */
export class TieredVpc extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly cidr: string;
  /** Subnet ids by tier, in AZ order. */
  readonly subnetIds: Record<WorkloadTier, pulumi.Output<string>[]>;
  /** Subnet CIDRs by tier, in AZ order (plain: they decide NACL rules and security groups). */
  readonly subnetCidrs: Record<WorkloadTier, string[]>;
  /** Route table id of each tier. */
  readonly routeTableIds: Record<WorkloadTier, pulumi.Output<string>>;
  readonly attachmentId: pulumi.Output<string>;
  /** The interface endpoints' security group (allows 443 from the VPC). */
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  /** The VPC endpoints' ids by service (`s3`, `dynamodb`, `kms`, `ecr.api`...): the tenants' network perimeter names them. */
  readonly endpointIds: Record<string, pulumi.Output<string>>;
  readonly azs: readonly string[];

  constructor(name: string, args: TieredVpcArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:TieredVpc", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const carved = carveSubnets(args.cidr, args.azs, workloadTierRequests({ cidr: args.cidr, azs: args.azs, dmzPrefixLength: args.dmz?.prefixLength, appPrefixLength: args.app?.prefixLength, dataPrefixLength: args.data?.prefixLength }));
    if (!carved.ok) throw new pulumi.ResourceError(`${args.cidr}: ${carved.error.message}`, this);
    const dmzPublic = args.dmz?.public ?? false;

    const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: args.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: name } }, child);
    // The default security group is left with no rules, so nothing can use it by accident.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: { Name: `${name}-default-do-not-use` } }, child);
    flowLogToS3(`${name}-flow-log`, { vpcId: vpc.id }, args.flowLogBucketArn, child);

    const subnetIds = { dmz: [], app: [], data: [], transit: [] } as Record<WorkloadTier, pulumi.Output<string>[]>;
    const subnetCidrs = { dmz: [], app: [], data: [], transit: [] } as Record<WorkloadTier, string[]>;
    const routeTables = {} as Record<WorkloadTier, aws.ec2.RouteTable>;
    for (const tier of WORKLOAD_TIERS) {
      routeTables[tier] = new aws.ec2.RouteTable(`${name}-${tier}`, { vpcId: vpc.id, tags: { Name: `${name}-${tier}`, tier } }, child);
    }
    const zones = new Map(zonePlacements(args.region, args.azs, args.formerAzNames).map((z) => [z.zone, z]));
    for (const s of carved.subnets) {
      const tier = s.tier as WorkloadTier;
      const zone = zones.get(s.az)!;
      const [key, opts] = zoneChild(zone, `${name}-${tier}`, "", child);
      const subnet = new aws.ec2.Subnet(key, { vpcId: vpc.id, cidrBlock: s.cidr, ...zone.subnet, mapPublicIpOnLaunch: false, tags: { Name: key, tier } }, opts);
      new aws.ec2.RouteTableAssociation(key, { subnetId: subnet.id, routeTableId: routeTables[tier].id }, opts);
      subnetIds[tier].push(subnet.id);
      subnetCidrs[tier].push(s.cidr);
    }

    const attachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-tgw`,
      // The default association and propagation flags cannot be set on an attachment to a shared
      // Transit Gateway; the hub has both defaults off, and the workload stack associates explicitly.
      { transitGatewayId: args.transitGatewayId, vpcId: vpc.id, subnetIds: subnetIds.transit, dnsSupport: "enable", tags: { Name: `${name}-tgw` } },
      child,
    );
    const toTgw = { ...child, dependsOn: [attachment] };
    new aws.ec2.Route(`${name}-app-default`, { routeTableId: routeTables.app.id, destinationCidrBlock: "0.0.0.0/0", transitGatewayId: args.transitGatewayId }, toTgw);
    if (dmzPublic) {
      const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${name}-igw` } }, child);
      new aws.ec2.Route(`${name}-dmz-default`, { routeTableId: routeTables.dmz.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, child);
      // East-west still goes through the hub (inspection, segmentation, the resolver): only the
      // internet is direct.
      for (const range of PRIVATE_RANGES) {
        new aws.ec2.Route(`${name}-dmz-${range.replace(/[./]/g, "-")}`, { routeTableId: routeTables.dmz.id, destinationCidrBlock: range, transitGatewayId: args.transitGatewayId }, toTgw);
      }
    } else {
      new aws.ec2.Route(`${name}-dmz-default`, { routeTableId: routeTables.dmz.id, destinationCidrBlock: "0.0.0.0/0", transitGatewayId: args.transitGatewayId }, toTgw);
    }

    const endpoints = new VpcEndpoints(
      `${name}-endpoints`,
      {
        vpcId: vpc.id,
        vpcCidr: args.cidr,
        region: args.region,
        interfaceServices: args.interfaceEndpoints ?? [],
        interfaceSubnetIds: subnetIds.app,
        // Every private route table (the transit tier holds only the TGW attachment's interfaces).
        gatewayRouteTableIds: [routeTables.app.id, routeTables.data.id, ...(dmzPublic ? [] : [routeTables.dmz.id])],
        provider: args.provider,
        perimeterOrganizationId: args.perimeterOrganizationId,
      },
      { parent: this },
    );

    // Containment is by routes (the data tier has no default route): the ACL needs no AWS ranges.
    const rules = dataTierNaclRules({ appCidrs: subnetCidrs.app, dataCidrs: subnetCidrs.data, ports: args.data?.ports ?? [5432] });
    new aws.ec2.NetworkAcl(
      `${name}-data`,
      { vpcId: vpc.id, subnetIds: subnetIds.data, ingress: rules.ingress, egress: rules.egress, tags: { Name: `${name}-data`, tier: "data" } },
      child,
    );

    for (const [rule, ruleId] of Object.entries(args.resolverRuleIds ?? {})) {
      new aws.route53.ResolverRuleAssociation(`${name}-resolver-${rule}`, { resolverRuleId: ruleId, vpcId: vpc.id, name: `${name}-${rule}` }, child);
    }

    this.vpcId = vpc.id;
    this.cidr = args.cidr;
    this.azs = args.azs;
    this.subnetIds = subnetIds;
    this.subnetCidrs = subnetCidrs;
    this.routeTableIds = { dmz: routeTables.dmz.id, app: routeTables.app.id, data: routeTables.data.id, transit: routeTables.transit.id };
    this.attachmentId = attachment.id;
    this.endpointSecurityGroupId = endpoints.securityGroupId;
    this.endpointIds = { s3: endpoints.gateway.s3.id, dynamodb: endpoints.gateway.dynamodb.id, ...endpoints.interfaceEndpointIds };
    this.registerOutputs({
      vpcId: this.vpcId,
      cidr: this.cidr,
      subnetIds: this.subnetIds,
      subnetCidrs: this.subnetCidrs,
      routeTableIds: this.routeTableIds,
      attachmentId: this.attachmentId,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
    });
  }
}
