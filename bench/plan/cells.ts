import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { StackPlan } from "../../cli/engine/planner";
import { cellStackName } from "../../lib/tenants/cells";
import { interleave, median, round } from "../stats";
import { BenchProject } from "./project";
import { BenchSetupError, registry, syntheticTenant } from "./tenants";

/**
 * "1,000 tenants in cells": the bench's synthetic tenants spread over tenant cells of one workload
 * stack (docs/CELLS.md), planned as `lz plan --all` plans them and as `lz plan <cell>` plans one
 * cell. It reports the largest stack (every stack's state stays small), the workload stack's size
 * with and without the tenants (it does not depend on them), the time of one cell against the whole,
 * and what one more tenant changes (one cell's plan, no other).
 */

export interface CellsResult {
  readonly tenants: number;
  readonly cells: number;
  readonly tenantsPerCell: number;
  readonly stacks: number;
  /** Resources of every stack `lz plan --all` plans. */
  readonly resources: number;
  readonly largestStack: { readonly stack: string; readonly resources: number };
  /** The workload stack's resources with the tenants in its cells, and with no tenant at all. */
  readonly workloadResources: number;
  readonly workloadResourcesWithoutTenants: number;
  /** Median of `lz plan --all` in process (planStacks("all")). */
  readonly allMs: number;
  /** Median of `lz plan <cell>` in process: the cell and the stacks it reads. */
  readonly cellMs: number;
  /** Median of the cell's own plan within that (StackPlan.ms): what onboarding into it costs. */
  readonly cellOwnMs: number;
  readonly cell: string;
  /** cellMs / allMs and cellOwnMs / allMs. */
  readonly cellRatio: number;
  readonly cellOwnRatio: number;
  /**
   * Medians of the process's CPU time (user + system) of the same runs: on a loaded shared machine
   * wall time also counts the other processes' turns, CPU time does not.
   */
  readonly allCpuMs: number;
  readonly cellCpuMs: number;
  /** cellCpuMs / allCpuMs. */
  readonly cellCpuRatio: number;
  /** Stacks whose plan changed when one tenant was added to `cell` (their names). */
  readonly changedByOneTenant: readonly string[];
  readonly samples: { readonly all: number[]; readonly cell: number[]; readonly cellOwn: number[]; readonly allCpu: number[]; readonly cellCpu: number[] };
}

export interface CellsOptions {
  readonly tenants: number;
  readonly tenantsPerCell: number;
  readonly runs: number;
  readonly stack: string;
  readonly log: (line: string) => void;
}

/** Writes `cells` cell stack files for `stack` (copies of its first sample cell) and the tenants, `perCell` to a cell. */
export function writeCells(project: BenchProject, stack: string, tenants: number, perCell: number): string[] {
  const reg = registry();
  const template = path.join(project.root, `Pulumi.${cellStackName(stack, 1)}.yaml`);
  if (!fs.existsSync(template)) throw new BenchSetupError(`the sample has no ${path.basename(template)} to copy for the bench's cells`);
  const cells = Math.ceil(tenants / perCell);
  const names: string[] = [];
  for (let c = 1; c <= cells; c++) {
    const name = cellStackName(stack, c);
    names.push(name);
    const doc = YAML.parse(fs.readFileSync(template, "utf8"));
    doc.config["landing-zone:cell"] = { capacity: Math.min(60, perCell + 5) };
    fs.writeFileSync(path.join(project.root, `Pulumi.${name}.yaml`), YAML.stringify(doc));
  }
  const zone = reg.readStackZones(project.root).get(stack)?.zone;
  if (!zone) throw new BenchSetupError(`Pulumi.${stack}.yaml has no Cloudflare zone`);
  for (const f of fs.readdirSync(project.tenantsDir)) {
    const doc = YAML.parse(fs.readFileSync(path.join(project.tenantsDir, f), "utf8")) as { stack?: string } | null;
    if (doc?.stack === stack) fs.rmSync(path.join(project.tenantsDir, f));
  }
  for (let i = 0; i < tenants; i++) {
    const t = { ...syntheticTenant(i, stack, zone), cell: names[Math.floor(i / perCell)] };
    fs.writeFileSync(path.join(project.tenantsDir, `${t.slug}.yaml`), reg.renderTenantFile(t));
  }
  const checked = reg.readTenantRegistry(project.root);
  if (checked.issues.length) throw new BenchSetupError(`the registry rejects the bench's cells: ${checked.issues.slice(0, 3).map((i) => `${i.file} ${i.path}: ${i.message}`).join("; ")}`);
  return names;
}

/** Runs `fn`, pushing the wall and the process's CPU milliseconds (user + system) it took. */
async function cpuTimed<T>(into: { wall: number[]; cpu: number[] }, fn: () => Promise<T>): Promise<T> {
  const start = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  into.wall.push(performance.now() - t0);
  const used = process.cpuUsage(start);
  into.cpu.push((used.user + used.system) / 1000);
  return value;
}


