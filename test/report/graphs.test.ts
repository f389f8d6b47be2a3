import * as assert from "assert";
import { toDot, dotString } from "../../cli/report/dot";
import { combineGraphs, Graph, GraphNode } from "../../cli/report/graph";
import { mermaidText, toMermaid } from "../../cli/report/mermaid";
import { networkGraph, tierOf } from "../../cli/report/networkGraph";
import { orgGraph } from "../../cli/report/orgGraph";
import { PlanIndex } from "../../cli/report/planIndex";
import { ACCOUNTS, devPlan, fixturePlans, managementPlan, PlanBuilder } from "./fixture";

function nodeByLabel(g: Graph, first: string, kind?: string): GraphNode {
  const found = g.nodes.filter((n) => n.label.split("\n")[0] === first && (!kind || n.kind === kind));
  assert.strictEqual(found.length, 1, `one node labelled "${first}" in ${g.nodes.map((n) => n.label.split("\n")[0]).join(", ")}`);
  return found[0];
}

function hasEdge(g: Graph, from: GraphNode, to: GraphNode, label?: string): boolean {
  return g.edges.some((e) => e.from === from.id && e.to === to.id && (label === undefined || e.label === label));
}

describe("report graphs", () => {
  describe("the organisation tree", () => {
    const g = orgGraph(new PlanIndex(fixturePlans()));

    it("has a node per OU and per account, and the management account under the root", () => {
      for (const a of ACCOUNTS) nodeByLabel(g, a, "account");
      for (const ou of ["Security", "Infrastructure", "Workloads", "NonProd", "Prod"]) nodeByLabel(g, ou, "ou");
      assert.ok(hasEdge(g, nodeByLabel(g, "Root"), nodeByLabel(g, "management account")));
    });

    it("hangs each OU and account under the parent its parentId names (root or OU)", () => {
      assert.ok(hasEdge(g, nodeByLabel(g, "Root"), nodeByLabel(g, "Workloads")));
      assert.ok(hasEdge(g, nodeByLabel(g, "Workloads"), nodeByLabel(g, "NonProd")));
      assert.ok(hasEdge(g, nodeByLabel(g, "NonProd"), nodeByLabel(g, "Dev")));
      assert.ok(hasEdge(g, nodeByLabel(g, "Prod", "ou"), nodeByLabel(g, "Prod", "account")), "the Prod account in the Prod OU");
      assert.ok(hasEdge(g, nodeByLabel(g, "Security", "ou"), nodeByLabel(g, "Log Archive", "account")));
      assert.ok(!hasEdge(g, nodeByLabel(g, "Root"), nodeByLabel(g, "Dev")), "Dev is not directly under the root");
    });

    it("draws a parent no plan holds as an external node", () => {
      const plan = managementPlan();
      const partial = { ...plan, resources: plan.resources.filter((r) => r.name !== "ou-workloads") };
      const g2 = orgGraph(new PlanIndex([partial]));
      const ext = g2.nodes.find((n) => n.kind === "external");
      assert.ok(ext && ext.label.includes("ou-wl"), "the missing Workloads OU is shown by its id");
      assert.ok(hasEdge(g2, ext!, nodeByLabel(g2, "NonProd")));
    });

    it("is empty when no plan has organisation resources", () => {
      assert.strictEqual(orgGraph(new PlanIndex([devPlan()])).nodes.length, 0);
    });
  });

  describe("the network", () => {
    const g = networkGraph(new PlanIndex(fixturePlans()));

    it("has a node per VPC with its CIDR, and a node per tier with its subnets", () => {
      assert.ok(nodeByLabel(g, "VPC egress").label.includes("10.0.0.0/20"));
      assert.ok(nodeByLabel(g, "VPC dev-vpc").label.includes("10.16.0.0/16"));
      const app = nodeByLabel(g, "app tier (2 subnets)");
      assert.deepStrictEqual(app.label.split("\n").slice(1), ["10.16.8.0/22", "10.16.12.0/22"], "CIDRs in address order");
      for (const t of ["dmz", "data", "public", "tgw"]) nodeByLabel(g, `${t} tier (2 subnets)`);
    });

    it("draws each tier's default route: app to the TGW, egress tgw tier to NAT, public to the IGW, data nowhere", () => {
      const tgw = g.nodes.find((n) => n.kind === "tgw")!;
      assert.ok(hasEdge(g, nodeByLabel(g, "app tier (2 subnets)"), tgw, "0.0.0.0/0"));
      assert.ok(hasEdge(g, nodeByLabel(g, "tgw tier (2 subnets)"), nodeByLabel(g, "NAT gateways x2"), "0.0.0.0/0"));
      assert.ok(hasEdge(g, nodeByLabel(g, "public tier (2 subnets)"), nodeByLabel(g, "Internet gateway"), "0.0.0.0/0"));
      assert.ok(hasEdge(g, nodeByLabel(g, "NAT gateways x2"), nodeByLabel(g, "Internet gateway")));
      assert.ok(hasEdge(g, nodeByLabel(g, "Internet gateway"), nodeByLabel(g, "Internet")));
      const data = nodeByLabel(g, "data tier (2 subnets)");
      assert.deepStrictEqual(g.edges.filter((e) => e.from === data.id), [], "the data tier has no default route");
    });

    it("draws TGW associations, propagations (dashed), static routes and blackhole counts", () => {
      const rt = (name: string) => g.nodes.find((n) => n.kind === "tgwRouteTable" && n.label.split("\n")[1] === name)!;
      const dev = nodeByLabel(g, "VPC dev-vpc");
      const egress = nodeByLabel(g, "VPC egress");
      assert.ok(hasEdge(g, dev, rt("nonprod"), "associated"));
      assert.ok(hasEdge(g, egress, rt("egress"), "associated"));
      const prop = g.edges.find((e) => e.from === rt("egress").id && e.to === dev.id);
      assert.deepStrictEqual(prop, { from: rt("egress").id, to: dev.id, label: "propagated", style: "dashed" });
      assert.ok(hasEdge(g, rt("nonprod"), egress, "0.0.0.0/0"), "the static default route to the egress attachment");
      assert.ok(rt("nonprod").label.includes("1 blackhole route"));
      assert.ok(!rt("prod").label.includes("blackhole"));
    });

    it("puts each VPC inside its stack's cluster and the route tables inside the TGW's", () => {
      const stack = (s: string) => g.clusters.find((c) => c.label === `stack ${s}`)!;
      const dev = nodeByLabel(g, "VPC dev-vpc");
      assert.ok(stack("dev").clusters.some((c) => c.nodes.includes(dev.id)));
      const tgwCluster = stack("network").clusters.find((c) => c.label.startsWith("Transit Gateway"))!;
      assert.strictEqual(tgwCluster.nodes.length, 5, "the TGW and its four route tables");
    });

    it("follows inline routes too, and draws a firewall into the tier its endpoints sit in", () => {
      const [, net, dev] = fixturePlans();
      const b = new PlanBuilder("network", "network");
      b.add("aws:networkfirewall/firewall:Firewall", "egress-firewall", { vpcId: "vpc-egress", subnetMappings: [{ subnetId: "subnet-tgw-a" }, { subnetId: "subnet-tgw-b" }] });
      const inline = dev.resources.map((r) => (r.name === "dev-dmz-rt" ? { ...r, inputs: { ...r.inputs, routes: [{ cidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1" }] } } : r));
      const g2 = networkGraph(new PlanIndex([{ ...net, resources: [...net.resources, ...b.resources] }, { ...dev, resources: inline }]));
      const tgw = g2.nodes.find((n) => n.kind === "tgw")!;
      assert.ok(hasEdge(g2, nodeByLabel(g2, "dmz tier (2 subnets)"), tgw, "0.0.0.0/0"));
      assert.ok(hasEdge(g2, nodeByLabel(g2, "Network Firewall"), nodeByLabel(g2, "tgw tier (2 subnets)"), "endpoints"));
    });

    it("shows a TGW no plan holds as an external node (one stack planned alone)", () => {
      const alone = networkGraph(new PlanIndex([devPlan()]));
      const ext = alone.nodes.filter((n) => n.kind === "external");
      assert.ok(ext.some((n) => n.label.includes("tgw-1")), "the TGW of the app tier's default route");
      assert.ok(ext.some((n) => n.label.includes("tgw-rtb-nonprod")), "the associated route table");
      const dev = devPlan();
      const ref = new PlanBuilder("dev", "workload").add("pulumi:pulumi:StackReference", "organization/landing-zone/network", {}, { outputs: { outputs: { transitGatewayId: "tgw-1", routeTables: { nonprod: "tgw-rtb-nonprod" } } } });
      const named = networkGraph(new PlanIndex([{ ...dev, resources: [...dev.resources, ref] }])).nodes.filter((n) => n.kind === "external");
      assert.ok(named.some((n) => n.label === "TGW route table\nnonprod\n(stack network: routeTables.nonprod)"), named.map((n) => n.label).join(" | "));
      assert.ok(named.some((n) => n.label === "Transit Gateway\ntgw-1\n(stack network: transitGatewayId)"));
    });

    it("reads the tier from the tier tag, else from the name", () => {
      const [vpc] = devPlan().resources.filter((r) => r.type === "aws:ec2/subnet:Subnet");
      assert.strictEqual(tierOf(vpc), "dmz");
      assert.strictEqual(tierOf({ ...vpc, inputs: {}, outputs: {}, name: "prod-data-b" }), "data");
      assert.strictEqual(tierOf({ ...vpc, inputs: {}, outputs: {}, name: "misc" }), "subnets");
    });
  });

  describe("rendering", () => {
    const nasty = 'a "quoted" <b>&amp; #1 `tick`\nsecond|line \\ end';
    const g: Graph = {
      title: "T",
      nodes: [
        { id: "n_a", label: nasty, kind: "account" },
        { id: "n_b", label: "b", kind: "vpc" },
      ],
      edges: [{ from: "n_a", to: "n_b", label: 'x"y', style: "dashed" }],
      clusters: [{ id: "c_1", label: 'cluster "one"', nodes: ["n_a"], clusters: [] }],
    };

    it("escapes Mermaid labels into entities, with line breaks as <br>", () => {
      const t = mermaidText(nasty);
      assert.ok(!/["<>`\n]/.test(t.replace(/<br>/g, "")), t);
      assert.strictEqual(t, "a #quot;quoted#quot; #lt;b#gt;#amp;amp; #35;1 #96;tick#96;<br>second|line \\ end");
      const m = toMermaid(g);
      assert.ok(m.startsWith("flowchart LR\n"));
      assert.ok(m.includes(`subgraph c_1["cluster #quot;one#quot;"]`));
      assert.ok(m.includes(`n_a -.->|"x#quot;y"| n_b`));
      for (const line of m.split("\n").filter((l) => l.includes('["'))) assert.strictEqual((line.match(/"/g) ?? []).length, 2, line);
    });

    it("escapes DOT strings (quotes, backslashes, line breaks)", () => {
      assert.strictEqual(dotString('a"b\\c\nd'), '"a\\"b\\\\c\\nd"');
      const d = toDot(g);
      assert.ok(d.startsWith('digraph "T" {'));
      assert.ok(d.includes('subgraph "cluster_c_1" {'));
      assert.ok(d.includes('"n_a" -> "n_b" [label="x\\"y", style=dashed];'));
      assert.strictEqual(d.trim().split("\n").pop(), "}");
    });

    it("combines graphs into one, each as a top-level cluster, ids kept apart", () => {
      const c = combineGraphs("all", [g, g]);
      assert.strictEqual(c.nodes.length, 4);
      assert.strictEqual(new Set(c.nodes.map((n) => n.id)).size, 4);
      assert.deepStrictEqual(c.clusters.map((x) => x.label), ["T", "T"]);
      assert.deepStrictEqual(c.clusters[0].nodes, ["g0_n_b"], "nodes outside any cluster belong to the graph's own cluster");
      assert.deepStrictEqual(c.edges.map((e) => `${e.from}->${e.to}`), ["g0_n_a->g0_n_b", "g1_n_a->g1_n_b"]);
    });
  });
});
