import { strict as assert } from "assert";
import { pairOf, reachability, reachabilityOf } from "../../lib/network/reachability";
import { buildRoutingModel } from "../../lib/network/routingModel";
import type { PlanResult } from "../../lib/plan";
import { planStack, runLz } from "../helpers/plan";

describe("reachability over the network, dev and prod plans", function () {
  let network: PlanResult;
  let dev: PlanResult;
  let prod: PlanResult;
  before(async () => {
    network = await planStack("network");
    dev = await planStack("dev");
    prod = await planStack("prod");
  });

  it("prod cannot reach dev nor dev prod (blackholes), and both reach the egress VPC", () => {
    const r = reachability([network, dev, prod]);
    assert.deepEqual(r.vpcs.map((v) => [v.label, v.source]), [["dev", "plan"], ["egress", "plan"], ["prod", "plan"]]);
    const prodDev = pairOf(r, "prod", "dev")!;
    assert.equal(prodDev.reached, false);
    assert.match(prodDev.walk.reason!, /blackhole route for 10\.16\.0\.0\/16 in hub route table prod/);
    const devProd = pairOf(r, "dev", "prod")!;
    assert.equal(devProd.reached, false);
    assert.match(devProd.walk.reason!, /blackhole route for 10\.32\.0\.0\/16 in hub route table nonprod/);
    for (const from of ["dev", "prod"]) {
      const p = pairOf(r, from, "egress")!;
      assert.equal(p.reached, true, `${from} -> egress: ${p.walk.reason}`);
      assert.deepEqual(p.tiers.sort(), ["app", "dmz"], "through the tiers that route to the hub; never data");
    }
    assert.equal(pairOf(r, "egress", "dev")!.reached, true, "return path");
    assert.equal(pairOf(r, "egress", "prod")!.reached, true, "return path");
  });

  it("gives the app tiers the internet through the hub, the firewall and the egress NAT; the data tiers none", () => {
    const r = reachability([network, dev, prod]);
    for (const vpc of ["dev", "prod"]) {
      const app = r.internet.find((i) => i.vpc === vpc && i.tier === "app")!.walk;
      assert.equal(app.reached, true, app.reason);
      assert.equal(app.exit, "nat");
      assert.ok(app.viaTgw);
      assert.deepEqual(
        app.hops.map((h) => h.replace(/ [a-z]+-[0-9a-f]{17}$/, "")),
        [`${vpc}-app`, `TGW ${vpc === "prod" ? "prod" : "nonprod"}`, "egress attachment", "egress-transit-a", "firewall", "egress-firewall-a", "NAT", "egress-public-a", "internet gateway"],
      );
      const data = r.internet.find((i) => i.vpc === vpc && i.tier === "data")!.walk;
      assert.equal(data.reached, false);
      assert.match(data.reason!, /no route/);
    }
  });

  it("would let prod hairpin through the egress VPC into dev without the blackholes", () => {
    const model = buildRoutingModel([network, dev, prod]);
    for (const rt of model.tgwRouteTables.values()) rt.staticRoutes.splice(0, rt.staticRoutes.length, ...rt.staticRoutes.filter((s) => !s.blackhole));
    const r = reachabilityOf(model);
    const p = pairOf(r, "prod", "dev")!;
    assert.equal(p.reached, true, "the walk follows the hairpin");
    assert.ok(p.walk.hops.includes("TGW egress"), p.walk.hops.join(" > "));
  });

  it("would let a prod VPC associated with the nonprod table reach dev (why config refuses it)", () => {
    const model = buildRoutingModel([network, dev, prod]);
    const prodAttachment = [...model.attachments.values()].find((a) => a.vpcKey === "10.32.0.0/16")!;
    model.associations.set(prodAttachment.id, (network.outputs.transitGatewayRouteTableIds as Record<string, string>).nonprod);
    assert.equal(pairOf(reachabilityOf(model), "prod", "dev")!.reached, true);
  });

  it("works from the dev plan alone: the hub from the network stack's outputs, prod modelled from its segment", () => {
    const r = reachability([dev]);
    assert.deepEqual(r.vpcs.map((v) => [v.label, v.source]), [["dev", "plan"], ["egress", "outputs"], ["prod", "assumed"]]);
    assert.equal(pairOf(r, "dev", "prod")!.reached, false);
    assert.equal(pairOf(r, "prod", "dev")!.reached, false);
    assert.equal(pairOf(r, "dev", "egress")!.reached, true);
    assert.equal(pairOf(r, "prod", "egress")!.reached, true);
    assert.equal(r.internet.find((i) => i.vpc === "dev" && i.tier === "app")!.walk.reached, true);
    assert.deepEqual(r.internet.map((i) => i.vpc), ["dev", "dev", "dev", "dev"], "internet rows only for planned VPCs");
  });

  it("works from the network plan alone: both spokes modelled from their segments", () => {
    const r = reachability([network]);
    assert.deepEqual(r.vpcs.map((v) => [v.label, v.source]), [["dev", "assumed"], ["egress", "plan"], ["prod", "assumed"]]);
    assert.equal(pairOf(r, "prod", "dev")!.reached, false);
    assert.equal(pairOf(r, "prod", "egress")!.reached, true);
    assert.equal(pairOf(r, "egress", "dev")!.reached, true);
  });

  it("reports nothing for a plan without VPCs or hub outputs", () => {
    const r = reachability([{ stack: "x", role: "security", resources: [], outputs: {}, violations: [] }]);
    assert.deepEqual(r, { vpcs: [], pairs: [], internet: [] });
  });
});

describe("lz plan prints the reachability matrix", function () {
  for (const stack of ["network", "dev", "prod"]) {
    it(`lz plan ${stack}: exit 0 and the matrix`, async () => {
      const run = await runLz(["plan", stack]);
      assert.equal(run.code, 0, run.stderr);
      const section = run.stdout.slice(run.stdout.indexOf("Reachability:"));
      assert.match(section, /Through the Transit Gateway \(row reaches column\):\n\s+from \\ to\s+dev\*?\s+egress\*?\s+prod\*?\n/);
      assert.match(section, /\n\s+prod\*?\s+no\s+yes\s+-\n/, "prod: no to dev, yes to egress");
      assert.match(section, /\n\s+dev\*?\s+-\s+yes\s+no\n/, "dev: yes to egress, no to prod");
      assert.match(section, /no: prod -> dev: blackhole route for 10\.16\.0\.0\/16/);
      if (stack !== "network") assert.match(section, new RegExp(`${stack}\\s+data\\s+no: no route`));
    });
  }
});
