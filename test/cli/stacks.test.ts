import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { affectedStacks, GraphError, GraphStack, placeStacks, TenantChange, waves } from "../../lib/stacks/graph";
import { planStack, runLz, sampleStacks, TempProject } from "../helpers/plan";

/** `lz stacks`: the deploy graph, its waves, and what a change can affect. */

interface Doc {
  stacks: { stack: string; role: string; account: string; wave: number; dependsOn: string[]; after: string[]; deployEnvironment: string; tenants?: number; capacity?: number }[];
  waves: string[][];
  affected?: { all: boolean; stacks: string[]; reasons: string[] };
}

const g = (stack: string, role: string, environment: string, dependsOn: string[] = []): GraphStack => ({ stack, role, account: "1", region: "ap-southeast-2", environment, dependsOn });
const SAMPLE: GraphStack[] = [
  g("management", "management", "shared"),
  g("log-archive", "log-archive", "shared", ["management"]),
  g("network", "network", "shared", ["log-archive", "management"]),
  g("dev", "workload", "nonprod", ["log-archive", "network"]),
  g("prod", "workload", "prod", ["log-archive", "network"]),
  g("dev-cell-01", "tenant-cell", "nonprod", ["dev"]),
  g("prod-cell-01", "tenant-cell", "prod", ["prod"]),
  g("prod-cell-02", "tenant-cell", "prod", ["prod"]),
];
const none = new Map<string, TenantChange>();

