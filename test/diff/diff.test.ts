import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { changedPaths, diffPlans } from "../../cli/diff/compare";
import { COMMENT_MARKER, renderDiff } from "../../cli/diff/render";
import { REPLACE_ON } from "../../cli/diff/replacement";
import { STATEFUL_TYPES } from "../../cli/diff/stateful";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { runLz } from "../helpers/plan";
import { devPlan, fixturePlans, PlanBuilder } from "../report/fixture";

/** The dev plan with a second tenant (globex: component, key, bucket) and one finding on it. */
function withTenant(plan: PlanResult, slug: string, opts: { retain?: boolean } = {}): PlanResult {
  const b = new PlanBuilder(plan.stack, plan.role);
  const t = b.add("landing-zone:tenant:Tenant", slug, { slug, status: "active" });
  b.add("aws:kms/key:Key", `${slug}-key`, { enableKeyRotation: true, tags: { tenant: slug } }, { parent: t, retainOnDelete: opts.retain ?? true });
  const bucket = b.add("aws:s3/bucket:Bucket", `${slug}-bucket`, { bucket: `lz-dev-tenant-${slug}`, tags: { tenant: slug } }, { parent: t, retainOnDelete: opts.retain ?? true });
  b.finding(bucket, "required-tags", "advisory", `${slug} has no owner tag`);
  return { ...plan, resources: [...plan.resources, ...b.resources], violations: [...plan.violations, ...b.violations] };
}

function editResource(plan: PlanResult, name: string, edit: (r: PlanResource) => PlanResource): PlanResult {
  assert.ok(plan.resources.some((r) => r.name === name), `${name} in ${plan.stack}`);
  return { ...plan, resources: plan.resources.map((r) => (r.name === name ? edit(r) : r)) };
}

