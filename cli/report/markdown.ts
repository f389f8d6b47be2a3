import { isBlocking, PlanResult, Violation } from "../../lib/plan";
import { findingCounts, resourcesByComponent } from "../plan/summary";
import { Graph } from "./graph";
import { cell, code, mdTable, urnName } from "./markdownText";
import { toMermaid } from "./mermaid";
import { TenantRow } from "./tenants";

/** What the report knows of a stack's account besides the plan (from its stack file). */
export interface StackInfo {
  readonly stack: string;
  readonly account: { readonly id: string; readonly region: string; readonly environment?: string };
}

export interface ReportModel {
  readonly results: readonly PlanResult[];
  readonly stacks: readonly StackInfo[];
  readonly org: Graph;
  readonly network: Graph;
  /** The TGW reachability section's Markdown body, or undefined when no plan has a network. */
  readonly reachability: string | undefined;
  readonly tenants: readonly TenantRow[];
}

/** The section headings, in order; tests and readers rely on them. */
export const HEADINGS = {
  findings: "## Findings",
  summary: "## Summary",
  org: "## Organisation: OUs and accounts",
  network: "## Network: VPCs, tiers, Transit Gateway and egress",
  reachability: "## Transit Gateway reachability",
  tenants: "## Tenants",
  resources: "## Resources by stack",
};

/** GitHub refuses a comment (and a pull-request body) longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** The report's budget: the limit less room for a wrapper (`<details>`, a marker) around it. */
export const REPORT_LIMIT = 60_000;

/**
 * A table that may be cut to fit the budget: its first rows are shown, then a line saying how many
 * are left out and where they are. `cut` orders what goes first (lowest first): tenants, then
 * the inventory, then advisory findings; mandatory findings last.
 */
interface Rows {
  readonly header: string[];
  readonly align?: ("l" | "r")[];
  readonly rows: string[][];
  readonly what: string;
  readonly cut: number;
  shown: number;
}

type Part = string | Rows;

function details(summary: string, body: Part[]): Part[] {
  return [`<details><summary>${summary}</summary>`, "", ...body, "</details>", ""];
}

function rows(header: string[], list: string[][], what: string, cut: number, align?: ("l" | "r")[]): Rows {
  return { header, align, rows: list, what, cut, shown: list.length };
}

function renderPart(p: Part, fullReport: string): string {
  if (typeof p === "string") return p;
  const table = mdTable(p.header, p.rows.slice(0, p.shown), p.align);
  const left = p.rows.length - p.shown;
  return left ? `${table}\n\n_… and ${left} more ${p.what}, not shown to keep this under GitHub's comment limit: see ${fullReport}._\n` : `${table}\n`;
}

