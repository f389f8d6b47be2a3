import { isBlocking, PlanResource, PlanResult, Violation } from "../../lib/plan";
import { SUMMARY_SECTIONS } from "./sections";
import "./reachability";
import "./tenants";

export function table(rows: string[][], indent = "  "): string {
  if (rows.length === 0) return "";
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/** The top-level component (or the stack itself) each resource belongs to. */
export function resourcesByComponent(resources: readonly PlanResource[]): Map<string, { type: string; name: string; count: number }> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const out = new Map<string, { type: string; name: string; count: number }>();
  for (const r of resources) {
    if (r.custom === false && !r.parent) {
      if (!out.has(r.urn)) out.set(r.urn, { type: r.type, name: r.name, count: 0 });
      continue;
    }
    let top = r;
    while (top.parent && byUrn.has(top.parent)) top = byUrn.get(top.parent)!;
    const key = top === r ? "(stack)" : top.urn;
    const entry = out.get(key) ?? (top === r ? { type: "(top level, no component)", name: "", count: 0 } : { type: top.type, name: top.name, count: 0 });
    entry.count++;
    out.set(key, entry);
  }
  return out;
}

function formatValue(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

export function formatViolation(v: Violation): string {
  const level = v.waiver ? "waived" : v.enforcementLevel;
  const waiver = v.waiver ? ` (waiver: ${v.waiver.reason}; approved by ${v.waiver.approvedBy}; expires ${v.waiver.expires})` : "";
  return `[${level}] ${v.pack}/${v.policy} ${v.urn}\n      ${v.message}${waiver}`;
}

export function findingCounts(violations: readonly Violation[]) {
  return {
    mandatory: violations.filter(isBlocking).length,
    advisory: violations.filter((v) => v.enforcementLevel === "advisory" && !v.waiver).length,
    waived: violations.filter((v) => v.waiver).length,
  };
}

const order = (v: Violation) => (isBlocking(v) ? 0 : v.waiver ? 2 : 1);

function countsText(c: { mandatory: number; advisory: number; waived: number }): string {
  return `${c.mandatory} mandatory, ${c.advisory} advisory, ${c.waived} waived`;
}

const resourceCount = (plan: PlanResult) => plan.resources.filter((r) => r.custom !== false).length;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `lz plan --all`'s line for a stack as it finishes (stderr, at a terminal or with --progress). */
export function progressLine(plan: PlanResult, ms: number, i: number, n: number): string {
  return `${n ? `[${i}/${n}] ` : ""}${plan.stack}: ${resourceCount(plan)} resources, findings ${countsText(findingCounts(plan.violations))}, ${seconds(ms)}`;
}

/**
 * The human-readable summary of one stack's plan: what it is, its findings, then the details. `all`
 * is every plan of the run; `lz plan` passes the same array for each stack, so the sections can
 * share what they work out over it (sharedFlowContext).
 */
export function renderSummary(plan: PlanResult, meta: { account: string; region: string; ms: number }, all: readonly PlanResult[] = [plan]): string {
  const run = all.includes(plan) ? all : [...all, plan];
  const lines: string[] = [];
  const custom = plan.resources.filter((r) => r.custom !== false);
  lines.push(`Plan of ${plan.stack}: ${plan.role} stack in account ${meta.account} (${meta.region})`);
  lines.push(`  ${custom.length} resources and ${plan.resources.length - custom.length} components, planned offline in ${seconds(meta.ms)}`);

  // Findings first: they are what a reviewer acts on; the inventory below is for looking things up.
  lines.push("", `Findings: ${countsText(findingCounts(plan.violations))}`);
  for (const v of [...plan.violations].sort((a, b) => order(a) - order(b))) lines.push(`  ${formatViolation(v)}`);

  lines.push("", "Resources by component:");
  const comps = [...resourcesByComponent(plan.resources).values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  lines.push(table(comps.map((c) => [c.type, c.name, String(c.count)])));

  lines.push("", "Resources by type:");
  const types = new Map<string, number>();
  for (const r of custom) types.set(r.type, (types.get(r.type) ?? 0) + 1);
  lines.push(table([...types.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => [t, String(n)])));

  const outputs = Object.entries(plan.outputs);
  lines.push("", `Outputs (${outputs.length}):`);
  if (outputs.length) lines.push(table(outputs.map(([k, v]) => [k, formatValue(v)])));

  for (const section of SUMMARY_SECTIONS) {
    const body = section.render(plan, run);
    if (body) lines.push("", `${section.title}:`, body);
  }
  return lines.join("\n");
}

/**
 * The end of `lz plan --all`: one row per stack and the total, then every finding that blocks or
 * advises, stack by stack, so the last screen of a long run says what to fix.
 */
export function renderAllSummary(plans: readonly { result: PlanResult; ms: number }[]): string {
  const all = plans.flatMap((p) => p.result.violations);
  const total = findingCounts(all);
  const ms = plans.reduce((n, p) => n + p.ms, 0);
  const resources = plans.reduce((n, p) => n + resourceCount(p.result), 0);
  const lines = [`All ${plans.length} stacks: ${resources} resources, findings ${countsText(total)}, planned in ${seconds(ms)}`];
  const rows = plans.map((p) => {
    const c = findingCounts(p.result.violations);
    return [p.result.stack, String(resourceCount(p.result)), String(c.mandatory), String(c.advisory), String(c.waived), seconds(p.ms)];
  });
  lines.push(table([["STACK", "RESOURCES", "MANDATORY", "ADVISORY", "WAIVED", "TIME"], ...rows]));
  const open = plans.flatMap((p) => p.result.violations.filter((v) => !v.waiver).map((v) => ({ stack: p.result.stack, v }))).sort((a, b) => order(a.v) - order(b.v));
  if (open.length) {
    lines.push("", `Findings across stacks (${open.length}, mandatory first):`);
    for (const { stack, v } of open) lines.push(`  [${v.enforcementLevel}] ${stack}: ${v.pack}/${v.policy} ${v.urn.slice(v.urn.lastIndexOf("::") + 2)} (${v.type})`);
  }
  lines.push(total.mandatory ? `FAIL: ${total.mandatory} mandatory violation(s).` : "OK: no mandatory violations.");
  return lines.join("\n");
}
