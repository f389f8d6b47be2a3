import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { StackPlan } from "../../cli/engine/planner";
import { cellStackName } from "../../lib/tenants/cells";
import { interleave, median, round } from "../stats";
import { BenchProject, lzPlanProcess } from "./project";
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
  /**
   * The same two as a user runs them: `lz plan --all` and `lz plan <cell>`, each a process of its
   * own (medians, wall). Both pay what no plan in process does twice: node's start, loading the SDK
   * and the program, and reading and validating every stack file and the whole registry.
   */
  readonly processAllMs: number;
  readonly processCellMs: number;
  /** processCellMs / processAllMs. */
  readonly processRatio: number;
  /** Stacks whose plan changed when one tenant was added to `cell` (their names). */
  readonly changedByOneTenant: readonly string[];
  readonly samples: { readonly all: number[]; readonly cell: number[]; readonly cellOwn: number[]; readonly allCpu: number[]; readonly cellCpu: number[]; readonly processAll: number[]; readonly processCell: number[] };
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

/**
 * The cell's runs are short against `--all`'s and a burst of load on a shared machine can take one
 * over: each round plans the cell this many times, and its median is over all of them.
 */
const CELL_RUNS_A_ROUND = 3;

/**
 * `lz plan --all` and `lz plan <cell>` as processes, after the in-process runs warmed the transpile
 * cache: `rounds` of one `--all` and CELL_RUNS_A_ROUND cells each, no warm-up (a process is cold by
 * nature; the OS's file cache is already warm).
 */
function measureProcesses(root: string, cell: string, opts: CellsOptions): { all: number[]; cell: number[] } {
  const out = { all: [] as number[], cell: [] as number[] };
  const rounds = Math.max(1, Math.min(opts.runs, 2));
  for (let r = 1; r <= rounds; r++) {
    const allMs = lzPlanProcess(root, ["--all"]);
    out.all.push(allMs);
    const cells: number[] = [];
    for (let k = 0; k < CELL_RUNS_A_ROUND; k++) cells.push(lzPlanProcess(root, [cell]));
    out.cell.push(...cells);
    opts.log(`  as processes, round ${r}: lz plan --all ${Math.round(allMs)} ms, lz plan ${cell} ${cells.map((x) => Math.round(x)).join(", ")} ms`);
  }
  return out;
}

export async function measureCells(opts: CellsOptions): Promise<CellsResult> {
  const { planStacks } = await import("../../cli/plan/command");
  const project = new BenchProject();
  try {
    const empty = await planStacks([opts.stack], { root: project.root });
    const workloadWithout = empty.planned.get(opts.stack)!.result.resources.length;
    const cells = writeCells(project, opts.stack, opts.tenants, opts.tenantsPerCell);
    const cell = cells[Math.floor(cells.length / 2)];
    opts.log(`cells: ${opts.tenants} tenants in ${cells.length} cells of ${opts.stack}; lz plan --all and lz plan ${cell} in process, ${opts.runs} rounds (${CELL_RUNS_A_ROUND} cell runs a round), then as processes`);
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
            for (let k = 0; k < CELL_RUNS_A_ROUND; k++) {
              const run = await cpuTimed(cellT, () => planStacks([cell], { root: project.root }));
              cellOwn.push(run.planned.get(cell)!.ms);
            }
          } },
      ],
      opts.runs,
      (side, r, ms) => opts.log(`  ${side}${side === "cell" ? ` (${CELL_RUNS_A_ROUND} runs)` : ""} ${r === 0 ? "warm-up" : `round ${r}`}: ${Math.round(ms)} ms`),
    );
    // The first round was the warm-up.
    const [allWall, allCpu] = [allT.wall, allT.cpu].map((xs) => xs.slice(1));
    const [cellWall, cellCpu, timedCellOwn] = [cellT.wall, cellT.cpu, cellOwn].map((xs) => xs.slice(CELL_RUNS_A_ROUND));
    const all = { medianMs: median(allWall), samples: allWall };
    const one = { medianMs: median(cellWall), samples: cellWall };
    const processes = measureProcesses(project.root, cell, opts);
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
      allCpuMs: round(median(allCpu)),
      cellCpuMs: round(median(cellCpu)),
      cellCpuRatio: round(median(cellCpu) / median(allCpu), 3),
      processAllMs: round(median(processes.all)),
      processCellMs: round(median(processes.cell)),
      processRatio: round(median(processes.cell) / median(processes.all), 3),
      changedByOneTenant: changed,
      samples: {
        all: all.samples.map((x) => round(x)),
        cell: one.samples.map((x) => round(x)),
        cellOwn: timedCellOwn.map((x) => round(x)),
        allCpu: allCpu.map((x) => round(x)),
        cellCpu: cellCpu.map((x) => round(x)),
        processAll: processes.all.map((x) => round(x)),
        processCell: processes.cell.map((x) => round(x)),
      },
    };
  } finally {
    project.cleanup();
  }
}
