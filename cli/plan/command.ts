import * as fs from "fs";
import { dependencyOrder, loadAllStackConfigs, projectRoot, StackConfig } from "../../config";
import { withConfigSnapshot } from "../../config/snapshot";
import { FLOW_ROLES, sharedFlowContext, standingFlows, standingFlowViolations } from "../../lib/network/flowQueries";
import { isBlocking, PlanResult } from "../../lib/plan";
import type { Input, PLAN_OPTIONS } from "../commands";
import { planStack, Program, StackPlan } from "../engine/planner";
import { checkWritable, EXIT_OK, EXIT_VIOLATION, Io, UsageError, writeOutput, writeUserFile } from "../io";
import { progressLine, renderAllSummary, renderSummary } from "./summary";

const USAGE = "lz plan <stack>... | --all [--json FILE|-] [--markdown FILE] [--diagram FILE.svg|FILE.mmd] [--sarif FILE] [--policy-config FILE] [--progress]";

export interface PlanRun {
  readonly stacks: readonly string[];
  readonly plans: readonly StackPlan[];
  /** Every stack planned, by name: the ones asked for and the ones they reference. */
  readonly planned: ReadonlyMap<string, StackPlan>;
  readonly configs: readonly StackConfig[];
}

type PlanStacksOptions = { root?: string; policyConfigFile?: string; program?: Program; onPlanned?: (plan: StackPlan, i: number, n: number) => void };

/**
 * Plans the given stacks (with their dependencies) in one process, in dependency order, on one
 * reading of the config files (config/snapshot.ts).
 */
export function planStacks(stacks: readonly string[] | "all", opts: PlanStacksOptions = {}): Promise<PlanRun> {
  return withConfigSnapshot(() => planStacksIn(stacks, opts));
}

async function planStacksIn(stacks: readonly string[] | "all", opts: PlanStacksOptions): Promise<PlanRun> {
  const root = opts.root ?? projectRoot();
  const configs = loadAllStackConfigs(root);
  const order = dependencyOrder(configs);
  const wanted = stacks === "all" ? order : [...stacks].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const cache = new Map<string, StackPlan>();
  let i = 0;
  const plans: StackPlan[] = [];
  for (const s of wanted) {
    plans.push(await planStack(s, { root, configs, cache, policyConfigFile: opts.policyConfigFile, program: opts.program, onPlanned: (p) => opts.onPlanned?.(p, ++i, stacks === "all" ? order.length : 0) }));
  }
  return { stacks: wanted, plans, planned: cache, configs };
}

/**
 * One line per stack as it finishes, for a person at a terminal (or when asked with --progress):
 * never in CI logs unless asked, and on stderr, so stdout stays the summary (or the JSON, --json -).
 */
export function progressWanted(flag: boolean | undefined, all: boolean | undefined, io: Io): boolean {
  return flag ?? (all === true && io.interactive === true);
}

/**
 * `lz plan`. `engine.program` replaces the program of the named stack (tests use it to plan a
 * program with a deliberate defect through the command's own reporting and exit codes).
 */
export async function planCommand({ values, positionals }: Input<typeof PLAN_OPTIONS>, io: Io, engine: { program?: Program } = {}): Promise<number> {
  if (values.all && positionals.length) throw new UsageError(`lz plan: give a stack or --all, not both\nusage: ${USAGE}`);
  if (!values.all && positionals.length === 0) throw new UsageError(`lz plan: name one stack (e.g. \`lz plan dev\` or \`lz plan prod-cell-01\`), several, or use --all\nusage: ${USAGE}`);
  const repeated = positionals.find((s, i) => positionals.indexOf(s) !== i);
  if (repeated) throw new UsageError(`lz plan: ${repeated} is named twice`);
  if (values.diagram && !/\.(svg|mmd)$/.test(values.diagram)) throw new UsageError(`lz plan: --diagram takes a file ending in .svg (rendered) or .mmd (Mermaid source), not "${values.diagram}"`);
  const toStdout = values.json === "-";
  if (values.markdown === "-" || values.diagram === "-" || values.sarif === "-") throw new UsageError(`lz plan: only --json can be - (stdout)`);
  for (const flag of ["json", "markdown", "diagram", "sarif"] as const) {
    const f = values[flag];
    if (f && f !== "-") checkWritable(flag, f);
  }
  if (values["policy-config"] && !fs.existsSync(values["policy-config"])) throw new UsageError(`lz plan: --policy-config ${values["policy-config"]}: no such file`);

  const progress = progressWanted(values.progress, values.all, io);
  const run = await planStacks(values.all ? "all" : positionals, {
    policyConfigFile: values["policy-config"],
    program: engine.program,
    onPlanned: progress ? (p, i, n) => io.err(progressLine(p.result, p.ms, i, n)) : undefined,
  });
  const results = run.plans.map((p) => p.result);
  // The reachability model sees every stack planned, the referenced ones too (the network stack
  // behind a workload stack), so that a flow's firewall and return path are observed, not modelled.
  const everything = [...new Map([...run.planned.values(), ...run.plans].map((p) => [p.result.stack, p.result])).values()];
  // One model of every planned network, workload and cell stack serves each stack's flows (and the
  // summaries' Reachability sections, cli/plan/reachability.ts): at 1,000 tenants in 25 cells it is
  // built over 21,000 resources, once instead of once a stack.
  for (const r of results) {
    if (!FLOW_ROLES.has(r.role) || r.role === "network") continue;
    r.violations.push(...standingFlowViolations(standingFlows(sharedFlowContext(everything), r.stack), r.stack));
  }
  const byStack = new Map(run.configs.map((c) => [c.stack, c]));
  if (!toStdout) {
    for (const p of run.plans) {
      const c = byStack.get(p.result.stack)!;
      io.out(renderSummary(p.result, { account: c.account.id, region: c.account.region, ms: p.ms }, everything));
      io.out("");
    }
    if (values.all) io.out(renderAllSummary(run.plans));
  }
  if (values.json) {
    const text = JSON.stringify(values.all || positionals.length > 1 ? { stacks: results } : results[0], null, 2) + "\n";
    writeOutput("json", values.json, text, io);
  }
  if (values.markdown || values.diagram) await writeReports(results, run, values.markdown, values.diagram, io);
  if (values.sarif) await writeSarif(results, values.sarif, values["policy-config"], io);
  const blocking = results.flatMap((r: PlanResult) => r.violations.filter(isBlocking));
  if (blocking.length) {
    io.err(`lz plan: ${blocking.length} mandatory policy violation(s); see the findings ${toStdout ? "in the JSON" : "above"}`);
    return EXIT_VIOLATION;
  }
  return EXIT_OK;
}

async function writeSarif(results: PlanResult[], file: string, policyConfigFile: string | undefined, io: Io): Promise<void> {
  const [{ planSarif }, { allPacks }, { loadPolicyConfig }] = await Promise.all([import("../report/sarif"), import("../policy/packs"), import("../policy/config")]);
  const packs = allPacks();
  writeUserFile("sarif", file, JSON.stringify(planSarif({ results, root: projectRoot(), packs, config: loadPolicyConfig(policyConfigFile, packs) }), null, 2) + "\n");
  io.err(`wrote ${file}`);
}

async function writeReports(results: PlanResult[], run: PlanRun, markdown: string | undefined, diagram: string | undefined, io: Io): Promise<void> {
  const report = await import("../report/write");
  await report.writeReports({ results, configs: run.configs, markdown, diagram, io });
}
