import type { PlanResult } from "../../lib/plan";
import { FLOW_ROLES, isBroken, sharedFlowContext, standingFlows } from "../../lib/network/flowQueries";
import type { StandingFlow } from "../../lib/network/flows";
import { reachability, ReachabilityReport, TierInternet } from "../../lib/network/reachability";
import { buildRoutingModel } from "../../lib/network/routingModel";
import { describeMisalignment, zoneAlignment } from "../../lib/network/zoneAlignment";
import { SUMMARY_SECTIONS, SummarySection } from "./sections";
import { table } from "./summary";

/**
 * The `lz plan` section for network and workload stacks: which VPCs reach which through the
 * Transit Gateway, and each tier's way to the internet.
 *
 * It uses every plan of the run (`lz plan --all`: all observed). A stack planned alone is completed
 * from what it can see: `lz plan dev` reads the hub's route-table ids, egress attachment and spoke
 * list from the network stack's outputs (its StackReference) and models the hub's routes with the
 * segmentation plan the network stack builds them from; `lz plan network` models the spokes the
 * same way. Modelled VPCs are marked and listed, so an observed answer is never confused with one.
 */
export function renderReachability(report: ReachabilityReport, stack: string): string {
  const lines: string[] = [];
  const mark = (label: string) => {
    const v = report.vpcs.find((x) => x.label === label);
    return v && v.source !== "plan" ? `${label}*` : label;
  };
  const labels = report.vpcs.map((v) => v.label);
  const cell = (from: string, to: string) => {
    if (from === to) return "-";
    const p = report.pairs.find((x) => x.from === from && x.to === to);
    return !p ? "?" : p.reached === true ? "yes" : p.reached === false ? "no" : "?";
  };
  lines.push("  Through the Transit Gateway (row reaches column):");
  lines.push(table([["from \\ to", ...labels.map(mark)], ...labels.map((from) => [mark(from), ...labels.map((to) => cell(from, to))])], "    "));
  for (const p of report.pairs.filter((x) => x.reached !== true)) {
    lines.push(`    ${p.reached === false ? "no" : "?"}: ${p.from} -> ${p.to}: ${p.walk.reason ?? "no route"}${p.walk.hops.length ? ` (${p.walk.hops.join(" > ")})` : ""}`);
  }
  for (const v of report.vpcs.filter((x) => x.source !== "plan")) {
    const why = v.source === "outputs" ? `modelled from the ${v.stack} stack's outputs (plan it too for the real routes)` : `not in this plan: assumed attached and associated as its segment says`;
    lines.push(`    * ${v.label} (${v.cidr}): ${why}`);
  }
  const own = report.internet.filter((i) => report.vpcs.find((v) => v.label === i.vpc)?.stack === stack);
  if (own.length) {
    lines.push("  Internet access by tier:");
    lines.push(table(own.map((i) => [i.vpc, i.tier, describeInternet(i)]), "    "));
  }
  return lines.join("\n");
}

function describeInternet(i: TierInternet): string {
  const w = i.walk;
  if (w.reached === true) {
    const how = w.exit === "direct" ? "yes, directly (internet gateway)" : w.viaTgw ? "yes, through central egress" : "yes, through a NAT gateway";
    return `${how}: ${w.hops.join(" > ")}`;
  }
  return `${w.reached === false ? "no" : "unknown"}: ${w.reason ?? "no route"}`;
}

export const reachabilitySection: SummarySection = {
  title: "Reachability",
  render(plan: PlanResult, all: readonly PlanResult[]) {
    if (!FLOW_ROLES.has(plan.role)) return undefined;
    if (plan.role === "tenant-cell") {
      const flows = standingFlows(sharedFlowContext(all), plan.stack);
      return flows.length ? renderStandingFlows(flows) : undefined;
    }
    const plans = [...all.filter((p) => p.stack !== plan.stack), plan].filter((p) => FLOW_ROLES.has(p.role));
    const report = reachability(plans.filter((p) => p.role !== "tenant-cell"));
    if (!report.vpcs.length) return undefined;
    const flows = plan.role === "workload" ? standingFlows(sharedFlowContext(all), plan.stack) : [];
    const zones = zoneAlignment(buildRoutingModel(plans.filter((p) => p.role !== "tenant-cell"))).misaligned.filter((m) => plan.role === "network" || m.stack === plan.stack);
    const zoneLines = zones.length ? ["  Zones (by AZ ID, across accounts):", ...zones.map((m) => `    misaligned: ${describeMisalignment(m)}`)] : [];
    return [renderReachability(report, plan.stack), ...zoneLines, ...(flows.length ? [renderStandingFlows(flows)] : [])].join("\n");
  },
};

/** The standing flows, one line each: verdict, what was expected when it differs, the deciding hop. */
export function renderStandingFlows(flows: readonly StandingFlow[]): string {
  const mark = (f: StandingFlow) => (isBroken(f) ? `${f.result.verdict.toUpperCase()} (expected ${f.expect})` : f.result.verdict);
  return [
    "  Standing flows (every AZ, both directions; `lz reach` shows the hops):",
    table(flows.map((f) => [f.name, mark(f), f.result.decidedBy]), "    "),
  ].join("\n");
}

SUMMARY_SECTIONS.push(reachabilitySection);
