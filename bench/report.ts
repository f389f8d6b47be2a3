import type { Machine } from "./machine";
import type { CellsResult } from "./plan/cells";
import type { PlanSize } from "./plan/scaling";
import type { PolicyResult } from "./policy/throughput";
import type { TestLoopResult } from "./testLoop";

/** What `npm run bench` writes to bench/results.json. */
export interface Results {
  readonly machine: Machine;
  readonly runs: number;
  readonly plan: PlanSize[];
  /** The largest tenant count again, in tenant cells. */
  readonly cells?: CellsResult;
  readonly policy?: PolicyResult;
  readonly testMs?: number;
  readonly test?: TestLoopResult;
  readonly targets: Target[];
  /** Steps not run, and why (a partial run is never committed). */
  readonly skipped: string[];
}

export interface Target {
  readonly name: string;
  readonly value: string;
  readonly limit: string;
  readonly met: boolean;
}

export function evaluateTargets(plan: readonly PlanSize[], policy: PolicyResult | undefined, test: TestLoopResult | undefined, cells?: CellsResult): Target[] {
  const out: Target[] = [];
  if (cells) {
    const t = n(cells.tenants);
    out.push({ name: `${t} tenants in cells: no stack over 1,500 resources`, value: `${n(cells.largestStack.resources)} (${cells.largestStack.stack})`, limit: "<= 1,500", met: cells.largestStack.resources <= 1500 });
    out.push({ name: "the workload stack's size does not depend on the tenants", value: `${n(cells.workloadResources)} with ${t} tenants, ${n(cells.workloadResourcesWithoutTenants)} with none`, limit: "equal", met: cells.workloadResources === cells.workloadResourcesWithoutTenants });
    out.push({ name: `planning one cell under a tenth of lz plan --all at ${t} tenants`, value: `${(cells.cellRatio * 100).toFixed(1)}% (${n(cells.cellMs)} of ${n(cells.allMs)} ms; the cell's own plan ${n(cells.cellOwnMs)} ms; CPU ${(cells.cellCpuRatio * 100).toFixed(1)}%; as processes, start and registry read included, ${(cells.processRatio * 100).toFixed(1)}%)`, limit: "< 10%", met: cells.cellRatio < 0.1 });
    out.push({ name: "one more tenant changes exactly one cell's plan", value: cells.changedByOneTenant.join(", ") || "none", limit: cells.cell, met: cells.changedByOneTenant.length === 1 && cells.changedByOneTenant[0] === cells.cell });
  }
  for (const n of [100, 1000]) {
    const p = plan.find((x) => x.tenants === n);
    if (!p) continue;
    out.push({ name: `plan within 1.5x the mock floor at ${n} tenants`, value: `${p.ratio.toFixed(2)}x`, limit: "<= 1.5x", met: p.ratio <= 1.5 });
  }
  const p100 = plan.find((x) => x.tenants === 100);
  const p1000 = plan.find((x) => x.tenants === 1000);
  if (p100 && p1000) {
    const r = p1000.ms / p100.ms;
    out.push({ name: "1,000 tenants at most 11x the time of 100", value: `${r.toFixed(2)}x`, limit: "<= 11x", met: r <= 11 });
  }
  if (policy) {
    // Issue #17: the packs check resources at least twice as fast as awsguard, running more checks.
    const one = policy.afterOneWarmup && policy.warmups > 1 ? `; ${policy.afterOneWarmup.rateRatio.toFixed(2)}x after 1 warm-up` : "";
    const warm = policy.warmups > 1 ? ` after ${policy.warmups} warm-ups` : "";
    out.push({ name: "packs' rate at least twice awsguard's", value: `${policy.rateRatio.toFixed(2)}x (${policy.lzPerSec} vs ${policy.awsguardPerSec} resources/s)${warm}${one}`, limit: ">= 2x", met: policy.lzPerSec >= 2 * policy.awsguardPerSec });
    out.push({ name: "packs run more checks than awsguard", value: `${policy.lzChecks} vs ${policy.awsguardChecks}`, limit: "more", met: policy.lzChecks > policy.awsguardChecks });
    out.push({ name: `lz check of ${policy.resources.toLocaleString("en")} resources`, value: `${policy.lzMs} ms`, limit: "< 3000 ms", met: policy.lzMs < 3000 });
  }
  if (test) out.push({ name: "npm test", value: `${(test.ms / 1000).toFixed(1)} s${test.exitCode === 0 ? "" : ` (exit ${test.exitCode})`}`, limit: "< 180 s", met: test.ms < 180000 && test.exitCode === 0 });
  return out;
}

