import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { PROJECT_ROOT } from "../../config/raw";
import { isBlocking, PlanResource } from "../../lib/plan";
import { interleave, median, round, settle } from "../stats";
import { loadAwsguard, runAwsguard } from "./awsguard";
import { isViolatingRound, writeExport } from "./export";

/**
 * Step 3: policy throughput over a synthetic stack export.
 * - `lz check FILE --format json` end to end, in a child process per run (wall time: start, imports,
 *   reading and parsing the export, the packs, printing the JSON);
 * - the policy loop alone (runPacks over the parsed resources) and awsguard's resource policies over
 *   the same resources, interleaved run by run in this process.
 */

export interface PolicyResult {
  readonly resources: number;
  readonly exportMb: number;
  readonly types: number;
  /** Median wall time of `lz check FILE --format json`, child process start to exit. */
  readonly lzMs: number;
  /** Median time of the policy loop alone (runPacks). */
  readonly lzLoopMs: number;
  /** Resources per second through the policy loop. */
  readonly lzPerSec: number;
  /** Policy x resource evaluations the packs ran (the runner's `checks`). */
  readonly lzChecks: number;
  readonly lzViolations: number;
  readonly lzMandatory: number;
  /** Resources from violating rounds with a mandatory finding, of all resources from violating rounds. */
  readonly violatingRoundsFlagged: string;
  /** Resources from compliant rounds with a mandatory finding (0 when the export and the packs agree). */
  readonly compliantFlagged: number;
  readonly awsguardVersion: string;
  readonly awsguardPolicies: number;
  readonly awsguardMs: number;
  readonly awsguardPerSec: number;
  readonly awsguardChecks: number;
  readonly awsguardViolations: number;
  /** lzPerSec / awsguardPerSec. */
  readonly rateRatio: number;
  readonly awsguardExcluded: readonly string[];
  /** Median time to read and parse the export in-process (part of lzMs). */
  readonly parseMs: number;
  /** Warm-up rounds of the policy loop and awsguard before the timed runs (the same for both sides). */
  readonly warmups: number;
  /**
   * The same figures with one warm-up round (how they were measured before #17's policy work): the
   * medians of the `runs` rounds that follow the first round of the same sequence.
   */
  readonly afterOneWarmup: { readonly lzLoopMs: number; readonly awsguardMs: number; readonly rateRatio: number };
  /**
   * CPU time (user + system, every thread of the process: V8's compiler and collector threads too)
   * of the same timed runs, medians: the work each side did, apart from the time it waited for a
   * core on a loaded machine.
   */
  readonly cpu: { readonly lzLoopMs: number; readonly awsguardMs: number; readonly ratio: number };
  readonly samples: { readonly lz: number[]; readonly lzLoop: number[]; readonly awsguard: number[]; readonly lzLoopWarmups: number[]; readonly awsguardWarmups: number[]; readonly lzLoopCpu: number[]; readonly awsguardCpu: number[] };
}

export interface PolicyOptions {
  readonly resources: number;
  readonly runs: number;
  /** Warm-up rounds before the timed runs of the policy loop and awsguard (default 1). */
  readonly warmups?: number;
  readonly log: (line: string) => void;
}

function checkOnce(file: string): { ms: number; out: { resources: number; violations: unknown[] } } {
  settle();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin", "lz.js"), "check", file, "--format", "json"], { cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 512 * 2 ** 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`lz check ${file} exited ${r.status ?? r.signal}:\n${(r.stderr || r.stdout).slice(-3000)}`);
  return { ms, out: JSON.parse(r.stdout) };
}

