import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { bufferIo } from "../../../cli/io";
import { main } from "../../../cli/main";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures");
const fixture = (f: string) => path.join(FIXTURES, f);

async function lz(...args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

interface JsonReport {
  resources: number;
  stack: string;
  checks: number;
  violations: { urn: string; type: string; pack: string; policy: string; enforcementLevel: string; message: string; waiver?: { reason: string; approvedBy: string; expires: string } }[];
  waivers: { urn: string; policy: string; reason: string; approvedBy: string; expires: string }[];
}

describe("lz check", () => {
  describe("text", () => {
    it("a compliant export exits 0 with a summary", async () => {
      const r = await lz("check", fixture("compliant.stack.json"));
      assert.strictEqual(r.code, 0, r.err);
      assert.match(r.out, /stack dev, 19 resources, \d+ checks/);
      // Said, not guessed: the DynamoDB replica's key lives in another stack (Melbourne), and its flow
      // logs go to the log-archive bucket of another stack.
      assert.match(r.out, /0 mandatory, 2 advisory, 0 waived/);
      assert.match(r.out, /advisory {2}encryption\/encryption-companions-outside-stack {2}.*Table::dev-sessions/);
      assert.match(r.out, /residency\/data-path-unverified .*dev-vpc-flow-log/);
      assert.match(r.out, /OK: no mandatory violations/);
    });
    it("violations exit 1, mandatory first, naming resource, policy and fix", async () => {
      const r = await lz("check", fixture("violations.stack.json"));
      assert.strictEqual(r.code, 1);
      assert.match(r.out, /MANDATORY encryption\/cmk-required {2}urn:pulumi:dev::landing-zone::aws:s3\/bucket:Bucket::dev-tenant-data/);
      assert.match(r.out, /data bucket dev-tenant-data has no server-side encryption configuration/);
      assert.match(r.out, /dev-exports is placed in us-east-1 \(from its own region input\)/);
      assert.ok(r.out.indexOf("MANDATORY") < r.out.indexOf("advisory "));
      assert.match(r.out, /FAIL: \d+ mandatory violation\(s\)\./);
    });
  });

  describe("json (the contract shape plus checks and waivers)", () => {
    it("prints { resources, violations } with the Violation fields", async () => {
      const r = await lz("check", fixture("violations.stack.json"), "--format", "json");
      assert.strictEqual(r.code, 1);
      const doc = JSON.parse(r.out) as JsonReport;
      assert.strictEqual(doc.resources, 20);
      assert.strictEqual(doc.stack, "dev");
      assert.ok(doc.checks > doc.resources);
      for (const v of doc.violations) {
        assert.deepStrictEqual(Object.keys(v).sort(), ["enforcementLevel", "message", "pack", "policy", "type", "urn"]);
        assert.ok(["mandatory", "advisory"].includes(v.enforcementLevel));
      }
      const seen = new Set(doc.violations.map((v) => `${v.pack}/${v.policy}`));
      for (const p of ["encryption/cmk-required", "encryption/load-balancer-tls", "residency/resource-placement", "residency/s3-replication-residency", "residency/dynamodb-residency", "residency/datadog-site", "residency/aws-provider-region", "baseline/no-open-ingress"]) {
        assert.ok(seen.has(p), `expected a ${p} finding`);
      }
      // The us-east-1 provider's placement is reported on the certificate it places, once.
      const cert = doc.violations.filter((v) => v.urn.endsWith("::dev-edge-cert") && v.pack === "residency");
      assert.deepStrictEqual(cert.map((v) => [v.policy, v.type]), [["aws-provider-region", "aws:acm/certificate:Certificate"]]);
      assert.ok(!doc.violations.some((v) => v.type === "pulumi:providers:aws"), "never on the provider as well");
    });
    it("the compliant export has no violations but the advisories on a key and a log bucket outside the stack", async () => {
      const r = await lz("check", fixture("compliant.stack.json"), "--format", "json");
      const doc = JSON.parse(r.out) as JsonReport;
      assert.deepStrictEqual(
        doc.violations.map((v) => [v.policy, v.enforcementLevel, v.urn.split("::").pop()]).sort(),
        [["data-path-unverified", "advisory", "dev-vpc-flow-log"], ["encryption-companions-outside-stack", "advisory", "dev-sessions"]],
      );
      assert.strictEqual(r.code, 0);
    });
  });

  describe("--policy-config with waivers", () => {
    it("lists waived findings and every waiver used; an expired waiver is a mandatory violation", async () => {
      const r = await lz("check", fixture("violations.stack.json"), "--format", "json", "--policy-config", fixture("waivers.policy-config.yaml"));
      const doc = JSON.parse(r.out) as JsonReport;
      const ddb = doc.violations.find((v) => v.policy === "dynamodb-residency")!;
      assert.deepStrictEqual(ddb.waiver, { reason: "Disaster-recovery replica approved for the pilot only (RISK-42)", approvedBy: "ciso@example.net", expires: "2999-12-31" });
      assert.deepStrictEqual(doc.waivers, [{ urn: ddb.urn, policy: "residency/dynamodb-residency", reason: ddb.waiver!.reason, approvedBy: "ciso@example.net", expires: "2999-12-31" }]);
      const lb = doc.violations.find((v) => v.policy === "load-balancer-tls")!;
      assert.strictEqual(lb.waiver, undefined, "the expired waiver waives nothing");
      const expired = doc.violations.filter((v) => v.policy === "waiver-expiry");
      assert.strictEqual(expired.length, 1);
      assert.strictEqual(expired[0].enforcementLevel, "mandatory");
      assert.strictEqual(expired[0].urn, lb.urn);
      assert.match(expired[0].message, /expired on 2025-06-30/);
      assert.strictEqual(r.code, 1);
    });
    it("text output shows the waiver's approval and expiry", async () => {
      const r = await lz("check", fixture("violations.stack.json"), "--policy-config", fixture("waivers.policy-config.yaml"));
      assert.match(r.out, /waived {4}residency\/dynamodb-residency/);
      assert.match(r.out, /waived until 2999-12-31 by ciso@example.net: Disaster-recovery replica/);
    });
  });

  describe("sarif 2.1.0", () => {
    it("has one result per violation, rules with metadata, and URN logical locations", async () => {
      const r = await lz("check", fixture("violations.stack.json"), "--format", "sarif", "--policy-config", fixture("waivers.policy-config.yaml"));
      assert.strictEqual(r.code, 1);
      const sarif = JSON.parse(r.out);
      const json = JSON.parse((await lz("check", fixture("violations.stack.json"), "--format", "json", "--policy-config", fixture("waivers.policy-config.yaml"))).out) as JsonReport;
      assert.strictEqual(sarif.version, "2.1.0");
      assert.match(sarif.$schema, /sarif-2\.1\.0/);
      assert.strictEqual(sarif.runs.length, 1);
      const run = sarif.runs[0];
      const rules = run.tool.driver.rules as { id: string; shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[];
      assert.strictEqual(new Set(rules.map((x) => x.id)).size, rules.length, "rule ids are unique");
      for (const rule of rules) {
        assert.match(rule.id, /^[a-z]+\/[a-z0-9-]+$/);
        assert.ok(rule.shortDescription.text.length > 10);
        assert.match(rule.help.text, /Fix: /);
        assert.ok(["error", "warning", "none"].includes(rule.defaultConfiguration.level));
      }
      assert.strictEqual(rules.find((x) => x.id === "encryption/cmk-required")!.defaultConfiguration.level, "error");
      assert.strictEqual(rules.find((x) => x.id === "baseline/vpc-flow-logs")!.defaultConfiguration.level, "warning");
      assert.strictEqual(run.results.length, json.violations.length);
      for (const res of run.results) {
        assert.strictEqual(rules[res.ruleIndex].id, res.ruleId);
        assert.ok(["error", "warning", "note", "none"].includes(res.level));
        assert.ok(res.message.text.length > 0);
        const loc = res.locations[0];
        assert.strictEqual(loc.physicalLocation.artifactLocation.uri, pathToFileURL(fixture("violations.stack.json")).href);
        assert.ok(loc.physicalLocation.region.startLine > 1, "at the resource's line");
        assert.match(loc.logicalLocations[0].fullyQualifiedName, /^urn:pulumi:dev::/);
        assert.strictEqual(loc.logicalLocations[0].kind, "resource");
      }
      const waived = run.results.filter((x: { suppressions?: unknown[] }) => x.suppressions);
      assert.strictEqual(waived.length, 1);
      assert.deepStrictEqual(waived[0].suppressions[0].status, "accepted");
      assert.match(waived[0].suppressions[0].justification, /RISK-42/);
    });
  });

  describe("bad input is exit 2 with one clear line, never a stack trace", () => {
    const cases: [string, string[], RegExp][] = [
      ["a missing file", ["check", fixture("nope.stack.json")], /nope\.stack\.json does not exist/],
      ["not JSON", ["check", fixture("not-json.stack.json")], /not-json\.stack\.json is not JSON/],
      ["deployment version 2", ["check", fixture("version2.stack.json")], /is not a Pulumi stack export \(deployment version 3 or 4\): its version is 2/],
      ["a plan result instead of an export", ["check", fixture("plan-result.json")], /has no top-level version and deployment/],
      ["a directory", ["check", FIXTURES], /is a directory, not a stack export/],
      ["a bad format", ["check", fixture("compliant.stack.json"), "--format", "xml"], /--format "xml" is not one of text, json or sarif/],
      ["an unknown flag", ["check", fixture("compliant.stack.json"), "--strict"], /lz check: .*--strict/],
      ["no file", ["check"], /missing required argument 'stack-export\.json'/],
      ["two files", ["check", fixture("compliant.stack.json"), fixture("violations.stack.json")], /too many arguments for 'check'/],
      ["a bad policy config", ["check", fixture("compliant.stack.json"), "--policy-config", fixture("compliant.stack.json")], /compliant\.stack\.json: \(file\): must be a mapping|: version: is not a policy config key/],
    ];
    for (const [title, args, pattern] of cases) {
      it(title, async () => {
        const r = await lz(...args);
        assert.strictEqual(r.code, 2, r.out);
        assert.match(r.err, pattern);
        assert.ok(!/\n\s+at /.test(r.err), "no stack trace");
      });
    }
  });

  describe("real exports (shared/examples, made by the Pulumi CLI)", () => {
    for (const f of ["awsx-custom-provider.stack.json", "awsx-vpc-subnets-with-tags.stack.json"]) {
      it(`reads ${f}: provider references resolved, bridge bookkeeping dropped`, async function () {
        const { parseStackExport } = await import("../../../cli/check/export");
        const file = path.join(__dirname, "..", "..", "..", "..", "shared", "examples", f);
        // The examples live beside the repository (shared/), not in it.
        if (!fs.existsSync(file)) this.skip();
        const exp = parseStackExport(fs.readFileSync(file, "utf8"), f);
        assert.strictEqual(exp.version, 3);
        assert.strictEqual(exp.stack, "test");
        const subnets = exp.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet");
        assert.ok(subnets.length > 0);
        for (const s of subnets) {
          assert.match(s.provider!, /::pulumi:providers:aws::[^:]+::[0-9a-f-]+$/);
          assert.strictEqual(s.inputs.__defaults, undefined);
          assert.strictEqual(s.outputs.__meta, undefined);
          assert.strictEqual((s.inputs.tags as Record<string, unknown>).__defaults, undefined);
        }
        if (f.startsWith("awsx-custom")) assert.strictEqual(subnets[0].region, "us-east-1", "the provider's region input, not its name (eu-west-1)");
        const r = await lz("check", file, "--format", "json");
        assert.strictEqual(r.code, 1, "a real us-east-1 stack breaks residency");
        const placed = (JSON.parse(r.out) as JsonReport).violations.filter((v) => v.policy === "aws-provider-region");
        assert.ok(placed.some((v) => v.type === "aws:ec2/subnet:Subnet"), "reported on the subnets the provider places");
      });
    }
    it("turns secrets into \"[secret]\" and records which inputs were secret", async () => {
      const { parseStackExport } = await import("../../../cli/check/export");
      const exp = parseStackExport(fs.readFileSync(fixture("compliant.stack.json"), "utf8"), "compliant");
      const dd = exp.resources.find((r) => r.type === "pulumi:providers:datadog")!;
      assert.strictEqual(dd.inputs.apiKey, "[secret]");
      assert.deepStrictEqual(dd.secretInputs, ["apiKey", "appKey"]);
      const v = exp.resources.find((r) => r.name === "dev-cloudflared-token-value")!;
      assert.strictEqual(v.inputs.secretString, "[secret]");
    });
  });
});
