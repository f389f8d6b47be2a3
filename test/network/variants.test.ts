import { strict as assert } from "assert";
import { planStack as planIn, StackPlan } from "../../cli/engine/planner";
import { pairOf, reachability } from "../../lib/network/reachability";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { byType, one, TempProject } from "../helpers/plan";

const tags = (r: PlanResource) => (r.inputs.tags ?? {}) as Record<string, string>;

/** Plans `stacks` of an edited copy of the sample config, sharing one cache (references included). */
async function planEditedStacks(edit: (p: TempProject) => void, stacks: string[]): Promise<PlanResult[]> {
  const p = new TempProject();
  try {
    edit(p);
    const cache = new Map<string, StackPlan>();
    const out: PlanResult[] = [];
    for (const s of stacks) out.push((await planIn(s, { root: p.root, cache, policies: false })).result);
    return out;
  } finally {
    p.cleanup();
  }
}

describe("network variants (edited sample config)", function () {
  it("a public DMZ gets an internet gateway and reaches the internet directly, east-west still through the hub; the app tier goes through the hub", async () => {
    const [network, dev] = await planEditedStacks((p) => p.editStack("dev", (c) => (c["landing-zone:vpc"].dmz = { public: true })), ["network", "dev"]);
    const igw = one(dev, "aws:ec2/internetGateway:InternetGateway");
    const dmz = byType(dev, "aws:ec2/routeTable:RouteTable").find((t) => tags(t).tier === "dmz")!;
    const routes = byType(dev, "aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === dmz.id);
    assert.deepEqual(routes.map((r) => [r.inputs.destinationCidrBlock, r.inputs.gatewayId ?? r.inputs.transitGatewayId]), [
      ["0.0.0.0/0", igw.id],
      ...["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => [c, network.outputs.transitGatewayId]),
    ]);
    assert.equal(byType(dev, "aws:ec2/natGateway:NatGateway").length, 0);
    const r = reachability([network, dev]);
    const internet = (tier: string) => r.internet.find((i) => i.vpc === "dev" && i.tier === tier)!.walk;
    assert.equal(internet("dmz").exit, "direct");
    assert.equal(internet("app").exit, "nat");
    assert.ok(internet("app").viaTgw);
    assert.equal(pairOf(r, "dev", "egress")!.reached, true);
    assert.deepEqual(pairOf(r, "dev", "egress")!.tiers.sort(), ["app", "dmz"], "the public DMZ reaches the hub for private ranges");
  });

  it("without the firewall and the resolver, the transit subnets send the spokes' traffic straight to the NAT of their AZ", async () => {
    const [network, dev] = await planEditedStacks(
      (p) =>
        p.editStack("network", (c) => {
          c["landing-zone:egress"].firewall = { enabled: false };
          c["landing-zone:resolver"] = { enabled: false };
        }),
      ["network", "dev"],
    );
    assert.equal(byType(network, "aws:networkfirewall/firewall:Firewall").length, 0);
    assert.equal(byType(network, "aws:route53/resolverEndpoint:ResolverEndpoint").length, 0);
    assert.deepEqual([...new Set(byType(network, "aws:ec2/subnet:Subnet").map((s) => tags(s).tier))].sort(), ["public", "transit"]);
    const tables = byType(network, "aws:ec2/routeTable:RouteTable");
    const routes = byType(network, "aws:ec2/route:Route");
    const nats = byType(network, "aws:ec2/natGateway:NatGateway");
    for (const k of ["a", "b"]) {
      const transit = tables.find((t) => tags(t).Name === `egress-transit-${k}`)!;
      const def = routes.find((r) => r.inputs.routeTableId === transit.id && r.inputs.destinationCidrBlock === "0.0.0.0/0")!;
      const nat = nats.find((n) => n.id === def.inputs.natGatewayId)!;
      assert.ok(nat, `transit-${k} -> a NAT gateway`);
      assert.equal(nat.name, `egress-nat-${k}`, "the NAT of the same AZ");
      const pub = tables.find((t) => tags(t).Name === `egress-public-${k}`)!;
      const back = routes.find((r) => r.inputs.routeTableId === pub.id && r.inputs.destinationCidrBlock === "10.16.0.0/16")!;
      assert.equal(back.inputs.transitGatewayId, network.outputs.transitGatewayId);
    }
    assert.deepEqual(dev.outputs.transitGatewaySegment, "nonprod");
    assert.equal(byType(dev, "aws:route53/resolverRuleAssociation:ResolverRuleAssociation").length, 0, "no rules to associate");
    const app = reachability([network, dev]).internet.find((i) => i.vpc === "dev" && i.tier === "app")!.walk;
    assert.equal(app.reached, true, app.reason);
    assert.ok(!app.hops.some((h) => h.startsWith("firewall")));
  });

  it("shares the hub with the chosen OUs, by the ARNs the management stack exports", async () => {
    const edit = (p: TempProject) => p.editStack("network", (c) => (c["landing-zone:transitGateway"].shareWith = ["Workloads/Prod", "Workloads/NonProd"]));
    const [management, network] = await planEditedStacks(edit, ["management", "network"]);
    const ouArns = management.outputs.ouArns as Record<string, string>;
    const principals = byType(network, "aws:ram/principalAssociation:PrincipalAssociation");
    assert.deepEqual(principals.map((a) => a.name).sort(), ["hub-share-ou-workloads-nonprod", "hub-share-ou-workloads-prod"]);
    assert.deepEqual(principals.map((a) => a.inputs.principal).sort(), [ouArns["Workloads/NonProd"], ouArns["Workloads/Prod"]].sort());
    assert.ok(principals.every((a) => String(a.inputs.principal).startsWith("arn:aws:organizations::")));
  });
});
