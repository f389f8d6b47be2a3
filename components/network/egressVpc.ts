import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { carveSubnets } from "../../lib/network/carve";
import { azKey, EgressTier, egressTierRequests } from "../../lib/network/layout";
import { flowLogToS3 } from "./flowLogs";
import { NetworkFirewall } from "./networkFirewall";

export interface EgressVpcArgs {
  /** The egress VPC's CIDR (validated by config: no overlap with any other stack). */
  readonly cidr: string;
  /** The availability zones, 2 or 3: one NAT gateway (and firewall endpoint) in each. */
  readonly azs: readonly string[];
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
    for (const s of carved.subnets) {
      const tier = s.tier as EgressTier;
      const key = `${name}-${tier}-${azKey(args.region, s.az)}`;
      const subnet = new aws.ec2.Subnet(key, { vpcId: vpc.id, cidrBlock: s.cidr, availabilityZone: s.az, mapPublicIpOnLaunch: false, tags: { Name: key, tier } }, child);
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
            subnetIds: Object.fromEntries(args.azs.map((az) => [azKey(args.region, az), subnetByAz[az].firewall!.id])),
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
      const k = azKey(args.region, az);
      const subnets = subnetByAz[az];
      const eip = new aws.ec2.Eip(`${name}-nat-${k}`, { domain: "vpc", tags: { Name: `${name}-nat-${k}` } }, child);
      const nat = new aws.ec2.NatGateway(`${name}-nat-${k}`, { allocationId: eip.id, subnetId: subnets.public!.id, connectivityType: "public", tags: { Name: `${name}-nat-${k}` } }, { ...child, dependsOn: [igw] });
      natGatewayIds[az] = nat.id;
      natPublicIps[az] = eip.publicIp;
      const endpoint = firewall?.endpointIds[k];

      // public: out through the IGW; back to the spokes through the firewall (or straight to the TGW).
      const pub = this.routeTable(`${name}-public-${k}`, "public", vpc.id, subnets.public!, child);
      new aws.ec2.Route(`${name}-public-${k}-default`, { routeTableId: pub.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, child);
      for (const [stack, cidr] of spokes) {
        new aws.ec2.Route(`${name}-public-${k}-to-${stack}`, endpoint ? { routeTableId: pub.id, destinationCidrBlock: cidr, vpcEndpointId: endpoint } : { routeTableId: pub.id, destinationCidrBlock: cidr, transitGatewayId: args.transitGatewayId }, toTgw);
      }
      // transit: everything from the spokes goes to the firewall (or the NAT) of the same AZ.
      const transit = this.routeTable(`${name}-transit-${k}`, "transit", vpc.id, subnets.transit!, child);
      new aws.ec2.Route(`${name}-transit-${k}-default`, endpoint ? { routeTableId: transit.id, destinationCidrBlock: "0.0.0.0/0", vpcEndpointId: endpoint } : { routeTableId: transit.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
      if (endpoint) {
        // firewall: inspected traffic on to the NAT; replies back to the spokes through the TGW.
        const fw = this.routeTable(`${name}-firewall-${k}`, "firewall", vpc.id, subnets.firewall!, child);
        new aws.ec2.Route(`${name}-firewall-${k}-default`, { routeTableId: fw.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
        for (const [stack, cidr] of spokes) {
          new aws.ec2.Route(`${name}-firewall-${k}-to-${stack}`, { routeTableId: fw.id, destinationCidrBlock: cidr, transitGatewayId: args.transitGatewayId }, toTgw);
        }
      }
    }
    if (args.resolverSubnets) {
      // resolver endpoints talk only to the spokes and to networks behind the hub: all through the TGW.
      const rt = new aws.ec2.RouteTable(`${name}-resolver`, { vpcId: vpc.id, tags: { Name: `${name}-resolver`, tier: "resolver" } }, child);
      for (const az of args.azs) {
        new aws.ec2.RouteTableAssociation(`${name}-resolver-${azKey(args.region, az)}`, { subnetId: subnetByAz[az].resolver!.id, routeTableId: rt.id }, child);
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

  private routeTable(name: string, tier: EgressTier, vpcId: pulumi.Output<string>, subnet: aws.ec2.Subnet, opts: pulumi.CustomResourceOptions): aws.ec2.RouteTable {
    const rt = new aws.ec2.RouteTable(name, { vpcId, tags: { Name: name, tier } }, opts);
    new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: rt.id }, opts);
    return rt;
  }
}
