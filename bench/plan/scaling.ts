import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { StackPlan } from "../../cli/engine/planner";
import { prepareFloor, runFloor } from "../floor";
import { interleave, round } from "../stats";
import { BenchProject, lzPlanProcess } from "./project";
import { writeSyntheticTenants } from "./tenants";

/**
 * Step 1 and 2: `lz plan dev` at several tenant counts, against the mock floor for the same
 * resources. The plan is timed in this process exactly as `lz plan dev` runs it (cli/plan/command.ts
 * planStacks): every stack config loaded and validated (the tenant registry with it), the stacks dev
 * references planned first, then dev, each with the policy packs. Process start, SDK imports and the
 * printed summary are not in `ms`; they are in `cliMs`, one child `lz plan dev` per size, which also
 * gives the peak RSS (see `rssMb`).
 */

export interface PlanSize {
  readonly tenants: number;
  /** Resources registered by every stack planned (dev and the stacks it references): what `ms` covers. */
  readonly resources: number;
  /** Of which in the dev stack. */
  readonly devResources: number;
  readonly tenantComponents: number;
  readonly stacks: readonly string[];
  /** Median wall time of the in-process plan. */
  readonly ms: number;
  readonly msPerResource: number;
  /** Median wall time of the mock floor over the same resources. */
  readonly floorMs: number;
  readonly floorMsPerResource: number;
  /** ms / floorMs. */
  readonly ratio: number;
  /** Median wall time of the typed floor: the same, with each type's SDK-class property set (floor.ts). */
  readonly typedFloorMs: number;
  readonly typedFloorMsPerResource: number;
  /** ms / typedFloorMs: what the engine, config, components and policies add to the SDK's own cost. */
  readonly typedRatio: number;
  /** Custom resources the typed floor found no SDK class for (replayed with their inputs only). */
  readonly typedFloorMisses: number;
  /** Median wall time of the engine floor: the plain floor under the planner's SDK settings and schedule (floor.ts). */
  readonly engineFloorMs: number;
  /** ms / engineFloorMs: what the program (config, components, mock state, policies) costs on top. */
  readonly engineRatio: number;
  /** Median time of the policy packs alone over dev's resources (runPacks): part of `ms`. */
  readonly policyMs: number;
  /** Peak RSS of a child `lz plan dev` process at this size (getrusage maxRSS). */
  readonly rssMb: number;
  /** Wall time of that child, process start to exit (one run: imports, plans, summary). */
  readonly cliMs: number;
  readonly samples: { readonly plan: number[]; readonly floor: number[]; readonly typedFloor: number[]; readonly engineFloor: number[]; readonly policy: number[] };
}

export interface ScalingOptions {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly stack: string;
  readonly log: (line: string) => void;
  /** Gets a line per stack as each size's first plan finishes it (the bench's --progress). */
  readonly progress?: (line: string) => void;
}

const TENANT_TYPE = "landing-zone:tenant:Tenant";

/** `lz plan <stack>` in this process, as the command plans it; every stack planned, by name. */
export async function planOnce(root: string, stack: string, progress?: (line: string) => void): Promise<ReadonlyMap<string, StackPlan>> {
  const { planStacks } = await import("../../cli/plan/command");
  const { progressLine } = await import("../../cli/plan/summary");
  return (await planStacks([stack], { root, onPlanned: progress ? (p) => progress(progressLine(p.result, p.ms, 0, 0)) : undefined })).planned;
}

function probeCli(root: string, stack: string): { rssMb: number; cliMs: number } {
  const rssFile = path.join(os.tmpdir(), `lz-bench-rss-${process.pid}.json`);
  const cliMs = lzPlanProcess(root, [stack], { preload: [path.join(__dirname, "rssProbe.js")], env: { BENCH_RSS_FILE: rssFile } });
  const { maxRssKb } = JSON.parse(fs.readFileSync(rssFile, "utf8"));
  fs.rmSync(rssFile, { force: true });
  return { rssMb: maxRssKb / 1024, cliMs };
}

