import { strict as assert } from "assert";
import { flowLogDelivery, logBucketPolicy } from "../../lib/iam/logBucketPolicy";
import { CLOUDFLARED_TLS_NAMES, DOMAIN_RULE_GROUP_CAPACITY } from "../../lib/network/egressRules";
import { firewallLogKey } from "../../lib/network/firewallLogs";
import { TUNNEL_EDGE_IPV4 } from "../../lib/zeroTrust/connector";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { simulate } from "../lib/iamSimulation";
import { byType, one, planStack } from "../helpers/plan";

/** Issue #16 items 1, 5, 7 and 10 on the network plan: what the firewall lets through, its capacity, its logs. */
describe("the egress firewall is deployable and lets cloudflared through (network plan)", function () {
  let plan: PlanResult;
  let groups: PlanResource[];
  const ruleGroup = (name: string) => groups.find((g) => g.name === name)!;
  before(async () => {
    plan = await planStack("network");
    groups = byType(plan, "aws:networkfirewall/ruleGroup:RuleGroup");
  });

  it("allows cloudflared's TLS names (HTTP/2 on 7844) on the domain list, and no wildcard over argotunnel.com", () => {
    const targets = (ruleGroup("egress-firewall-domains").inputs.ruleGroup as any).rulesSource.rulesSourceList.targets as string[];
    for (const n of CLOUDFLARED_TLS_NAMES) assert.ok(targets.includes(n), `${n} on the list`);
    assert.ok(!targets.includes(".argotunnel.com") && !targets.includes(".cftunnel.com"), "only the published names");
    assert.deepEqual(targets, [...targets].sort());
  });

  it("passes cloudflared's QUIC (UDP 7844) to the tunnel edge's published ranges only, ahead of the domain list", () => {
    const tunnel = ruleGroup("egress-firewall-tunnel");
    const rules = (tunnel.inputs.ruleGroup as any).rulesSource.statefulRules as any[];
    assert.deepEqual(
      rules.map((r) => [r.action, r.header.protocol, r.header.source, r.header.destination, r.header.destinationPort]),
      TUNNEL_EDGE_IPV4.map((c) => ["PASS", "UDP", "$HOME_NET", c, "7844"]),
    );
    const policy = (one(plan, "aws:networkfirewall/firewallPolicy:FirewallPolicy").inputs.firewallPolicy as any);
    const refs = (policy.statefulRuleGroupReferences as any[]).map((r) => [r.resourceArn, r.priority]);
    assert.ok(typeof tunnel.outputs.arn === "string");
    assert.deepEqual(refs, [[tunnel.outputs.arn, 50], [ruleGroup("egress-firewall-domains").outputs.arn, 100]]);
    assert.equal(policy.statefulEngineOptions.ruleOrder, "STRICT_ORDER");
  });

  it("keeps AWS names Australian: regional names only, no .amazonaws.com", () => {
    const targets = (ruleGroup("egress-firewall-domains").inputs.ruleGroup as any).rulesSource.rulesSourceList.targets as string[];
    assert.ok(!targets.includes(".amazonaws.com"));
    assert.deepEqual(targets.filter((t) => t.endsWith("amazonaws.com")), [".ap-southeast-2.amazonaws.com", ".ap-southeast-4.amazonaws.com"]);
  });

  it("gives the rule groups a fixed capacity and no fixed name, so growing the list never replaces a group under the same name", () => {
    const domains = ruleGroup("egress-firewall-domains");
    assert.equal(domains.inputs.capacity, DOMAIN_RULE_GROUP_CAPACITY);
    for (const g of groups) assert.equal(g.inputs.name === undefined || !/^egress-firewall-(domains|tunnel)$/.test(String(g.inputs.name)), true, `${g.name}: auto-named`);
  });

  it("logs to keys the log bucket's policy accepts (AWSLogs/<account>/network-firewall/...)", async () => {
    const logging = one(plan, "aws:networkfirewall/loggingConfiguration:LoggingConfiguration");
    const configs = (logging.inputs.loggingConfiguration as any).logDestinationConfigs as any[];
    assert.deepEqual(configs.map((c) => c.logType).sort(), ["ALERT", "FLOW"]);
    const ORG = "o-abcdefghij";
    const bucket = "arn:aws:s3:::lz-logs-flowlogs-example";
    const policy = logBucketPolicy(bucket, ORG, flowLogDelivery({ bucketArn: bucket, organizationId: ORG }));
    for (const c of configs) {
      const key = firewallLogKey({ prefix: c.logDestination.prefix, accountId: "444444444444", logType: c.logType.toLowerCase(), region: "ap-southeast-2", firewallName: "egress-firewall" });
      const outcome = await simulate({
        principal: "delivery.logs.amazonaws.com",
        action: "s3:PutObject",
        resource: `${bucket}/${key}`,
        resourceAccount: "333333333333",
        resourcePolicy: policy,
        context: { "aws:SecureTransport": "true", "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": "444444444444", "aws:SourceOrgID": ORG },
      });
      assert.equal(outcome.result, "Allowed", `${c.logType} log at ${key}`);
    }
  });
});
