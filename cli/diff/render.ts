import { isBlocking, Violation } from "../../lib/plan";
import type { DIFF_FORMATS } from "../commands";
import { cell, code, mdTable, urnName } from "../report/markdownText";
import { ChangedResource, PlanDiff } from "./compare";
import { Hazard } from "./stateful";
import { InputChange, showValue } from "./values";

/** The hidden marker the PR workflow finds its one sticky comment by. */
export const COMMENT_MARKER = "<!-- lz-diff -->";

export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Rows per table; a GitHub comment holds at most 65,536 characters. */
const MAX_ROWS = 150;
const MAX_PATHS = 8;
const MAX_CHARS = 60_000;

const ACTION: Record<Hazard["action"], string> = { delete: "DELETE", replace: "REPLACE", retain: "RETAIN", unprotect: "UNPROTECT", "delete-data": "DELETES DATA" };

/** The hazards in three bands: failing the diff, deleting data or taking things down, and notes. */
function bands(d: PlanDiff): { blocking: Hazard[]; warnings: Hazard[]; notes: Hazard[] } {
  const blocking = d.hazards.filter((h) => h.blocking);
  const warnings = d.hazards.filter((h) => !h.blocking && (h.action === "delete-data" || h.action === "replace"));
  const notes = d.hazards.filter((h) => !h.blocking && !warnings.includes(h));
  return { blocking, warnings, notes };
}

function summary(d: PlanDiff): string {
  const replaced = d.changed.filter((c) => c.replaceBecause.length).length;
  const newBlocking = d.newFindings.filter((f) => isBlocking(f.violation)).length;
  return `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed${replaced ? ` (${replaced} replaced)` : ""}; findings: ${d.newFindings.length} new${newBlocking ? ` (${newBlocking} mandatory)` : ""}, ${d.fixedFindings.length} fixed.`;
}

function isEmpty(d: PlanDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length && !d.newFindings.length && !d.fixedFindings.length;
}

/** `old → new` for one path. */
export function changeLine(c: InputChange): string {
  return `${c.path}: ${showValue(c.before)} → ${showValue(c.after)}`;
}

/** Why a changed resource is replaced: the forcing paths, and the replaced resources they referred to. */
function replaceReason(c: ChangedResource, fmt: (s: string) => string): string {
  const paths = c.replaceBecause.map(fmt).join(", ");
  const withOthers = c.replacedWith.length ? `; ${c.replacedWith.map((r) => `${fmt(r.name)}${r.stack !== c.stack ? ` in ${fmt(r.stack)}` : ""}`).join(", ")} ${c.replacedWith.length === 1 ? "is" : "are"} replaced` : "";
  return `${paths}${withOthers}`;
}

/** Replaced first (the ones that take others down at the very top), then updates, each in plan order. */
function changedInOrder(d: PlanDiff): ChangedResource[] {
  const causes = new Set(d.changed.flatMap((c) => c.replacedWith.map((r) => r.urn)));
  const rank = (c: ChangedResource) => (!c.replaceBecause.length ? 2 : causes.has(c.urn) && !c.replacedWith.length ? 0 : 1);
  return [...d.changed].sort((a, b) => rank(a) - rank(b));
}

export function renderDiff(d: PlanDiff, format: DiffFormat = "markdown"): string {
  if (format === "json") return JSON.stringify(d, null, 2) + "\n";
  return format === "text" ? renderText(d) : renderMarkdown(d);
}

