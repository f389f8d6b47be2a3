import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diffPlans } from "../../cli/diff/compare";
import { renderDiff } from "../../cli/diff/render";
import { removalHazard, STATEFUL_TYPES } from "../../cli/diff/stateful";
import { dataLoss, diffValues } from "../../cli/diff/values";
import type { PlanResult } from "../../lib/plan";
import { runLz } from "../helpers/plan";
import { PlanBuilder } from "../report/fixture";

/** `lz diff` shows values, matches list items by key, and says when a change deletes data. */
describe("lz diff: values, keyed lists, data deletion, formats", () => {
  describe("list items matched by a key", () => {
    it("an ingress rule inserted first is one rule added, not every rule changed", () => {
      const ssh = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] };
      const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] };
      const pg = { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.1.0.0/16"] };
      assert.deepStrictEqual(diffValues({ ingress: [ssh, https] }, { ingress: [pg, ssh, { ...https, cidrBlocks: ["10.2.0.0/16"] }] }), [
        { path: "ingress[tcp 443-443].cidrBlocks[0]", before: "10.0.0.0/8", after: "10.2.0.0/16" },
        { path: "ingress[tcp 5432-5432]", after: pg },
      ]);
    });

    it("lifecycle rules by id, NACL entries by rule number; lists without a key by index", () => {
      const rule = (id: string, days: number) => ({ id, status: "Enabled", expiration: { days } });
      assert.deepStrictEqual(diffValues({ rules: [rule("logs", 90), rule("tmp", 7)] }, { rules: [rule("tmp", 7), rule("logs", 30)] }), [{ path: "rules[id=logs].expiration.days", before: 90, after: 30 }]);
      assert.deepStrictEqual(diffValues({ egress: [{ ruleNo: 100, cidrBlock: "a" }] }, { egress: [{ ruleNo: 90, cidrBlock: "b" }, { ruleNo: 100, cidrBlock: "a" }] }), [{ path: "egress[ruleNo=90]", after: { ruleNo: 90, cidrBlock: "b" } }]);
      assert.deepStrictEqual(diffValues({ subnetIds: ["a", "b"] }, { subnetIds: ["a", "c"] }), [{ path: "subnetIds[1]", before: "b", after: "c" }]);
      const same = { protocol: "tcp", fromPort: 443, toPort: 443 };
      assert.deepStrictEqual(diffValues({ r: [{ ...same, d: 1 }, { ...same, d: 2 }] }, { r: [{ ...same, d: 1 }, { ...same, d: 3 }] }), [{ path: "r[1].d", before: 2, after: 3 }], "a key that repeats is no key");
    });
  });

  describe("changes that delete data", () => {
    const lifecycle = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
    const cases: [string, string, { path: string; before?: unknown; after?: unknown }, RegExp | undefined][] = [
      ["a shorter lifecycle expiration", lifecycle, { path: "rules[id=logs].expiration.days", before: 400, after: 30 }, /shortened from 400 to 30: data older than the new retention is deleted/],
      ["a longer one", lifecycle, { path: "rules[id=logs].expiration.days", before: 30, after: 400 }, undefined],
      ["a shorter noncurrent-version expiration", lifecycle, { path: "rules[id=v].noncurrentVersionExpiration.noncurrentDays", before: 90, after: 1 }, /shortened from 90 to 1/],
      ["a transition sooner (not a deletion)", lifecycle, { path: "rules[id=logs].transitions[0].days", before: 90, after: 30 }, undefined],
      ["an expiration added to a rule", lifecycle, { path: "rules[id=logs].expiration", after: { days: 7 } }, /added: objects are deleted after 7 days/],
      ["a lifecycle rule added with an expiration", lifecycle, { path: "rules[id=new]", after: { id: "new", expiration: { days: 3 } } }, /objects are deleted after 3 days/],
      ["a log group that kept logs for ever given a retention", "aws:cloudwatch/logGroup:LogGroup", { path: "retentionInDays", after: 30 }, /was never-expire to 30 days: older log events are deleted/],
      ["a log group's retention shortened", "aws:cloudwatch/logGroup:LogGroup", { path: "retentionInDays", before: 365, after: 90 }, /shortened from 365 to 90 days/],
      ["a log group set to never expire", "aws:cloudwatch/logGroup:LogGroup", { path: "retentionInDays", before: 365, after: 0 }, undefined],
      ["forceDestroy switched on", "aws:s3/bucket:Bucket", { path: "forceDestroy", before: false, after: true }, /deleting the bucket would delete its objects too/],
      ["a component's own retention input (its children say it)", "landing-zone:tenant:Tenant", { path: "retentionDays", before: 400, after: 30 }, undefined],
    ];
    for (const [what, type, change, says] of cases) {
      it(`${says ? "says so for" : "is quiet about"} ${what}`, () => {
        const why = dataLoss(type, change);
        if (says) assert.match(why ?? "", says);
        else assert.strictEqual(why, undefined);
      });
    }

    it("warns at the top (without failing) when a tenant's retention is shortened", () => {
      const b = new PlanBuilder("dev", "workload");
      b.add(lifecycle, "tenant-acme-lifecycle", { rules: [{ id: "retention", status: "Enabled", expiration: { days: 2555 } }] });
      const before = b.build();
      const after: PlanResult = { ...before, resources: before.resources.map((r) => ({ ...r, inputs: { rules: [{ id: "retention", status: "Enabled", expiration: { days: 365 } }] } })) };
      const d = diffPlans([before], [after]);
      assert.deepStrictEqual(d.hazards.map((h) => [h.action, h.blocking]), [["delete-data", false]]);
      const md = renderDiff(d);
      assert.ok(md.split("\n").slice(0, 6).join("\n").includes("> [!WARNING]\n> - **DELETES DATA `aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration` `tenant-acme-lifecycle` in `dev`**: `rules[id=retention].expiration.days` shortened from 2555 to 365"), md);
      assert.ok(md.includes("`rules[id=retention].expiration.days: 2555 → 365`"), md);
    });
  });

  describe("retained and deleted resources, in whole sentences", () => {
    const b = new PlanBuilder("dev", "workload");
    const key = b.add("aws:kms/key:Key", "acme-key", {}, { retainOnDelete: true });
    const bucket = b.add("aws:s3/bucket:Bucket", "acme-bucket", {}, { retainOnDelete: true });

    it("a retained key: it stays, enabled, and what it encrypted stays readable (not 'no data is deleted')", () => {
      const h = removalHazard("dev", key)!;
      assert.strictEqual(h.action, "retain");
      assert.strictEqual(h.why, "retainOnDelete: the key stays in the account and enabled, so what it encrypted stays readable; it only leaves the stack (it is still billed: schedule its deletion by hand once nothing needs it)");
      assert.doesNotMatch(h.why, /becomes unreadable/, "what a deletion would lose is not spliced into what a retention keeps");
    });

    it("a retained bucket keeps its data; an unretained key's deletion says what is lost", () => {
      assert.strictEqual(removalHazard("dev", bucket)!.why, "retainOnDelete: it stays in the account with its data, and only leaves the stack (no data is deleted)");
      assert.strictEqual(removalHazard("dev", { ...key, retainOnDelete: false })!.why, "stateful and not retained: `pulumi up` deletes a KMS key, and whatever it encrypted becomes unreadable");
      for (const [t, k] of Object.entries(STATEFUL_TYPES)) for (const s of [k.what, k.loses, k.kept]) assert.ok(s && !s.endsWith("."), `${t}: a fragment to build sentences from`);
    });
  });

  describe("--format", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-diff-format-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const b = new PlanBuilder("dev", "workload");
    b.add("aws:ec2/securityGroup:SecurityGroup", "app-sg", { vpcId: "vpc-1", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }] });
    const old = b.build();
    const now: PlanResult = { ...old, resources: old.resources.map((r) => ({ ...r, inputs: { ...r.inputs, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] } })) };
    const files = [path.join(tmp, "a.json"), path.join(tmp, "b.json")];
    fs.writeFileSync(files[0], JSON.stringify(old));
    fs.writeFileSync(files[1], JSON.stringify(now));

    it("text: one line per change with its old and new value", async () => {
      const run = await runLz(["diff", ...files, "--format", "text"]);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.ok(run.stdout.startsWith("0 added, 0 removed, 1 changed; findings: 0 new, 0 fixed.\n"), run.stdout);
      assert.ok(run.stdout.includes('  ~ dev aws:ec2/securityGroup:SecurityGroup app-sg: update\n      ingress[tcp 443-443].cidrBlocks[0]: "10.0.0.0/8" → "0.0.0.0/0"\n'), run.stdout);
      assert.doesNotMatch(run.stdout, /<!--|\|/);
    });

    it("json: the diff as data", async () => {
      const run = await runLz(["diff", ...files, "-f", "json"]);
      const doc = JSON.parse(run.stdout);
      assert.deepStrictEqual(doc.changed[0].changes, [{ path: "ingress[tcp 443-443].cidrBlocks[0]", before: "10.0.0.0/8", after: "0.0.0.0/0" }]);
      assert.deepStrictEqual(doc.hazards, []);
    });

    it("markdown by default; an unknown format is exit 2 with the valid ones", async () => {
      assert.ok((await runLz(["diff", ...files])).stdout.startsWith("<!-- lz-diff -->"));
      const bad = await runLz(["diff", ...files, "--format", "sarif"]);
      assert.strictEqual(bad.code, 2);
      assert.match(bad.stderr, /--format "sarif" is not one of markdown, text or json/);
    });

    it("--stack without --base, and plan files with --base, are exit 2", async () => {
      const a = await runLz(["diff", ...files, "--stack", "dev"]);
      assert.strictEqual(a.code, 2);
      assert.match(a.stderr, /--stack goes with --base/);
      const b2 = await runLz(["diff", "--base", "main", files[0]]);
      assert.strictEqual(b2.code, 2);
      assert.match(b2.stderr, /give no plan files/);
    });
  });
});
