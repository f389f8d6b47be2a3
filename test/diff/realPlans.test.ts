import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { diffPlans } from "../../cli/diff/compare";
import { readPlanFile } from "../../cli/report/planFile";
import type { PlanResult } from "../../lib/plan";
import { runLz, TempProject } from "../helpers/plan";

/**
 * `lz diff` over real plans of dev's tenant cell: the checkout as it is (base) against a copy of the
 * project with one tenant file added and one tenant's bucket setting changed (head).
 */
describe("lz diff over real plans (a tenant added, a bucket setting changed)", () => {
  let project: TempProject;
  let base: string;
  let head: string;
  let demoBucket: string;

  before(async function () {
    this.timeout(300_000);
    project = new TempProject();
    const demo = YAML.parse(fs.readFileSync(path.join(project.root, "tenants", "demo.yaml"), "utf8"));
    assert.strictEqual(demo.stack, "dev", "the sample dev tenant this test edits");
    project.writeFile("tenants/acme.yaml", YAML.stringify({ ...demo, slug: "acme", displayName: "Acme", hostname: demo.hostname.replace(/^demo\./, "acme.") }));
    project.writeFile("tenants/demo.yaml", YAML.stringify({ ...demo, retentionDays: demo.retentionDays + 30 }));
    base = path.join(project.root, "base.json");
    head = path.join(project.root, "head.json");
    const b = await runLz(["plan", "dev-cell-01", "--json", base]);
    assert.ok(b.code === 0, b.stderr);
    const h = await runLz(["plan", "dev-cell-01", "--json", head], project.root);
    assert.ok(h.code === 0, h.stderr);
    demoBucket = readPlanFile(base)[0].resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.name.includes("demo"))!.name;
  });
  after(() => project?.cleanup());

  it("adds exactly the new tenant's resources and changes the edited bucket's setting, nothing else but what lists the tenants", async () => {
    const run = await runLz(["diff", base, head]);
    assert.strictEqual(run.code, 0, run.stderr);
    const d = diffPlans(readPlanFile(base), readPlanFile(head));
    assert.ok(d.added.length > 5, "the tenant brings its key, bucket, role, access app...");
    const acme = d.added.find((r) => r.type === "landing-zone:tenant:Tenant")!;
    for (const r of d.added) assert.ok(r.urn === acme.urn || r.urn.includes(`${acme.type}$`) && r.name.includes("acme"), `${r.name} belongs to the acme tenant`);
    assert.ok(d.added.some((r) => r.type === "aws:s3/bucket:Bucket") && d.added.some((r) => r.type === "aws:kms/key:Key"));
    assert.deepStrictEqual(d.removed, []);
    const lifecycle = d.changed.filter((c) => c.name.includes("demo"));
    assert.strictEqual(lifecycle.length, 1, d.changed.map((c) => c.name).join(", "));
    assert.match(lifecycle[0].type, /^aws:s3\/bucketLifecycleConfiguration:/);
    assert.ok(lifecycle[0].paths.some((p) => /expiration\.days$/.test(p)), lifecycle[0].paths.join(", "));
    const headPlan = readPlanFile(head)[0];
    for (const c of d.changed.filter((x) => x !== lifecycle[0])) {
      const r = headPlan.resources.find((x) => x.urn === c.urn)!;
      assert.ok(JSON.stringify(r.inputs).includes("acme"), `${c.name} changed only because it lists the tenants`);
    }
    assert.deepStrictEqual(d.hazards, []);
    assert.ok(run.stdout.includes("`tenant-acme-bucket`") || run.stdout.includes(`\`${acme.name}\``));
  });

  it("deleting a tenant file deletes no data: its bucket and key are retained, so the diff passes and says so", async () => {
    const plan = readPlanFile(base)[0];
    const demo = plan.resources.find((r) => r.type === "landing-zone:tenant:Tenant" && r.name.includes("demo"))!;
    const gone: PlanResult = { ...plan, resources: plan.resources.filter((r) => r.urn !== demo.urn && r.parent !== demo.urn) };
    const d = diffPlans([plan], [gone]);
    assert.ok(d.removed.some((r) => r.name === demoBucket));
    assert.deepStrictEqual(d.hazards.filter((h) => h.blocking), []);
    assert.ok(d.hazards.some((h) => h.action === "retain" && h.name === demoBucket));
  });

  it("flags the removal of a tenant bucket that is not retained, and exits 1", async () => {
    const plan = readPlanFile(base)[0];
    const unretained = { ...plan, resources: plan.resources.map((r) => (r.name === demoBucket ? { ...r, retainOnDelete: false, protect: false } : r)) };
    const removed = { ...unretained, resources: unretained.resources.filter((r) => r.name !== demoBucket) };
    const before = path.join(project.root, "unretained.json");
    const after = path.join(project.root, "removed.json");
    fs.writeFileSync(before, JSON.stringify(unretained));
    fs.writeFileSync(after, JSON.stringify(removed));
    const run = await runLz(["diff", before, after]);
    assert.strictEqual(run.code, 1);
    assert.ok(run.stdout.split("\n").slice(0, 8).some((l) => l.startsWith(`> - **DELETE \`aws:s3/bucket:Bucket\` \`${demoBucket}\` in \`dev-cell-01\`**`)), run.stdout);
  });
});
