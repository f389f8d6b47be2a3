import { Graph, NodeKind, walkNodes } from "./graph";

/** Fill and stroke per node kind, shared by both renderers so the SVG and the Markdown look alike. */
export const KIND_STYLE: Record<NodeKind, { fill: string; stroke: string }> = {
  root: { fill: "#f2e6ff", stroke: "#6b3fa0" },
  ou: { fill: "#e8eefc", stroke: "#3b5bdb" },
  account: { fill: "#fff4e0", stroke: "#d9480f" },
  vpc: { fill: "#e6f7ee", stroke: "#2b8a3e" },
  tier: { fill: "#ffffff", stroke: "#2b8a3e" },
  tgw: { fill: "#fff0f6", stroke: "#c2255c" },
  tgwRouteTable: { fill: "#fff0f6", stroke: "#c2255c" },
  nat: { fill: "#fff9db", stroke: "#e67700" },
  igw: { fill: "#fff9db", stroke: "#e67700" },
  firewall: { fill: "#ffe3e3", stroke: "#c92a2a" },
  internet: { fill: "#f1f3f5", stroke: "#495057" },
  external: { fill: "#f8f9fa", stroke: "#adb5bd" },
};

/**
 * Mermaid text for a label. Mermaid decodes `#name;` / `#code;` entities, so `"`, `<`, `>`, `&`,
 * `#` and backticks (which would end the Markdown fence) are written as entities, and line breaks
 * as `<br>`.
 */
export function mermaidText(s: string): string {
  return s
    .replace(/#/g, "#35;")
    .replace(/&/g, "#amp;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/\r?\n/g, "<br>");
}

/** The graph as a Mermaid flowchart (without the Markdown fence). */
export function toMermaid(graph: Graph, direction: "LR" | "TB" = "LR"): string {
  const lines = [`flowchart ${direction}`];
  walkNodes(graph, {
    node(n, indent) {
      lines.push(`${indent}${n.id}${shape(n.kind, mermaidText(n.label))}`);
    },
    openCluster(c, indent) {
      lines.push(`${indent}subgraph ${c.id}["${mermaidText(c.label)}"]`);
    },
    closeCluster(_c, indent) {
      lines.push(`${indent}end`);
    },
  });
  for (const e of graph.edges) {
    const arrow = e.style === "dashed" ? "-.->" : "-->";
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ""} ${e.to}`);
  }
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  for (const k of kinds) {
    const s = KIND_STYLE[k];
    lines.push(`  classDef ${k} fill:${s.fill},stroke:${s.stroke},color:#212529`);
    lines.push(`  class ${graph.nodes.filter((n) => n.kind === k).map((n) => n.id).join(",")} ${k}`);
  }
  return lines.join("\n") + "\n";
}

function shape(kind: NodeKind, label: string): string {
  switch (kind) {
    case "internet":
      return `(("${label}"))`;
    case "tgw":
      return `{{"${label}"}}`;
    case "tier":
    case "ou":
      return `("${label}")`;
    case "external":
      return `>"${label}"]`;
    default:
      return `["${label}"]`;
  }
}
