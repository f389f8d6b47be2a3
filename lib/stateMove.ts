/**
 * `pulumi state move`, as a pure function over `pulumi stack export` documents, and the commands
 * that perform it. It follows the CLI's rules (3.120+, pulumi/pulumi#16737, #17076, #20639): each
 * URN moves with all its descendants; the providers the moved resources use are copied (never
 * moved) into the destination, and one already there under the same URN must have the same inputs;
 * URNs are rewritten to the destination stack; a parent that does not move becomes the
 * destination's root stack resource; dependencies on resources that stay behind are dropped, on
 * both sides, and reported. `lz tenant move` prints the commands and checks them against this.
 */
import { splitProviderRef } from "./plan";

export interface ExportResource {
  readonly urn: string;
  readonly type: string;
  readonly custom?: boolean;
  readonly id?: string;
  readonly parent?: string;
  /** `<provider urn>::<provider id>`. */
  readonly provider?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, unknown>>;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly [key: string]: unknown;
}

export interface StackExport {
  readonly version: number;
  readonly deployment: { readonly resources?: readonly ExportResource[]; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export class StateMoveError extends Error {}

const ROOT_TYPE = "pulumi:pulumi:Stack";

/** The parts of `urn:pulumi:<stack>::<project>::<type chain>::<name>`. */
export function parseUrn(urn: string): { stack: string; project: string; typeChain: string; name: string } {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::(.+?)::(.*)$/.exec(urn);
  if (!m) throw new StateMoveError(`"${urn}" is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
  return { stack: m[1], project: m[2], typeChain: m[3], name: m[4] };
}

/** The same resource's URN in another stack of the same project. */
export function urnInStack(urn: string, stack: string): string {
  const u = parseUrn(urn);
  return `urn:pulumi:${stack}::${u.project}::${u.typeChain}::${u.name}`;
}

function resourcesOf(e: StackExport): readonly ExportResource[] {
  return e.deployment?.resources ?? [];
}

function stackOf(e: StackExport, fallback?: string): string | undefined {
  const first = resourcesOf(e)[0];
  return first ? parseUrn(first.urn).stack : fallback;
}

/** The URNs `urns` stand for in `source`: each with every resource under it (by parent). */
export function movedSet(source: StackExport, urns: readonly string[]): Set<string> {
  const all = resourcesOf(source);
  const known = new Set(all.map((r) => r.urn));
  for (const u of urns) if (!known.has(u)) throw new StateMoveError(`${u} is not in the source stack's export`);
  const children = new Map<string, string[]>();
  for (const r of all) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
  const out = new Set<string>();
  const todo = [...urns];
  while (todo.length) {
    const u = todo.pop()!;
    if (out.has(u)) continue;
    const r = all.find((x) => x.urn === u)!;
    if (r.type === ROOT_TYPE || r.type.startsWith("pulumi:providers:")) continue; // never moved (copied, or already there)
    out.add(u);
    todo.push(...(children.get(u) ?? []));
  }
  return out;
}

export interface StateMoveResult {
  readonly source: StackExport;
  readonly dest: StackExport;
  /** The source URNs that moved. */
  readonly moved: readonly string[];
  /** Providers copied into the destination (their destination URNs). */
  readonly copiedProviders: readonly string[];
  /** `a -> b`: a dependency dropped because one end stayed behind. */
  readonly brokenDependencies: readonly string[];
}

/**
 * Moves `urns` (with their descendants) from `source` to `dest`, as `pulumi state move --source
 * <source> --dest <dest> <urns...>` does. `destStack` names the destination when its export holds
 * no resource yet.
 */
export function applyStateMove(source: StackExport, dest: StackExport, urns: readonly string[], destStack?: string): StateMoveResult {
  const srcResources = resourcesOf(source);
  const dstResources = [...resourcesOf(dest)];
  const dstName = stackOf(dest, destStack);
  if (!dstName) throw new StateMoveError("the destination export holds no resource: name the destination stack");
  const moved = movedSet(source, urns);
  const rename = (u: string) => urnInStack(u, dstName);
  const dstUrns = new Map(dstResources.map((r) => [r.urn, r]));
  for (const u of moved) if (dstUrns.has(rename(u))) throw new StateMoveError(`${rename(u)} already exists in the destination stack`);

  const project = parseUrn(srcResources[0].urn).project;
  let root = dstResources.find((r) => r.type === ROOT_TYPE);
  if (!root) {
    root = { urn: `urn:pulumi:${dstName}::${project}::${ROOT_TYPE}::${project}-${dstName}`, type: ROOT_TYPE, custom: false };
    dstResources.unshift(root);
  }

  const byUrn = new Map(srcResources.map((r) => [r.urn, r]));
  const copied: string[] = [];
  const broken: string[] = [];
  const providerRef = (ref: string | undefined): string | undefined => {
    if (!ref) return ref;
    const { urn, id } = splitProviderRef(ref);
    const target = rename(urn);
    const existing = dstUrns.get(target);
    const original = byUrn.get(urn);
    if (!existing) {
      if (!original) throw new StateMoveError(`the provider ${urn} is not in the source stack's export`);
      const copy: ExportResource = { ...original, urn: target, parent: original.parent && byUrn.get(original.parent)?.type === ROOT_TYPE ? root!.urn : original.parent ? rename(original.parent) : undefined };
      dstResources.push(copy);
      dstUrns.set(target, copy);
      copied.push(target);
    } else if (original && JSON.stringify(existing.inputs ?? {}) !== JSON.stringify(original.inputs ?? {})) {
      throw new StateMoveError(`the provider ${target} already exists in the destination stack with other inputs; Pulumi refuses the move: give the destination's provider another name`);
    }
    return `${target}::${existing?.id ?? id}`;
  };
  const keep = (from: string, deps: readonly string[] | undefined, inMoved: boolean): string[] | undefined => {
    if (!deps) return undefined;
    const out: string[] = [];
    for (const d of deps) {
      if (moved.has(d) === inMoved) out.push(inMoved ? rename(d) : d);
      else broken.push(`${from} -> ${d}`);
    }
    return out;
  };

  for (const r of srcResources) {
    if (!moved.has(r.urn)) continue;
    const parent = r.parent && moved.has(r.parent) ? rename(r.parent) : root.urn;
    const propertyDependencies = r.propertyDependencies
      ? Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, keep(r.urn, v, true) ?? []]))
      : undefined;
    dstResources.push({
      ...r,
      urn: rename(r.urn),
      parent,
      provider: providerRef(r.provider),
      dependencies: keep(r.urn, r.dependencies, true),
      ...(propertyDependencies ? { propertyDependencies } : {}),
    });
  }
  const srcLeft = srcResources
    .filter((r) => !moved.has(r.urn))
    .map((r) => {
      if (!r.dependencies?.some((d) => moved.has(d)) && !Object.values(r.propertyDependencies ?? {}).some((v) => v.some((d) => moved.has(d)))) return r;
      const propertyDependencies = r.propertyDependencies ? Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, keep(r.urn, v, false) ?? []])) : undefined;
      return { ...r, dependencies: keep(r.urn, r.dependencies, false), ...(propertyDependencies ? { propertyDependencies } : {}) };
    });
  return {
    source: { ...source, deployment: { ...source.deployment, resources: srcLeft } },
    dest: { ...dest, deployment: { ...dest.deployment, resources: dstResources } },
    moved: srcResources.filter((r) => moved.has(r.urn)).map((r) => r.urn),
    copiedProviders: copied,
    brokenDependencies: [...new Set(broken)],
  };
}