/** `lz diff` as Markdown, for a pull-request comment: destructive changes first, in bold. */
export function renderMarkdown(d: PlanDiff): string {
  const out: string[] = [COMMENT_MARKER, "## Landing zone plan diff", ""];
  const { blocking, warnings, notes } = bands(d);
  const line = (h: Hazard) => `${ACTION[h.action]} ${code(h.type)} ${code(h.name)} in ${code(h.stack)}`;
  if (blocking.length) {
    out.push("> [!CAUTION]");
    out.push(`> **${blocking.length} protected or stateful resource${blocking.length === 1 ? "" : "s"} would be deleted or replaced:**`);
    for (const h of blocking) out.push(`> - **${line(h)}**: ${cell(h.why)}`);
    out.push("");
  }
  if (warnings.length) {
    out.push("> [!WARNING]");
    for (const h of warnings) out.push(`> - **${line(h)}**: ${cell(h.why)}`);
    out.push("");
  }
  if (notes.length) {
    out.push("> [!NOTE]");
    for (const h of notes) out.push(`> - ${line(h)}: ${cell(h.why)}`);
    out.push("");
  }

  out.push(`**${summary(d)}**`, "");
  if (d.stacksAdded.length) out.push(`New stacks: ${d.stacksAdded.map(code).join(", ")}.`, "");
  if (d.stacksRemoved.length) out.push(`Stacks no longer planned: ${d.stacksRemoved.map(code).join(", ")}.`, "");
  if (isEmpty(d)) {
    out.push("No changes to resources or findings.");
    return out.join("\n") + "\n";
  }

  section(out, "Resources added", d.added, ["stack", "type", "name"], (r) => [code(r.stack), code(r.type), code(r.name)]);
  section(out, "Resources removed", d.removed, ["stack", "type", "name", "protect", "retainOnDelete"], (r) => [code(r.stack), code(r.type), code(r.name), r.protect ? "yes" : "no", r.retainOnDelete ? "yes" : "no"]);
  section(out, "Resources changed", changedInOrder(d), ["stack", "type", "name", "changed inputs (old → new)", "effect"], (c) => {
    const shown = c.changes.slice(0, MAX_PATHS).map((x) => code(changeLine(x))).join("<br>") + (c.changes.length > MAX_PATHS ? `<br>and ${c.changes.length - MAX_PATHS} more` : "");
    return [code(c.stack), code(c.type), code(c.name), shown, c.replaceBecause.length ? `**replace** (${replaceReason(c, code)})` : "update"];
  });
  section(out, "Findings new", d.newFindings, ["stack", "level", "policy", "resource", "finding"], (f) => findingRow(f.stack, f.violation));
  section(out, "Findings fixed", d.fixedFindings, ["stack", "level", "policy", "resource", "finding"], (f) => findingRow(f.stack, f.violation));

  let text = out.join("\n").trimEnd() + "\n";
  if (text.length > MAX_CHARS) {
    const cut = text.lastIndexOf("\n", MAX_CHARS);
    text = text.slice(0, cut) + "\n\n_The diff is too long for one comment and was cut here; run `lz diff` locally for all of it._\n";
  }
  return text;
}

/** `lz diff --format text`: the same content for a terminal, every change with its values. */
export function renderText(d: PlanDiff): string {
  const out: string[] = [];
  const { blocking, warnings, notes } = bands(d);
  const line = (tag: string, h: Hazard) => `${tag} ${ACTION[h.action]} ${h.type} ${h.name} in ${h.stack}: ${h.why.replace(/`/g, "")}`;
  for (const h of blocking) out.push(line("FAIL", h));
  for (const h of warnings) out.push(line("WARN", h));
  for (const h of notes) out.push(line("NOTE", h));
  if (out.length) out.push("");
  out.push(summary(d));
  if (d.stacksAdded.length) out.push(`new stacks: ${d.stacksAdded.join(", ")}`);
  if (d.stacksRemoved.length) out.push(`stacks no longer planned: ${d.stacksRemoved.join(", ")}`);
  if (isEmpty(d)) return [...out, "No changes to resources or findings."].join("\n") + "\n";
  const plain = (s: string) => s;
  if (d.added.length) out.push("", "added:", ...d.added.map((r) => `  + ${r.stack} ${r.type} ${r.name}`));
  if (d.removed.length) out.push("", "removed:", ...d.removed.map((r) => `  - ${r.stack} ${r.type} ${r.name}${r.protect ? " (protect)" : ""}${r.retainOnDelete ? " (retainOnDelete)" : ""}`));
  if (d.changed.length) {
    out.push("", "changed:");
    for (const c of changedInOrder(d)) {
      out.push(`  ${c.replaceBecause.length ? "±" : "~"} ${c.stack} ${c.type} ${c.name}: ${c.replaceBecause.length ? `replace (${replaceReason(c, plain)})` : "update"}`);
      for (const x of c.changes) out.push(`      ${changeLine(x)}`);
    }
  }
  const finding = (f: { stack: string; violation: Violation }) => `  ${f.stack} ${f.violation.waiver ? "waived" : f.violation.enforcementLevel} ${f.violation.pack}/${f.violation.policy} ${urnName(f.violation.urn)}: ${f.violation.message}`;
  if (d.newFindings.length) out.push("", "findings new:", ...d.newFindings.map(finding));
  if (d.fixedFindings.length) out.push("", "findings fixed:", ...d.fixedFindings.map(finding));
  return out.join("\n") + "\n";
}

function section<T>(out: string[], title: string, list: readonly T[], header: string[], row: (x: T) => string[]): void {
  if (list.length === 0) return;
  out.push(`### ${title} (${list.length})`, "");
  out.push(mdTable(header, list.slice(0, MAX_ROWS).map(row)), "");
  if (list.length > MAX_ROWS) out.push(`_...and ${list.length - MAX_ROWS} more._`, "");
}

function findingRow(stack: string, v: Violation): string[] {
  const level = v.waiver ? `waived (${v.enforcementLevel})` : v.enforcementLevel === "mandatory" ? "**mandatory**" : "advisory";
  return [code(stack), level, code(`${v.pack}/${v.policy}`), code(urnName(v.urn)), cell(v.message)];
}
