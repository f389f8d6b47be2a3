import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ResolverForwardingRule {
  /** A short name, used in child names and by the workload stacks to find the rule's id. */
  readonly name: string;
  /** The forwarded domain: `corp.example.com`. */
  readonly domain: string;
  /** The DNS servers queries go to, on port 53. */
  readonly targetIps: readonly string[];
}

export interface ResolverArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The resolver subnets, one per AZ (at least two: AWS requires two IP addresses per endpoint). */
  readonly subnetIds: pulumi.Input<string>[];
  /** Who may query the inbound endpoint, by a stable key (stack name): the spokes' and the egress VPC's CIDRs. */
  readonly clientCidrs: Record<string, string>;
  /** Create an inbound endpoint. Default true. */
  readonly inbound?: boolean;
  /** Forwarding rules through the outbound endpoint. Default none (and then no outbound endpoint). */
  readonly forwardingRules?: readonly ResolverForwardingRule[];
  /** The hub's RAM share: the rules join it, so the spokes can associate them with their VPCs. */
  readonly resourceShareArn: pulumi.Input<string>;
  /** The provider of the network account. */
  readonly provider: aws.Provider;
}

/**
 * Route 53 Resolver endpoints in the egress VPC: inbound (networks behind the hub resolve the
 * spokes' private zones) and outbound with conditional forwarding rules, shared through RAM. The
 * security groups allow DNS only from the known CIDRs in, and only to the rules' servers out.
 */
export class Resolver extends pulumi.ComponentResource {
  /** Forwarding rule ids by rule name. */
  readonly ruleIds: Record<string, pulumi.Output<string>>;
  readonly inboundEndpointId?: pulumi.Output<string>;
  readonly outboundEndpointId?: pulumi.Output<string>;

  constructor(name: string, args: ResolverArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:Resolver", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const ipAddresses = args.subnetIds.map((subnetId) => ({ subnetId }));
    const rules = args.forwardingRules ?? [];

    if (args.inbound ?? true) {
      const sg = new aws.ec2.SecurityGroup(`${name}-inbound`, { vpcId: args.vpcId, description: "Resolver inbound endpoint: DNS from the hub's networks", tags: { Name: `${name}-inbound` } }, child);
      for (const [key, cidr] of Object.entries(args.clientCidrs).sort(([a], [b]) => a.localeCompare(b))) {
        for (const protocol of ["udp", "tcp"]) {
          new aws.vpc.SecurityGroupIngressRule(`${name}-inbound-${key}-${protocol}`, { securityGroupId: sg.id, ipProtocol: protocol, fromPort: 53, toPort: 53, cidrIpv4: cidr, description: `DNS from ${key}` }, child);
        }
      }
      this.inboundEndpointId = new aws.route53.ResolverEndpoint(
        `${name}-inbound`,
        { name: `${name}-inbound`, direction: "INBOUND", securityGroupIds: [sg.id], ipAddresses, protocols: ["Do53"], tags: { Name: `${name}-inbound` } },
        child,
      ).id;
    }

    const ruleIds: Record<string, pulumi.Output<string>> = {};
    if (rules.length > 0) {
      const sg = new aws.ec2.SecurityGroup(`${name}-outbound`, { vpcId: args.vpcId, description: "Resolver outbound endpoint: DNS to the forwarding targets", tags: { Name: `${name}-outbound` } }, child);
      const targets = [...new Set(rules.flatMap((r) => r.targetIps))].sort();
      for (const ip of targets) {
        for (const protocol of ["udp", "tcp"]) {
          new aws.vpc.SecurityGroupEgressRule(`${name}-outbound-${ip.replace(/\./g, "-")}-${protocol}`, { securityGroupId: sg.id, ipProtocol: protocol, fromPort: 53, toPort: 53, cidrIpv4: `${ip}/32`, description: `DNS to ${ip}` }, child);
        }
      }
      const outbound = new aws.route53.ResolverEndpoint(
        `${name}-outbound`,
        { name: `${name}-outbound`, direction: "OUTBOUND", securityGroupIds: [sg.id], ipAddresses, protocols: ["Do53"], tags: { Name: `${name}-outbound` } },
        child,
      );
      this.outboundEndpointId = outbound.id;
      for (const r of rules) {
        const rule = new aws.route53.ResolverRule(
          `${name}-${r.name}`,
          { name: `${name}-${r.name}`, domainName: r.domain, ruleType: "FORWARD", resolverEndpointId: outbound.id, targetIps: r.targetIps.map((ip) => ({ ip, port: 53 })), tags: { Name: `${name}-${r.name}` } },
          child,
        );
        new aws.ram.ResourceAssociation(`${name}-${r.name}-share`, { resourceArn: rule.arn, resourceShareArn: args.resourceShareArn }, child);
        ruleIds[r.name] = rule.id;
      }
    }
    this.ruleIds = ruleIds;
    this.registerOutputs({ ruleIds, inboundEndpointId: this.inboundEndpointId, outboundEndpointId: this.outboundEndpointId });
  }
}