export async function measurePlanScaling(opts: ScalingOptions): Promise<PlanSize[]> {
  const { runPacks } = await import("../../cli/policy/runner");
  const out: PlanSize[] = [];
  for (const tenants of opts.sizes) {
    const project = new BenchProject();
    try {
      writeSyntheticTenants(project, opts.stack, tenants);
      // The first plan warms the plan side up and gives the floor its resources.
      const first = await planOnce(project.root, opts.stack, opts.progress);
      const stacks = [...first.keys()];
      const planned = stacks.map((s) => ({ stack: s, resources: first.get(s)!.result.resources }));
      const total = planned.reduce((n, s) => n + s.resources.length, 0);
      const plainFloor = prepareFloor(planned, false);
      const typedFloor = prepareFloor(planned, true);
      const dev = first.get(opts.stack)!.result;
      const tenantComponents = dev.resources.filter((r) => r.type === TENANT_TYPE).length;
      if (tenants > 0 && tenantComponents !== tenants) {
        throw new Error(`${tenants} synthetic tenants were written for ${opts.stack}, but the plan holds ${tenantComponents} ${TENANT_TYPE} components: the stack does not build every registered tenant`);
      }
      opts.log(`plan ${opts.stack} with ${tenants} tenants: ${total} resources (${dev.resources.length} in ${opts.stack}; stacks ${stacks.join(", ")})`);
      const results = await interleave(
        [
          { name: "plan", warm: true, run: async () => (await planOnce(project.root, opts.stack)).get(opts.stack)!.result.resources.length },
          { name: "floor", run: async () => (await runFloor(plainFloor)).registered },
          { name: "typed floor", run: async () => (await runFloor(typedFloor)).registered },
          { name: "engine floor", run: async () => (await runFloor(plainFloor, TENANT_TYPE)).registered },
          { name: "policy", run: async () => (await runPacks(dev.resources, { stack: opts.stack })).checks },
        ],
        opts.runs,
        (side, i, ms) => opts.log(`  ${side} ${i === 0 ? "warm-up" : `run ${i}`}: ${Math.round(ms)} ms`),
      );
      const [plan, floor, typed, engine, policy] = results;
      if (floor.last !== total || typed.last !== total || engine.last !== total) throw new Error(`the mock floors registered ${floor.last}, ${typed.last} and ${engine.last} resources, the plan ${total}`);
      if (plan.last !== dev.resources.length) throw new Error(`plans of the same project differ: ${plan.last} then ${dev.resources.length} resources in ${opts.stack}`);
      const probe = probeCli(project.root, opts.stack);
      opts.log(`  lz plan ${opts.stack} (child process): ${Math.round(probe.cliMs)} ms, peak RSS ${Math.round(probe.rssMb)} MB`);
      out.push({
        tenants,
        resources: total,
        devResources: dev.resources.length,
        tenantComponents,
        stacks,
        ms: round(plan.medianMs),
        msPerResource: round(plan.medianMs / total, 3),
        floorMs: round(floor.medianMs),
        floorMsPerResource: round(floor.medianMs / total, 3),
        ratio: round(plan.medianMs / floor.medianMs, 2),
        typedFloorMs: round(typed.medianMs),
        typedFloorMsPerResource: round(typed.medianMs / total, 3),
        typedRatio: round(plan.medianMs / typed.medianMs, 2),
        typedFloorMisses: typedFloor.untyped,
        engineFloorMs: round(engine.medianMs),
        engineRatio: round(plan.medianMs / engine.medianMs, 2),
        policyMs: round(policy.medianMs),
        rssMb: round(probe.rssMb),
        cliMs: round(probe.cliMs),
        samples: { plan: plan.samples.map((x) => round(x)), floor: floor.samples.map((x) => round(x)), typedFloor: typed.samples.map((x) => round(x)), engineFloor: engine.samples.map((x) => round(x)), policy: policy.samples.map((x) => round(x)) },
      });
    } finally {
      project.cleanup();
    }
  }
  return out;
}