describe("lz stacks", function () {
  this.timeout(120000);
  let doc: Doc;
  before(async () => {
    const run = await runLz(["stacks", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    doc = JSON.parse(run.stdout);
  });

  it("lists every stack with its role, account, what it reads and its wave", () => {
    assert.deepEqual(doc.stacks.map((s) => s.stack).sort(), sampleStacks().sort());
    const cell = doc.stacks.find((s) => s.stack === "prod-cell-01")!;
    assert.deepEqual([cell.role, cell.account, cell.dependsOn, cell.tenants, cell.capacity, cell.deployEnvironment], ["tenant-cell", "666666666666", ["prod"], 3, 50, "production"]);
    assert.deepEqual(doc.stacks.find((s) => s.stack === "dev")!.tenants, 0, "the workload stack holds no tenant of its own");
  });

  it("its waves respect every StackReference the programs make (read from their plans)", async () => {
    const wave = new Map(doc.stacks.map((s) => [s.stack, s.wave]));
    let references = 0;
    for (const s of sampleStacks()) {
      const plan = await planStack(s);
      for (const r of plan.resources.filter((x) => x.type === "pulumi:pulumi:StackReference")) {
        const target = r.name.split("/").pop()!;
        references++;
        assert.ok(wave.get(target)! < wave.get(s)!, `${s} (wave ${wave.get(s)}) reads ${target} (wave ${wave.get(target)})`);
      }
    }
    assert.ok(references >= 10, `the sample programs make ${references} references`);
  });

  it("stacks of one wave read nothing of each other; prod waits for the nonprod stacks of its role", () => {
    for (const w of doc.waves) for (const s of w) for (const d of doc.stacks.find((x) => x.stack === s)!.dependsOn) assert.ok(!w.includes(d), `${s} and ${d} share a wave`);
    const placed = placeStacks(SAMPLE);
    const at = new Map(placed.map((p) => [p.stack, p.wave]));
    assert.ok(at.get("prod")! > at.get("dev")!, "prod after dev");
    assert.ok(at.get("prod-cell-01")! > at.get("dev-cell-01")!, "prod cells after the dev cells");
    assert.deepEqual(waves(placed).at(-1), ["prod-cell-01", "prod-cell-02"], "the cells of one environment deploy together");
  });

  it("refuses a cycle and a reference to a stack that does not exist", () => {
    assert.throws(() => placeStacks([g("a", "network", "shared", ["b"]), g("b", "network", "shared", ["a"])]), (e: Error) => e instanceof GraphError && /cycle: a -> b -> a/.test(e.message));
    assert.throws(() => placeStacks([g("a", "network", "shared", ["zz"])]), /references stack zz, which has no Pulumi\.zz\.yaml/);
  });

  describe("what a change can affect", () => {
    const placed = placeStacks(SAMPLE);
    const affected = (files: string[], tenants = none) => affectedStacks(placed, files, tenants);

    it("a tenant file: its cell, before and after (a move touches both), and nothing that does not read it", () => {
      assert.deepEqual(affected(["tenants/acme.yaml"], new Map([["tenants/acme.yaml", { file: "tenants/acme.yaml", holders: ["prod-cell-02"], zoneStacks: [] }]])).stacks, ["prod-cell-02"]);
      assert.deepEqual(affected(["tenants/acme.yaml"], new Map([["tenants/acme.yaml", { file: "tenants/acme.yaml", holders: ["prod-cell-02", "prod"], zoneStacks: [] }]])).stacks, ["prod", "prod-cell-01", "prod-cell-02"], "moved out of the workload stack: prod and what reads it");
      assert.deepEqual(affected(["tenants/acme.yaml"], new Map([["tenants/acme.yaml", { file: "tenants/acme.yaml", holders: ["prod-cell-02"], zoneStacks: ["prod"] }]])).stacks, ["prod", "prod-cell-01", "prod-cell-02"], "its own domain: the zone's fallback origin is in prod");
    });

    it("a stack file: that stack and what reads it; a workload stack's also the network stack, which derives routes from it", () => {
      assert.deepEqual(affected(["Pulumi.prod-cell-01.yaml"]).stacks, ["prod-cell-01"]);
      assert.deepEqual(affected(["Pulumi.dev.yaml"]).stacks, ["network", "dev", "dev-cell-01", "prod", "prod-cell-01", "prod-cell-02"]);
    });

    it("shared code or shared config: every stack; docs and tests: none", () => {
      for (const f of ["components/tenant/data.ts", "Pulumi.yaml", "policies/policy-config.yaml", "package-lock.json", "Pulumi.management.yaml"]) assert.equal(affected([f]).all, true, f);
      const docs = affected(["docs/CELLS.md", "README.md", "test/cells/plan.test.ts"]);
      assert.deepEqual([docs.all, docs.stacks], [false, []]);
    });

    it("lz stacks --changed reads the changed files and the base checkout, and says why", async () => {
      const p = new TempProject();
      try {
        const base = new TempProject();
        try {
          // In the base, contoso-bank still lived in the workload stack; the head moves it to its cell.
          base.writeFile("tenants/contoso-bank.yaml", base.readFile("tenants/contoso-bank.yaml").replace(/^cell: .*\n/m, ""));
          const list = path.join(p.root, "changed.txt");
          fs.writeFileSync(list, "tenants/contoso-bank.yaml\ndocs/CELLS.md\n");
          const run = await runLz(["stacks", "--json", "--changed", list, "--base", base.root], p.root);
          assert.equal(run.code, 0, run.stderr);
          const d = JSON.parse(run.stdout) as Doc;
          assert.deepEqual(d.affected!.stacks, ["prod", "prod-cell-01"]);
          assert.deepEqual(d.affected!.reasons, ["tenants/contoso-bank.yaml: prod-cell-01, prod"]);
          const text = await runLz(["stacks", "--changed", list], p.root);
          assert.match(text.stdout, /^affected: prod-cell-01$/m);
        } finally {
          base.cleanup();
        }
      } finally {
        p.cleanup();
      }
    });
  });

  it("prints a table, wave by wave, and refuses bad usage with exit 2", async () => {
    const run = await runLz(["stacks"]);
    assert.match(run.stdout, /^WAVE +STACK +ROLE +ACCOUNT +REGION +ENV +READS +AFTER +TENANTS$/m);
    assert.match(run.stdout, /^5 +prod-cell-01 +tenant-cell +666666666666 +ap-southeast-2 +prod +prod +dev-cell-01 +3\/50$/m);
    assert.match(run.stdout, /^6 waves: management {2}-> {2}log-archive/m);
    for (const [args, says] of [[["stacks", "dev"], /too many arguments for 'stacks'/], [["stacks", "--base", "x"], /--base goes with --changed/], [["stacks", "--changed", "/nonexistent/list"], /does not exist/]] as const) {
      const bad = await runLz([...args]);
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, says);
    }
  });
});
