import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { bufferIo } from "../../cli/io";
import { main } from "../../cli/main";
import { loadPolicyConfig } from "../../cli/policy/config";
import { allPacks } from "../../cli/policy/packs";
import { checkSarif, planSarif } from "../../cli/report/sarif";
import { PROJECT_ROOT } from "../../config/raw";
import { planStack, sampleStacks, TempProject } from "../helpers/plan";
import { fixturePlans } from "./fixture";

/**
 * The SARIF 2.1.0 JSON schema, as Microsoft's SARIF Multitool ships it (@microsoft/sarif-multitool-linux
 * 5.7.0, sarif-2.1.0.json); `npm run sarif:validate` runs the Multitool itself.
 */
const validate = (() => {
  const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "schemas", "sarif-2.1.0.json"), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
})();

function assertValidSarif(doc: unknown): void {
  const ok = validate(doc);
  assert.ok(ok, `SARIF schema errors:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`);
}

/** Every result is at a file of its run and a line: GitHub shows a finding only at a line. */
function assertRegions(doc: any): void {
  const run = doc.runs[0];
  for (const r of run.results) {
    assert.strictEqual(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    const loc = r.locations[0].physicalLocation;
    assert.ok(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1, `${r.ruleId} has a start line`);
    assert.strictEqual(run.artifacts[loc.artifactLocation.index].location.uri, loc.artifactLocation.uri);
    assert.match(r.locations[0].logicalLocations[0].fullyQualifiedName, /^urn:pulumi:/);
  }
}

describe("SARIF (cli/report/sarif.ts, for lz check and lz plan)", () => {
  const packs = allPacks();
  const config = loadPolicyConfig(undefined, packs);

  describe("the schema check itself", () => {
    it("refuses what is not SARIF 2.1.0: a result without a message, a bad level", () => {
      const doc = planSarif({ results: fixturePlans(), root: PROJECT_ROOT, packs, config }) as any;
      assertValidSarif(doc);
      const broken = JSON.parse(JSON.stringify(doc));
      delete broken.runs[0].results[0].message;
      broken.runs[0].results[1].level = "fatal";
      assert.strictEqual(validate(broken), false);
      assert.deepStrictEqual(new Set(validate.errors!.map((e) => e.instancePath)), new Set(["/runs/0/results/0", "/runs/0/results/1/level"]));
    });
  });

  describe("lz plan --sarif (the PR gate's code-scanning upload)", () => {
    it("is one run with a result per finding of every stack, each at its tenant's file or its stack file, with a line", () => {
      const p = new TempProject();
      try {
        p.writeFile("tenants/acme.yaml", "# a tenant\nslug: acme\nstack: dev\n");
        const plans = fixturePlans();
        const doc = planSarif({ results: plans, root: p.root, packs, config }) as any;
        assertValidSarif(doc);
        assertRegions(doc);
        const run = doc.runs[0];
        assert.strictEqual(doc.runs.length, 1, "code scanning wants one run per tool");
        assert.strictEqual(run.results.length, plans.reduce((n, x) => n + x.violations.length, 0));
        assert.deepStrictEqual(run.properties.stacks, ["management", "network", "dev"]);
        const org = run.results.find((r: any) => r.locations[0].logicalLocations[0].name === "org");
        const lines = fs.readFileSync(path.join(p.root, "Pulumi.management.yaml"), "utf8").split("\n");
        const roleLine = lines.findIndex((l) => /^\s*landing-zone:role:/.test(l)) + 1;
        assert.deepStrictEqual(org.locations[0].physicalLocation.region, { startLine: roleLine, snippet: { text: lines[roleLine - 1] } });
        assert.strictEqual(org.locations[0].physicalLocation.artifactLocation.uri, "Pulumi.management.yaml");
        const tenant = run.results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === "tenants/acme.yaml");
        assert.strictEqual(tenant.length, 3, "the tenant's findings are in its own file");
        for (const r of tenant) assert.deepStrictEqual(r.locations[0].physicalLocation.region, { startLine: 2, snippet: { text: "slug: acme" } }, "at its slug: line");
        const mandatory = run.results.find((r: any) => r.ruleId === "baseline/s3-no-public-access");
        assert.strictEqual(mandatory.level, "error");
        const waived = run.results.filter((r: any) => r.suppressions);
        assert.strictEqual(waived.length, 1);
        assert.strictEqual(waived[0].suppressions[0].status, "accepted");
        assert.match(waived[0].suppressions[0].justification, /migrating/);
        assert.strictEqual(new Set(run.results.map((r: any) => r.partialFingerprints["lzFinding/v1"])).size, run.results.length, "one fingerprint per finding");
      } finally {
        p.cleanup();
      }
    });

    it("the sample stacks' plans give valid SARIF, and lz plan --sarif writes it", async () => {
      const results = [];
      for (const s of sampleStacks()) results.push(await planStack(s));
      const doc = planSarif({ results, root: PROJECT_ROOT, packs, config }) as any;
      assertValidSarif(doc);
      assertRegions(doc);
      assert.strictEqual(doc.runs[0].results.length, results.reduce((n, r) => n + r.violations.length, 0));

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-sarif-"));
      try {
        const file = path.join(dir, "lz.sarif");
        const io = bufferIo();
        const code = await main(["plan", "management", "--sarif", file], io);
        assert.strictEqual(code, 0, io.stderr);
        const written = JSON.parse(fs.readFileSync(file, "utf8"));
        assertValidSarif(written);
        assert.strictEqual(written.runs[0].tool.driver.name, "lz plan");
        assert.match(io.stderr, /wrote .*lz\.sarif/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("lz check --format sarif", () => {
    it("is valid SARIF 2.1.0 with each finding at the line and columns of its resource's URN in the export", async () => {
      const file = path.join(PROJECT_ROOT, "test", "fixtures", "violations.stack.json");
      const io = bufferIo();
      assert.strictEqual(await main(["check", file, "--format", "sarif"], io), 1);
      const doc = JSON.parse(io.stdout);
      assertValidSarif(doc);
      assertRegions(doc);
      const text = fs.readFileSync(file, "utf8");
      const lines = text.split("\n");
      for (const r of doc.runs[0].results) {
        const loc = r.locations[0].physicalLocation;
        assert.strictEqual(loc.artifactLocation.uri, pathToFileURL(file).href);
        const urn = r.locations[0].logicalLocations[0].fullyQualifiedName;
        const { startLine, startColumn, endColumn, snippet } = loc.region;
        assert.strictEqual(lines[startLine - 1].slice(startColumn - 1, endColumn - 1), JSON.stringify(urn));
        assert.strictEqual(snippet.text, lines[startLine - 1]);
      }
    });

    it("keeps a relative export path relative, and a URN not in the text (minified elsewhere) at line 1", () => {
      const v = { urn: "urn:pulumi:dev::landing-zone::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket", pack: "encryption", policy: "cmk-required", enforcementLevel: "mandatory" as const, message: "no key" };
      const doc = checkSarif({ file: path.join("exports", "dev stack.json"), text: "{}", stack: "dev", resources: 1, checks: 1, violations: [v], packs, config }) as any;
      assertValidSarif(doc);
      assert.strictEqual(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, "exports/dev%20stack.json");
      assert.deepStrictEqual(doc.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 1 });
      assert.strictEqual(doc.runs[0].results[0].message.text, "b (aws:s3/bucket:Bucket): no key.");
    });
  });
});

describe("npm run sarif:validate (Microsoft's SARIF Multitool)", () => {
  it("says to run npm run sarif:setup when the Multitool is not installed, exit 2", async () => {
    const { validateMain } = await import("../../tools/sarif-multitool/validate");
    const out: string[] = [];
    assert.strictEqual(await validateMain([], (s) => out.push(s), fs.mkdtempSync(path.join(os.tmpdir(), "lz-no-tools-"))), 2);
    assert.match(out.join("\n"), /the SARIF Multitool is not installed .*run `npm run sarif:setup` once/);
  });

  it("fails a SARIF file with schema errors, naming them (where npm run sarif:setup was run)", async function () {
    const { multitoolBinary, validateMain, SetupError } = await import("../../tools/sarif-multitool/validate");
    try {
      multitoolBinary();
    } catch (err) {
      if (err instanceof SetupError) this.skip();
      throw err;
    }
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-sarif-bad-"));
    try {
      const file = path.join(dir, "bad.sarif");
      // A result without its required message. (The Multitool's validate does not report a bad enum
      // value such as level "fatal" on its own; the schema test above does.)
      fs.writeFileSync(file, JSON.stringify({ $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "a", level: "error" }] }] }));
      const out: string[] = [];
      assert.strictEqual(await validateMain([file], (s) => out.push(s)), 1);
      assert.match(out.join("\n"), /bad\.sarif: SARIF Multitool [\d.]+: 1 errors/);
      assert.match(out.join("\n"), /error JSON\d+: runs\[0\]\.results\[0\]: The required property 'message' is missing/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
