import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluateFlow } from "../../lib/network/flows";
import { flowContext, resolveDestination, resolveSource, sharedFlowContext, standingFlows } from "../../lib/network/flowQueries";
import type { PlanResult } from "../../lib/plan";
import { reachabilityMarkdown } from "../../cli/report/reachability";
import { planStack } from "../helpers/plan";

/**
 * Issue #16's reachability proofs: the flow model sees the firewall (strict order, domain list,
 * default actions), security groups and ACLs, every AZ's path and its return.
 */
const OLD = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/reach/old-egress-rules.json"), "utf8"));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
/** A copy of a plan without the resources `drop` names. */
const without = (plan: PlanResult, drop: (name: string) => boolean): PlanResult => ({ ...clone(plan), resources: clone(plan.resources).filter((r) => !drop(r.name)) });

describe("flows through the firewall, security groups and ACLs, per AZ and both ways", function () {
  let network: PlanResult;
  let dev: PlanResult;
  let prod: PlanResult;
  before(async () => {
    network = await planStack("network");
    dev = await planStack("dev");
    prod = await planStack("prod");
  });

  const flow = (plans: PlanResult[], from: string, to: string) => {
    const ctx = flowContext(plans);
    return evaluateFlow(ctx, resolveSource(ctx, "dev", from), resolveDestination(ctx, "dev", to));
  };

  /** Today's network plan with the egress firewall's rules as they were before issue #16. */
  function withOldRules(): PlanResult {
    const n = without(network, (name) => name === "egress-firewall-tunnel");
    const domains = n.resources.find((r) => r.type === "aws:networkfirewall/ruleGroup:RuleGroup" && r.name === "egress-firewall-domains")!;
    Object.assign(domains.inputs, clone(OLD.ruleGroup));
    const policy = n.resources.find((r) => r.type === "aws:networkfirewall/firewallPolicy:FirewallPolicy")!;
    policy.inputs.firewallPolicy = { ...clone(OLD.firewallPolicy), statefulRuleGroupReferences: [{ resourceArn: domains.outputs.arn, priority: 100 }] };
    return n;
  }

  it("with the old allow-list, blocks cloudflared's QUIC and HTTP/2 at the firewall, naming what decides", () => {
    const plans = [withOldRules(), dev, prod];
    const quic = flow(plans, "cloudflared", "quic.cftunnel.com:7844/udp");
    assert.equal(quic.verdict, "blocked");
    assert.match(quic.decidedBy, /^Network Firewall egress-firewall .*egress-firewall-policy: no rule passes udp\/7844; the stateful default action aws:drop_established drops it/);
    const h2 = flow(plans, "cloudflared", "h2.cftunnel.com:7844/tcp");
    assert.equal(h2.verdict, "blocked");
    assert.match(h2.decidedBy, /no rule passes tcp\/7844 \(TLS SNI h2\.cftunnel\.com\); the stateful default action aws:drop_established drops it/);
    for (const p of [...quic.paths, ...h2.paths]) assert.equal(p.verdict, "deny", `every AZ's path: ${p.az} via ${p.applianceAz}`);
  });

  it("with today's rules, passes both (by the tunnel group's rule and the domain list) and still drops an unlisted domain", () => {
    const plans = [network, dev, prod];
    const quic = flow(plans, "cloudflared", "quic.cftunnel.com:7844/udp");
    assert.equal(quic.verdict, "allowed", quic.decidedBy);
    assert.match(quic.decidedBy, /rule group egress-firewall-tunnel, rule sid 100\d \(pass udp \$HOME_NET -> 198\.41\.(192|200)\.0\/24:7844\)/);
    const h2 = flow(plans, "cloudflared", "h2.cftunnel.com:7844/tcp");
    assert.equal(h2.verdict, "allowed", h2.decidedBy);
    assert.match(h2.decidedBy, /TLS SNI h2\.cftunnel\.com is allowed by h2\.cftunnel\.com/);
    const other = flow(plans, "app", "unlisted.example.org:443");
    assert.equal(other.verdict, "blocked");
    assert.match(other.decidedBy, /no rule passes tcp\/443 \(TLS SNI unlisted\.example\.org\); the stateful default action aws:drop_established drops it/);
  });

  it("walks every AZ: each source AZ times each egress AZ the appliance-mode attachment may pick, both ways", () => {
    const quic = flow([network, dev, prod], "cloudflared", "quic.cftunnel.com:7844/udp");
    const combos = quic.paths.map((p) => `${p.az}>${p.applianceAz}`).sort();
    assert.deepEqual(combos, ["az1", "az2"].flatMap((s) => ["az1", "az2", "az3"].map((e) => `apse2-${s}>apse2-${e}`)));
    for (const p of quic.paths) {
      assert.ok(p.back.length > 0, "the return path is part of the answer");
      assert.ok(p.back.some((h) => /^routes \(return\): egress-public-/.test(h.hop)), p.back.map((h) => h.hop).join(" | "));
    }
  });

  it("names the AZ whose return route is broken (egress public table of AZ b without its route to dev)", () => {
    const n = without(network, (name) => name === "egress-public-b-to-dev");
    const quic = flow([n, dev, prod], "cloudflared", "quic.cftunnel.com:7844/udp");
    assert.equal(quic.verdict, "blocked");
    assert.match(quic.decidedBy, /^routes \(return\): egress-public-b > internet gateway \(apse2-az[12] via apse2-az2\): egress-public-b sends 0\.0\.0\.0\/0 to an internet gateway, which drops private addresses/);
    const broken = quic.paths.filter((p) => p.verdict !== "allow").map((p) => p.applianceAz);
    assert.deepEqual([...new Set(broken)], ["apse2-az2"], "only the paths through AZ b (apse2-az2) fail");
  });

  it("sees a return path that skips the stateful firewall (asymmetric routing) and drops the flow", () => {
    const n = clone(network);
    const route = n.resources.find((r) => r.name === "egress-public-c-to-dev")!;
    delete route.inputs.vpcEndpointId;
    route.inputs.transitGatewayId = network.outputs.transitGatewayId;
    const h2 = flow([n, dev, prod], "cloudflared", "h2.cftunnel.com:7844/tcp");
    assert.equal(h2.verdict, "blocked");
    assert.match(h2.decidedBy, /Network Firewall \(stateful\) on the return path \(apse2-az[12] via apse2-az3\): the replies skip firewall endpoint vpce-\w+, which saw the request/);
  });

  it("checks security groups with protocol and port: cloudflared may not send UDP 7844 once its rule is gone", () => {
    const d = clone(dev);
    const sg = d.resources.find((r) => r.name === "dev-cloudflared-sg")!;
    sg.inputs.egress = (sg.inputs.egress as any[]).filter((e) => e.protocol !== "udp");
    const quic = flow([network, d, prod], "cloudflared", "quic.cftunnel.com:7844/udp");
    assert.equal(quic.verdict, "blocked");
    assert.match(quic.decidedBy, /^security group dev-cloudflared egress .*no egress rule admits udp\/7844 to 198\.41\.200\.13/);
    assert.equal(flow([network, dev, prod], "cloudflared", "198.41.192.7:8080/tcp").verdict, "blocked", "nor TCP 8080 to the edge");
  });

  it("checks network ACLs both ways: the data tier reaches the endpoints (replies on ephemeral ports) but not SSH in the app tier", () => {
    const plans = [network, dev, prod];
    const ok = flow(plans, "data", "ecr.dkr");
    assert.equal(ok.verdict, "allowed", ok.decidedBy);
    assert.ok(ok.paths[0].back.some((h) => /network ACL dev-data ingress/.test(h.hop) && h.verdict === "allow"), "the reply enters the data tier through its ACL");
    const no = flow(plans, "data", "dev.app:22/tcp");
    assert.equal(no.verdict, "blocked");
    assert.match(no.decidedBy, /^network ACL dev-data egress .*no rule admits tcp\/22 to 10\.16\.\d+\.20/);
  });

  it("lists the standing flows of dev, each as expected, each with the hop that decides", () => {
    const flows = standingFlows(flowContext([network, dev, prod]), "dev");
    const names = flows.map((f) => f.name);
    for (const n of ["cloudflared to Cloudflare (QUIC)", "cloudflared to Cloudflare (HTTP/2)", "app to the ecr.dkr endpoint", "app to the ecr.api endpoint", "app to the logs endpoint", "app to the secretsmanager endpoint", "app to a domain off the allow-list", "dev to prod (nonprod to prod)", "prod to dev (prod to nonprod)"]) {
      assert.ok(names.includes(n), n);
    }
    assert.ok(names.some((n) => /^data to the internet/.test(n)) && names.some((n) => /^app to the internet/.test(n)) && names.some((n) => /^dmz to the internet/.test(n)));
    for (const f of flows) {
      assert.equal(f.result.verdict, f.expect, `${f.name}: ${f.result.decidedBy}`);
      assert.ok(f.result.decidedBy.length > 10);
    }
    assert.match(flows.find((f) => f.name === "dev to prod (nonprod to prod)")!.result.decidedBy, /blackhole route for 10\.32\.0\.0\/16 in hub route table nonprod/);
  });

  it("builds one run's flow model once, of its network, workload and cell stacks, with the same answers", () => {
    const management = { stack: "management", role: "management", resources: [{ type: "aws:ec2/vpc:Vpc" }], outputs: {}, violations: [] } as unknown as PlanResult;
    const run = [management, network, dev, prod];
    const ctx = sharedFlowContext(run);
    assert.strictEqual(sharedFlowContext(run), ctx, "a second query of the same run rebuilt the model");
    assert.notStrictEqual(sharedFlowContext([...run]), ctx, "another run (another array) must get its own model");
    assert.deepStrictEqual(ctx.routing.vpcs.map((v) => v.stack).sort(), flowContext([network, dev, prod]).routing.vpcs.map((v) => v.stack).sort());
    const names = (c: typeof ctx) => standingFlows(c, "dev").map((f) => `${f.name}: ${f.result.verdict}`);
    assert.deepStrictEqual(names(ctx), names(flowContext([network, dev, prod])));
  });

  it("puts each workload stack's standing flows in the Markdown report", () => {
    const md = reachabilityMarkdown([network, dev, prod])!;
    for (const stack of ["dev", "prod"]) assert.match(md, new RegExp(`Standing flows of \`${stack}\``));
    assert.match(md, /\| cloudflared to Cloudflare \(QUIC\) \| ✅ allowed \| Network Firewall egress-firewall/);
    assert.match(md, /\| app to a domain off the allow-list \| ⛔ blocked \|/);
    assert.doesNotMatch(md, /\(expected (allowed|blocked)\)/);
  });

  it("marks internet flows unknown when the egress VPC is only modelled from outputs (dev planned alone)", () => {
    const flows = standingFlows(flowContext([dev]), "dev");
    const quic = flows.find((f) => f.name === "cloudflared to Cloudflare (QUIC)")!;
    assert.equal(quic.result.verdict, "unknown");
    assert.match(quic.result.decidedBy, /modelled from the network stack's outputs/);
  });
});
