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

/** The human-readable summary of one stack's plan. */
export function renderSummary(plan: PlanResult, meta: { account: string; region: string; ms: number }, all: readonly PlanResult[] = [plan]): string {
  const lines: string[] = [];
  const custom = plan.resources.filter((r) => r.custom !== false);
  lines.push(`Plan of ${plan.stack}: ${plan.role} stack in account ${meta.account} (${meta.region})`);
  lines.push(`  ${custom.length} resources and ${plan.resources.length - custom.length} components, planned offline in ${(meta.ms / 1000).toFixed(1)} s`);

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
    const body = section.render(plan, all);
    if (body) lines.push("", `${section.title}:`, body);
  }

  const counts = findingCounts(plan.violations);
  lines.push("", `Findings: ${counts.mandatory} mandatory, ${counts.advisory} advisory, ${counts.waived} waived`);
  const order = (v: Violation) => (isBlocking(v) ? 0 : v.waiver ? 2 : 1);
  for (const v of [...plan.violations].sort((a, b) => order(a) - order(b))) lines.push(`  ${formatViolation(v)}`);
  return lines.join("\n");
}
