import * as fs from "fs";
import * as path from "path";
import { dependencyOrder, loadAllStackConfigs, projectRoot, StackConfig } from "../../config";
import { flowContext, standingFlows, standingFlowViolations } from "../../lib/network/flowQueries";
import { isBlocking, PlanResult } from "../../lib/plan";
import type { Input, PLAN_OPTIONS } from "../commands";
import { planStack, Program, StackPlan } from "../engine/planner";
import { EXIT_OK, EXIT_VIOLATION, Io, UsageError } from "../io";
import { renderSummary } from "./summary";

const USAGE = "lz plan <stack> | --all [--json FILE] [--markdown FILE] [--diagram FILE.svg|FILE.mmd] [--policy-config FILE]";

export interface PlanRun {
  readonly stacks: readonly string[];
  readonly plans: readonly StackPlan[];
  /** Every stack planned, by name: the ones asked for and the ones they reference. */
  readonly planned: ReadonlyMap<string, StackPlan>;
  readonly configs: readonly StackConfig[];
}

/** Plans the given stacks (with their dependencies) in one process, in dependency order. */
export async function planStacks(stacks: readonly string[] | "all", opts: { root?: string; policyConfigFile?: string; program?: Program; onStack?: (s: string, i: number, n: number) => void } = {}): Promise<PlanRun> {
  const root = opts.root ?? projectRoot();
  const configs = loadAllStackConfigs(root);
  const order = dependencyOrder(configs);
  const wanted = stacks === "all" ? order : stacks;
  const cache = new Map<string, StackPlan>();
  let i = 0;
  const plans: StackPlan[] = [];
  for (const s of wanted) {
    plans.push(await planStack(s, { root, configs, cache, policyConfigFile: opts.policyConfigFile, program: opts.program, onStack: (x) => opts.onStack?.(x, ++i, stacks === "all" ? order.length : 0) }));
  }
  return { stacks: wanted, plans, planned: cache, configs };
}

/**
 * `lz plan`. `engine.program` replaces the program of the named stack (tests use it to plan a
 * program with a deliberate defect through the command's own reporting and exit codes).
 */
export async function planCommand({ values, positionals }: Input<typeof PLAN_OPTIONS>, io: Io, engine: { program?: Program } = {}): Promise<number> {
  if (values.all && positionals.length) throw new UsageError(`lz plan: give a stack or --all, not both\nusage: ${USAGE}`);
  if (!values.all && positionals.length !== 1) throw new UsageError(`lz plan: name one stack (e.g. \`lz plan dev\`) or use --all\nusage: ${USAGE}`);
  if (values.diagram && !/\.(svg|mmd)$/.test(values.diagram)) throw new UsageError(`lz plan: --diagram takes a file ending in .svg (rendered) or .mmd (Mermaid source), not "${values.diagram}"`);
  for (const f of [values.json, values.markdown, values.diagram]) {
    if (f && !fs.existsSync(path.dirname(path.resolve(f)))) throw new UsageError(`lz plan: cannot write ${f}: the folder ${path.dirname(path.resolve(f))} does not exist`);
  }
  if (values["policy-config"] && !fs.existsSync(values["policy-config"])) throw new UsageError(`lz plan: --policy-config ${values["policy-config"]}: no such file`);

  const run = await planStacks(values.all ? "all" : positionals, {
    policyConfigFile: values["policy-config"],
    program: engine.program,
    onStack: values.all ? (s, i, n) => io.err(`[${i}/${n}] planning ${s}...`) : undefined,
  });
  const results = run.plans.map((p) => p.result);
  // The reachability model sees every stack planned, the referenced ones too (the network stack
  // behind a workload stack), so that a flow's firewall and return path are observed, not modelled.
  const everything = [...new Map([...run.planned.values(), ...run.plans].map((p) => [p.result.stack, p.result])).values()];
  for (const r of results) {
    if (r.role !== "workload") continue;
    const plans = everything.filter((p) => p.role === "network" || p.role === "workload");
    r.violations.push(...standingFlowViolations(standingFlows(flowContext(plans), r.stack), r.stack));
  }
  const byStack = new Map(run.configs.map((c) => [c.stack, c]));
  for (const p of run.plans) {
    const c = byStack.get(p.result.stack)!;
    io.out(renderSummary(p.result, { account: c.account.id, region: c.account.region, ms: p.ms }, everything));
    io.out("");
  }
  if (values.json) {
    const doc = values.all ? { stacks: results } : results[0];
    fs.writeFileSync(values.json, JSON.stringify(doc, null, 2) + "\n");
    io.err(`wrote ${values.json}`);
  }
  if (values.markdown || values.diagram) await writeReports(results, run, values.markdown, values.diagram, io);
  const blocking = results.flatMap((r: PlanResult) => r.violations.filter(isBlocking));
  if (blocking.length) {
    io.err(`lz plan: ${blocking.length} mandatory policy violation(s); see the findings above`);
    return EXIT_VIOLATION;
  }
  return EXIT_OK;
}

async function writeReports(results: PlanResult[], run: PlanRun, markdown: string | undefined, diagram: string | undefined, io: Io): Promise<void> {
  const report = await import("../report/write");
  await report.writeReports({ results, configs: run.configs, markdown, diagram, io });
}
