import { flowContext, FLOW_ROLES, isBroken, standingFlows } from "../../lib/network/flowQueries";
import type { StandingFlow } from "../../lib/network/flows";
import { reachability, ReachabilityReport, TierInternet } from "../../lib/network/reachability";
import { PlanResult } from "../../lib/plan";
import { cell, code, mdTable } from "./markdownText";

/**
 * The report's TGW reachability section, as Markdown. The verdicts come from the network's one
 * reachability function (lib/network/reachability.ts, also behind `lz plan`'s text summary); this
 * file only lays them out: the VPC-to-VPC matrix, why each "no" is a no, which VPCs were modelled
 * rather than planned, and each tier's way to the internet. Undefined when no plan has a VPC.
 */
export function reachabilityMarkdown(results: readonly PlanResult[]): string | undefined {
  const plans = results.filter((p) => p.role === "network" || p.role === "workload");
  if (plans.length === 0) return undefined;
  const report = reachability(plans);
  if (!report.vpcs.length) return undefined;
  const ctx = flowContext(results.filter((p) => FLOW_ROLES.has(p.role)));
  const flows = results.filter((p) => p.role === "workload" || p.role === "tenant-cell").map((p) => ({ stack: p.stack, flows: standingFlows(ctx, p.stack) })).filter((x) => x.flows.length);
  return [renderReachabilityMarkdown(report), ...flows.map((x) => renderStandingFlowsMarkdown(x.stack, x.flows))].join("\n\n");
}

/** A stack's standing flows: verdict (and what was expected when it differs) and the hop that decides. */
export function renderStandingFlowsMarkdown(stack: string, flows: readonly StandingFlow[]): string {
  const verdict = (f: StandingFlow) => `${f.result.verdict === "allowed" ? "✅" : f.result.verdict === "blocked" ? "⛔" : "❔"} ${f.result.verdict}${isBroken(f) ? ` (expected ${f.expect})` : ""}`;
  return [`Standing flows of ${code(stack)} (every AZ, both directions; \`lz reach ${stack}\` shows the hops):`, "", mdTable(["flow", "verdict", "decided by"], flows.map((f) => [cell(f.name), verdict(f), cell(f.result.decidedBy)]))].join("\n");
}

const MARK = { yes: "✅ yes", no: "⛔ no", unknown: "❔ unknown" };

export function renderReachabilityMarkdown(report: ReachabilityReport): string {
  const out: string[] = [];
  const modelled = new Set(report.vpcs.filter((v) => v.source !== "plan").map((v) => v.label));
  const name = (label: string) => `${code(label)}${modelled.has(label) ? "\\*" : ""}`;
  const labels = report.vpcs.map((v) => v.label);
  const verdict = (from: string, to: string) => {
    if (from === to) return "—";
    const p = report.pairs.find((x) => x.from === from && x.to === to);
    return !p ? MARK.unknown : p.reached === true ? MARK.yes : p.reached === false ? MARK.no : MARK.unknown;
  };
  out.push("Through the Transit Gateway (the row reaches the column):", "");
  out.push(mdTable(["from \\ to", ...labels.map(name)], labels.map((from) => [name(from), ...labels.map((to) => verdict(from, to))])), "");
  const blocked = report.pairs.filter((p) => p.reached !== true);
  if (blocked.length) {
    out.push("Why not:", "");
    for (const p of blocked) {
      const hops = p.walk.hops.length ? ` (${p.walk.hops.map(cell).join(" → ")})` : "";
      out.push(`- ${p.reached === false ? "⛔" : "❔"} ${code(p.from)} → ${code(p.to)}: ${cell(p.walk.reason ?? "no route")}${hops}`);
    }
    out.push("");
  }
  const notes = report.vpcs.filter((v) => v.source !== "plan");
  if (notes.length) {
    for (const v of notes) {
      const why = v.source === "outputs" ? `modelled from the ${v.stack} stack's outputs (plan it too, or use \`--all\`, for its real routes)` : "not in these plans: assumed attached and associated as its segment says";
      out.push(`\\* ${code(v.label)} (${code(v.cidr)}): ${why}`);
    }
    out.push("");
  }
  if (report.internet.length) {
    out.push("Internet access by tier:", "");
    out.push(mdTable(["VPC", "tier", "internet", "path"], report.internet.map((i) => internetRow(i))), "");
  }
  return out.join("\n").trimEnd();
}

function internetRow(i: TierInternet): string[] {
  const w = i.walk;
  const verdict =
    w.reached === true ? (w.exit === "direct" ? "yes, directly (internet gateway)" : w.viaTgw ? "yes, through central egress" : "yes, through a NAT gateway") : w.reached === false ? "no" : "unknown";
  const path = w.reached === true ? w.hops.map(cell).join(" → ") : cell(w.reason ?? "no route");
  return [code(i.vpc), code(i.tier), verdict, path];
}
