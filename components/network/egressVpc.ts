import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { carveSubnets } from "../../lib/network/carve";
import { EgressTier, egressTierRequests } from "../../lib/network/layout";
import { flowLogToS3 } from "./flowLogs";
import { NetworkFirewall } from "./networkFirewall";
import { ZonePlacement, zoneChild, zonePlacements } from "./zonePlacement";

export interface EgressVpcArgs {
  /** The egress VPC's CIDR (validated by config: no overlap with any other stack). */
  readonly cidr: string;
  /** The availability zones by AZ ID (apse2-az1), 2 or 3: one NAT gateway (and firewall endpoint) in each. A legacy AZ name places by name. */
  readonly azs: readonly string[];
  /** For a VPC first built with AZ names: the name each AZ ID had in this account (its children keep their URNs). Default none. */
  readonly formerAzNames?: Readonly<Record<string, string>>;
  /** The region, for AZ keys. */
  readonly region: string;
  /** The public subnets' prefix length. Default: half of each AZ's share of the VPC. */
  readonly publicPrefixLength?: number;
  /** The Transit Gateway the VPC attaches to. */
  readonly transitGatewayId: pulumi.Input<string>;
  /** The spoke CIDRs, by stack: return routes to the Transit Gateway, and the firewall's HOME_NET. */
  readonly spokeCidrs: Record<string, string>;
  /** Network Firewall in the egress path with this domain allow-list. Default: none (NAT only). */
  readonly firewall?: { readonly allowedDomains: readonly string[] };
  /** Add /28 resolver subnets (for the Route 53 Resolver endpoints). Default false. */
  readonly resolverSubnets?: boolean;
  /** The log-archive flow-log bucket's ARN (VPC flow logs, firewall logs). */
  readonly flowLogBucketArn: pulumi.Input<string>;
  /** The provider of the network account. */
  readonly provider: aws.Provider;
}

/**
 * The central egress VPC. Traffic from the spokes arrives through the Transit Gateway in the
 * `transit` subnets, goes through the firewall endpoint of the same AZ when there is one, then the
 * AZ's NAT gateway, then the internet gateway; replies come back the same way (return routes per
 * spoke CIDR to the Transit Gateway, through the firewall when there is one). The attachment uses
 * appliance mode, so both directions of a flow stay in one AZ and the stateful firewall sees both.
 */
