import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HEADINGS } from "../../cli/report/markdown";
import { runLz, sampleStacks } from "../helpers/plan";
import { allElements, parseXml } from "./xml";

describe("npx lz plan --all --markdown report.md --diagram org.svg", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-report-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes one Markdown report for the whole org and the SVG diagram, from the checkout as cloned", async () => {
    const md = path.join(dir, "report.md");
    const svg = path.join(dir, "org.svg");
    const run = await runLz(["plan", "--all", "--markdown", md, "--diagram", svg]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.ok(run.stderr.includes(`wrote ${md}`) && run.stderr.includes(`wrote ${svg}`), run.stderr);
    const text = fs.readFileSync(md, "utf8");
    assert.strictEqual((text.match(/^# /gm) ?? []).length, 1, "one document");
    for (const h of [HEADINGS.findings, HEADINGS.summary, HEADINGS.org, HEADINGS.network, HEADINGS.reachability, HEADINGS.tenants, HEADINGS.resources]) assert.ok(text.includes(`\n${h}\n`), h);
    assert.ok(text.indexOf(HEADINGS.findings) < text.indexOf(HEADINGS.summary), "findings first");
    for (const s of sampleStacks()) assert.ok(text.includes(`<details><summary><code>${s}</code> (`), `the resources of ${s}`);
    assert.ok(text.length < 65_536, "fits a GitHub comment");
    assert.ok(!fs.existsSync(path.join(dir, "report.full.md")), "nothing was cut, so no full report beside it");
    const root = parseXml(fs.readFileSync(svg, "utf8"));
    assert.strictEqual(root.name, "svg");
    assert.ok(allElements(root).some((e) => e.name === "g" && e.attrs.class === "graph"));
  });

  it("writes the Mermaid source for one stack with --diagram FILE.mmd", async () => {
    const mmd = path.join(dir, "mgmt.mmd");
    const run = await runLz(["plan", "management", "--diagram", mmd]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.ok(fs.readFileSync(mmd, "utf8").startsWith("flowchart LR\n"));
  });
});