const comparable = (p: StackPlan) => JSON.stringify({ r: p.result.resources.map((r) => [r.urn, r.inputs]), o: p.result.outputs });

/** What the bench keeps of an `--all` run: each stack's size and its comparable plan, as one string. */
interface Kept {
  readonly resources: number;
  readonly comparable: string;
}

/**
 * Only a summary of the last `--all` run is kept between runs: held whole, its 20,000 resources would
 * stay live in the heap through the next `lz plan <cell>` run, whose garbage collections would then
 * mark them again and again; a `lz plan <cell>` process of its own holds no such plan.
 */
const keep = (planned: ReadonlyMap<string, StackPlan>): Map<string, Kept> =>
  new Map([...planned].map(([s, p]) => [s, { resources: p.result.resources.length, comparable: comparable(p) }]));

export async function measureCells(opts: CellsOptions): Promise<CellsResult> {
  const { planStacks } = await import("../../cli/plan/command");
  const project = new BenchProject();
  try {
    const empty = await planStacks([opts.stack], { root: project.root });
    const workloadWithout = empty.planned.get(opts.stack)!.result.resources.length;
    const cells = writeCells(project, opts.stack, opts.tenants, opts.tenantsPerCell);
    const cell = cells[Math.floor(cells.length / 2)];
    opts.log(`cells: ${opts.tenants} tenants in ${cells.length} cells of ${opts.stack}; lz plan --all and lz plan ${cell}, ${opts.runs} runs each`);
    let lastAll: ReadonlyMap<string, Kept> = new Map();
    const cellOwn: number[] = [];
    // Timed around planStacks itself: what the bench does with a run's plans after is not counted.
    const allT = { wall: [] as number[], cpu: [] as number[] };
    const cellT = { wall: [] as number[], cpu: [] as number[] };
    await interleave(
      [
        { name: "all", run: async () => {
            lastAll = keep((await cpuTimed(allT, () => planStacks("all", { root: project.root }))).planned);
          } },
        { name: "cell", run: async () => {
            const run = await cpuTimed(cellT, () => planStacks([cell], { root: project.root }));
            cellOwn.push(run.planned.get(cell)!.ms);
          } },
      ],
      opts.runs,
      (side, r, ms) => opts.log(`  ${side} ${r === 0 ? "warm-up" : `run ${r}`}: ${Math.round(ms)} ms`),
    );
    // The first of each was the warm-up.
    const timedCellOwn = cellOwn.slice(1);
    const [allWall, cellWall, timedAllCpu, timedCellCpu] = [allT.wall, cellT.wall, allT.cpu, cellT.cpu].map((xs) => xs.slice(1));
    const all = { medianMs: median(allWall), samples: allWall };
    const one = { medianMs: median(cellWall), samples: cellWall };
    const sizes = [...lastAll].map(([stack, k]) => ({ stack, resources: k.resources }));
    const largest = sizes.reduce((a, b) => (b.resources > a.resources ? b : a));

    // One more tenant, in `cell`: which stacks' plans change?
    const reg = registry();
    const zone = reg.readStackZones(project.root).get(opts.stack)!.zone!;
    const extra = { ...syntheticTenant(opts.tenants, opts.stack, zone), cell };
    fs.writeFileSync(path.join(project.tenantsDir, `${extra.slug}.yaml`), reg.renderTenantFile(extra));
    const after = (await planStacks("all", { root: project.root })).planned;
    const changed = [...after.keys()].filter((s) => !lastAll.has(s) || comparable(after.get(s)!) !== lastAll.get(s)!.comparable);

    const ownMedian = median(timedCellOwn);
    return {
      tenants: opts.tenants,
      cells: cells.length,
      tenantsPerCell: opts.tenantsPerCell,
      stacks: sizes.length,
      resources: sizes.reduce((n, s) => n + s.resources, 0),
      largestStack: largest,
      workloadResources: lastAll.get(opts.stack)!.resources,
      workloadResourcesWithoutTenants: workloadWithout,
      allMs: round(all.medianMs),
      cellMs: round(one.medianMs),
      cellOwnMs: round(ownMedian),
      cell,
      cellRatio: round(one.medianMs / all.medianMs, 3),
      cellOwnRatio: round(ownMedian / all.medianMs, 3),
      allCpuMs: round(median(timedAllCpu)),
      cellCpuMs: round(median(timedCellCpu)),
      cellCpuRatio: round(median(timedCellCpu) / median(timedAllCpu), 3),
      changedByOneTenant: changed,
      samples: { all: all.samples.map((x) => round(x)), cell: one.samples.map((x) => round(x)), cellOwn: timedCellOwn.map((x) => round(x)), allCpu: timedAllCpu.map((x) => round(x)), cellCpu: timedCellCpu.map((x) => round(x)) },
    };
  } finally {
    project.cleanup();
  }
}
