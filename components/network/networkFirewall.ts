import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudflaredQuicRules, DOMAIN_RULE_GROUP_CAPACITY, egressDomains, TUNNEL_RULE_GROUP_CAPACITY } from "../../lib/network/egressRules";

export interface NetworkFirewallArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The firewall subnets (one per AZ), by AZ key. */
  readonly subnetIds: Record<string, pulumi.Input<string>>;
  /** Domains web traffic may reach (TLS SNI and HTTP Host); a leading dot allows subdomains. */
  readonly allowedDomains: readonly string[];
  /** The networks whose traffic is inspected: every spoke CIDR and the egress VPC's (HOME_NET). */
  readonly homeNet: readonly string[];
  /** The log-archive bucket for alert and flow logs (its ARN). */
  readonly logBucketArn: pulumi.Input<string>;
  /** The provider of the network account. */
  readonly provider: aws.Provider;
}

/**
 * AWS Network Firewall as the egress path's forward proxy with hostname filtering: a strict-order
 * policy whose only pass rules are cloudflared's QUIC flows to the tunnel edge (by address: the
 * engine cannot read QUIC) and the domain allow-list (with cloudflared's TLS names added), and whose
 * default drops every other established flow (lib/network/egressRules.ts). HOME_NET is set to the spokes' CIDRs: with central inspection the traffic comes
 * from other VPCs, and the generated domain rules only match traffic from HOME_NET.
 */
export class NetworkFirewall extends pulumi.ComponentResource {
  readonly firewallArn: pulumi.Output<string>;
  /** The firewall endpoint (a VPC endpoint id) in each AZ, by AZ key. */
  readonly endpointIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: NetworkFirewallArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:NetworkFirewall", name, {}, opts);
    const child = { parent: this, provider: args.provider };

    const domains = egressDomains(args.allowedDomains);
    const homeNet = { ipSets: [{ key: "HOME_NET", ipSet: { definitions: [...args.homeNet].sort() } }] };
    // Capacity is fixed at creation (AWS cannot change it), so it is a constant with room to grow,
    // and the name is left to Pulumi (a random suffix): if a replacement is ever needed, the new
    // group is created before the old one is deleted, without a name collision.
    const rules = new aws.networkfirewall.RuleGroup(
      `${name}-domains`,
      {
        type: "STATEFUL",
        description: "Egress domain allow-list (TLS SNI, HTTP Host)",
        capacity: DOMAIN_RULE_GROUP_CAPACITY,
        ruleGroup: {
          ruleVariables: homeNet,
          rulesSource: { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI", "HTTP_HOST"], targets: domains } },
          statefulRuleOptions: { ruleOrder: "STRICT_ORDER" },
        },
        tags: { Name: `${name}-domains` },
      },
      child,
    );
    // cloudflared's QUIC flows: the stateful engine cannot read QUIC's server name, so by address.
    const tunnel = new aws.networkfirewall.RuleGroup(
      `${name}-tunnel`,
      {
        type: "STATEFUL",
        description: "cloudflared QUIC (UDP 7844) to the Cloudflare tunnel edge",
        capacity: TUNNEL_RULE_GROUP_CAPACITY,
        ruleGroup: {
          ruleVariables: homeNet,
          rulesSource: { statefulRules: cloudflaredQuicRules().map((r) => ({ action: r.action, header: { ...r.header }, ruleOptions: r.ruleOptions.map((o) => ({ keyword: o.keyword, settings: o.settings })) })) },
          statefulRuleOptions: { ruleOrder: "STRICT_ORDER" },
        },
        tags: { Name: `${name}-tunnel` },
      },
      child,
    );
    const policy = new aws.networkfirewall.FirewallPolicy(
      `${name}-policy`,
      {
        name: `${name}-policy`,
        firewallPolicy: {
          statelessDefaultActions: ["aws:forward_to_sfe"],
          statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
          statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
          statefulDefaultActions: ["aws:drop_established", "aws:alert_established"],
          statefulRuleGroupReferences: [
            { resourceArn: tunnel.arn, priority: 50 },
            { resourceArn: rules.arn, priority: 100 },
          ],
        },
        tags: { Name: `${name}-policy` },
      },
      child,
    );
    const azs = Object.keys(args.subnetIds).sort();
    const firewall = new aws.networkfirewall.Firewall(
      name,
      {
        name,
        vpcId: args.vpcId,
        firewallPolicyArn: policy.arn,
        subnetMappings: azs.map((az) => ({ subnetId: args.subnetIds[az], ipAddressType: "IPV4" })),
        deleteProtection: true,
        subnetChangeProtection: true,
        tags: { Name: name },
      },
      child,
    );

    const bucketName = pulumi.output(args.logBucketArn).apply((arn) => arn.replace(/^arn:aws[\w-]*:s3:::/, ""));
    new aws.networkfirewall.LoggingConfiguration(
      `${name}-logging`,
      {
        firewallArn: firewall.arn,
        loggingConfiguration: {
          logDestinationConfigs: (["ALERT", "FLOW"] as const).map((logType) => ({
            logType,
            logDestinationType: "S3",
            // No prefix: AWS writes under `<prefix>/AWSLogs/<account>/network-firewall/<type>/...`, and
            // the log bucket's policy accepts log delivery only under `AWSLogs/` (lib/iam/logBucketPolicy.ts).
            logDestination: { bucketName },
          })),
        },
      },
      child,
    );

    // The endpoint of each AZ, matched by subnet (the status lists AZs in no guaranteed order).
    const endpointIds: Record<string, pulumi.Output<string>> = {};
    for (const az of azs) {
      endpointIds[az] = pulumi.all([firewall.firewallStatuses, pulumi.output(args.subnetIds[az])]).apply(([statuses, subnetId]) => {
        const found = (statuses ?? []).flatMap((s) => s.syncStates ?? []).flatMap((s) => s.attachments ?? []).find((a) => a.subnetId === subnetId);
        if (!found) throw new Error(`${name}: the firewall reports no endpoint in subnet ${subnetId} (AZ ${az})`);
        return found.endpointId;
      });
    }
    this.firewallArn = firewall.arn;
    this.endpointIds = endpointIds;
    this.registerOutputs({ firewallArn: this.firewallArn, endpointIds });
  }
}
