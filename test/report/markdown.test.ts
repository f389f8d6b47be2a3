import * as assert from "assert";
import { GITHUB_COMMENT_LIMIT, HEADINGS, renderMarkdown, renderReport, REPORT_LIMIT } from "../../cli/report/markdown";
import { syntheticSlug } from "../../bench/plan/tenants";
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
    const body = (h: string) => secs.find((s) => s.heading === h)!.body;

    it("puts the findings first, then the summary, the org-wide views and the resources per stack", () => {
      assert.ok(md.startsWith("# Landing zone plan: 3 stacks\n"));
      assert.deepStrictEqual(
        secs.map((s) => s.heading),
        [HEADINGS.findings, HEADINGS.summary, HEADINGS.org, HEADINGS.network, HEADINGS.reachability, HEADINGS.tenants, HEADINGS.resources],
      );
    });

    it("lists the findings across stacks: mandatory, then advisory, the waived ones folded", () => {
      const f = body(HEADINGS.findings);
      assert.ok(f.startsWith("\n**1 mandatory finding: `lz plan` fails until it is fixed or waived.**\n1 mandatory, 2 advisory, 1 waived.\n"), f);
      assert.ok(f.includes("| level | policy | findings | stacks |\n| --- | --- | ---: | --- |\n| mandatory | `baseline/s3-no-public-access` | 1 | `dev` |\n| advisory | `baseline/flow-logs` | 1 | `dev` |\n| advisory | `baseline/required-tags` | 1 | `management` |\n| waived | `baseline/required-tags` | 1 | `dev` |\n"), f);
      const rows = f.split("\n").filter((l) => /^\| (mandatory|advisory) \| `[a-z-]+` \| `[a-z]+\//.test(l));
      assert.deepStrictEqual(rows.map((r) => r.split(" | ")[0].slice(2)), ["mandatory", "advisory", "advisory"]);
      assert.ok(rows[0].includes("| `dev` | `baseline/s3-no-public-access` | `acme-bucket`<br>`aws:s3/bucket:Bucket` | has no public access block \\| add one |"), rows[0]);
      assert.ok(f.includes("VPC dev has &lt;no&gt; flow logs"), "HTML in a message is neutralised");
      assert.match(f, /<details><summary>1 waived finding<\/summary>\n\n\| stack \| policy \| resource \| finding \| waiver \|[\s\S]*migrating \(approved by sec@example\.com, expires 2099-01-01; was advisory\)[\s\S]*<\/details>/);
    });

    it("summarises each stack: account, region, resource and finding counts", () => {
      const dev = devPlan();
      const custom = dev.resources.filter((r) => r.custom !== false).length;
      assert.ok(body(HEADINGS.summary).includes(`| \`dev\` | workload | \`555555555555\` | ap-southeast-2 | ${custom} | ${dev.resources.length - custom} | 1 | 1 | 1 |`));
    });

    it("folds the OU/account tree and the network, as Mermaid flowcharts, in <details>", () => {
      const blocks = mermaidBlocks(md);
      assert.strictEqual(blocks.length, 2);
      const [org, net] = blocks;
      assert.ok(org.startsWith("flowchart TB\n"));
      for (const a of ACCOUNTS) assert.ok(org.includes(`["${mermaidText(a)}"]`), `account ${a} in the org diagram`);
      assert.ok(net.startsWith("flowchart LR\n"));
      for (const s of ["VPC egress<br>10.0.0.0/20", "VPC dev-vpc<br>10.16.0.0/16", "app tier (2 subnets)", "NAT gateways x2", "Internet", "TGW route table<br>nonprod"]) assert.ok(net.includes(s), `${s} in the network diagram`);
      for (const h of [HEADINGS.org, HEADINGS.network, HEADINGS.reachability]) assert.match(body(h), /^\n<details><summary>[^<]+<\/summary>\n\n[\s\S]+\n<\/details>\n/, h);
    });

    it("shows the TGW reachability matrix and each tier's way to the internet", () => {
      const reach = body(HEADINGS.reachability);
      assert.ok(reach.includes("| from \\ to | `dev-vpc` | `egress` |"), reach);
      assert.ok(reach.includes("| `dev-vpc` | — | ✅ yes |"), reach);
      assert.ok(reach.includes("| `dev-vpc` | `data` | no | no route to 203.0.113.10 in dev-data-rt |"), "the data tier has no internet");
      assert.ok(reach.includes("| `dev-vpc` | `app` | yes, through central egress | dev-app-rt → TGW nonprod → egress attachment"), reach);
    });

    it("counts the tenants, says whether their data survives, and folds the table", () => {
      const tenants = body(HEADINGS.tenants);
      assert.ok(tenants.startsWith("\n1 tenant: 1 active in `dev`.\nEvery tenant's bucket and key survive the tenant's removal (protected or retained).\n"), tenants);
      assert.ok(tenants.includes("| `dev` | (workload stack) | `acme` | active | `acme.example.net` | `lz-dev-tenant-acme` (retained on delete) | `alias/tenant/acme` (retained on delete) | 3 |"), tenants);
    });

    it("folds each stack's resources by component", () => {
      const res = body(HEADINGS.resources);
      const vpcChildren = devPlan().resources.filter((r) => r.parent?.endsWith("::dev")).length;
      assert.match(res, /<details><summary><code>dev<\/code> \(workload\): \d+ resources in \d+ components<\/summary>/);
      assert.ok(res.includes(`| \`landing-zone:network:TieredVpc\` | \`dev\` | ${vpcChildren} |`), res);
      assert.ok(res.includes("| `landing-zone:tenant:Tenant` | `acme` | 3 |"));
      assert.doesNotMatch(md, /_None\._|\(0\)\n/, "no empty sections or groups");
    });
  });

  it("leaves out what the plans do not have, and says when there is no finding", () => {
    const plan = { ...devPlan(), violations: [] };
    const md = renderMarkdown(buildReport([plan], CONFIGS));
    assert.ok(md.startsWith("# Landing zone plan: stack `dev`\n"));
    const heads = sections(md).map((s) => s.heading);
    assert.deepStrictEqual(heads, [HEADINGS.findings, HEADINGS.summary, HEADINGS.network, HEADINGS.reachability, HEADINGS.tenants, HEADINGS.resources], "no organisation section without accounts");
    assert.ok(sections(md)[0].body.includes("No findings: every policy passed on every resource."));
    assert.strictEqual(mermaidBlocks(md).length, 1, "only the network diagram");
  });

  describe("at 1,000 tenants (the bench's synthetic tenants, grafted onto the real plan of dev's cell)", () => {
    let plans: PlanResult[];
    before(async () => {
      plans = [];
      for (const s of sampleStacks()) plans.push(await planStack(s));
      const i = plans.findIndex((p) => p.stack === "dev-cell-01");
      plans[i] = withTenants(plans[i], 1000);
    });

    it("fits GitHub's comment limit, findings first, the cut said, and the full report has everything", () => {
      const model = buildReport(plans);
      assert.strictEqual(model.tenants.filter((t) => t.stack === "dev-cell-01" && t.environment === "dev").length, 1001, "the sample's tenant and 1,000 more");
      const full = renderMarkdown(model);
      assert.ok(full.length > GITHUB_COMMENT_LIMIT, `the whole report is ${full.length} characters`);
      const cut = renderReport(model, { limit: REPORT_LIMIT, fullReport: "`report.full.md`" });
      assert.ok(cut.cut);
      assert.ok(cut.text.length <= REPORT_LIMIT && cut.text.length < GITHUB_COMMENT_LIMIT, `${cut.text.length} characters`);
      assert.deepStrictEqual(sections(cut.text).map((s) => s.heading), sections(full).map((s) => s.heading), "every section is still there");
      assert.match(cut.text, /_… and \d+ more tenants, not shown to keep this under GitHub's comment limit: see `report\.full\.md`\._/);
      assert.match(cut.text, /\n1004 tenants: 1001 active in `dev-cell-01`, /, "the counts are whole");
      assert.match(cut.text, /\nBy cell: `dev-cell-01` \(dev\) 1001, `prod-cell-01` \(prod\) 3\.\n/, "grouped by cell");
      assert.match(cut.text, /_… and 1004 more tenants, /, "tenants are cut first");
      assert.match(cut.text, /\n\| advisory \| `baseline\/required-tags` \| 1000 \| `dev-cell-01` \|\n/, "the findings by policy are whole");
      assert.match(cut.text, /_… and \d+ more advisory findings, not shown/);
      const quiet = renderReport(buildReport(plans.map((x) => ({ ...x, violations: [] }))), { limit: REPORT_LIMIT });
      assert.ok(quiet.text.length <= REPORT_LIMIT);
      assert.match(quiet.text, /more components of dev-cell-01, not shown/);
      assert.doesNotMatch(quiet.text, /more components of (management|log-archive|security|network|prod|dev),/, "the longest table goes first: the big cell's, not the small stacks'");
      assert.strictEqual(cut.text.split("\n").filter((l) => l.startsWith("| mandatory |")).length, full.split("\n").filter((l) => l.startsWith("| mandatory |")).length, "mandatory findings last");
      for (const n of [0, 999]) assert.ok(full.includes(`\`${syntheticSlug(n)}\``), syntheticSlug(n));
    });
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
      for (const h of [HEADINGS.findings, HEADINGS.summary, HEADINGS.org, HEADINGS.network, HEADINGS.reachability, HEADINGS.tenants, HEADINGS.resources]) assert.ok(heads.includes(h), h);
      for (const p of plans) assert.strictEqual(md.split(`<details><summary><code>${p.stack}</code> (${p.role}):`).length, 2, p.stack);
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

/**
 * `plan` with `count` copies of its first tenant, as the bench's synthetic tenants name them
 * (bench/plan/tenants.ts): the same resources under each slug, and an advisory finding on each
 * tenant's first resource, so the report's tables are as long as a real 1,000-tenant plan's.
 */
function withTenants(plan: PlanResult, count: number): PlanResult {
  const component = plan.resources.find((r) => r.type === "landing-zone:tenant:Tenant")!;
  const slug = String(component.inputs.slug);
  const subtree = plan.resources.filter((r) => r === component || isBelow(plan, r, component));
  const resources = [...plan.resources];
  const violations = [...plan.violations];
  for (let i = 0; i < count; i++) {
    const other = syntheticSlug(i);
    const copies = subtree.map((r) => JSON.parse(JSON.stringify(r).split(slug).join(other)) as PlanResult["resources"][number]);
    resources.push(...copies);
    const first = copies.find((r) => r.custom !== false)!;
    violations.push({ urn: first.urn, type: first.type, pack: "baseline", policy: "required-tags", enforcementLevel: "advisory", message: `${first.name} has no cost-centre tag` });
  }
  return { ...plan, resources, violations };
}

function isBelow(plan: PlanResult, r: PlanResult["resources"][number], top: PlanResult["resources"][number]): boolean {
  const byUrn = new Map(plan.resources.map((x) => [x.urn, x]));
  for (let p = r.parent ? byUrn.get(r.parent) : undefined; p; p = p.parent ? byUrn.get(p.parent) : undefined) if (p === top) return true;
  return false;
}
