import { Graph, NodeKind, walkNodes } from "./graph";
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
  walkNodes(graph, {
    node(n, indent) {
      const s = KIND_STYLE[n.kind];
      const style = n.kind === "external" ? `"rounded,filled,dashed"` : `"rounded,filled"`;
      lines.push(`${indent}${dotString(n.id)} [label=${dotString(n.label)}, shape=${SHAPE[n.kind]}, style=${style}, fillcolor=${dotString(s.fill)}, color=${dotString(s.stroke)}, class=${dotString(n.kind)}];`);
    },
    openCluster(c, indent) {
      lines.push(`${indent}subgraph ${dotString(`cluster_${c.id}`)} {`);
      lines.push(`${indent}  label=${dotString(c.label)}; style="rounded"; color="#adb5bd";`);
    },
    closeCluster(_c, indent) {
      lines.push(`${indent}}`);
    },
  });
  for (const e of graph.edges) {
    const attrs = [e.label ? `label=${dotString(e.label)}` : "", e.style === "dashed" ? "style=dashed" : ""].filter(Boolean).join(", ");
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${attrs ? ` [${attrs}]` : ""};`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}
