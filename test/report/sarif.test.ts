import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSarifMain } from "../../cli/report/planSarif";
import { planToSarif } from "../../cli/report/sarif";
import { fixturePlans } from "./fixture";

describe("SARIF from plan JSON (for code scanning)", () => {
  const plans = fixturePlans();
  const doc = planToSarif(plans) as any;

  it("is one SARIF 2.1.0 run with a result per finding of every stack", () => {
    assert.strictEqual(doc.version, "2.1.0");
    assert.strictEqual(doc.runs.length, 1, "code scanning wants one run per tool");
    const run = doc.runs[0];
    assert.strictEqual(run.results.length, plans.reduce((n, p) => n + p.violations.length, 0));
    assert.deepStrictEqual(run.properties.stacks, ["management", "network", "dev"]);
  });

  it("points each result at its rule and at its stack file, with the URN as logical location", () => {
    const run = doc.runs[0];
    for (const r of run.results) {
      assert.strictEqual(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      const loc = r.locations[0];
      const art = run.artifacts[loc.physicalLocation.artifactLocation.index];
      assert.strictEqual(art.location.uri, loc.physicalLocation.artifactLocation.uri);
      assert.match(loc.physicalLocation.artifactLocation.uri, /^Pulumi\.(management|network|dev)\.yaml$/);
      assert.match(loc.logicalLocations[0].fullyQualifiedName, /^urn:pulumi:/);
    }
    const mandatory = run.results.find((r: any) => r.ruleId === "baseline/s3-no-public-access");
    assert.strictEqual(mandatory.level, "error");
    assert.strictEqual(mandatory.locations[0].physicalLocation.artifactLocation.uri, "Pulumi.dev.yaml");
  });

  it("marks a waived finding as an accepted suppression", () => {
    const waived = doc.runs[0].results.filter((r: any) => r.suppressions);
    assert.strictEqual(waived.length, 1);
    assert.strictEqual(waived[0].suppressions[0].status, "accepted");
    assert.match(waived[0].suppressions[0].justification, /migrating/);
  });

  it("converts a plan file from the command line, and exits 2 for a bad one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-sarif-"));
    try {
      const plan = path.join(dir, "plan.json");
      const out = path.join(dir, "lz.sarif");
      fs.writeFileSync(plan, JSON.stringify({ stacks: plans }));
      const errs: string[] = [];
      assert.strictEqual(planSarifMain([plan, out], (s) => errs.push(s)), 0);
      assert.strictEqual(JSON.parse(fs.readFileSync(out, "utf8")).runs[0].results.length, 4);
      assert.strictEqual(planSarifMain([path.join(dir, "missing.json"), out], (s) => errs.push(s)), 2);
      assert.match(errs.join("\n"), /missing\.json does not exist/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
