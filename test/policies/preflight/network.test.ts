import * as aws from "@pulumi/aws";
import * as fs from "fs";
import * as path from "path";
import { firewallLogPrefix, firewallPassesCloudflared, forwardingNeedsHybridPath, ruleGroupCapacity } from "../../../policies/preflight/network";
import { cloudflaredQuicRules, egressDomains } from "../../../lib/network/egressRules";
import { ruleCases, stack } from "./rules";

const OLD = JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/reach/old-egress-rules.json"), "utf8"));
const HOME_NET = { ipSets: [{ key: "HOME_NET", ipSet: { definitions: ["10.0.0.0/22", "10.16.0.0/16"] } }] };
const STRICT = { statelessDefaultActions: ["aws:forward_to_sfe"], statelessFragmentDefaultActions: ["aws:forward_to_sfe"], statefulEngineOptions: { ruleOrder: "STRICT_ORDER" }, statefulDefaultActions: ["aws:drop_established", "aws:alert_established"] };

/** A firewall policy over the given rule groups (in order of priority), as the network stack plans it. */
function firewall(groups: { name: string; ruleGroup: Record<string, unknown> }[]) {
  return () => {
    const s = stack();
    s.add(aws.ec2.Vpc, "egress-vpc", { cidrBlock: "10.0.0.0/22" }, { id: "vpc-1" });
    groups.forEach((g) => s.add(aws.networkfirewall.RuleGroup, g.name, { type: "STATEFUL", capacity: 2000, ruleGroup: g.ruleGroup as never }, { outputs: { arn: `arn:rg/${g.name}` } }));
    s.add(aws.networkfirewall.FirewallPolicy, "policy", { firewallPolicy: { ...STRICT, statefulRuleGroupReferences: groups.map((g, i) => ({ resourceArn: `arn:rg/${g.name}`, priority: 50 * (i + 1) })) } as never }, { outputs: { arn: "arn:policy" } });
    s.add(aws.networkfirewall.Firewall, "fw", { vpcId: "vpc-1", firewallPolicyArn: "arn:policy", subnetMappings: [] });
    return s;
  };
}
const domains = (targets: string[]) => ({ name: "domains", ruleGroup: { ruleVariables: HOME_NET, rulesSource: { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI", "HTTP_HOST"], targets } }, statefulRuleOptions: { ruleOrder: "STRICT_ORDER" } } });
const tunnel = { name: "tunnel", ruleGroup: { ruleVariables: HOME_NET, rulesSource: { statefulRules: cloudflaredQuicRules() }, statefulRuleOptions: { ruleOrder: "STRICT_ORDER" } } };

describe("preflight: network", () => {
  ruleCases(
    firewallPassesCloudflared,
    {
      "the tunnel group and the domain list with cloudflared's names": firewall([tunnel, domains(egressDomains([".example.com"]))]),
      "a Suricata rule for UDP 7844 and the names on the list": firewall([{ name: "suricata", ruleGroup: { ruleVariables: HOME_NET, rulesSource: { rulesString: 'pass udp $HOME_NET any -> 198.41.192.0/23 7844 (msg:"quic"; sid:1;)\npass udp $HOME_NET any -> 198.41.200.0/24 7844 (sid:2;)' } } }, domains(["h2.cftunnel.com"])]),
    },
    [
      { title: "the allow-list before issue #16 (only .argotunnel.com; nothing for UDP 7844)", build: firewall([domains(OLD.ruleGroup.ruleGroup.rulesSource.rulesSourceList.targets)]), expect: /cloudflared's (QUIC \(udp\/7844 to quic\.cftunnel\.com\)|HTTP\/2 \(tcp\/7844, TLS name h2\.cftunnel\.com\)) from 10\.0\.0\.10 is dropped: policy: no rule passes/ },
      { title: "the tunnel group without h2.cftunnel.com on the list", build: firewall([tunnel, domains([".example.com"])]), expect: /HTTP\/2 .* is dropped: policy: no rule passes tcp\/7844 \(TLS SNI h2\.cftunnel\.com\)/ },
    ],
  );

  const logging = (prefix?: string) => () => {
    const s = stack();
    s.add(aws.networkfirewall.LoggingConfiguration, "fw-logging", { firewallArn: "arn:fw", loggingConfiguration: { logDestinationConfigs: [{ logType: "ALERT", logDestinationType: "S3", logDestination: { bucketName: "lz-logs-flowlogs", ...(prefix ? { prefix } : {}) } }] } });
    return s;
  };
  ruleCases(firewallLogPrefix, { "no prefix (objects under AWSLogs/)": logging() }, [
    { title: "the prefix network-firewall/alert (before issue #16)", build: logging("network-firewall/alert"), expect: /fw-logging: the ALERT logs go to network-firewall\/alert\/AWSLogs\/\.\.\., outside the AWSLogs\/ the log archive admits/ },
  ]);

  const group = (capacity: number, ruleGroup: Record<string, unknown>) => () => {
    const s = stack();
    s.add(aws.networkfirewall.RuleGroup, "rg", { type: "STATEFUL", capacity, ruleGroup: ruleGroup as never });
    return s;
  };
  const list = (n: number) => ({ rulesSource: { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI", "HTTP_HOST"], targets: Array.from({ length: n }, (_, i) => `host${i}.example.com`) } } });
  ruleCases(ruleGroupCapacity, { "50 domains × 2 protocols in 100": group(100, list(50)), "2 stateful rules in 20": group(20, { rulesSource: { statefulRules: cloudflaredQuicRules() } }) }, [
    { title: "51 domains × 2 protocols in 100", build: group(100, list(51)), expect: /rg: its rules take 102 capacity units, over its fixed capacity 100/ },
    { title: "3 Suricata rules in 2", build: group(2, { rulesSource: { rulesString: "pass tcp any any -> any 443 (sid:1;)\npass tcp any any -> any 80 (sid:2;)\ndrop ip any any -> any any (sid:3;)" } }), expect: /its rules take 3 capacity units, over its fixed capacity 2/ },
  ]);

  const resolver = (targetIp: string, hybrid: boolean) => () => {
    const s = stack();
    s.add(aws.ec2.Vpc, "egress-vpc", { cidrBlock: "10.0.0.0/22" });
    s.add(aws.route53.ResolverRule, "corp", { domainName: "corp.example.com", ruleType: "FORWARD", resolverEndpointId: "rslvr-out-1", targetIps: [{ ip: targetIp, port: 53 }] });
    if (hybrid) s.add(aws.ec2.VpnConnection, "corp-vpn", { customerGatewayId: "cgw-1", type: "ipsec.1", transitGatewayId: "tgw-1" });
    return s;
  };
  ruleCases(forwardingNeedsHybridPath, { "servers on premises behind a VPN": resolver("10.100.0.2", true), "servers inside the egress VPC": resolver("10.0.1.10", false) }, [
    { title: "servers on premises and no hybrid attachment", build: resolver("10.100.0.2", false), expect: /corp: forwards corp\.example\.com to 10\.100\.0\.2, outside every VPC of the stack, and the stack has no VPN/ },
  ]);
});
