import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { PlanResult } from "../../lib/plan";
import { applyStateMove, exportOfPlan, parseUrn, StackExport, StateMoveError, urnInStack } from "../../lib/stateMove";
import { planStacks } from "../../cli/plan/command";
import { planStack, runLz, TempProject } from "../helpers/plan";
import { tenantResources } from "../tenants/helpers";

/**
 * Moving a tenant out of the workload stack into a cell: the commands `lz tenant move` prints,
 * applied to a synthetic export of dev with the demo tenant still in it (the layout before cells),
 * leave the tenant's URNs in the cell and nowhere else, and the cell's plan then declares exactly
 * those resources, with the same inputs for its data: nothing to create, nothing to replace.
 */

const STATEFUL = ["aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:secretsmanager/secret:Secret", "aws:iam/role:Role"];

/** The URNs and stacks of a printed `pulumi state move` line. */
function parseMoveCommand(line: string): { source: string; dest: string; urns: string[] } {
  const m = /^pulumi state move --source (\S+) --dest (\S+) --yes (.+)$/.exec(line);
  assert.ok(m, line);
  return { source: m[1], dest: m[2], urns: [...m[3].matchAll(/'([^']+)'/g)].map((x) => x[1]) };
}

describe("moving a tenant between stacks (pulumi state move)", function () {
  this.timeout(180000);
  let inWorkload: PlanResult; // dev, demo in it
  let emptyCell: PlanResult; // dev-cell-01 without demo
  let after: PlanResult; // dev-cell-01 with demo (the sample)
  let sourceExport: StackExport;
  let destExport: StackExport;
  let printed: { commands: string[]; urns: string[]; moves: number; copiedProviders: string[] };

  before(async () => {
    const p = new TempProject();
    try {
      p.writeFile("tenants/demo.yaml", p.readFile("tenants/demo.yaml").replace(/^cell: .*\n/m, ""));
      const run = await planStacks(["dev", "dev-cell-01"], { root: p.root });
      [inWorkload, emptyCell] = run.plans.map((x) => x.result);
      sourceExport = exportOfPlan(inWorkload);
      destExport = exportOfPlan(emptyCell);
      fs.writeFileSync(path.join(p.root, "dev.json"), JSON.stringify(sourceExport));
      fs.writeFileSync(path.join(p.root, "cell.json"), JSON.stringify(destExport));
      const lz = await runLz(["tenant", "move", "demo", "--to", "dev-cell-01", "--export", path.join(p.root, "dev.json"), "--dest-export", path.join(p.root, "cell.json"), "--json", "--write"], p.root);
      assert.equal(lz.code, 0, lz.stderr);
      printed = JSON.parse(lz.stdout);
      assert.match(p.readFile("tenants/demo.yaml"), /^cell: dev-cell-01$/m, "--write sets the tenant's cell");
      assert.deepEqual(YAML.parse(p.readFile("tenants/demo.yaml")).slug, "demo");
    } finally {
      p.cleanup();
    }
    after = await planStack("dev-cell-01");
  });

  it("before: the tenant is in the workload stack's plan, and the cell holds none", () => {
    assert.ok(tenantResources(inWorkload, "demo").length >= 19);
    assert.equal(tenantResources(emptyCell, "demo").length, 0);
  });

  it("prints one state move of the tenant's component, from dev to dev-cell-01, between backups and previews", () => {
    const moves = printed.commands.filter((c) => c.startsWith("pulumi state move"));
    assert.equal(moves.length, 1);
    const move = parseMoveCommand(moves[0]);
    assert.deepEqual([move.source, move.dest, move.urns], ["dev", "dev-cell-01", ["urn:pulumi:dev::landing-zone::landing-zone:tenant:Tenant::tenant-demo"]]);
    assert.match(printed.commands[0], /^pulumi stack export --stack dev --file dev\.before-move\.json$/);
    assert.ok(printed.commands.some((c) => c.startsWith("pulumi preview --stack dev-cell-01")));
  });

  it("applied to the exports, the tenant's URNs are in the cell and nowhere else", () => {
    const move = parseMoveCommand(printed.commands.find((c) => c.startsWith("pulumi state move"))!);
    const result = applyStateMove(sourceExport, destExport, move.urns);
    const tenantUrns = tenantResources(inWorkload, "demo").map((r) => r.urn);
    assert.equal(result.moved.length, tenantUrns.length);
    assert.equal(printed.moves, tenantUrns.length, "lz tenant move checked the same move");
    const srcUrns = new Set(result.source.deployment.resources!.map((r) => r.urn));
    const dstUrns = new Set(result.dest.deployment.resources!.map((r) => r.urn));
    for (const u of tenantUrns) {
      assert.ok(!srcUrns.has(u), `${u} left the workload stack`);
      assert.ok(dstUrns.has(urnInStack(u, "dev-cell-01")), `${u} is in the cell`);
    }
    assert.ok(![...srcUrns].some((u) => parseUrn(u).name.startsWith("tenant-demo")), "no trace of the tenant in the source");
    assert.equal(result.dest.deployment.resources!.filter((r) => parseUrn(r.urn).name.startsWith("tenant-demo")).length, tenantUrns.length, "each once in the cell");
    // The workload stack's AWS provider is copied beside the cell's own, which has another name.
    assert.deepEqual(result.copiedProviders.map((u) => parseUrn(u).name).sort(), ["dev-aws", "dev-cloudflare", "dev-datadog"]);
    const key = result.dest.deployment.resources!.find((r) => r.urn.endsWith("::tenant-demo-key"))!;
    assert.match(String(key.provider), /^urn:pulumi:dev-cell-01::landing-zone::pulumi:providers:aws::dev-aws::/);
    assert.equal(key.parent, urnInStack("urn:pulumi:dev::landing-zone::landing-zone:tenant:Tenant::tenant-demo", "dev-cell-01"));
  });

  it("after: the cell's plan declares exactly the moved resources, with the same inputs for its data (nothing to create or replace)", () => {
    const move = parseMoveCommand(printed.commands.find((c) => c.startsWith("pulumi state move"))!);
    const state = new Map(applyStateMove(sourceExport, destExport, move.urns).dest.deployment.resources!.map((r) => [r.urn, r]));
    const declared = tenantResources(after, "demo");
    assert.equal(declared.length, tenantResources(inWorkload, "demo").length);
    // The offline engine's fake ids and ARNs hash the URN, so the two plans name the same key by
    // different fake ARNs; after a real move both come from the one state. Map one onto the other.
    const afterByName = new Map(declared.map((r) => [r.name, r]));
    const swaps: [string, string][] = [];
    for (const r of tenantResources(inWorkload, "demo")) {
      const a = afterByName.get(r.name)!;
      for (const [k, v] of Object.entries(r.outputs)) if (typeof v === "string" && v.length > 8 && a.outputs[k] !== v) swaps.push([v, String(a.outputs[k])]);
    }
    const asInCell = (inputs: unknown) => JSON.parse(swaps.reduce((text, [from, to]) => text.split(from).join(to), JSON.stringify(inputs)));
    for (const r of declared) {
      const s = state.get(r.urn);
      assert.ok(s, `${r.urn} is in the cell's state: no create`);
      assert.equal(s.type, r.type);
      if (STATEFUL.includes(r.type)) assert.deepEqual(r.inputs, asInCell(s.inputs), `${r.name}: same inputs, so no replacement`);
      if (r.retainOnDelete) assert.equal(s.retainOnDelete, true);
    }
  });

  describe("the rules of pulumi state move", () => {
    const exp = (_stack: string, resources: object[]): StackExport => ({ version: 3, deployment: { resources: resources as never } });
    const prov = (stack: string, name: string, inputs: object) => ({ urn: `urn:pulumi:${stack}::p::pulumi:providers:aws::${name}`, id: "id1", type: "pulumi:providers:aws", custom: true, inputs });
    const res = (stack: string, name: string, extra: object = {}) => ({ urn: `urn:pulumi:${stack}::p::aws:s3/bucket:Bucket::${name}`, type: "aws:s3/bucket:Bucket", custom: true, provider: `urn:pulumi:${stack}::p::pulumi:providers:aws::a::id1`, ...extra });

    it("refuses a URN that is not in the source, one already in the destination, and a provider of the same name with other inputs", () => {
      const src = exp("s", [prov("s", "a", { region: "x" }), res("s", "b")]);
      assert.throws(() => applyStateMove(src, exp("d", []), ["urn:pulumi:s::p::aws:s3/bucket:Bucket::zz"], "d"), (e: Error) => e instanceof StateMoveError && /not in the source/.test(e.message));
      assert.throws(() => applyStateMove(src, exp("d", [res("d", "b")]), [res("s", "b").urn]), /already exists in the destination/);
      assert.throws(() => applyStateMove(src, exp("d", [prov("d", "a", { region: "y" })]), [res("s", "b").urn]), /with other inputs; Pulumi refuses the move/);
      const same = applyStateMove(src, exp("d", [prov("d", "a", { region: "x" })]), [res("s", "b").urn]);
      assert.deepEqual(same.copiedProviders, [], "a provider with the same inputs is reused");
    });

    it("drops dependencies across the move, on both sides, and says which", () => {
      const src = exp("s", [prov("s", "a", {}), res("s", "b"), res("s", "c", { dependencies: [res("s", "b").urn] })]);
      const r = applyStateMove(src, exp("d", []), [res("s", "b").urn], "d");
      assert.deepEqual(r.brokenDependencies, [`${res("s", "c").urn} -> ${res("s", "b").urn}`]);
      assert.deepEqual(r.source.deployment.resources!.find((x) => x.urn === res("s", "c").urn)!.dependencies, []);
      assert.ok(r.dest.deployment.resources!.some((x) => x.type === "pulumi:pulumi:Stack"), "a root stack resource for the new parent");
    });
  });

  it("lz tenant move refuses a cell of another environment, a full cell, and a bad export, with exit 2", async () => {
    const other = await runLz(["tenant", "move", "demo", "--to", "prod-cell-01"]);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /"prod-cell-01" is not a cell of dev \(the tenant's environment\); its cells: dev-cell-01/);
    const p = new TempProject();
    try {
      p.writeFile("Pulumi.prod-cell-02.yaml", p.readFile("Pulumi.prod-cell-01.yaml"));
      p.editStack("prod-cell-02", (c) => (c["landing-zone:cell"] = { capacity: 1 }));
      p.writeFile("tenants/fabrikam.yaml", p.readFile("tenants/fabrikam.yaml").replace("cell: prod-cell-01", "cell: prod-cell-02"));
      const full = await runLz(["tenant", "move", "contoso-bank", "--to", "prod-cell-02"], p.root);
      assert.equal(full.code, 2);
      assert.match(full.stderr, /prod-cell-02 is full \(1\/1 tenants\)/);
      p.editStack("prod-cell-02", (c) => (c["landing-zone:cell"] = { capacity: 2 }));
      p.writeFile("bad.json", "{ not json");
      const bad = await runLz(["tenant", "move", "contoso-bank", "--to", "prod-cell-02", "--export", path.join(p.root, "bad.json")], p.root);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /is not JSON/);
    } finally {
      p.cleanup();
    }
  });
});
