import * as assert from "assert";
import { HEADINGS, renderMarkdown } from "../../cli/report/markdown";
import { reachability } from "../../lib/network/reachability";
import { mermaidText } from "../../cli/report/mermaid";
import { buildReport } from "../../cli/report/write";
import type { PlanResult } from "../../lib/plan";
import { planStack, sampleStacks } from "../helpers/plan";
import { ACCOUNTS, devPlan, fixturePlans } from "./fixture";

/** The `## ` sections of a document, in order, each with its body. */
function sections(md: string): { heading: string; body: string }[] {
  const parts = md.split(/^(?=## )/m).slice(1);
  return parts.map((p) => {
    const nl = p.indexOf("\n");
    return { heading: p.slice(0, nl), body: p.slice(nl + 1) };
  });
}

function mermaidBlocks(md: string): string[] {
  return [...md.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

const CONFIGS = [
  { stack: "management", account: { id: "111111111111", region: "ap-southeast-2" } },
  { stack: "network", account: { id: "444444444444", region: "ap-southeast-2" } },
  { stack: "dev", account: { id: "555555555555", region: "ap-southeast-2" } },
];

describe("lz plan --markdown (the report)", () => {
  describe("over the hand-built landing zone", () => {
    const md = renderMarkdown(buildReport(fixturePlans(), CONFIGS));
    const secs = sections(md);

    it("has the org-wide sections in order, then one section per stack", () => {
      assert.ok(md.startsWith("# Landing zone plan: 3 stacks\n"));
      assert.deepStrictEqual(
        secs.map((s) => s.heading),
        [HEADINGS.summary, HEADINGS.org, HEADINGS.network, HEADINGS.reachability, HEADINGS.tenants, HEADINGS.stack("management", "management"), HEADINGS.stack("network", "network"), HEADINGS.stack("dev", "workload")].map((h) => h.slice(0)),
      );
    });

    it("summarises each stack: account, region, resource and finding counts", () => {
      const summary = secs[0].body;
      const dev = devPlan();
      const custom = dev.resources.filter((r) => r.custom !== false).length;
      assert.ok(summary.includes(`| \`dev\` | workload | \`555555555555\` | ap-southeast-2 | ${custom} | ${dev.resources.length - custom} | 1 | 1 | 1 |`), summary);
      assert.ok(summary.includes("**1 mandatory finding"), "a blocking finding is called out");
    });

    it("draws the OU/account tree and the network as Mermaid flowcharts", () => {
      const blocks = mermaidBlocks(md);
      assert.strictEqual(blocks.length, 2);
      const [org, net] = blocks;
      assert.ok(org.startsWith("flowchart TB\n"));
      for (const a of ACCOUNTS) assert.ok(org.includes(`["${mermaidText(a)}"]`), `account ${a} in the org diagram`);
      assert.ok(net.startsWith("flowchart LR\n"));
      for (const s of ["VPC egress<br>10.0.0.0/20", "VPC dev-vpc<br>10.16.0.0/16", "app tier (2 subnets)", "NAT gateways x2", "Internet", "TGW route table<br>nonprod"]) assert.ok(net.includes(s), `${s} in the network diagram`);
      assert.ok(secs[1].body.indexOf("```mermaid") >= 0 && secs[2].body.indexOf("```mermaid") >= 0, "each diagram under its own heading");
    });

    it("shows the TGW reachability matrix and each tier's way to the internet", () => {
      const reach = secs[3].body;
      assert.ok(reach.includes("| from \\ to | `dev-vpc` | `egress` |"), reach);
      assert.ok(reach.includes("| `dev-vpc` | — | ✅ yes |"), reach);
      assert.ok(reach.includes("| `dev-vpc` | `data` | no | no route to 203.0.113.10 in dev-data-rt |"), "the data tier has no internet");
      assert.ok(reach.includes("| `dev-vpc` | `app` | yes, through central egress | dev-app-rt → TGW nonprod → egress attachment"), reach);
    });

    it("lists the tenants with their bucket and key and whether they survive deletion", () => {
      const tenants = secs[4].body;
      assert.ok(tenants.includes("| `dev` | `acme` | active | `acme.example.net` | `lz-dev-tenant-acme` (retained on delete) | `alias/tenant/acme` (retained on delete) | 3 |"), tenants);
    });

    it("gives each stack its resources by component and its findings: mandatory, advisory, waived", () => {
      const dev = secs[7].body;
      assert.ok(dev.includes(HEADINGS.components));
      const vpcChildren = devPlan().resources.filter((r) => r.parent?.endsWith("::dev")).length;
      assert.ok(dev.includes(`| \`landing-zone:network:TieredVpc\` | \`dev\` | ${vpcChildren} |`), dev);
      assert.ok(dev.includes("| `landing-zone:tenant:Tenant` | `acme` | 3 |"));
      const order = ["#### Mandatory (1)", "#### Advisory (1)", "#### Waived (1)"].map((h) => dev.indexOf(h));
      assert.ok(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])), "the three finding groups, in order");
      assert.ok(dev.includes("has no public access block \\| add one"), "a pipe in a message does not break the table");
      assert.ok(dev.includes("VPC dev has &lt;no&gt; flow logs"), "HTML in a message is neutralised");
      assert.ok(dev.includes("migrating (approved by sec@example.com, expires 2099-01-01; was advisory)"), "the waiver is shown");
      const mgmt = secs[5].body;
      assert.ok(mgmt.includes("#### Mandatory (0)\n\n_None._"));
    });
  });

  it("covers one stack when one was planned, and says what is missing", () => {
    const md = renderMarkdown(buildReport([devPlan()], CONFIGS));
    assert.ok(md.startsWith("# Landing zone plan: stack `dev`\n"));
    const secs = sections(md);
    assert.ok(secs[1].body.includes("No organisation, OU or account resources in these plans"));
    assert.strictEqual(mermaidBlocks(md).length, 1, "only the network diagram");
    assert.strictEqual(secs.filter((s) => s.heading.startsWith("## Stack ")).length, 1);
  });

  describe("over the sample stacks' real plans", () => {
    let plans: PlanResult[];
    let md: string;
    before(async () => {
      plans = [];
      for (const s of sampleStacks()) plans.push(await planStack(s));
      md = renderMarkdown(buildReport(plans));
    });

    it("has every section, and one stack section per stack", () => {
      const heads = sections(md).map((s) => s.heading);
      for (const h of [HEADINGS.summary, HEADINGS.org, HEADINGS.network, HEADINGS.reachability, HEADINGS.tenants]) assert.ok(heads.includes(h), h);
      for (const p of plans) assert.strictEqual(heads.filter((h) => h === HEADINGS.stack(p.stack, p.role)).length, 1, p.stack);
    });

    it("lays out the verdicts of the network's reachability function, cell by cell", () => {
      const report = reachability(plans.filter((p) => p.role === "network" || p.role === "workload"));
      const body = sections(md).find((s) => s.heading === HEADINGS.reachability)!.body;
      if (report.vpcs.length === 0) return assert.ok(body.includes("No Transit Gateway attachments"));
      const rows = body.split("\n").filter((l) => l.startsWith("| `"));
      for (const p of report.pairs) {
        const row = rows.find((r) => r.startsWith(`| \`${p.from}\``))!;
        const col = report.vpcs.findIndex((v) => v.label === p.to);
        const cellText = row.split(" | ")[col + 1];
        assert.ok(cellText.includes(p.reached === true ? "yes" : p.reached === false ? "no" : "unknown"), `${p.from} -> ${p.to}: ${cellText}`);
      }
    });

    it("draws a Mermaid diagram whenever the plans hold accounts or VPCs, with each of them in it", () => {
      const accounts = plans.flatMap((p) => p.resources.filter((r) => r.type === "aws:organizations/account:Account"));
      const vpcs = plans.flatMap((p) => p.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc"));
      const blocks = mermaidBlocks(md);
      assert.strictEqual(blocks.length, (accounts.length ? 1 : 0) + (vpcs.length || plans.some((p) => p.resources.some((r) => r.type.startsWith("aws:ec2transitgateway/"))) ? 1 : 0));
      const all = blocks.join("\n");
      for (const a of accounts) assert.ok(all.includes(mermaidText(String(a.inputs.name ?? a.name))), `account ${a.name}`);
      for (const v of vpcs) assert.ok(all.includes(mermaidText(String(v.inputs.cidrBlock))), `VPC ${v.name}`);
    });
  });
});
