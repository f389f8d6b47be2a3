import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { UsageError } from "../../cli/io";
import { loadPolicyConfig, pulumiPackConfig } from "../../cli/policy/config";
import { allPacks } from "../../cli/policy/packs";
import { runPacks } from "../../cli/policy/runner";
import { isBlocking } from "../../lib/plan";
import { runAll, StackFixture, violationsOf } from "./helpers";

const NOW = new Date("2026-01-15T00:00:00Z");

/** A stack with one finding of each level: an unencrypted data bucket (mandatory) and a missing flow log (advisory). */
function findings(): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  s.add(aws.s3.Bucket, "legacy-reports", { bucket: "legacy-reports" }, { retainOnDelete: true });
  s.add(aws.s3.BucketPublicAccessBlock, "legacy-reports-pab", { bucket: "legacy-reports", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  const tls = { Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::legacy-reports", "arn:aws:s3:::legacy-reports/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }] };
  s.add(aws.s3.BucketPolicy, "legacy-reports-policy", { bucket: "legacy-reports", policy: JSON.stringify(tls) });
  s.add(aws.ec2.Vpc, "vpc", { cidrBlock: "10.0.0.0/16" });
  return s;
}

function tmpConfig(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-policy-config-"));
  const file = path.join(dir, "policy-config.yaml");
  fs.writeFileSync(file, text);
  return file;
}

const waiver = (expires: string) => `
waivers:
  - resource: "legacy-*"
    policy: encryption/cmk-required
    reason: vendor bucket, re-keyed in Q3 (TICKET-1)
    approvedBy: security@example.com
    expires: "${expires}"
`;

