import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { isViolatingRound, buildExport } from "../../bench/policy/export";
import { prepareFloor, runFloor } from "../../bench/floor";
import { BenchProject } from "../../bench/plan/project";
import { writeSyntheticTenants, registry } from "../../bench/plan/tenants";
import { prerequisiteProblems } from "../../bench/prerequisites";
import { evaluateTargets } from "../../bench/report";
import { PROJECT_ROOT } from "../../config/raw";
import { typedProperties, withTypedProperties } from "../../bench/typedProps";
import { parseStackExport } from "../../cli/check/export";
import { runPacks } from "../../cli/policy/runner";
import { isBlocking } from "../../lib/plan";
import { planStack } from "../helpers/plan";
import type { PlanSize } from "../../bench/plan/scaling";
import type { PolicyResult } from "../../bench/policy/throughput";

// The bench's pieces, without timing anything (npm run bench does that): what it measures must be
// the same work as the plan and the same verdicts as the packs.
describe("bench (npm run bench): its pieces measure the right thing", () => {
  it("reads a type's property set from its SDK class, and knows when there is none", () => {
    const bucket = typedProperties("aws:s3/bucket:Bucket")!;
    for (const p of ["bucket", "arn", "tags", "region"]) assert.ok(bucket.includes(p), p);
    assert.ok(typedProperties("pulumi:providers:aws")!.includes("region"));
    assert.ok(typedProperties("cloudflare:index/dnsRecord:DnsRecord")!.includes("zoneId"));
    assert.strictEqual(typedProperties("aws:nope/nothing:Nothing"), null);
    const w = withTypedProperties("aws:s3/bucket:Bucket", { bucket: "b" });
    assert.strictEqual(w.typed, true);
    assert.strictEqual(w.props.bucket, "b");
    assert.ok("arn" in w.props && w.props.arn === undefined);
  });

  it("replays a plan through each mock floor, registering exactly its resources, and leaves the SDK as it was", async () => {
    const plan = await planStack("network");
    const stacks = [{ stack: "network", resources: plan.resources }];
    const stackTrace = (pulumi.Resource as unknown as { stackTrace: unknown }).stackTrace;
    for (const typed of [false, true]) {
      const floor = prepareFloor(stacks, typed);
      assert.strictEqual((await runFloor(floor)).registered, plan.resources.length, `typed ${typed}`);
      // Only StackReferences have no generated class (the SDK's own StackReference registers its inputs).
      if (typed) assert.deepStrictEqual([floor.typed > 0, floor.untyped], [true, plan.resources.filter((r) => r.type === "pulumi:pulumi:StackReference").length]);
    }
    assert.strictEqual((await runFloor(prepareFloor(stacks, false), "landing-zone:tenant:Tenant")).registered, plan.resources.length);
    assert.strictEqual((pulumi.Resource as unknown as { stackTrace: unknown }).stackTrace, stackTrace);
  });

  it("writes synthetic tenants the registry accepts, in a copy of the project only", () => {
    const before = fs.readdirSync("tenants").sort();
    const project = new BenchProject();
    try {
      writeSyntheticTenants(project, "dev", 3);
      const reg = registry();
      const read = reg.readTenantRegistry(project.root);
      assert.deepStrictEqual(read.issues, []);
      assert.deepStrictEqual(reg.tenantsOfStack(read, "dev").map((t) => t.slug), ["bench-0000", "bench-0001", "bench-0002"]);
    } finally {
      project.cleanup();
    }
    assert.deepStrictEqual(fs.readdirSync("tenants").sort(), before, "the real registry is untouched");
    assert.ok(!fs.existsSync(project.root));
  });

  it("builds a stack export lz check reads, whose violating rounds the packs flag and whose compliant rounds they pass", async () => {
    const { doc, summary } = buildExport(300);
    const parsed = parseStackExport(JSON.stringify(doc), "bench.json");
    assert.strictEqual(parsed.resources.length, 300);
    assert.strictEqual(summary.resources, 300);
    assert.ok(summary.violatingRounds > 0 && summary.violatingRounds < summary.rounds);
    const result = await runPacks(parsed.resources, { stack: "bench" });
    const flagged = new Set(result.violations.filter(isBlocking).map((v) => v.urn));
    const custom = parsed.resources.filter((r) => r.custom !== false && !r.type.startsWith("pulumi:"));
    assert.deepStrictEqual(custom.filter((r) => !isViolatingRound(r.urn) && flagged.has(r.urn)).map((r) => r.urn), [], "compliant rounds pass");
    assert.ok(custom.some((r) => isViolatingRound(r.urn) && flagged.has(r.urn)), "violating rounds are flagged");
  });

  it("judges the targets from the figures", () => {
    const size = (tenants: number, ms: number, floorMs: number) => ({ tenants, ms, floorMs, ratio: ms / floorMs }) as unknown as PlanSize;
    const policy = { resources: 10000, lzMs: 3100, lzPerSec: 50, awsguardPerSec: 60, rateRatio: 50 / 60, lzChecks: 10, awsguardChecks: 5 } as unknown as PolicyResult;
    const t = evaluateTargets([size(100, 1000, 800), size(1000, 12000, 7000)], policy, { ms: 170000, exitCode: 0, summary: "" });
    const met = Object.fromEntries(t.map((x) => [x.name, x.met]));
    assert.deepStrictEqual(met, {
      "plan within 1.5x the mock floor at 100 tenants": true,
      "plan within 1.5x the mock floor at 1000 tenants": false,
      "1,000 tenants at most 11x the time of 100": false,
      "packs' rate at least twice awsguard's": false,
      "packs run more checks than awsguard": true,
      "lz check of 10,000 resources": false,
      "npm test": true,
    });
  });

  it("warms both sides up the same number of rounds, in alternating order, and keeps the warm-up times apart", async () => {
    const { interleave } = await import("../../bench/stats");
    const calls: string[] = [];
    const side = (name: string) => ({ name, run: () => calls.push(name) });
    const [a, b] = await interleave([side("a"), side("b")], 2, undefined, 3);
    assert.deepStrictEqual(calls, ["a", "b", "b", "a", "a", "b", "a", "b", "b", "a"]);
    assert.strictEqual(a.warmups.length, 3);
    assert.strictEqual(b.warmups.length, 3);
    assert.strictEqual(a.samples.length, 2);
    const [one] = await interleave([side("c")], 1);
    assert.strictEqual(one.warmups.length, 1, "one warm-up by default");
    const [warm] = await interleave([{ ...side("d"), warm: true }], 1, undefined, 4);
    assert.strictEqual(warm.warmups.length, 0, "a side the caller warmed up gets none");
  });

  it("the policy rate target is twice awsguard's: 1.9x is not met, 2x is", () => {
    const at = (ratio: number) => {
      const policy = { resources: 10000, lzMs: 900, lzPerSec: 60 * ratio, awsguardPerSec: 60, rateRatio: ratio, lzChecks: 10, awsguardChecks: 5 } as unknown as PolicyResult;
      return evaluateTargets([], policy, undefined).find((x) => x.name === "packs' rate at least twice awsguard's")!;
    };
    assert.strictEqual(at(1.9).met, false);
    assert.strictEqual(at(2).met, true);
    assert.strictEqual(at(2).limit, ">= 2x");
  });

  it("prints a progress line per stack as the first plan of a size finishes (--progress, or at a terminal)", async () => {
    const { planOnce } = await import("../../bench/plan/scaling");
    const project = new BenchProject();
    try {
      const lines: string[] = [];
      const planned = await planOnce(project.root, "management", (l) => lines.push(l));
      assert.deepStrictEqual(lines.map((l) => l.split(":")[0]), [...planned.keys()]);
      assert.match(lines[0], /^management: \d+ resources, findings \d+ mandatory, \d+ advisory, \d+ waived, \d+\.\d s$/);
    } finally {
      project.cleanup();
    }
  });

  describe("checks every prerequisite before the first measurement (bench/prerequisites.ts)", () => {
    const base = { skipPlan: false, skipPolicy: true, skipTests: true, out: path.join(os.tmpdir(), "bench-results.json"), stack: "dev" };

    it("passes when what the steps need is there", () => {
      assert.deepStrictEqual(prerequisiteProblems(base), []);
    });

    it("names each missing one with the command to run", () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), "lz-no-awsguard-"));
      try {
        const problems = prerequisiteProblems({ ...base, skipPolicy: false, skipTests: false, awsguardDir: empty, npm: "no-such-npm-here", out: "/no/such/dir/results.json", stack: "management" });
        assert.strictEqual(problems.length, 4, problems.join("\n"));
        assert.match(problems[0], /@pulumi\/awsguard is not installed for the bench: run `npm run bench:setup` once/);
        assert.match(problems[1], /Pulumi\.management\.yaml has no Cloudflare zone/);
        assert.match(problems[2], /`no-such-npm-here` does not run .*--skip-tests/);
        assert.match(problems[3], /cannot write \/no\/such\/dir\/results\.json: .*--out FILE/);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });

    it("npm run bench stops at once, exit 2, with the list and no stack trace", () => {
      const r = spawnSync(process.execPath, ["-r", "./bin/register.js", "bench/run.ts", "--sizes", "0", "--runs", "1", "--skip-policy", "--skip-tests", "--out", "/no/such/dir/results.json"], { cwd: PROJECT_ROOT, encoding: "utf8" });
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, /^bench: cannot start: a prerequisite is missing \(nothing was measured\):\n {2}- cannot write \/no\/such\/dir\/results\.json/m);
      assert.doesNotMatch(r.stderr, /^\s+at /m);
      assert.doesNotMatch(r.stderr, /plan dev with/, "no measurement started");
    });
  });
});
