import { containsIp, intToIp, mustParseCidr, parseCidr } from "../../lib/cidr";
import { CLOUDFLARED_QUIC_NAME } from "../../lib/network/egressRules";
import { evaluateFirewall, firewallPolicyModel, FirewallRuleGroupModel, firewallRuleGroupModel } from "../../lib/network/firewallPolicy";
import { TUNNEL_PORT } from "../../lib/zeroTrust/connector";
import { LzPolicy } from "../lib/policy";
import { ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { arr, obj, str } from "../lib/values";
import { preflightResource, preflightStack } from "./constraint";

/**
 * The network's deploy-time traps: a firewall that drops the tunnel the platform runs on, firewall
 * logs the log bucket refuses, rule groups too small for their rules, DNS forwarding with no path
 * to the servers it forwards to.
 */

const POLICY = "aws:networkfirewall/firewallPolicy:FirewallPolicy";
const RULE_GROUP = "aws:networkfirewall/ruleGroup:RuleGroup";
const FIREWALL = "aws:networkfirewall/firewall:Firewall";
const VPC = "aws:ec2/vpc:Vpc";

/** A published address of each of cloudflared's destinations (Cloudflare's "Tunnel with firewall" list). */
const EDGE = { quic: "198.41.200.13", h2: "198.41.192.67" };

function groupsByArn(stack: { ofType(...t: string[]): readonly ViewResource[] }): Map<string, FirewallRuleGroupModel> {
  const out = new Map<string, FirewallRuleGroupModel>();
  for (const g of stack.ofType(RULE_GROUP)) {
    const arn = str(g.props.arn) ?? g.id;
    if (arn) out.set(arn, firewallRuleGroupModel(str(g.props.name) ?? g.name, arn, g.props));
  }
  return out;
}

export const firewallPassesCloudflared = preflightStack({
  name: "network-firewall-passes-cloudflared",
  description: "A Network Firewall policy in the egress path must pass cloudflared's QUIC (UDP 7844) and HTTP/2 (TCP 7844, TLS name h2.cftunnel.com) to the tunnel edge.",
  types: [POLICY],
  fix: "Add a stateful rule passing UDP 7844 from HOME_NET to the tunnel edge's published ranges (the engine cannot read QUIC's server name), and h2.cftunnel.com (with cftunnel.com, region1/region2.v2.argotunnel.com) to the domain allow-list; lib/network/egressRules.ts has them.",
  constraint: {
    rule: "cloudflared connects on port 7844 over QUIC (UDP, server name quic.cftunnel.com) or HTTP/2 (TCP, h2.cftunnel.com); Network Firewall's stateful engine does not detect QUIC, and in strict order a flow no rule passes meets the default actions",
    source: "Cloudflare One docs, Tunnel with firewall; AWS Network Firewall Developer Guide, Limitations and caveats for stateful rules",
  },
  validate(stack, _ctx, report) {
    const groups = groupsByArn(stack);
    const firewalls = stack.ofType(FIREWALL);
    for (const p of stack.ofType(POLICY)) {
      const arn = str(p.props.arn) ?? p.id;
      const firewall = firewalls.find((f) => str(f.props.firewallPolicyArn) === arn);
      const vpcCidr = firewall ? str(stack.refs(firewall, "vpcId", [VPC])[0]?.props.cidrBlock) : undefined;
      const policy = firewallPolicyModel(str(p.props.name) ?? p.name, p.props.firewallPolicy, groups, vpcCidr);
      if (policy.statefulGroups.some((g) => !g.group) || isUnknown(p.props.firewallPolicy)) continue; // a group outside this stack: cannot judge
      // A source inside the inspected networks (HOME_NET of the groups, else the policy's).
      const homeNet = policy.statefulGroups.map((g) => g.group?.homeNet?.[0]).find((x): x is string => !!x) ?? policy.homeNet[0];
      const c = homeNet ? parseCidr(homeNet) : undefined;
      if (!c || typeof c === "string") continue;
      const src = intToIp(c.base + 10);
      const flows = [
        { what: `QUIC (udp/${TUNNEL_PORT} to ${CLOUDFLARED_QUIC_NAME})`, flow: { src, dst: EDGE.quic, protocol: "udp" as const, port: TUNNEL_PORT } },
        { what: `HTTP/2 (tcp/${TUNNEL_PORT}, TLS name h2.cftunnel.com)`, flow: { src, dst: EDGE.h2, protocol: "tcp" as const, port: TUNNEL_PORT, sni: "h2.cftunnel.com" } },
      ];
      for (const f of flows) {
        const v = evaluateFirewall(policy, f.flow);
        if (v.action === "drop") report(p.urn, `${p.name}: cloudflared's ${f.what} from ${src} is dropped: ${v.decidedBy}`);
      }
    }
  },
});

export const firewallLogPrefix = preflightResource({
  name: "network-firewall-log-prefix",
  description: "Network Firewall S3 logs must land where the log archive's bucket policy admits log delivery (under AWSLogs/).",
  types: ["aws:networkfirewall/loggingConfiguration:LoggingConfiguration"],
  fix: "Leave the S3 destination's prefix out: the logs then land under AWSLogs/<account>/network-firewall/, which the log archive's bucket policy grants to delivery.logs.amazonaws.com.",
  constraint: {
    rule: "log delivery to S3 writes objects under <bucket>/<optional prefix>/AWSLogs/<account-id>/network-firewall/<log-type>/..., and the delivering service needs s3:PutObject on that path in the bucket policy",
    source: "AWS Network Firewall Developer Guide, Logging to Amazon S3; Amazon CloudWatch Logs User Guide, Logging that requires additional permissions (Amazon S3)",
  },
  validate(p, ctx, report) {
    for (const d of arr(obj(p.loggingConfiguration)?.logDestinationConfigs)) {
      const dest = obj(obj(d)?.logDestination);
      if (str(obj(d)?.logDestinationType) !== "S3") continue;
      const prefix = str(dest?.prefix);
      if (prefix) report(`${ctx.name}: the ${str(obj(d)?.logType) ?? "?"} logs go to ${prefix}/AWSLogs/..., outside the AWSLogs/ the log archive admits delivery to`);
    }
  },
});

/** The capacity a rule group's rules take: one per domain and target type, one per stateful rule, the product of the match settings for stateless ones. */
export function requiredCapacity(props: Record<string, unknown>): number | undefined {
  const src = obj(obj(props.ruleGroup)?.rulesSource);
  const list = obj(src?.rulesSourceList);
  if (list) return arr(list.targets).length * Math.max(1, arr(list.targetTypes).length);
  if (Array.isArray(src?.statefulRules)) return src!.statefulRules.length;
  const text = str(src?.rulesString) ?? str(props.rules);
  if (text) return text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")).length;
  const stateless = arr(obj(src?.statelessRulesAndCustomActions)?.statelessRules);
  if (stateless.length) {
    return stateless.reduce<number>((sum, r) => {
      const m = obj(obj(obj(r)?.ruleDefinition)?.matchAttributes) ?? {};
      const n = (k: string) => Math.max(1, arr(m[k]).length);
      return sum + n("protocols") * n("sources") * n("destinations") * n("sourcePorts") * n("destinationPorts") * n("tcpFlags");
    }, 0);
  }
  return undefined;
}

export const ruleGroupCapacity = preflightResource({
  name: "network-firewall-rule-group-capacity",
  description: "A Network Firewall rule group's fixed capacity must hold its rules.",
  types: [RULE_GROUP],
  fix: "Set the capacity once, with room to grow (it can never change: a new capacity replaces the group), above what the rules take; lib/network/egressRules.ts's constants do.",
  constraint: {
    rule: "each rule group has a capacity fixed at creation; you can't change or exceed it when you update the group (domain lists take one unit per domain and protocol, stateful groups one per rule, stateless rules the product of their match settings)",
    source: "AWS Network Firewall Developer Guide, Setting rule group capacity",
  },
  validate(p, ctx, report) {
    const capacity = typeof p.capacity === "number" ? p.capacity : undefined;
    const need = requiredCapacity(p);
    if (capacity !== undefined && need !== undefined && need > capacity) report(`${ctx.name}: its rules take ${need} capacity units, over its fixed capacity ${capacity}`);
  },
});

const HYBRID = ["aws:ec2/vpnConnection:VpnConnection", "aws:ec2transitgateway/connect:Connect", "aws:directconnect/gatewayAssociation:GatewayAssociation"];

export const forwardingNeedsHybridPath = preflightStack({
  name: "resolver-forwarding-hybrid-path",
  description: "Route 53 Resolver forwarding rules need a network path to their target DNS servers.",
  types: ["aws:route53/resolverRule:ResolverRule"],
  fix: "Forward only to servers inside the landing zone's VPCs, or model the hybrid attachment (landing-zone:hybrid: a VPN to the corporate network, with its ranges routed through the hub).",
  constraint: {
    rule: "the outbound endpoint sends forwarded queries from its interfaces in the VPC to the target IPs over the VPC's routes; targets outside the VPC need a route, through a VPN, Direct Connect or Transit Gateway Connect attachment for on-premises servers",
    source: "Amazon Route 53 Developer Guide, Forwarding outbound DNS queries to your network",
  },
  validate(stack, _ctx, report) {
    const vpcCidrs = stack.ofType(VPC).map((v) => str(v.props.cidrBlock)).filter((c): c is string => !!c).map(mustParseCidr);
    const hybrid = stack.ofType(...HYBRID).length > 0;
    for (const rule of stack.ofType("aws:route53/resolverRule:ResolverRule")) {
      if (str(rule.props.ruleType) !== "FORWARD") continue;
      const outside = arr(rule.props.targetIps).map((t) => str(obj(t)?.ip)).filter((ip): ip is string => !!ip && !vpcCidrs.some((c) => containsIp(c, ip)));
      if (outside.length && !hybrid) report(rule.urn, `${rule.name}: forwards ${str(rule.props.domainName) ?? "?"} to ${outside.join(", ")}, outside every VPC of the stack, and the stack has no VPN, Direct Connect or Connect attachment to reach them`);
    }
  },
});

export const networkPolicies: readonly LzPolicy[] = [firewallPassesCloudflared, firewallLogPrefix, ruleGroupCapacity, forwardingNeedsHybridPath];
