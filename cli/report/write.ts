import * as fs from "fs";
import * as path from "path";
import { PlanResult } from "../../lib/plan";
import { Io } from "../io";
import { toDot } from "./dot";
import { combineGraphs, Graph } from "./graph";
import { renderMarkdown, renderReport, REPORT_LIMIT, ReportModel, StackInfo } from "./markdown";
import { toMermaid } from "./mermaid";
import { networkGraph } from "./networkGraph";
import { orgGraph } from "./orgGraph";
import { PlanIndex } from "./planIndex";
import { reachabilityMarkdown } from "./reachability";
import { renderSvg } from "./svg";
import { tenantRows } from "./tenants";

export interface WriteReportsArgs {
  /** The plans, in dependency order (`lz plan --all`) or the one stack asked for. */
  readonly results: readonly PlanResult[];
  /** Stack configs (a StackConfig fits): account id and region for the summary. */
  readonly configs: readonly StackInfo[];
  /** Where to write the Markdown report, if asked. */
  readonly markdown?: string;
  /** Where to write the diagram: `.svg` renders it, `.mmd` writes the Mermaid source. */
  readonly diagram?: string;
  readonly io: Io;
}

/** Everything the report shows, computed once from the plans (pure). */
export function buildReport(results: readonly PlanResult[], configs: readonly StackInfo[] = []): ReportModel {
  const index = new PlanIndex(results);
  const stacks = results.map((r) => r.stack);
  return {
    results,
    stacks: configs.filter((c) => stacks.includes(c.stack)).map((c) => ({ stack: c.stack, account: { id: c.account.id, region: c.account.region, environment: c.account.environment } })),
    org: orgGraph(index),
    network: networkGraph(index),
    reachability: reachabilityMarkdown(results),
    tenants: tenantRows(index),
  };
}

/** The organisation and network graphs as one, for the single diagram file. */
export function diagramGraph(model: ReportModel): Graph {
  return combineGraphs(`Landing zone: ${model.results.map((r) => r.stack).join(", ")}`, [model.org, model.network]);
}

/** Renders the diagram for `file` by its extension: SVG in process (Graphviz in WebAssembly) or Mermaid source. */
export async function renderDiagram(model: ReportModel, file: string): Promise<string> {
  const graph = diagramGraph(model);
  if (file.endsWith(".mmd")) return toMermaid(graph, "LR");
  if (file.endsWith(".svg")) return renderSvg(toDot(graph, "LR"));
  throw new Error(`--diagram ${file}: the file must end in .svg or .mmd`);
}

/** Where the whole report goes when `report.md` had to be cut: `report.full.md`. */
export function fullReportFile(markdown: string): string {
  return /\.md$/i.test(markdown) ? markdown.replace(/\.md$/i, ".full.md") : `${markdown}.full.md`;
}

/**
 * `lz plan --markdown FILE --diagram FILE.svg|FILE.mmd`: builds the report once and writes what was
 * asked. The Markdown fits a GitHub comment (REPORT_LIMIT); when long tables had to be cut (a
 * thousand tenants), the whole report is written beside it, FILE.full.md, and the cut says so.
 */
export async function writeReports(args: WriteReportsArgs): Promise<void> {
  const model = buildReport(args.results, args.configs);
  if (args.markdown) {
    const full = fullReportFile(args.markdown);
    const report = renderReport(model, { limit: REPORT_LIMIT, fullReport: `\`${path.basename(full)}\` (the \`lz-plan-report\` artifact of the pull-request workflow)` });
    fs.writeFileSync(args.markdown, report.text);
    args.io.err(`wrote ${args.markdown}`);
    if (report.cut) {
      fs.writeFileSync(full, renderMarkdown(model));
      args.io.err(`wrote ${full} (the whole report: ${args.markdown} is cut to ${REPORT_LIMIT} characters for a GitHub comment)`);
    }
  }
  if (args.diagram) {
    fs.writeFileSync(args.diagram, await renderDiagram(model, args.diagram));
    args.io.err(`wrote ${args.diagram}`);
  }
}