function join(parts: readonly Part[], fullReport: string): string {
  return parts.map((p) => renderPart(p, fullReport)).join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

export interface RenderOptions {
  /** At most this many characters (default: no limit): long tables are cut, tenants first. */
  readonly limit?: number;
  /** Where the whole report is, for the line under a cut table. */
  readonly fullReport?: string;
}

/**
 * The plan report: one document for the stacks given (with `--all`, the whole organisation).
 * Findings first (the mandatory ones, then the advisory ones, then the waived, across stacks), then
 * the summary per stack; the diagrams, the reachability matrix, the tenants and each stack's
 * resources follow, folded in `<details>`. A section with nothing to show is left out. With a
 * `limit`, long tables are cut (tenants first) so the document fits a GitHub comment.
 */
export function renderMarkdown(m: ReportModel, opts: RenderOptions = {}): string {
  return renderReport(m, opts).text;
}

export function renderReport(m: ReportModel, opts: RenderOptions = {}): { text: string; cut: boolean } {
  const parts = reportParts(m);
  const fullReport = opts.fullReport ?? "the full report";
  const limit = opts.limit ?? Infinity;
  let text = join(parts, fullReport);
  const cuttable = parts.filter((p): p is Rows => typeof p !== "string");
  // Until the text fits: the longest table of the first `cut` level that still shows rows loses
  // about the overflow's worth of them.
  while (text.length > limit) {
    const open = cuttable.filter((t) => t.shown > 0);
    if (open.length === 0) break;
    const lowest = Math.min(...open.map((t) => t.cut));
    const t = open.filter((x) => x.cut === lowest).sort((a, b) => b.shown - a.shown)[0];
    const perRow = Math.max(1, Math.ceil(mdTable(t.header, t.rows.slice(0, t.shown)).length / t.shown));
    t.shown = Math.max(0, t.shown - Math.max(1, Math.ceil((text.length - limit) / perRow)));
    text = join(parts, fullReport);
  }
  return { text, cut: cuttable.some((t) => t.shown < t.rows.length) };
}

function reportParts(m: ReportModel): Part[] {
  const out: Part[] = [];
  const names = m.results.map((r) => r.stack);
  out.push(`# Landing zone plan: ${names.length === 1 ? `stack \`${names[0]}\`` : `${names.length} stacks`}`, "");
  out.push(`Planned offline by \`lz plan\` under Pulumi's mock engine: ids and ARNs are placeholders; the shape, the settings and the policy verdicts are real.`, "");

  out.push(HEADINGS.findings, "", ...findingsSection(m.results));

  out.push(HEADINGS.summary, "");
  const info = new Map(m.stacks.map((s) => [s.stack, s]));
  const summary = m.results.map((r) => {
    const c = findingCounts(r.violations);
    const custom = r.resources.filter((x) => x.custom !== false).length;
    const i = info.get(r.stack);
    return [code(r.stack), r.role, i ? code(i.account.id) : "", i?.account.region ?? "", String(custom), String(r.resources.length - custom), String(c.mandatory), String(c.advisory), String(c.waived)];
  });
  out.push(mdTable(["stack", "role", "account", "region", "resources", "components", "mandatory", "advisory", "waived"], summary, ["l", "l", "l", "l", "r", "r", "r", "r", "r"]), "");

  if (m.org.nodes.length) {
    out.push(HEADINGS.org, "", ...details(`Diagram: ${m.org.nodes.length} organisation, OU and account nodes`, diagram(m.org, "TB")));
  }
  if (m.network.nodes.length) {
    out.push(HEADINGS.network, "");
    out.push(
      ...details(`Diagram: ${m.network.nodes.length} nodes`, [
        ...diagram(m.network, "LR"),
        "Solid edges from a tier are its default route; `associated` is the TGW route table an attachment's traffic is looked up in; dashed `propagated` edges are the route tables that learn the VPC's CIDR.",
        "",
      ]),
    );
  }
  if (m.reachability) out.push(HEADINGS.reachability, "", ...details("The matrix, and each tier's way to the internet", [m.reachability, ""]));
  if (m.tenants.length) out.push(HEADINGS.tenants, "", ...tenantsSection(m.tenants));

  out.push(HEADINGS.resources, "");
  for (const r of m.results) {
    const comps = [...resourcesByComponent(r.resources).values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const custom = r.resources.filter((x) => x.custom !== false).length;
    out.push(
      ...details(
        `<code>${r.stack}</code> (${r.role}): ${custom} resources in ${comps.length} component${comps.length === 1 ? "" : "s"}`,
        comps.length ? [rows(["component", "name", "resources"], comps.map((c) => [code(c.type), c.name ? code(c.name) : "", String(c.count)]), `components of ${r.stack}`, 1, ["l", "l", "r"]), ""] : ["_No resources._", ""],
      ),
    );
  }
  return out;
}

function diagram(g: Graph, direction: "LR" | "TB"): string[] {
  return ["```mermaid", toMermaid(g, direction).trimEnd(), "```", ""];
}

const level = (v: Violation) => (isBlocking(v) ? 0 : v.waiver ? 2 : 1);

function findingsSection(results: readonly PlanResult[]): Part[] {
  const all = results.flatMap((r) => r.violations.map((v) => ({ stack: r.stack, v })));
  const blocking = all.filter((f) => level(f.v) === 0).length;
  const advisory = all.filter((f) => level(f.v) === 1).length;
  const waived = all.filter((f) => level(f.v) === 2);
  const out: Part[] = [];
  if (all.length === 0) return ["No findings: every policy passed on every resource.", ""];
  out.push(
    blocking ? `**${blocking} mandatory finding${blocking === 1 ? "" : "s"}: \`lz plan\` fails until ${blocking === 1 ? "it is" : "they are"} fixed or waived.**` : "No mandatory findings.",
    `${blocking} mandatory, ${advisory} advisory, ${waived.length} waived.`,
    "",
  );
  const line = (f: { stack: string; v: Violation }) => [f.v.waiver ? "waived" : f.v.enforcementLevel, code(f.stack), code(`${f.v.pack}/${f.v.policy}`), `${code(urnName(f.v.urn))}<br>${code(f.v.type)}`, cell(f.v.message)];
  const open = all.filter((f) => level(f.v) < 2).sort((a, b) => level(a.v) - level(b.v));
  // By policy first: a handful of rows however many resources, so it is never cut.
  const byPolicy = new Map<string, { level: number; count: number; stacks: Set<string> }>();
  for (const f of all) {
    const k = `${level(f.v)}\u0000${f.v.pack}/${f.v.policy}`;
    const e = byPolicy.get(k) ?? { level: level(f.v), count: 0, stacks: new Set<string>() };
    e.count++;
    e.stacks.add(f.stack);
    byPolicy.set(k, e);
  }
  const LEVELS = ["mandatory", "advisory", "waived"];
  out.push(
    mdTable(
      ["level", "policy", "findings", "stacks"],
      [...byPolicy].sort(([a, x], [b, y]) => x.level - y.level || y.count - x.count || a.localeCompare(b)).map(([k, e]) => [LEVELS[e.level], code(k.split("\u0000")[1]), String(e.count), [...e.stacks].map(code).join(", ")]),
      ["l", "l", "r", "l"],
    ),
    "",
  );
  if (open.length) {
    const header = ["level", "stack", "policy", "resource", "finding"];
    const must = open.filter((f) => level(f.v) === 0);
    const may = open.filter((f) => level(f.v) === 1);
    if (must.length) out.push(rows(header, must.map(line), "mandatory findings", 3), "");
    if (may.length) out.push(rows(header, may.map(line), "advisory findings", 2), "");
  }
  if (waived.length) {
    out.push(
      ...details(`${waived.length} waived finding${waived.length === 1 ? "" : "s"}`, [
        rows(["stack", "policy", "resource", "finding", "waiver"], waived.map((f) => [...line(f).slice(1), cell(`${f.v.waiver!.reason} (approved by ${f.v.waiver!.approvedBy}, expires ${f.v.waiver!.expires}; was ${f.v.enforcementLevel})`)]), "waived findings", 2),
        "",
      ]),
    );
  }
  return out;
}

function tenantsSection(list: readonly TenantRow[]): Part[] {
  const flags = (protect?: boolean, retain?: boolean) => [protect ? "protected" : "", retain ? "retained on delete" : ""].filter(Boolean).join(", ") || "**neither protected nor retained**";
  const exposed = list.filter((t) => (t.bucket && !t.bucket.protect && !t.bucket.retainOnDelete) || (t.keyProtect === false && t.keyRetainOnDelete === false));
  const counts = new Map<string, number>();
  for (const t of list) counts.set(`${t.stack}\u0000${t.status ?? "unknown"}`, (counts.get(`${t.stack}\u0000${t.status ?? "unknown"}`) ?? 0) + 1);
  const byHolder = new Map<string, { environment: string; n: number }>();
  for (const t of list) byHolder.set(t.stack, { environment: t.environment, n: (byHolder.get(t.stack)?.n ?? 0) + 1 });
  const cells = [...byHolder].filter(([stack, h]) => stack !== h.environment);
  const out: Part[] = [
    `${list.length} tenant${list.length === 1 ? "" : "s"}: ${[...counts].map(([k, n]) => `${n} ${k.split("\u0000")[1]} in ${code(k.split("\u0000")[0])}`).join(", ")}.`,
    ...(cells.length
      ? [`By cell: ${[...byHolder].map(([stack, h]) => (stack === h.environment ? `${h.n} in ${code(stack)} itself` : `${code(stack)} (${h.environment}) ${h.n}`)).join(", ")}.`]
      : []),
    exposed.length
      ? `**${exposed.length} tenant${exposed.length === 1 ? "'s" : "s'"} data would be deleted with the tenant (bucket or key neither protected nor retained): ${exposed.slice(0, 20).map((t) => code(t.slug)).join(", ")}${exposed.length > 20 ? ` and ${exposed.length - 20} more` : ""}.**`
      : "Every tenant's bucket and key survive the tenant's removal (protected or retained).",
    "",
  ];
  out.push(
    ...details(`The ${list.length} tenant${list.length === 1 ? "" : "s"}`, [
      rows(
        ["environment", "cell", "tenant", "status", "hostname", "bucket", "key", "resources"],
        list.map((t) => [
          code(t.environment),
          t.stack === t.environment ? "(workload stack)" : code(t.stack),
          code(t.slug),
          t.status ? cell(t.status) : "",
          t.hostname ? code(t.hostname) : "",
          t.bucket ? `${code(t.bucket.name)} (${flags(t.bucket.protect, t.bucket.retainOnDelete)})` : "",
          t.keyAlias || t.keyProtect !== undefined ? `${t.keyAlias ? code(t.keyAlias) : "key"} (${flags(t.keyProtect, t.keyRetainOnDelete)})` : "",
          String(t.resources),
        ]),
        "tenants",
        0,
        ["l", "l", "l", "l", "l", "l", "l", "r"],
      ),
      "",
    ]),
  );
  return out;
}
