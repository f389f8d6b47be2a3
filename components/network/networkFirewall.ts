import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

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
 * policy whose only pass rules are the domain allow-list, and whose default drops every other
 * established flow. HOME_NET is set to the spokes' CIDRs: with central inspection the traffic comes
 * from other VPCs, and the generated domain rules only match traffic from HOME_NET.
 */
export class NetworkFirewall extends pulumi.ComponentResource {
  readonly firewallArn: pulumi.Output<string>;
  /** The firewall endpoint (a VPC endpoint id) in each AZ, by AZ key. */
  readonly endpointIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: NetworkFirewallArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:NetworkFirewall", name, {}, opts);
    const child = { parent: this, provider: args.provider };

    const domains = [...args.allowedDomains].sort();
    const rules = new aws.networkfirewall.RuleGroup(
      `${name}-domains`,
      {
        name: `${name}-domains`,
        type: "STATEFUL",
        description: "Egress domain allow-list",
        // Each domain generates a few rules (TLS and HTTP); leave room to grow without replacement.
        capacity: Math.max(100, domains.length * 4),
        ruleGroup: {
          ruleVariables: { ipSets: [{ key: "HOME_NET", ipSet: { definitions: [...args.homeNet].sort() } }] },
          rulesSource: { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI", "HTTP_HOST"], targets: domains } },
          statefulRuleOptions: { ruleOrder: "STRICT_ORDER" },
        },
        tags: { Name: `${name}-domains` },
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
          statefulRuleGroupReferences: [{ resourceArn: rules.arn, priority: 100 }],
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
            logDestination: { bucketName, prefix: `network-firewall/${logType.toLowerCase()}` },
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
