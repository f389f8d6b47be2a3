import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { PROJECT_ROOT } from "../config/raw";
import { describeMachine } from "./machine";
import { checkPrerequisites } from "./prerequisites";
import { CellsResult, measureCells } from "./plan/cells";
import { measurePlanScaling, PlanSize } from "./plan/scaling";
import { BenchSetupError } from "./plan/tenants";
import { measurePolicy, PolicyResult } from "./policy/throughput";
import { evaluateTargets, renderTables, Results } from "./report";
import { measureTests, TestLoopResult } from "./testLoop";

/**
 * `npm run bench`: plan scaling against the mock floor, policy throughput against awsguard, and the
 * test loop, measured in one run so the ratios hold on a noisy machine. Writes bench/results.json
 * (a full run) or bench/results.local.json (a partial or quick run, not committed) and prints the
 * tables. See docs/BENCHMARKS.md.
 */

const USAGE = `usage: npm run bench -- [--runs N] [--policy-warmups N] [--sizes 0,10,100,1000] [--resources 10000] [--skip-plan] [--skip-policy] [--skip-tests] [--out FILE] [--progress]`;
const DEFAULT_SIZES = [0, 10, 100, 1000];
const DEFAULT_RESOURCES = 10000;
const MIN_RUNS = 5;
/**
 * Warm-up rounds of the policy loop and awsguard (the same for both): the packs' policies take about
 * five runs over 10,000 resources before V8 has optimised them, awsguard's 23 small policies one
 * (docs/BENCHMARKS.md). The figure after one warm-up is reported beside it.
 */
const POLICY_WARMUPS = 5;

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string" },
      sizes: { type: "string" },
      resources: { type: "string" },
      "policy-warmups": { type: "string" },
      "skip-plan": { type: "boolean" },
      "skip-policy": { type: "boolean" },
      "skip-tests": { type: "boolean" },
      out: { type: "string" },
      progress: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const int = (s: string | undefined, d: number, what: string) => {
    if (s === undefined) return d;
    const v = Number(s);
    if (!Number.isInteger(v) || v < 0) throw new BenchSetupError(`--${what} must be a whole number, not "${s}"\n${USAGE}`);
    return v;
  };
  const sizes = values.sizes ? values.sizes.split(",").map((s) => int(s.trim(), 0, "sizes")) : DEFAULT_SIZES;
  const runs = int(values.runs, MIN_RUNS, "runs");
  if (runs < 1) throw new BenchSetupError(`--runs must be at least 1\n${USAGE}`);
  const resources = int(values.resources, DEFAULT_RESOURCES, "resources");
  const policyWarmups = int(values["policy-warmups"], POLICY_WARMUPS, "policy-warmups");
  if (policyWarmups < 1) throw new BenchSetupError(`--policy-warmups must be at least 1\n${USAGE}`);
  if (resources < 3) throw new BenchSetupError(`--resources must be at least 3 (the stack and two providers)\n${USAGE}`);
  const full = !values["skip-plan"] && !values["skip-policy"] && !values["skip-tests"] && runs >= MIN_RUNS && sizes.join() === DEFAULT_SIZES.join() && resources === DEFAULT_RESOURCES && policyWarmups === POLICY_WARMUPS;
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, "bench", full ? "results.json" : "results.local.json"));
  // A line per stack as each size's first plan finishes: at a terminal, or when asked; not in CI logs.
  const progress = values.progress ?? (Boolean(process.stderr.isTTY) && !process.env.CI);
  return { help: values.help, progress, sizes, runs, resources, policyWarmups, full, out, skipPlan: !!values["skip-plan"], skipPolicy: !!values["skip-policy"], skipTests: !!values["skip-tests"] };
}

async function main(argv: string[]): Promise<number> {
  const opts = parse(argv);
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // awsguard's aws-sdk v2 prints an end-of-support notice when loaded.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  checkPrerequisites({ skipPlan: opts.skipPlan, skipPolicy: opts.skipPolicy, skipTests: opts.skipTests, out: opts.out, stack: "dev" });
  if (!(globalThis as { gc?: unknown }).gc) log("node runs without --expose-gc: garbage from one run may be collected during the next (npm run bench passes it)");
  const machine = describeMachine(PROJECT_ROOT);
  log(`${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadStart}; ${opts.runs} runs per figure after a warm-up`);
  const skipped: string[] = [];

  let plan: PlanSize[] = [];
  if (opts.skipPlan) skipped.push("plan scaling (--skip-plan)");
  else plan = await measurePlanScaling({ sizes: opts.sizes, runs: opts.runs, stack: "dev", log, progress: opts.progress ? (line) => log(`  ${line}`) : undefined });

  // The same 1,000 tenants, in cells of 40 (docs/CELLS.md): the largest stack, one cell against the whole.
  let cells: CellsResult | undefined;
  if (opts.skipPlan) skipped.push("1,000 tenants in cells (--skip-plan)");
  else cells = await measureCells({ tenants: Math.max(...opts.sizes, 40), tenantsPerCell: 40, runs: Math.min(opts.runs, 3), stack: "dev", log });

  let policy: PolicyResult | undefined;
  if (opts.skipPolicy) skipped.push("policy throughput (--skip-policy)");
  else policy = await measurePolicy({ resources: opts.resources, runs: opts.runs, warmups: opts.policyWarmups, log });

  let test: TestLoopResult | undefined;
  if (opts.skipTests) skipped.push("npm test (--skip-tests)");
  else {
    log("npm test ...");
    test = await measureTests(log);
    log(`npm test: ${(test.ms / 1000).toFixed(1)} s, exit ${test.exitCode}`);
  }
  machine.loadEnd = Math.round(os.loadavg()[0] * 100) / 100;

  const results: Results = { machine, runs: opts.runs, plan, cells, policy, testMs: test?.ms, test, targets: evaluateTargets(plan, policy, test, cells), skipped };
  fs.writeFileSync(opts.out, JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(`${renderTables(results)}\n\n`);
  log(`wrote ${path.relative(process.cwd(), opts.out)}${opts.full ? "" : " (a partial or quick run: bench/results.json is written by a full run only)"}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof BenchSetupError) process.stderr.write(`bench: ${err.message}\n`);
    else process.stderr.write(`bench: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
