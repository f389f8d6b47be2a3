import { isBlocking, Violation } from "../../lib/plan";
import { cell, code, mdTable, urnName } from "../report/markdownText";
import { PlanDiff } from "./compare";
import { Hazard } from "./stateful";

/** The hidden marker the PR workflow finds its one sticky comment by. */
export const COMMENT_MARKER = "<!-- lz-diff -->";

/** Rows per table; a GitHub comment holds at most 65,536 characters. */
const MAX_ROWS = 150;
const MAX_PATHS = 8;
const MAX_CHARS = 60_000;

const ACTION: Record<Hazard["action"], string> = { delete: "DELETE", replace: "REPLACE", retain: "RETAIN", unprotect: "UNPROTECT" };

/** `lz diff` as Markdown, for a pull-request comment: destructive changes first, in bold. */
export function renderDiff(d: PlanDiff): string {
  const out: string[] = [COMMENT_MARKER, "## Landing zone plan diff", ""];
  const blocking = d.hazards.filter((h) => h.blocking);
  const notes = d.hazards.filter((h) => !h.blocking);
  if (blocking.length) {
    out.push("> [!CAUTION]");
    out.push(`> **${blocking.length} protected or stateful resource${blocking.length === 1 ? "" : "s"} would be deleted or replaced:**`);
    for (const h of blocking) out.push(`> - **${ACTION[h.action]} ${code(h.type)} ${code(h.name)} in ${code(h.stack)}**: ${cell(h.why)}`);
    out.push("");
  }
  if (notes.length) {
    out.push("> [!NOTE]");
    for (const h of notes) out.push(`> - ${ACTION[h.action]} ${code(h.type)} ${code(h.name)} in ${code(h.stack)}: ${cell(h.why)}`);
    out.push("");
  }

  const replaced = d.changed.filter((c) => c.replaceBecause.length).length;
  const newBlocking = d.newFindings.filter((f) => isBlocking(f.violation)).length;
  out.push(
    `**${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed${replaced ? ` (${replaced} replaced)` : ""}; findings: ${d.newFindings.length} new${newBlocking ? ` (${newBlocking} mandatory)` : ""}, ${d.fixedFindings.length} fixed.**`,
    "",
  );
  if (d.stacksAdded.length) out.push(`New stacks: ${d.stacksAdded.map(code).join(", ")}.`, "");
  if (d.stacksRemoved.length) out.push(`Stacks no longer planned: ${d.stacksRemoved.map(code).join(", ")}.`, "");
  if (!d.added.length && !d.removed.length && !d.changed.length && !d.newFindings.length && !d.fixedFindings.length) {
    out.push("No changes to resources or findings.");
    return out.join("\n") + "\n";
  }

  section(out, "Resources added", d.added, ["stack", "type", "name"], (r) => [code(r.stack), code(r.type), code(r.name)]);
  section(out, "Resources removed", d.removed, ["stack", "type", "name", "protect", "retainOnDelete"], (r) => [code(r.stack), code(r.type), code(r.name), r.protect ? "yes" : "no", r.retainOnDelete ? "yes" : "no"]);
  section(out, "Resources changed", d.changed, ["stack", "type", "name", "changed inputs", "effect"], (c) => {
    const shown = c.paths.slice(0, MAX_PATHS).map(code).join(", ") + (c.paths.length > MAX_PATHS ? ` and ${c.paths.length - MAX_PATHS} more` : "");
    return [code(c.stack), code(c.type), code(c.name), shown, c.replaceBecause.length ? `**replace** (${c.replaceBecause.map(code).join(", ")})` : "update"];
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
