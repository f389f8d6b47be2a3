/**
 * The small graph structure the report draws: built once from the plans (orgGraph.ts,
 * networkGraph.ts), rendered two ways (mermaid.ts for Markdown and `.mmd`, dot.ts for the SVG).
 * Plain data; renderers never look at plans.
 */

export type NodeKind =
  | "root"
  | "ou"
  | "account"
  | "vpc"
  | "tier"
  | "tgw"
  | "tgwRouteTable"
  | "nat"
  | "igw"
  | "firewall"
  | "internet"
  | "external";

export interface GraphNode {
  /** Unique in the graph; [A-Za-z0-9_] only, so both renderers can use it as is. */
  readonly id: string;
  /** Free text; lines separated by "\n". Renderers escape it. */
  readonly label: string;
  readonly kind: NodeKind;
}

export interface GraphCluster {
  readonly id: string;
  readonly label: string;
  /** Ids of the nodes drawn inside this cluster (not inside a sub-cluster). */
  readonly nodes: string[];
  readonly clusters: GraphCluster[];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** dashed: learned or propagated routes; the default is a solid edge. */
  readonly style?: "solid" | "dashed";
}

export interface Graph {
  readonly title: string;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** Top-level clusters; nodes not listed in any cluster are drawn at the top level. */
  readonly clusters: GraphCluster[];
}

/** Builds a graph with unique ids, deduplicated edges and clusters addressed by id. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly clusters = new Map<string, GraphCluster & { parent?: string }>();
  private readonly placed = new Set<string>();
  private readonly usedIds = new Set<string>();
  private readonly idsByKey = new Map<string, string>();

  constructor(private readonly title: string) {}

  /**
   * A stable id for `key` (any text, e.g. a URN): a slug of `readable` (default the key), suffixed
   * when two keys slug the same. The same key always gets the same id.
   */
  idFor(prefix: string, key: string, readable: string = key): string {
    const full = `${prefix}\u0000${key}`;
    const known = this.idsByKey.get(full);
    if (known) return known;
    const base = `${prefix}_${slug(readable)}`;
    let id = base;
    for (let i = 2; this.usedIds.has(id); i++) id = `${base}_${i}`;
    this.usedIds.add(id);
    this.idsByKey.set(full, id);
    return id;
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Adds a node (once; a second call with the same id keeps the first) inside `cluster` if given. */
  node(id: string, label: string, kind: NodeKind, cluster?: string): string {
    if (this.nodes.has(id)) return id;
    this.nodes.set(id, { id, label, kind });
    if (cluster) {
      const c = this.clusters.get(cluster);
      if (!c) throw new Error(`graph ${this.title}: no cluster ${cluster}`);
      c.nodes.push(id);
      this.placed.add(id);
    }
    return id;
  }

  cluster(id: string, label: string, parent?: string): string {
    if (!this.clusters.has(id)) {
      if (parent && !this.clusters.has(parent)) throw new Error(`graph ${this.title}: no cluster ${parent}`);
      this.clusters.set(id, { id, label, nodes: [], clusters: [], parent });
    }
    return id;
  }

  edge(from: string, to: string, label?: string, style?: "solid" | "dashed"): void {
    if (from === to) return;
    const key = `${from}\u0000${to}\u0000${label ?? ""}\u0000${style ?? ""}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to, ...(label ? { label } : {}), ...(style && style !== "solid" ? { style } : {}) });
  }

  build(): Graph {
    for (const e of this.edges.values()) {
      if (!this.nodes.has(e.from) || !this.nodes.has(e.to)) throw new Error(`graph ${this.title}: edge ${e.from} -> ${e.to} names a missing node`);
    }
    const tree = (c: GraphCluster & { parent?: string }): GraphCluster => ({
      id: c.id,
      label: c.label,
      nodes: [...c.nodes],
      clusters: [...this.clusters.values()].filter((x) => x.parent === c.id).map(tree),
    });
    const top = [...this.clusters.values()].filter((c) => !c.parent).map(tree);
    return { title: this.title, nodes: [...this.nodes.values()], edges: [...this.edges.values()], clusters: pruneEmpty(top) };
  }
}

/** Clusters with no node anywhere inside add nothing but an empty box. */
function pruneEmpty(clusters: GraphCluster[]): GraphCluster[] {
  return clusters
    .map((c) => ({ ...c, clusters: pruneEmpty(c.clusters) }))
    .filter((c) => c.nodes.length > 0 || c.clusters.length > 0);
}

/** Joins several graphs into one, each as a top-level cluster (for the single `.mmd`/`.svg` file). */
export function combineGraphs(title: string, graphs: readonly Graph[]): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const clusters: GraphCluster[] = [];
  graphs.forEach((g, i) => {
    const rename = (id: string) => `g${i}_${id}`;
    const renameCluster = (c: GraphCluster): GraphCluster => ({ id: rename(c.id), label: c.label, nodes: c.nodes.map(rename), clusters: c.clusters.map(renameCluster) });
    for (const n of g.nodes) nodes.push({ ...n, id: rename(n.id) });
    for (const e of g.edges) edges.push({ ...e, from: rename(e.from), to: rename(e.to) });
    const inner = new Set<string>();
    const walk = (c: GraphCluster) => {
      c.nodes.forEach((n) => inner.add(n));
      c.clusters.forEach(walk);
    };
    g.clusters.forEach(walk);
    if (g.nodes.length === 0) return;
    clusters.push({ id: `g${i}_graph`, label: g.title, nodes: g.nodes.filter((n) => !inner.has(n.id)).map((n) => rename(n.id)), clusters: g.clusters.map(renameCluster) });
  });
  return { title, nodes, edges, clusters };
}

export interface GraphVisitor {
  node(n: GraphNode, indent: string): void;
  openCluster(c: GraphCluster, indent: string): void;
  closeCluster(c: GraphCluster, indent: string): void;
}

/**
 * The order both renderers write a graph's nodes in: each cluster depth first (its nodes, then its
 * sub-clusters, indented a level deeper), then the nodes in no cluster. A node is written once.
 */
export function walkNodes(graph: Graph, visit: GraphVisitor): void {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  const node = (id: string, indent: string) => {
    const n = byId.get(id);
    if (!n || placed.has(id)) return;
    placed.add(id);
    visit.node(n, indent);
  };
  const cluster = (c: GraphCluster, indent: string) => {
    visit.openCluster(c, indent);
    for (const id of c.nodes) node(id, indent + "  ");
    for (const sub of c.clusters) cluster(sub, indent + "  ");
    visit.closeCluster(c, indent);
  };
  for (const c of graph.clusters) cluster(c, "  ");
  for (const n of graph.nodes) node(n.id, "  ");
}

export function isEmptyGraph(g: Graph): boolean {
  return g.nodes.length === 0;
}

function slug(s: string): string {
  const out = s
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48);
  return out || "x";
}