/** Shell-quotes a URN (they hold `$` and `:`). */
function quote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** The commands of a move: back both stacks up, move, then check both stacks. */
export function stateMoveCommands(sourceStack: string, destStack: string, urns: readonly string[]): string[] {
  return [
    `pulumi stack export --stack ${sourceStack} --file ${sourceStack}.before-move.json`,
    `pulumi stack export --stack ${destStack} --file ${destStack}.before-move.json`,
    `pulumi state move --source ${sourceStack} --dest ${destStack} --yes ${urns.map(quote).join(" ")}`,
    `pulumi preview --stack ${destStack} --diff    # expect updates only: no create, replace or delete of the tenant's key, bucket or secret`,
    `pulumi preview --stack ${sourceStack} --diff    # expect no change to the tenant (it is gone from this state and this program)`,
  ];
}

/** The top-level URN of tenant `slug`'s component in `stack` (its children move with it). */
export function tenantComponentUrn(stack: string, slug: string, project = "landing-zone"): string {
  return `urn:pulumi:${stack}::${project}::landing-zone:tenant:Tenant::tenant-${slug}`;
}

/**
 * A `pulumi stack export` (deployment v3) of an offline plan: what the stack's state would hold
 * after a `pulumi up` of that plan, with the root stack resource the engine adds. For tests and
 * for checking a move offline; real exports come from `pulumi stack export`.
 */
export function exportOfPlan(plan: {
  readonly stack: string;
  readonly resources: readonly { urn: string; type: string; id?: string | null; parent?: string | null; provider?: string | null; custom?: boolean; inputs: Record<string, unknown>; outputs: Record<string, unknown>; protect?: boolean; retainOnDelete?: boolean; dependencies?: readonly string[]; propertyDependencies?: Readonly<Record<string, readonly string[]>> }[];
}, project = "landing-zone"): StackExport {
  const root = `urn:pulumi:${plan.stack}::${project}::${ROOT_TYPE}::${project}-${plan.stack}`;
  const resources: ExportResource[] = [{ urn: root, type: ROOT_TYPE, custom: false }];
  for (const r of plan.resources) {
    if (r.type === "pulumi:pulumi:StackReference") continue; // a read, not state the move concerns
    resources.push({
      urn: r.urn,
      type: r.type,
      custom: r.custom ?? true,
      ...(r.id ? { id: r.id } : {}),
      parent: r.parent ?? root,
      ...(r.provider ? { provider: r.provider } : {}),
      inputs: r.inputs,
      outputs: r.outputs,
      ...(r.protect ? { protect: true } : {}),
      ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
      dependencies: (r.dependencies ?? []).filter((d) => !d.includes("::pulumi:pulumi:StackReference::")),
      propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.filter((d) => !d.includes("::pulumi:pulumi:StackReference::"))])),
    });
  }
  return { version: 3, deployment: { manifest: { time: "1970-01-01T00:00:00Z", magic: "lz-offline", version: "offline" }, resources } };
}