function without(plan: PlanResult, names: string[]): PlanResult {
  const drop = new Set(plan.resources.filter((r) => names.includes(r.name)).map((r) => r.urn));
  return { ...plan, resources: plan.resources.filter((r) => !drop.has(r.urn)), violations: plan.violations.filter((v) => !drop.has(v.urn)) };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-diff-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function file(doc: unknown): string {
  const f = path.join(tmp, `plan-${++n}.json`);
  fs.writeFileSync(f, typeof doc === "string" ? doc : JSON.stringify(doc));
  return f;
}

describe("lz diff", () => {
  describe("two plans that differ by one tenant and one changed bucket", () => {
    const before = fixturePlans();
    const dev = editResource(withTenant(devPlan(), "globex"), "acme-bucket", (r) => ({ ...r, inputs: { ...r.inputs, tags: { tenant: "acme", costCentre: "42" } } }));
    const after = [before[0], before[1], dev];
    const d = diffPlans(before, after);

    it("lists exactly the tenant's resources as added and the bucket as changed, with the input path", () => {
      assert.deepStrictEqual(d.added.map((r) => `${r.stack}/${r.type}/${r.name}`).sort(), ["dev/aws:kms/key:Key/globex-key", "dev/aws:s3/bucket:Bucket/globex-bucket", "dev/landing-zone:tenant:Tenant/globex"]);
      assert.deepStrictEqual(d.removed, []);
      assert.deepStrictEqual(d.changed, [{ stack: "dev", urn: dev.resources.find((r) => r.name === "acme-bucket")!.urn, type: "aws:s3/bucket:Bucket", name: "acme-bucket", paths: ["tags.costCentre"], changes: [{ path: "tags.costCentre", after: "42" }], replaceBecause: [], replacedWith: [] }]);
      assert.deepStrictEqual(d.hazards, []);
      assert.deepStrictEqual(d.newFindings.map((f) => f.violation.message), ["globex has no owner tag"]);
      assert.deepStrictEqual(d.fixedFindings, []);
    });

    it("renders them as Markdown, and `lz diff` exits 0", async () => {
      const run = await runLz(["diff", file({ stacks: before }), file({ stacks: after })]);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.ok(run.stdout.startsWith(`${COMMENT_MARKER}\n## Landing zone plan diff\n`));
      assert.ok(run.stdout.includes("**3 added, 0 removed, 1 changed; findings: 1 new, 0 fixed.**"), run.stdout);
      assert.ok(run.stdout.includes('| `dev` | `aws:s3/bucket:Bucket` | `acme-bucket` | `tags.costCentre: (none) → "42"` | update |'), run.stdout);
      assert.ok(run.stdout.includes("### Resources added (3)") && !run.stdout.includes("### Resources removed"));
      assert.ok(!run.stdout.includes("[!CAUTION]"));
    });
  });

  describe("destructive changes", () => {
    const base = withTenant(devPlan(), "globex", { retain: false });

    it("flags a removed tenant bucket that is not retained, in bold at the top, and exits 1", async () => {
      const run = await runLz(["diff", file(base), file(without(base, ["globex-bucket"]))]);
      assert.strictEqual(run.code, 1);
      const top = run.stdout.split("\n").slice(0, 6).join("\n");
      assert.ok(top.includes("> [!CAUTION]"), run.stdout);
      assert.ok(top.includes("> - **DELETE `aws:s3/bucket:Bucket` `globex-bucket` in `dev`**: stateful and not retained: `pulumi up` deletes an S3 bucket and its objects"), top);
      assert.ok(run.stderr.includes("1 protected or stateful resource(s) would be deleted or replaced"));
    });

    it("does not fail for a removed bucket that is retained on delete, but says it stays in the account", async () => {
      const retained = withTenant(devPlan(), "globex", { retain: true });
      const run = await runLz(["diff", file(retained), file(without(retained, ["globex", "globex-bucket", "globex-key"]))]);
      assert.strictEqual(run.code, 0, run.stdout);
      assert.ok(!run.stdout.includes("[!CAUTION]"));
      assert.ok(run.stdout.includes("> - RETAIN `aws:s3/bucket:Bucket` `globex-bucket` in `dev`: retainOnDelete"), run.stdout);
      assert.ok(run.stdout.includes("| `dev` | `aws:s3/bucket:Bucket` | `globex-bucket` | no | yes |"), "the removed table shows the flags");
    });

    it("flags a protected resource's removal even when it is also retained (pulumi up refuses it)", () => {
      const mgmt = fixturePlans()[0];
      const d = diffPlans([mgmt], [without(mgmt, ["account-dev"])]);
      assert.strictEqual(d.hazards.length, 1);
      assert.deepStrictEqual([d.hazards[0].action, d.hazards[0].blocking, d.hazards[0].name], ["delete", true, "account-dev"]);
      assert.match(d.hazards[0].why, /^protected \(an AWS account/);
    });

    it("flags a replacement: a renamed bucket, an account's new email, a KMS key spec, a region move", () => {
      const mgmt = fixturePlans()[0];
      let dev = editResource(base, "globex-bucket", (r) => ({ ...r, inputs: { ...r.inputs, bucket: "lz-dev-tenant-globex-2" } }));
      dev = editResource(dev, "globex-key", (r) => ({ ...r, inputs: { ...r.inputs, customerMasterKeySpec: "RSA_2048" } }));
      dev = editResource(dev, "acme-bucket", (r) => ({ ...r, region: "ap-southeast-4" }));
      const mgmt2 = editResource(mgmt, "account-dev", (r) => ({ ...r, inputs: { ...r.inputs, email: "new@example.com" } }));
      const d = diffPlans([mgmt, base], [mgmt2, dev]);
      const replaced = Object.fromEntries(d.changed.map((c) => [c.name, c.replaceBecause]));
      assert.deepStrictEqual(replaced, { "account-dev": ["email"], "globex-bucket": ["bucket"], "globex-key": ["customerMasterKeySpec"], "acme-bucket": ["region"] });
      assert.deepStrictEqual(d.hazards.map((h) => `${h.action} ${h.name} ${h.blocking}`).sort(), ["replace account-dev true", "replace acme-bucket true", "replace globex-bucket true", "replace globex-key true"]);
      const md = renderDiff(d);
      assert.ok(md.includes("**REPLACE `aws:organizations/account:Account` `account-dev` in `management`**: `email` changed, which forces a replacement of an AWS account"), md);
      assert.ok(md.includes("**replace** (`bucket`)"));
    });

    it("does not flag an in-place update of a stateful resource, nor the replacement of a stateless one", () => {
      const net = fixturePlans()[1];
      const changed = editResource(net, "egress-tgw-a", (r) => ({ ...r, inputs: { ...r.inputs, cidrBlock: "10.0.3.0/28" } }));
      const d = diffPlans([net], [changed]);
      assert.deepStrictEqual(d.changed.map((c) => c.replaceBecause), [["cidrBlock"]], "a subnet's CIDR forces a replacement");
      assert.deepStrictEqual(d.hazards, [], "but a subnet holds no data");
    });

    it("notes (without failing) protection being switched off on a stateful resource", () => {
      const off = editResource(base, "acme-bucket", (r) => ({ ...r, retainOnDelete: false }));
      const d = diffPlans([base], [off]);
      assert.deepStrictEqual(d.changed[0].paths, ["(retainOnDelete)"]);
      assert.deepStrictEqual(d.hazards.map((h) => [h.action, h.blocking]), [["unprotect", false]]);
    });
  });

  describe("comparing", () => {
    const r = devPlan().resources.find((x) => x.name === "acme-bucket")!;

    it("reports nested input paths, array indices, and resource options", () => {
      const a = { ...r, inputs: { rules: [{ cidr: "10.0.0.0/8", ports: [443] }], tags: { a: "1" } } };
      const b = { ...r, protect: true, inputs: { rules: [{ cidr: "10.0.0.0/8", ports: [443, 8443] }, { cidr: "x" }], tags: {} } };
      assert.deepStrictEqual(changedPaths(a, b), ["rules[0].ports[1]", "rules[1]", "tags.a", "(protect)"]);
    });

    it("compares secrets as markers: a changed secret is invisible, a value becoming secret is a change", () => {
      const a = { ...r, inputs: { token: "[secret]", password: "hunter2" } };
      const b = { ...r, inputs: { token: "[secret]", password: "[secret]" } };
      assert.deepStrictEqual(changedPaths(a, b), ["password"]);
    });

    it("lists findings new and fixed per stack", () => {
      const before = devPlan();
      const fixed = { ...before, violations: before.violations.slice(1) };
      const d = diffPlans([before], [fixed]);
      assert.deepStrictEqual(d.fixedFindings.map((f) => f.violation.policy), ["s3-no-public-access"]);
      assert.deepStrictEqual(d.newFindings, []);
      assert.ok(renderDiff(d).includes("### Findings fixed (1)"));
    });

    it("accepts either plan shape, and treats a stack on one side only as added or removed", async () => {
      const [mgmt, net, dev] = fixturePlans();
      const run = await runLz(["diff", file(dev), file({ stacks: [mgmt, net, dev] })]);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.ok(run.stdout.includes("New stacks: `management`, `network`."), run.stdout);
      const d = diffPlans([dev], [dev]);
      assert.ok(renderDiff(d).includes("No changes to resources or findings."));
    });

    it("keeps the stateful and replacement tables consistent: every stateful type has its replace-forcing inputs", () => {
      for (const t of Object.keys(STATEFUL_TYPES)) assert.ok(REPLACE_ON[t], `${t} is stateful but has no row in REPLACE_ON`);
    });
  });

  describe("bad input (exit 2, a message, no stack trace)", () => {
    const good = file(devPlan());
    const cases: [string, string[], RegExp][] = [
      ["a missing file", [path.join(tmp, "nope.json"), good], /nope\.json does not exist/],
      ["a file that is not JSON", [file("{ not json"), good], /is not JSON/],
      ["JSON of the wrong shape", [good, file({ resources: [] })], /stack is missing or not a string/],
      ["a resource without a URN", [good, file({ stack: "dev", resources: [{ type: "x" }] })], /resources\[0\]\.urn is missing/],
      ["stacks that is not a list", [good, file({ stacks: {} })], /"stacks" is an object, not a list/],
      ["a repeated stack", [good, file({ stacks: [devPlan(), devPlan()] })], /stacks\[1\] repeats stack "dev"/],
      ["a top level that is a list", [good, file([1])], /the top level is a list/],
      ["one file only", [good], /give the old plan and the new plan .*, or --base <git ref>; got 1 file/],
    ];
    for (const [what, args, message] of cases) {
      it(`rejects ${what}`, async () => {
        const run = await runLz(["diff", ...args]);
        assert.strictEqual(run.code, 2, run.stdout + run.stderr);
        assert.match(run.stderr, message);
        assert.ok(!/\n\s+at /.test(run.stderr), "no stack trace");
        assert.strictEqual(run.stdout, "");
      });
    }
  });
});