export class EgressVpc extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly cidr: string;
  readonly attachmentId: pulumi.Output<string>;
  /** NAT gateway ids and their public IPs, by AZ. */
  readonly natGatewayIds: Record<string, pulumi.Output<string>>;
  readonly natPublicIps: Record<string, pulumi.Output<string>>;
  /** Subnet ids by tier, in AZ order (tiers not built are empty). */
  readonly subnetIds: Record<EgressTier, pulumi.Output<string>[]>;
  /** The firewall, when there is one. */
  readonly firewall?: NetworkFirewall;

  constructor(name: string, args: EgressVpcArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:EgressVpc", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const withFirewall = args.firewall !== undefined;
    const carved = carveSubnets(args.cidr, args.azs, egressTierRequests({ cidr: args.cidr, azs: args.azs, firewall: withFirewall, resolver: args.resolverSubnets ?? false, publicPrefixLength: args.publicPrefixLength }));
    if (!carved.ok) throw new pulumi.ResourceError(`${args.cidr}: ${carved.error.message}`, this);

    const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: args.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: name } }, child);
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: { Name: `${name}-default-do-not-use` } }, child);
    flowLogToS3(`${name}-flow-log`, { vpcId: vpc.id }, args.flowLogBucketArn, child);
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${name}-igw` } }, child);

    const subnetIds: Record<EgressTier, pulumi.Output<string>[]> = { public: [], transit: [], firewall: [], resolver: [] };
    const subnetByAz: Record<string, Partial<Record<EgressTier, aws.ec2.Subnet>>> = {};
    const zones = new Map(zonePlacements(args.region, args.azs, args.formerAzNames).map((z) => [z.zone, z]));
    for (const s of carved.subnets) {
      const tier = s.tier as EgressTier;
      const zone = zones.get(s.az)!;
      const [key, opts] = zoneChild(zone, `${name}-${tier}`, "", child);
      const subnet = new aws.ec2.Subnet(key, { vpcId: vpc.id, cidrBlock: s.cidr, ...zone.subnet, mapPublicIpOnLaunch: false, tags: { Name: key, tier } }, opts);
      subnetIds[tier].push(subnet.id);
      (subnetByAz[s.az] ??= {})[tier] = subnet;
    }

    const attachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-tgw`,
      {
        transitGatewayId: args.transitGatewayId,
        vpcId: vpc.id,
        subnetIds: subnetIds.transit,
        applianceModeSupport: "enable",
        dnsSupport: "enable",
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: { Name: `${name}-tgw` },
      },
      child,
    );
    const toTgw = { ...child, dependsOn: [attachment] };

    const firewall = withFirewall
      ? new NetworkFirewall(
          `${name}-firewall`,
          {
            vpcId: vpc.id,
            subnetIds: Object.fromEntries(args.azs.map((az) => [zones.get(az)!.key, subnetByAz[az].firewall!.id])),
            allowedDomains: args.firewall!.allowedDomains,
            homeNet: [...Object.values(args.spokeCidrs), args.cidr],
            logBucketArn: args.flowLogBucketArn,
            provider: args.provider,
          },
          { parent: this },
        )
      : undefined;

    const spokes = Object.entries(args.spokeCidrs).sort(([a], [b]) => a.localeCompare(b));
    const natGatewayIds: Record<string, pulumi.Output<string>> = {};
    const natPublicIps: Record<string, pulumi.Output<string>> = {};
    for (const az of args.azs) {
      const zone = zones.get(az)!;
      const k = zone.key;
      const z = (prefix: string, suffix: string, opts: pulumi.CustomResourceOptions) => zoneChild(zone, prefix, suffix, opts);
      const route = (prefix: string, suffix: string, routeArgs: aws.ec2.RouteArgs, opts: pulumi.CustomResourceOptions) => {
        const [n, o] = z(prefix, suffix, opts);
        return new aws.ec2.Route(n, routeArgs, o);
      };
      const subnets = subnetByAz[az];
      const eip = new aws.ec2.Eip(...withTags(z(`${name}-nat`, "", child), { domain: "vpc" }));
      const nat = new aws.ec2.NatGateway(...withTags(z(`${name}-nat`, "", { ...child, dependsOn: [igw] }), { allocationId: eip.id, subnetId: subnets.public!.id, connectivityType: "public" }));
      natGatewayIds[az] = nat.id;
      natPublicIps[az] = eip.publicIp;
      const endpoint = firewall?.endpointIds[k];

      // public: out through the IGW; back to the spokes through the firewall (or straight to the TGW).
      const pub = this.routeTable(zone, `${name}-public`, "public", vpc.id, subnets.public!, child);
      route(`${name}-public`, "-default", { routeTableId: pub.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, child);
      for (const [stack, cidr] of spokes) {
        route(`${name}-public`, `-to-${stack}`, endpoint ? { routeTableId: pub.id, destinationCidrBlock: cidr, vpcEndpointId: endpoint } : { routeTableId: pub.id, destinationCidrBlock: cidr, transitGatewayId: args.transitGatewayId }, toTgw);
      }
      // transit: everything from the spokes goes to the firewall (or the NAT) of the same AZ.
      const transit = this.routeTable(zone, `${name}-transit`, "transit", vpc.id, subnets.transit!, child);
      route(`${name}-transit`, "-default", endpoint ? { routeTableId: transit.id, destinationCidrBlock: "0.0.0.0/0", vpcEndpointId: endpoint } : { routeTableId: transit.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
      if (endpoint) {
        // firewall: inspected traffic on to the NAT; replies back to the spokes through the TGW.
        const fw = this.routeTable(zone, `${name}-firewall`, "firewall", vpc.id, subnets.firewall!, child);
        route(`${name}-firewall`, "-default", { routeTableId: fw.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
        for (const [stack, cidr] of spokes) {
          route(`${name}-firewall`, `-to-${stack}`, { routeTableId: fw.id, destinationCidrBlock: cidr, transitGatewayId: args.transitGatewayId }, toTgw);
        }
      }
    }
    if (args.resolverSubnets) {
      // resolver endpoints talk only to the spokes and to networks behind the hub: all through the TGW.
      const rt = new aws.ec2.RouteTable(`${name}-resolver`, { vpcId: vpc.id, tags: { Name: `${name}-resolver`, tier: "resolver" } }, child);
      for (const az of args.azs) {
        const [assoc, opts] = zoneChild(zones.get(az)!, `${name}-resolver`, "", child);
        new aws.ec2.RouteTableAssociation(assoc, { subnetId: subnetByAz[az].resolver!.id, routeTableId: rt.id }, opts);
      }
      new aws.ec2.Route(`${name}-resolver-default`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", transitGatewayId: args.transitGatewayId }, toTgw);
    }

    this.vpcId = vpc.id;
    this.cidr = args.cidr;
    this.attachmentId = attachment.id;
    this.natGatewayIds = natGatewayIds;
    this.natPublicIps = natPublicIps;
    this.subnetIds = subnetIds;
    this.firewall = firewall;
    this.registerOutputs({ vpcId: this.vpcId, cidr: this.cidr, attachmentId: this.attachmentId, natGatewayIds, natPublicIps, subnetIds });
  }

  private routeTable(zone: ZonePlacement, prefix: string, tier: EgressTier, vpcId: pulumi.Output<string>, subnet: aws.ec2.Subnet, child: pulumi.CustomResourceOptions): aws.ec2.RouteTable {
    const [name, opts] = zoneChild(zone, prefix, "", child);
    const rt = new aws.ec2.RouteTable(name, { vpcId, tags: { Name: name, tier } }, opts);
    new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: rt.id }, opts);
    return rt;
  }
}

/** A child's [name, args, opts] with its Name tag set to its name. */
function withTags<A extends object>([name, opts]: [string, pulumi.CustomResourceOptions], args: A): [string, A & { tags: { Name: string } }, pulumi.CustomResourceOptions] {
  return [name, { ...args, tags: { Name: name } }, opts];
}