export async function measurePolicy(opts: PolicyOptions): Promise<PolicyResult> {
  const { parseStackExport } = await import("../../cli/check/export");
  const { runPacks } = await import("../../cli/policy/runner");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-export-"));
  try {
    const file = path.join(dir, "bench.stack.json");
    const exp = writeExport(file, opts.resources);
    opts.log(`stack export: ${exp.resources} resources of ${Object.keys(exp.types).length} types, ${(exp.bytes / 2 ** 20).toFixed(1)} MB, ${exp.violatingRounds} of ${exp.rounds} rounds violating`);

    // lz check end to end.
    const lzRuns: number[] = [];
    let last = checkOnce(file);
    opts.log(`  lz check warm-up: ${Math.round(last.ms)} ms`);
    for (let i = 1; i <= opts.runs; i++) {
      last = checkOnce(file);
      lzRuns.push(last.ms);
      opts.log(`  lz check run ${i}: ${Math.round(last.ms)} ms`);
    }
    if (last.out.resources !== exp.resources) throw new Error(`lz check read ${last.out.resources} resources from the export, which holds ${exp.resources}`);

    // The policy loop and awsguard, in this process.
    const parseRuns: number[] = [];
    let resources: PlanResource[] = [];
    for (let i = 0; i <= opts.runs; i++) {
      settle();
      const t0 = performance.now();
      resources = parseStackExport(fs.readFileSync(file, "utf8"), file).resources;
      if (i > 0) parseRuns.push(performance.now() - t0);
    }
    const guard = loadAwsguard();
    let lastPacks: Awaited<ReturnType<typeof runPacks>> | undefined;
    type Run = { checks: number; violations: number };
    // CPU time of each call (warm-ups first), taken inside the timed call.
    const lzCpu: number[] = [];
    const awsCpu: number[] = [];
    const cpuOf = async <T>(into: number[], f: () => Promise<T>): Promise<T> => {
      const c0 = process.cpuUsage();
      const out = await f();
      const c = process.cpuUsage(c0);
      into.push((c.user + c.system) / 1000);
      return out;
    };
    const warmups = Math.max(1, opts.warmups ?? 1);
    const [lz, aws] = await interleave<Run>(
      [
        {
          name: "packs",
          run: async () => {
            lastPacks = await cpuOf(lzCpu, () => runPacks(resources, { stack: "bench" }));
            return { checks: lastPacks.checks, violations: lastPacks.violations.length };
          },
        },
        { name: "awsguard", run: () => cpuOf(awsCpu, () => runAwsguard(guard, resources)) },
      ],
      opts.runs,
      (side, i, ms) => opts.log(`  ${side} ${i <= 0 ? `warm-up ${1 - i}` : `run ${i}`}: ${Math.round(ms)} ms`),
      warmups,
    );
    const packs = lastPacks!;
    // The figure after one warm-up, from the same sequence: rounds 2 .. runs + 1.
    const afterOne = (s: { warmups: number[]; samples: number[] }) => median([...s.warmups.slice(1), ...s.samples].slice(0, opts.runs));
    const lzOne = afterOne(lz);
    const awsOne = afterOne(aws);
    const lzCpuMs = median(lzCpu.slice(-opts.runs));
    const awsCpuMs = median(awsCpu.slice(-opts.runs));
    const guardRun = aws.last;

    // Did the packs flag what the export meant to be violating, and only that?
    const flagged = new Set(packs.violations.filter(isBlocking).map((v) => v.urn));
    const inBad = resources.filter((r) => r.custom !== false && !r.type.startsWith("pulumi:") && isViolatingRound(r.urn));
    const urns = new Set(resources.map((r) => r.urn));
    const compliantFlagged = [...flagged].filter((u) => urns.has(u) && !isViolatingRound(u) && !u.includes("pulumi:providers:")).length;

    const lzPerSec = resources.length / (lz.medianMs / 1000);
    const awsguardPerSec = resources.length / (aws.medianMs / 1000);
    return {
      resources: resources.length,
      exportMb: round(exp.bytes / 2 ** 20, 1),
      types: Object.keys(exp.types).length,
      lzMs: round(median(lzRuns)),
      lzLoopMs: round(lz.medianMs),
      lzPerSec: round(lzPerSec),
      lzChecks: packs.checks,
      lzViolations: packs.violations.length,
      lzMandatory: packs.violations.filter(isBlocking).length,
      violatingRoundsFlagged: `${inBad.filter((r) => flagged.has(r.urn)).length}/${inBad.length}`,
      compliantFlagged,
      awsguardVersion: guard.version,
      awsguardPolicies: guard.policies.length,
      awsguardMs: round(aws.medianMs),
      awsguardPerSec: round(awsguardPerSec),
      awsguardChecks: guardRun.checks,
      awsguardViolations: guardRun.violations,
      rateRatio: round(lzPerSec / awsguardPerSec, 2),
      awsguardExcluded: guard.excluded,
      parseMs: round(median(parseRuns)),
      warmups,
      afterOneWarmup: { lzLoopMs: round(lzOne), awsguardMs: round(awsOne), rateRatio: round(awsOne / lzOne, 2) },
      cpu: { lzLoopMs: round(lzCpuMs), awsguardMs: round(awsCpuMs), ratio: round(awsCpuMs / lzCpuMs, 2) },
      samples: {
        lz: lzRuns.map((x) => round(x)),
        lzLoop: lz.samples.map((x) => round(x)),
        awsguard: aws.samples.map((x) => round(x)),
        lzLoopWarmups: lz.warmups.map((x) => round(x)),
        awsguardWarmups: aws.warmups.map((x) => round(x)),
        lzLoopCpu: lzCpu.map((x) => round(x)),
        awsguardCpu: awsCpu.map((x) => round(x)),
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
