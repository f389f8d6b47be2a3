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
  summary: "## Summary",
  org: "## Organisation: OUs and accounts",
  network: "## Network: VPCs, tiers, Transit Gateway and egress",
  reachability: "## Transit Gateway reachability",
  tenants: "## Tenants",
  stack: (s: string, role: string) => `## Stack \`${s}\` (${role})`,
  components: "### Resources by component",
  findings: "### Findings",
};

/**
 * The plan report: one document for the stacks given (with `--all`, the whole organisation).
 * Org-wide views first (summary, the two diagrams, reachability, tenants), then each stack's
 * resources by component and its findings: mandatory, advisory and waived.
 */
export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  const names = m.results.map((r) => r.stack);
  out.push(`# Landing zone plan: ${names.length === 1 ? `stack \`${names[0]}\`` : `${names.length} stacks`}`, "");
  out.push(`Planned offline by \`lz plan\` under Pulumi's mock engine: ids and ARNs are placeholders; the shape, the settings and the policy verdicts are real.`, "");

  out.push(HEADINGS.summary, "");
  const info = new Map(m.stacks.map((s) => [s.stack, s]));
  const rows = m.results.map((r) => {
    const c = findingCounts(r.violations);
    const custom = r.resources.filter((x) => x.custom !== false).length;
    const i = info.get(r.stack);
    return [code(r.stack), r.role, i ? code(i.account.id) : "", i?.account.region ?? "", String(custom), String(r.resources.length - custom), String(c.mandatory), String(c.advisory), String(c.waived)];
  });
  out.push(mdTable(["stack", "role", "account", "region", "resources", "components", "mandatory", "advisory", "waived"], rows, ["l", "l", "l", "l", "r", "r", "r", "r", "r"]), "");
  const blocking = m.results.reduce((n, r) => n + r.violations.filter(isBlocking).length, 0);
  out.push(blocking ? `**${blocking} mandatory finding${blocking === 1 ? "" : "s"}: \`lz plan\` fails until ${blocking === 1 ? "it is" : "they are"} fixed or waived.**` : "No mandatory findings.", "");

  out.push(HEADINGS.org, "");
  out.push(...diagram(m.org, "TB", "No organisation, OU or account resources in these plans (they are in the management stack; plan it, or use `--all`)."));
  out.push(HEADINGS.network, "");
  out.push(...diagram(m.network, "LR", "No VPC or Transit Gateway in these plans."));
  if (m.network.nodes.length) {
    out.push("Solid edges from a tier are its default route; `associated` is the TGW route table an attachment's traffic is looked up in; dashed `propagated` edges are the route tables that learn the VPC's CIDR.", "");
  }

  out.push(HEADINGS.reachability, "");
  out.push(m.reachability ?? "No Transit Gateway attachments in these plans.", "");

  out.push(HEADINGS.tenants, "");
  out.push(...tenantsSection(m.tenants));

  for (const r of m.results) out.push(...stackSection(r));
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

function diagram(g: Graph, direction: "LR" | "TB", empty: string): string[] {
  if (g.nodes.length === 0) return [`_${empty}_`, ""];
  return ["```mermaid", toMermaid(g, direction).trimEnd(), "```", ""];
}

function tenantsSection(rows: readonly TenantRow[]): string[] {
  if (rows.length === 0) return ["_No tenants in these plans._", ""];
  const flags = (protect?: boolean, retain?: boolean) => [protect ? "protected" : "", retain ? "retained on delete" : ""].filter(Boolean).join(", ") || "**neither protected nor retained**";
  return [
    mdTable(
      ["stack", "tenant", "status", "hostname", "bucket", "key", "resources"],
      rows.map((t) => [
        code(t.stack),
        code(t.slug),
        t.status ? cell(t.status) : "",
        t.hostname ? code(t.hostname) : "",
        t.bucket ? `${code(t.bucket.name)} (${flags(t.bucket.protect, t.bucket.retainOnDelete)})` : "",
        t.keyAlias || t.keyProtect !== undefined ? `${t.keyAlias ? code(t.keyAlias) : "key"} (${flags(t.keyProtect, t.keyRetainOnDelete)})` : "",
        String(t.resources),
      ]),
      ["l", "l", "l", "l", "l", "l", "r"],
    ),
    "",
  ];
}

function stackSection(r: PlanResult): string[] {
  const out = [HEADINGS.stack(r.stack, r.role), "", HEADINGS.components, ""];
  const comps = [...resourcesByComponent(r.resources).values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  out.push(comps.length ? mdTable(["component", "name", "resources"], comps.map((c) => [code(c.type), c.name ? code(c.name) : "", String(c.count)]), ["l", "l", "r"]) : "_No resources._", "");

  const c = findingCounts(r.violations);
  out.push(HEADINGS.findings, "", `${c.mandatory} mandatory, ${c.advisory} advisory, ${c.waived} waived.`, "");
  const groups: [string, Violation[]][] = [
    ["Mandatory", r.violations.filter(isBlocking)],
    ["Advisory", r.violations.filter((v) => v.enforcementLevel === "advisory" && !v.waiver)],
    ["Waived", r.violations.filter((v) => !!v.waiver)],
  ];
  for (const [title, list] of groups) {
    out.push(`#### ${title} (${list.length})`, "");
    if (list.length === 0) {
      out.push("_None._", "");
      continue;
    }
    const header = title === "Waived" ? ["policy", "resource", "finding", "waiver"] : ["policy", "resource", "finding"];
    out.push(
      mdTable(
        header,
        list.map((v) => {
          const base = [code(`${v.pack}/${v.policy}`), `${code(urnName(v.urn))}<br>${code(v.type)}`, cell(v.message)];
          return v.waiver ? [...base, cell(`${v.waiver.reason} (approved by ${v.waiver.approvedBy}, expires ${v.waiver.expires}; was ${v.enforcementLevel})`)] : base;
        }),
      ),
      "",
    );
  }
  return out;
}