describe("policy runner", () => {
  it("runs every pack; mandatory and advisory findings carry their level", () => {
    const r = runAll(findings().resources);
    const cmk = violationsOf(r, "cmk-required");
    assert.strictEqual(cmk.length, 1);
    assert.strictEqual(cmk[0].enforcementLevel, "mandatory");
    assert.strictEqual(cmk[0].pack, "encryption");
    assert.strictEqual(cmk[0].type, "aws:s3/bucket:Bucket");
    assert.ok(isBlocking(cmk[0]));
    const flow = violationsOf(r, "vpc-flow-logs");
    assert.strictEqual(flow[0].enforcementLevel, "advisory");
    assert.ok(!isBlocking(flow[0]));
  });

  it("counts checks: evaluations performed, not the not-applicable ones", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.sqs.Queue, "q", { kmsMasterKeyId: "arn:aws:kms:ap-southeast-2:5:key/k" });
    const r = runAll(s.resources);
    // The queue: messaging-encryption, cmk-recommended, required-tags (resource) + cmk-required,
    // sqs-sns-tls-only, resource-placement, delivery? no (stack policies count resources of their types).
    assert.ok(r.checks >= 6 && r.checks <= 12, `checks = ${r.checks}`);
    const none = runAll([]);
    assert.strictEqual(none.checks, 0);
  });

  it("an unexpired waiver covers a finding: listed with the waiver, not blocking, and reported in waivers", () => {
    const cfg = loadPolicyConfig(tmpConfig(waiver("2026-06-30")), allPacks());
    const r = runAll(findings().resources, { config: cfg, now: NOW });
    const cmk = violationsOf(r, "cmk-required");
    assert.strictEqual(cmk.length, 1);
    assert.deepStrictEqual(cmk[0].waiver, { reason: "vendor bucket, re-keyed in Q3 (TICKET-1)", approvedBy: "security@example.com", expires: "2026-06-30" });
    assert.ok(!isBlocking(cmk[0]));
    assert.deepStrictEqual(r.waivers, [{ urn: cmk[0].urn, policy: "encryption/cmk-required", reason: "vendor bucket, re-keyed in Q3 (TICKET-1)", approvedBy: "security@example.com", expires: "2026-06-30" }]);
    assert.strictEqual(r.violations.filter(isBlocking).length, 0);
  });

  it("a waiver holds through its expiry day (UTC) and not a day after", () => {
    const cfg = loadPolicyConfig(tmpConfig(waiver("2026-01-15")), allPacks());
    assert.strictEqual(runAll(findings().resources, { config: cfg, now: new Date("2026-01-15T23:00:00Z") }).violations.filter(isBlocking).length, 0);
    assert.ok(runAll(findings().resources, { config: cfg, now: new Date("2026-01-16T00:00:01Z") }).violations.filter(isBlocking).length > 0);
  });

  it("an expired waiver waives nothing and is itself a mandatory violation", () => {
    const cfg = loadPolicyConfig(tmpConfig(waiver("2025-12-31")), allPacks());
    const r = runAll(findings().resources, { config: cfg, now: NOW });
    const cmk = violationsOf(r, "cmk-required");
    assert.strictEqual(cmk[0].waiver, undefined);
    const expired = violationsOf(r, "waiver-expiry");
    assert.strictEqual(expired.length, 1);
    assert.strictEqual(expired[0].pack, "encryption");
    assert.strictEqual(expired[0].enforcementLevel, "mandatory");
    assert.match(expired[0].message, /expired on 2025-12-31; it no longer waives anything/);
    assert.strictEqual(expired[0].urn, cmk[0].urn);
    assert.deepStrictEqual(r.waivers, []);
  });

  it("an expired waiver stays mandatory when its pack is made advisory", () => {
    const cfg = loadPolicyConfig(tmpConfig(`enforcement:\n  encryption: advisory\n${waiver("2025-12-31")}`), allPacks());
    const r = runAll(findings().resources, { config: cfg, now: NOW });
    assert.strictEqual(violationsOf(r, "cmk-required")[0].enforcementLevel, "advisory");
    assert.strictEqual(violationsOf(r, "waiver-expiry")[0].enforcementLevel, "mandatory");
  });

  it("enforcement can be set per pack, per policy, or disabled", () => {
    const cfg = loadPolicyConfig(tmpConfig("enforcement:\n  baseline: mandatory\n  encryption/cmk-required: disabled\n"), allPacks());
    const r = runAll(findings().resources, { config: cfg });
    assert.strictEqual(violationsOf(r, "cmk-required").length, 0);
    assert.strictEqual(violationsOf(r, "vpc-flow-logs")[0].enforcementLevel, "mandatory");
  });

  it("a waiver by URN glob matches; one for another policy does not", () => {
    const s = findings();
    const urn = s.resources[1].urn;
    const cfg = loadPolicyConfig(tmpConfig(`waivers:\n  - { resource: "${urn.replace("legacy-reports", "legacy-*")}", policy: cmk-required, reason: r, approvedBy: a, expires: "2030-01-01" }\n  - { resource: "vpc", policy: baseline/no-open-ingress, reason: r, approvedBy: a, expires: "2030-01-01" }\n`), allPacks());
    const r = runAll(s.resources, { config: cfg, now: NOW });
    assert.ok(violationsOf(r, "cmk-required")[0].waiver);
    assert.strictEqual(violationsOf(r, "vpc-flow-logs")[0].waiver, undefined);
  });

  it("a policy that throws fails closed with a mandatory finding instead of crashing", () => {
    const s = new StackFixture();
    s.awsProvider();
    const bad = s.add(aws.sqs.Queue, "weird", {});
    Object.defineProperty(bad.inputs, "kmsMasterKeyId", {
      get() {
        throw new Error("boom");
      },
      enumerable: true,
    });
    const v = violationsOf(runAll(s.resources), "messaging-encryption");
    assert.strictEqual(v[0].enforcementLevel, "mandatory");
    assert.match(v[0].message, /could not judge this resource \(boom\); it fails closed/);
  });

  it("runPacks reads policies/policy-config.yaml by default, and --policy-config when given", async () => {
    const saved = process.env.LZ_PROJECT_ROOT;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-root-"));
    fs.mkdirSync(path.join(root, "policies"));
    fs.writeFileSync(path.join(root, "policies", "policy-config.yaml"), "enforcement:\n  encryption/cmk-required: advisory\n");
    process.env.LZ_PROJECT_ROOT = root;
    try {
      const r = await runPacks(findings().resources, { stack: "test" });
      assert.strictEqual(violationsOf(r, "cmk-required")[0].enforcementLevel, "advisory");
      const explicit = await runPacks(findings().resources, { stack: "test", policyConfigFile: tmpConfig("enforcement: {}\n") });
      assert.strictEqual(violationsOf(explicit, "cmk-required")[0].enforcementLevel, "mandatory");
    } finally {
      if (saved === undefined) delete process.env.LZ_PROJECT_ROOT;
      else process.env.LZ_PROJECT_ROOT = saved;
    }
  });

  describe("bad policy config is a UsageError naming the file and the key", () => {
    const bad: [string, string, RegExp][] = [
      ["unknown top-level key", "allowRegions: [ap-southeast-2]\n", /: allowRegions: is not a policy config key/],
      ["bad region", "allowedRegions: [sydney]\n", /: allowedRegions\[0\]: is "sydney"; it must match/],
      ["unknown policy in enforcement", "enforcement:\n  encryption/nope: advisory\n", /: enforcement.encryption\/nope: names no pack or policy/],
      ["bad level", "enforcement:\n  baseline: loud\n", /: enforcement.baseline: is "loud"; use one of advisory, mandatory, remediate, disabled/],
      ["unknown option", "policies:\n  residency/resource-placement:\n    allowEverything: true\n", /: policies.residency\/resource-placement.allowEverything: is not an option of resource-placement/],
      ["option of the wrong type", "policies:\n  resource-placement:\n    allowRoute53QueryLogsInUsEast1: yes-please\n", /allowRoute53QueryLogsInUsEast1: is "yes-please"; expected boolean/],
      ["waiver without approval", "waivers:\n  - { resource: x, policy: cmk-required, reason: r, expires: '2030-01-01' }\n", /: waivers\[0\]\.approvedBy: is required/],
      ["waiver with a bad date", "waivers:\n  - { resource: x, policy: cmk-required, reason: r, approvedBy: a, expires: next year }\n", /: waivers\[0\]\.expires: is "next year"; give the last valid day as YYYY-MM-DD/],
      ["waiver of an unknown policy", "waivers:\n  - { resource: x, policy: encryption/nope, reason: r, approvedBy: a, expires: '2030-01-01' }\n", /: waivers\[0\]\.policy: names no policy/],
      ["not YAML", "waivers: [\n", /: \(file\): is not valid YAML/],
    ];
    for (const [title, text, pattern] of bad) {
      it(title, () => {
        const file = tmpConfig(text);
        assert.throws(
          () => loadPolicyConfig(file, allPacks()),
          (e: unknown) => e instanceof UsageError && e.message.startsWith(file) && pattern.test(e.message),
        );
      });
    }
    it("a missing explicit file", () => {
      assert.throws(() => loadPolicyConfig("/nonexistent/policy.yaml", allPacks()), /policy config \/nonexistent\/policy.yaml does not exist/);
    });
  });

  it("the sample policies/policy-config.yaml is valid", () => {
    const cfg = loadPolicyConfig(path.join(__dirname, "..", "..", "policies", "policy-config.yaml"), allPacks());
    assert.deepStrictEqual(cfg.allowedRegions, ["ap-southeast-2", "ap-southeast-4"]);
  });

  it("pulumiPackConfig gives the CLI the same levels, options and waivers, per policy", () => {
    const cfg = loadPolicyConfig(tmpConfig(`allowedRegions: [ap-southeast-2]\nenforcement:\n  encryption/cmk-required: advisory\n${waiver("2026-06-30")}`), allPacks());
    const enc = pulumiPackConfig(cfg, allPacks().find((p) => p.name === "encryption")!) as Record<string, Record<string, unknown>>;
    assert.strictEqual(enc["cmk-required"].enforcementLevel, "advisory");
    assert.strictEqual((enc["cmk-required"].waivers as unknown[]).length, 1);
    assert.strictEqual((enc["s3-tls-only"].waivers as unknown[]).length, 0);
    assert.strictEqual((enc["waiver-expiry"].waivers as unknown[]).length, 1);
    const res = pulumiPackConfig(cfg, allPacks().find((p) => p.name === "residency")!) as Record<string, Record<string, unknown>>;
    assert.deepStrictEqual(res["resource-placement"].allowedRegions, ["ap-southeast-2"]);
    assert.strictEqual((res["waiver-expiry"].waivers as unknown[]).length, 0);
  });
});
