import { strict as assert } from "assert";
import { evaluateFirewall, FirewallPolicyModel, FirewallRuleGroupModel } from "../../lib/network/firewallPolicy";

/** The Network Firewall evaluator on hand-written policies: engines, rule order, defaults. */
const HOME = ["10.16.0.0/16"];
const group = (name: string, rulesSource: unknown, type: "STATEFUL" | "STATELESS" = "STATEFUL"): FirewallRuleGroupModel => ({ name, arn: `arn:${name}`, type, homeNet: HOME, rulesSource });
function policy(p: Partial<FirewallPolicyModel> & { stateful?: FirewallRuleGroupModel[]; stateless?: FirewallRuleGroupModel[] }): FirewallPolicyModel {
  return {
    name: "p",
    statelessDefaultActions: ["aws:forward_to_sfe"],
    statelessGroups: (p.stateless ?? []).map((g, i) => ({ priority: i + 1, group: g, arn: g.arn })),
    statefulGroups: (p.stateful ?? []).map((g, i) => ({ priority: (i + 1) * 10, group: g, arn: g.arn })),
    statefulDefaultActions: ["aws:drop_established"],
    strictOrder: true,
    homeNet: HOME,
    ...p,
  };
}
const tls = (sni: string, port = 443) => ({ src: "10.16.0.10", dst: "203.0.113.10", protocol: "tcp" as const, port, sni });

describe("lib/network/firewallPolicy: Network Firewall's decision for a flow", () => {
  it("stateless rules first: a matching aws:drop drops before any stateful rule, aws:pass skips the stateful engine", () => {
    const stateless = group("sl", { statelessRulesAndCustomActions: { statelessRules: [{ priority: 1, ruleDefinition: { actions: ["aws:drop"], matchAttributes: { protocols: [17], destinationPorts: [{ fromPort: 7844, toPort: 7844 }] } } }] } }, "STATELESS");
    const allowAll = group("all", { statefulRules: [{ action: "PASS", header: { protocol: "IP", source: "ANY", sourcePort: "ANY", direction: "FORWARD", destination: "ANY", destinationPort: "ANY" }, ruleOptions: [{ keyword: "sid", settings: ["1"] }] }] });
    const v = evaluateFirewall(policy({ stateless: [stateless], stateful: [allowAll] }), { src: "10.16.0.10", dst: "198.41.200.13", protocol: "udp", port: 7844 });
    assert.deepEqual(v, { action: "drop", decidedBy: "p: stateless rule group sl, rule priority 1 (aws:drop)" });
    assert.equal(evaluateFirewall(policy({ statelessDefaultActions: ["aws:pass"] }), tls("x.example.com")).action, "pass");
  });

  it("strict order: the first group's decision wins, alerts go on; default drop when nothing passes", () => {
    const alert = group("alert", { statefulRules: [{ action: "ALERT", header: { protocol: "TCP", source: "$HOME_NET", sourcePort: "ANY", direction: "FORWARD", destination: "ANY", destinationPort: "443" }, ruleOptions: [] }] });
    const deny = group("deny", { rulesSourceList: { generatedRulesType: "DENYLIST", targetTypes: ["TLS_SNI"], targets: [".bad.example"] } });
    const allow = group("allow", { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI"], targets: [".example"] } });
    const p = policy({ stateful: [alert, deny, allow] });
    assert.match(evaluateFirewall(p, tls("www.bad.example")).decidedBy, /rule group deny: TLS SNI www\.bad\.example is on its denylist \(\.bad\.example\)/);
    assert.match(evaluateFirewall(p, tls("good.example")).decidedBy, /rule group allow: TLS SNI good\.example is allowed by \.example/);
    assert.match(evaluateFirewall(p, tls("other.org")).decidedBy, /no rule passes tcp\/443 \(TLS SNI other\.org\); the stateful default action aws:drop_established drops it/);
    assert.equal(evaluateFirewall(policy({ stateful: [allow], statefulDefaultActions: [] }), tls("other.org")).action, "pass", "no default drop: passes");
  });

  it("action order: pass rules win over drop rules whatever their group's priority", () => {
    const deny = group("deny", { rulesSourceList: { generatedRulesType: "DENYLIST", targetTypes: ["TLS_SNI"], targets: ["x.example"] } });
    const allow = group("allow", { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI"], targets: ["x.example"] } });
    assert.equal(evaluateFirewall(policy({ stateful: [deny, allow], strictOrder: false }), tls("x.example")).action, "pass");
    assert.equal(evaluateFirewall(policy({ stateful: [deny, allow], strictOrder: true }), tls("x.example")).action, "drop");
  });

  it("domain lists match only traffic from HOME_NET (the trap of central inspection), and never QUIC", () => {
    const allow = { ...group("allow", { rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["TLS_SNI", "HTTP_HOST"], targets: ["quic.cftunnel.com", "h2.cftunnel.com"] } }), homeNet: ["10.0.0.0/22"] };
    assert.match(evaluateFirewall(policy({ stateful: [allow] }), tls("h2.cftunnel.com", 7844)).decidedBy, /no rule passes/, "a spoke's address is outside the group's HOME_NET");
    const spokes = { ...allow, homeNet: HOME };
    assert.equal(evaluateFirewall(policy({ stateful: [spokes] }), tls("h2.cftunnel.com", 7844)).action, "pass", "domain rules match on any port");
    assert.equal(evaluateFirewall(policy({ stateful: [spokes] }), { src: "10.16.0.10", dst: "198.41.200.13", protocol: "udp", port: 7844, sni: "quic.cftunnel.com" }).action, "drop", "QUIC is not TLS to the engine");
  });

  it("reads Suricata strings: tls.sni with content and dotprefix/endswith, and port lists", () => {
    const rules = group("suricata", { rulesString: 'pass tls $HOME_NET any -> $EXTERNAL_NET [443,8443] (tls.sni; content:".example.com"; dotprefix; endswith; nocase; sid:7;)\ndrop tcp $HOME_NET any -> any any (sid:8;)' });
    const p = policy({ stateful: [rules] });
    assert.match(evaluateFirewall(p, tls("api.example.com", 8443)).decidedBy, /rule group suricata, rule sid 7/);
    assert.match(evaluateFirewall(p, tls("api.example.org")).decidedBy, /rule group suricata, rule sid 8/);
  });
});