function table(head: string[], rows: (string | number)[][]): string {
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`];
  for (const r of rows) lines.push(`| ${r.join(" | ")} |`);
  return lines.join("\n");
}

const n = (x: number) => x.toLocaleString("en");

/** The tables, in Markdown (readable in a terminal, pasted as is into docs/BENCHMARKS.md). */
export function renderTables(r: Results): string {
  const parts: string[] = [];
  const m = r.machine;
  parts.push(`Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; load ${m.loadStart} at start, ${m.loadEnd ?? "?"} at end; ${m.date}; commit ${m.commit ?? "?"} (+ working tree). Medians of ${r.runs} runs after a warm-up${r.policy && r.policy.warmups > 1 ? ` (the policy loop and awsguard: after ${r.policy.warmups} warm-up rounds, and after 1)` : ""}.`);
  if (r.plan.length) {
    parts.push(
      table(
        ["tenants", "resources", "plan ms", "ms/resource", "floor ms", "plan / floor", "typed floor ms", "plan / typed floor", "engine floor ms", "plan / engine floor", "of which policies ms", "peak RSS MB", "lz plan process ms"],
        r.plan.map((p) => [n(p.tenants), n(p.resources), n(p.ms), p.msPerResource.toFixed(3), n(p.floorMs), `${p.ratio.toFixed(2)}x`, n(p.typedFloorMs), `${p.typedRatio.toFixed(2)}x`, n(p.engineFloorMs), `${p.engineRatio.toFixed(2)}x`, n(p.policyMs), n(p.rssMb), n(p.cliMs)]),
      ),
    );
  }
  if (r.cells) {
    const c = r.cells;
    parts.push(
      table(
        ["1,000 tenants in cells", "value"],
        [
          ["tenants, cells (tenants a cell)", `${n(c.tenants)} in ${c.cells} cells (${c.tenantsPerCell})`],
          ["stacks planned by lz plan --all, resources", `${c.stacks}, ${n(c.resources)}`],
          ["largest stack", `${c.largestStack.stack}: ${n(c.largestStack.resources)} resources`],
          ["workload stack (dev), with the tenants / with none", `${n(c.workloadResources)} / ${n(c.workloadResourcesWithoutTenants)}`],
          ["lz plan --all ms", n(c.allMs)],
          [`lz plan ${c.cell} ms (with the stacks it reads), share of --all`, `${n(c.cellMs)}, ${(c.cellRatio * 100).toFixed(1)}%`],
          [`of which ${c.cell}'s own plan ms, share of --all`, `${n(c.cellOwnMs)}, ${(c.cellOwnRatio * 100).toFixed(1)}%`],
          [`CPU ms: lz plan --all, lz plan ${c.cell}, share`, `${n(c.allCpuMs)}, ${n(c.cellCpuMs)}, ${(c.cellCpuRatio * 100).toFixed(1)}%`],
          [`as processes of their own, ms: lz plan --all, lz plan ${c.cell}, share`, `${n(c.processAllMs)}, ${n(c.processCellMs)}, ${(c.processRatio * 100).toFixed(1)}%`],
          ["stacks whose plan one more tenant changes", c.changedByOneTenant.join(", ")],
        ],
      ),
    );
  }
  if (r.policy) {
    const p = r.policy;
    parts.push(
      table(
        ["policy throughput", "time ms", "resources/s", "checks", "violations"],
        [
          [`lz check, end to end (child process, ${p.exportMb} MB export)`, n(p.lzMs), n(Math.round(p.resources / (p.lzMs / 1000))), n(p.lzChecks), n(p.lzViolations)],
          ["packs' policy loop alone (runPacks)", n(p.lzLoopMs), n(p.lzPerSec), n(p.lzChecks), n(p.lzViolations)],
          [`awsguard ${p.awsguardVersion} resource policies (${p.awsguardPolicies})`, n(p.awsguardMs), n(p.awsguardPerSec), n(p.awsguardChecks), n(p.awsguardViolations)],
          [`packs / awsguard${p.warmups > 1 ? ` (after ${p.warmups} warm-ups)` : ""}`, "", `${p.rateRatio.toFixed(2)}x`, `${(p.lzChecks / Math.max(1, p.awsguardChecks)).toFixed(2)}x`, ""],
          ...(p.warmups > 1 && p.afterOneWarmup
            ? [
                ["packs' policy loop, after 1 warm-up", n(p.afterOneWarmup.lzLoopMs), n(Math.round(p.resources / (p.afterOneWarmup.lzLoopMs / 1000))), "", ""],
                ["awsguard, after 1 warm-up", n(p.afterOneWarmup.awsguardMs), n(Math.round(p.resources / (p.afterOneWarmup.awsguardMs / 1000))), "", ""],
                ["packs / awsguard, after 1 warm-up", "", `${p.afterOneWarmup.rateRatio.toFixed(2)}x`, "", ""],
              ]
            : []),
          ...(p.cpu
            ? [
                ["packs' policy loop, CPU ms (every thread)", n(p.cpu.lzLoopMs), "", "", ""],
                ["awsguard, CPU ms (every thread)", n(p.cpu.awsguardMs), "", "", ""],
                ["packs / awsguard, by CPU time", "", `${p.cpu.ratio.toFixed(2)}x`, "", ""],
              ]
            : []),
        ],
      ),
    );
  }
  if (r.test) parts.push(`npm test: ${(r.test.ms / 1000).toFixed(1)} s, exit ${r.test.exitCode} (${r.test.summary})`);
  if (r.targets.length) parts.push(table(["target", "measured", "limit", "met"], r.targets.map((t) => [t.name, t.value, t.limit, t.met ? "yes" : "**NO**"])));
  if (r.skipped.length) parts.push(`Skipped: ${r.skipped.join("; ")}`);
  return parts.join("\n\n");
}
