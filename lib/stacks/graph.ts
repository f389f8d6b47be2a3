/**
 * The deploy graph of the project's stacks, as plain data: which stack reads which (its
 * StackReferences, `landing-zone:refs`), and the waves that may deploy in parallel. Pure: the `lz
 * stacks` command builds it from the validated stack files, the deploy workflow reads it as JSON.
 */

/** One stack as the graph sees it. */
export interface GraphStack {
  readonly stack: string;
  readonly role: string;
  readonly account: string;
  readonly region: string;
  /** The account's environment: prod, nonprod or shared. */
  readonly environment: string;
  /** The stacks it reads outputs from (StackReferences), sorted. */
  readonly dependsOn: readonly string[];
}

/** A stack with its place in the deployment. */
export interface PlacedStack extends GraphStack {
  /** Stacks it deploys after without reading them: prod after the nonprod stacks of its role (the canary). */
  readonly after: readonly string[];
  /** Its wave: 0 for stacks that wait for nothing, else one more than the latest it waits for. */
  readonly wave: number;
  /** The GitHub environment its deployment job runs in: `production` for prod (required reviewers), else `deploy-<stack>`. */
  readonly deployEnvironment: string;
}

/** Roles whose prod stacks wait for the same role's nonprod stacks, so that a change reaches dev first. */
const CANARY_ROLES = new Set(["workload", "tenant-cell"]);

export class GraphError extends Error {}

/**
 * Places every stack in a wave. A stack waits for every stack it references and, for workload
 * stacks and cells in prod, for the nonprod stacks of the same role; stacks of one wave wait for
 * nothing of each other. Throws GraphError on a reference to an unknown stack or a cycle (config
 * validation refuses both first; this holds the graph to it on its own).
 */
export function placeStacks(stacks: readonly GraphStack[]): PlacedStack[] {
  const byName = new Map(stacks.map((s) => [s.stack, s]));
  const after = new Map<string, string[]>();
  for (const s of stacks) {
    const canary = s.environment === "prod" && CANARY_ROLES.has(s.role) ? stacks.filter((o) => o.role === s.role && o.environment === "nonprod").map((o) => o.stack) : [];
    after.set(s.stack, canary.filter((c) => !s.dependsOn.includes(c)).sort());
    for (const d of s.dependsOn) if (!byName.has(d)) throw new GraphError(`${s.stack} references stack ${d}, which has no Pulumi.${d}.yaml`);
  }
  const wave = new Map<string, number>();
  const visiting = new Set<string>();
  const place = (name: string, path: string[]): number => {
    const known = wave.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new GraphError(`stacks wait for each other in a cycle: ${[...path, name].join(" -> ")}`);
    visiting.add(name);
    const s = byName.get(name)!;
    let w = 0;
    for (const d of [...s.dependsOn, ...(after.get(name) ?? [])]) w = Math.max(w, place(d, [...path, name]) + 1);
    visiting.delete(name);
    wave.set(name, w);
    return w;
  };
  for (const s of stacks) place(s.stack, []);
  return [...stacks]
    .map((s) => ({ ...s, after: after.get(s.stack) ?? [], wave: wave.get(s.stack)!, deployEnvironment: s.environment === "prod" ? "production" : `deploy-${s.stack}` }))
    .sort((a, b) => a.wave - b.wave || (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}

/** The waves, in order: the stacks of each, sorted. */
export function waves(placed: readonly PlacedStack[]): string[][] {
  const out: string[][] = [];
  for (const s of placed) (out[s.wave] ??= []).push(s.stack);
  return out.map((w) => w.sort());
}

/** The stacks that read `changed`, directly or through others (`changed` itself excluded). */
export function dependentsOf(stacks: readonly GraphStack[], changed: Iterable<string>): Set<string> {
  const readers = new Map<string, string[]>();
  for (const s of stacks) for (const d of s.dependsOn) readers.set(d, [...(readers.get(d) ?? []), s.stack]);
  const seen = new Set<string>();
  const todo = [...changed];
  while (todo.length) {
    const s = todo.pop()!;
    for (const r of readers.get(s) ?? []) if (!seen.has(r)) (seen.add(r), todo.push(r));
  }
  for (const c of changed) seen.delete(c);
  return seen;
}

/** What a changed tenant file touched: the stack that holds the tenant before and after, and whether it has its own domain. */
export interface TenantChange {
  readonly file: string;
  /** The stacks (cell, or workload when it names no cell) that hold it, in the base and in the head. */
  readonly holders: readonly string[];
  /** Its workload stacks, when it has (or had) a custom host name: the zone's fallback origin is there. */
  readonly zoneStacks: readonly string[];
}

/** Why a set of stacks is planned. */
export interface Affected {
  /** Every stack when shared code or shared config changed. */
  readonly all: boolean;
  /** The stacks to plan, in graph order. */
  readonly stacks: readonly string[];
  /** One line per changed file that decided something. */
  readonly reasons: readonly string[];
}

/** Files that change no stack's plan. */
const INERT = [/^docs\//, /\.md$/, /^\.github\/(?!workflows\/)/, /^LICENSE/, /^\.gitignore$/, /^bench\//, /^test\//];

/**
 * The stacks a change can affect: a changed stack file's stack; a changed tenant file's cell (in
 * the base and in the head); what reads them, through StackReferences, after them; and the network
 * stacks when a workload stack file changes (the hub derives its routes and attach roles from every
 * workload stack's config). Everything when anything else changes (code, Pulumi.yaml, the policy
 * config, the packages): shared code can change any plan. Files that feed no plan (docs, tests,
 * the bench) affect nothing.
 */
export function affectedStacks(placed: readonly PlacedStack[], changedFiles: readonly string[], tenants: ReadonlyMap<string, TenantChange>): Affected {
  const byName = new Map(placed.map((s) => [s.stack, s]));
  const direct = new Set<string>();
  const reasons: string[] = [];
  let all = false;
  for (const raw of changedFiles) {
    const file = raw.trim().replace(/^\.\//, "");
    if (!file) continue;
    const stackFile = /^Pulumi\.(.+)\.yaml$/.exec(file);
    if (stackFile) {
      const s = stackFile[1];
      direct.add(s);
      const role = byName.get(s)?.role;
      if (role && role !== "workload" && role !== "tenant-cell") {
        // Every stack's config is validated with the others', and these roles' keys (guardrails,
        // the hub) shape other stacks' programs.
        all = true;
        reasons.push(`${file}: a ${role} stack's config, read by the other stacks' programs: every stack`);
        continue;
      }
      if (role === "workload") for (const n of placed.filter((p) => p.role === "network")) direct.add(n.stack);
      reasons.push(`${file}: ${s}${role === "workload" ? " and the network stack, which derives routes from it" : ""}`);
      continue;
    }
    if (/^tenants\/[^/]+\.ya?ml$/.test(file)) {
      const t = tenants.get(file);
      const holders = t ? [...t.holders, ...t.zoneStacks] : [];
      for (const h of holders) direct.add(h);
      reasons.push(`${file}: ${holders.length ? [...new Set(holders)].join(", ") : "no stack (the file is invalid or holds no tenant: lz tenant validate says why)"}`);
      continue;
    }
    if (INERT.some((re) => re.test(file))) continue;
    all = true;
    reasons.push(`${file}: shared code or config: every stack`);
  }
  if (all) return { all, stacks: placed.map((s) => s.stack), reasons };
  const known = [...direct].filter((s) => byName.has(s));
  const closure = new Set([...known, ...dependentsOf(placed, known)]);
  return { all, stacks: placed.filter((s) => closure.has(s.stack)).map((s) => s.stack), reasons };
}
