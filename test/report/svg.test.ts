import * as assert from "assert";
import { buildReport, diagramGraph, renderDiagram } from "../../cli/report/write";
import type { PlanResult } from "../../lib/plan";
import { planStack, sampleStacks } from "../helpers/plan";
import { ACCOUNTS, fixturePlans, VPCS } from "./fixture";
import { allElements, deepText, parseXml, XmlElement } from "./xml";

/** Graphviz draws each node as `<g class="node ...">` holding `<title>` (the id) and `<text>` lines. */
function svgNodes(svg: string): { id: string; text: string; classes: string[] }[] {
  const root = parseXml(svg);
  assert.strictEqual(root.name, "svg");
  assert.strictEqual(root.attrs.xmlns, "http://www.w3.org/2000/svg");
  return allElements(root)
    .filter((e) => e.name === "g" && (e.attrs.class ?? "").split(" ").includes("node"))
    .map((g: XmlElement) => ({
      id: g.children.find((c) => c.name === "title")?.text ?? "",
      text: g.children.filter((c) => c.name === "text").map(deepText).join("\n"),
      classes: (g.attrs.class ?? "").split(" "),
    }));
}

describe("lz plan --diagram (SVG through Graphviz in WebAssembly)", () => {
  it("parses a self-test of the XML checker: it rejects what is not well-formed", () => {
    assert.throws(() => parseXml("<a><b></a></b>"), /closes/);
    assert.throws(() => parseXml('<a x="1" x="2"/>'), /duplicate attribute/);
    assert.throws(() => parseXml("<a>1 & 2</a>"), /bad entity/);
    assert.throws(() => parseXml("<a>"), /never closed/);
    assert.strictEqual(parseXml('<?xml version="1.0"?><a t="&lt;x&gt;"><b>1 &amp; 2</b></a>').children[0].text, "1 & 2");
  });

  it("renders the hand-built landing zone: well-formed, a node per account and per VPC, the same graph as the Markdown", async () => {
    const model = buildReport(fixturePlans());
    const svg = await renderDiagram(model, "org.svg");
    const nodes = svgNodes(svg);
    const graph = diagramGraph(model);
    assert.deepStrictEqual(nodes.map((n) => n.id).sort(), graph.nodes.map((n) => n.id).sort(), "one SVG node per graph node");
    const accounts = nodes.filter((n) => n.classes.includes("account")).map((n) => n.text);
    for (const a of ACCOUNTS) assert.ok(accounts.includes(a), `account ${a} in ${accounts.join(", ")}`);
    assert.ok(accounts.includes("management account\n111111111111"));
    const vpcs = nodes.filter((n) => n.classes.includes("vpc")).map((n) => n.text);
    assert.deepStrictEqual(vpcs.sort(), [`VPC ${VPCS.dev}\n10.16.0.0/16`, `VPC ${VPCS.egress}\n10.0.0.0/20`]);
    const clusters = allElements(parseXml(svg)).filter((e) => e.name === "g" && e.attrs.class === "cluster").map((c) => c.children.find((x) => x.name === "text")?.text);
    for (const c of ["Organisation", "Network", "stack dev", "stack network", "VPC egress"]) assert.ok(clusters.includes(c), `cluster ${c} in ${clusters.join(", ")}`);
  });

  it("escapes labels: a name with quotes, angle brackets and ampersands survives into the SVG text", async () => {
    const plans = fixturePlans();
    const mgmt = plans[0];
    const acct = mgmt.resources.find((r) => r.type === "aws:organizations/account:Account")!;
    const odd = { ...acct, urn: `${acct.urn}-odd`, inputs: { ...acct.inputs, name: `R&D "labs" <eu>\\1` } };
    const model = buildReport([{ ...mgmt, resources: [...mgmt.resources, odd] }, ...plans.slice(1)]);
    const nodes = svgNodes(await renderDiagram(model, "x.svg"));
    assert.ok(nodes.some((n) => n.text === `R&D "labs" <eu>\\1`), nodes.map((n) => n.text).join(" | "));
  });

  it("writes the Mermaid source for a .mmd file", async () => {
    const mmd = await renderDiagram(buildReport(fixturePlans()), "org.mmd");
    assert.ok(mmd.startsWith("flowchart LR\n"));
    assert.ok(/subgraph g0_graph\["Organisation"\]/.test(mmd));
    assert.ok(/subgraph g1_graph\["Network"\]/.test(mmd));
  });

  describe("over the sample stacks' real plans", () => {
    let plans: PlanResult[];
    before(async () => {
      plans = [];
      for (const s of sampleStacks()) plans.push(await planStack(s));
    });

    it("renders well-formed SVG with a node for each account and each VPC", async () => {
      const nodes = svgNodes(await renderDiagram(buildReport(plans), "org.svg"));
      const texts = nodes.map((n) => n.text);
      for (const p of plans) {
        for (const a of p.resources.filter((r) => r.type === "aws:organizations/account:Account")) {
          const name = String(a.inputs.name ?? a.name);
          assert.ok(nodes.some((n) => n.classes.includes("account") && n.text.split("\n")[0] === name), `account ${name}`);
        }
        for (const v of p.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")) {
          assert.ok(nodes.some((n) => n.classes.includes("vpc") && n.text.includes(String(v.inputs.cidrBlock))), `VPC ${v.name} (${v.inputs.cidrBlock}) in ${texts.join(" | ")}`);
        }
      }
    });
  });
});
