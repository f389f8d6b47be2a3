import { Graph, GraphCluster, NodeKind } from "./graph";
import { KIND_STYLE } from "./mermaid";

/**
 * A DOT double-quoted string. Inside one only `"` needs escaping, but a backslash starts a label
 * escape (`\n`, `\l`, `\N`...), so a literal one is doubled; line breaks become `\n`.
 */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

const SHAPE: Record<NodeKind, string> = {
  root: "box",
  ou: "folder",
  account: "box",
  vpc: "box3d",
  tier: "box",
  tgw: "hexagon",
  tgwRouteTable: "box",
  nat: "box",
  igw: "box",
  firewall: "octagon",
  internet: "ellipse",
  external: "box",
};

/** The graph as Graphviz DOT, for rendering to SVG. */
export function toDot(graph: Graph, direction: "LR" | "TB" = "LR"): string {
  const lines = [
    `digraph ${dotString(graph.title)} {`,
    `  graph [rankdir=${direction}, fontname="Helvetica", fontsize=12, labelloc=t, label=${dotString(graph.title)}, compound=true, newrank=true];`,
    `  node [fontname="Helvetica", fontsize=10, style="rounded,filled", shape=box];`,
    `  edge [fontname="Helvetica", fontsize=9];`,
  ];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  const nodeLine = (id: string, indent: string) => {
    const n = byId.get(id);
    if (!n) return;
    placed.add(id);
    const s = KIND_STYLE[n.kind];
    const style = n.kind === "external" ? `"rounded,filled,dashed"` : `"rounded,filled"`;
    lines.push(`${indent}${dotString(id)} [label=${dotString(n.label)}, shape=${SHAPE[n.kind]}, style=${style}, fillcolor=${dotString(s.fill)}, color=${dotString(s.stroke)}, class=${dotString(n.kind)}];`);
  };
  const cluster = (c: GraphCluster, indent: string) => {
    lines.push(`${indent}subgraph ${dotString(`cluster_${c.id}`)} {`);
    lines.push(`${indent}  label=${dotString(c.label)}; style="rounded"; color="#adb5bd";`);
    for (const id of c.nodes) nodeLine(id, indent + "  ");
    for (const sub of c.clusters) cluster(sub, indent + "  ");
    lines.push(`${indent}}`);
  };
  for (const c of graph.clusters) cluster(c, "  ");
  for (const n of graph.nodes) if (!placed.has(n.id)) nodeLine(n.id, "  ");
  for (const e of graph.edges) {
    const attrs = [e.label ? `label=${dotString(e.label)}` : "", e.style === "dashed" ? "style=dashed" : ""].filter(Boolean).join(", ");
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${attrs ? ` [${attrs}]` : ""};`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}
