import * as assert from "assert";
import { BenchProject } from "../../bench/plan/project";
import { writeCells } from "../../bench/plan/cells";
import { registry } from "../../bench/plan/tenants";
import { evaluateTargets } from "../../bench/report";
import type { CellsResult } from "../../bench/plan/cells";

/** The bench's "1,000 tenants in cells" step, without timing anything. */
describe("bench: 1,000 tenants in cells", () => {
  it("writes the cells and their tenants in the registry's own format, as many to a cell as asked", () => {
    const p = new BenchProject();
    try {
      const cells = writeCells(p, "dev", 90, 40);
      assert.deepStrictEqual(cells, ["dev-cell-01", "dev-cell-02", "dev-cell-03"]);
      const reg = registry();
      const read = reg.readTenantRegistry(p.root);
      assert.deepStrictEqual(read.issues, []);
      assert.deepStrictEqual(cells.map((c) => reg.tenantsOfStack(read, c).length), [40, 40, 10]);
      assert.strictEqual(reg.tenantsOfStack(read, "dev").length, 0, "none left in the workload stack");
      assert.strictEqual(reg.readStackZones(p.root).get("dev-cell-02")?.capacity, 45);
    } finally {
      p.cleanup();
    }
  });

  it("judges the issue's targets from the figures", () => {
    const base: CellsResult = {
      tenants: 1000, cells: 25, tenantsPerCell: 40, stacks: 31, resources: 22000, largestStack: { stack: "dev-cell-01", resources: 819 },
      workloadResources: 130, workloadResourcesWithoutTenants: 130, allMs: 10000, cellMs: 900, cellOwnMs: 400, cell: "dev-cell-13",
      cellRatio: 0.09, cellOwnRatio: 0.04, allCpuMs: 9000, cellCpuMs: 800, cellCpuRatio: 0.089,
      processAllMs: 11000, processCellMs: 2200, processRatio: 0.2,
      changedByOneTenant: ["dev-cell-13"], samples: { all: [], cell: [], cellOwn: [], allCpu: [], cellCpu: [], processAll: [], processCell: [] },
    };
    const met = (c: CellsResult) => evaluateTargets([], undefined, undefined, c).map((t) => t.met);
    assert.deepStrictEqual(met(base), [true, true, true, true]);
    assert.deepStrictEqual(met({ ...base, largestStack: { stack: "dev", resources: 20133 }, workloadResources: 20133, cellRatio: 0.5, changedByOneTenant: ["dev", "dev-cell-13"] }), [false, false, false, false]);
  });
});
