import { PlanResource, PlanResult, Violation } from "../../lib/plan";
import { replacementReasons } from "./replacement";
import { Hazard, removalHazard, replacementHazard, unprotectHazard } from "./stateful";

export interface ResourceRef {
  readonly stack: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
}

export interface ChangedResource extends ResourceRef {
  /** Changed input paths (`tags.tenant`, `rules[0].cidrBlocks`), plus `(protect)`, `(retainOnDelete)`, `(region)`. */
  readonly paths: string[];
  /** The paths that force a replacement; empty for an update in place. */
  readonly replaceBecause: string[];
}

export interface FindingRef {
  readonly stack: string;
  readonly violation: Violation;
}

export interface PlanDiff {
  readonly stacksAdded: string[];
  readonly stacksRemoved: string[];
  readonly added: ResourceRef[];
  readonly removed: (ResourceRef & { readonly protect: boolean; readonly retainOnDelete: boolean })[];
  readonly changed: ChangedResource[];
  readonly newFindings: FindingRef[];
  readonly fixedFindings: FindingRef[];
  /** Deletions and replacements of protected or stateful resources, blocking ones first. */
  readonly hazards: Hazard[];
}

/**
 * Compares two sets of plans, stack by stack and resource by URN. Inputs are compared as the plan
 * JSON holds them, so a secret is the marker `[secret]` on both sides: a changed secret value is
 * invisible, a value that became (or stopped being) secret is a change. Mock outputs are not
 * compared: they follow from the inputs.
 */
export function diffPlans(before: readonly PlanResult[], after: readonly PlanResult[]): PlanDiff {
  const oldByStack = new Map(before.map((p) => [p.stack, p]));
  const newByStack = new Map(after.map((p) => [p.stack, p]));
  const stacks = [...new Set([...before.map((p) => p.stack), ...after.map((p) => p.stack)])];
  const d: PlanDiff = {
    stacksAdded: after.filter((p) => !oldByStack.has(p.stack)).map((p) => p.stack),
    stacksRemoved: before.filter((p) => !newByStack.has(p.stack)).map((p) => p.stack),
    added: [],
    removed: [],
    changed: [],
    newFindings: [],
    fixedFindings: [],
    hazards: [],
  };
  for (const stack of stacks) {
    const o = oldByStack.get(stack);
    const n = newByStack.get(stack);
    const oldRes = new Map((o?.resources ?? []).map((r) => [r.urn, r]));
    const newRes = new Map((n?.resources ?? []).map((r) => [r.urn, r]));
    for (const [urn, r] of newRes) if (!oldRes.has(urn)) d.added.push(ref(stack, r));
    for (const [urn, r] of oldRes) {
      const now = newRes.get(urn);
      if (!now) {
        d.removed.push({ ...ref(stack, r), protect: r.protect, retainOnDelete: r.retainOnDelete });
        const h = removalHazard(stack, r);
        if (h) d.hazards.push(h);
        continue;
      }
      const paths = changedPaths(r, now);
      if (paths.length === 0) continue;
      const regionMoved = !!r.region && !!now.region && r.region !== now.region;
      const replaceBecause = replacementReasons(r.type, paths, regionMoved);
      d.changed.push({ ...ref(stack, now), paths, replaceBecause });
      const h = replaceBecause.length ? replacementHazard(stack, r, replaceBecause) : unprotectHazard(stack, r, now);
      if (h) d.hazards.push(h);
    }
    const [gone, fresh] = findingDelta(o?.violations ?? [], n?.violations ?? []);
    d.fixedFindings.push(...gone.map((violation) => ({ stack, violation })));
    d.newFindings.push(...fresh.map((violation) => ({ stack, violation })));
  }
  d.hazards.sort((a, b) => Number(b.blocking) - Number(a.blocking));
  return d;
}

function ref(stack: string, r: PlanResource): ResourceRef {
  return { stack, urn: r.urn, type: r.type, name: r.name };
}

/** The input paths that differ, plus the resource options that matter for a deletion. */
export function changedPaths(a: PlanResource, b: PlanResource): string[] {
  const out: string[] = [];
  diffValue(a.inputs, b.inputs, "", out);
  if (a.protect !== b.protect) out.push("(protect)");
  if (a.retainOnDelete !== b.retainOnDelete) out.push("(retainOnDelete)");
  if (a.region !== b.region) out.push("(region)");
  return out;
}

function diffValue(a: unknown, b: unknown, path: string, out: string[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffValue(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (Number.isNaN(a) && Number.isNaN(b)) return;
  out.push(path || "(inputs)");
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Findings in `before` only (fixed) and in `after` only (new), as multisets keyed by what they say. */
function findingDelta(before: readonly Violation[], after: readonly Violation[]): [Violation[], Violation[]] {
  const key = (v: Violation) => [v.urn, v.pack, v.policy, v.enforcementLevel, v.waiver ? "waived" : "", v.message].join("\u0000");
  const count = new Map<string, number>();
  for (const v of before) count.set(key(v), (count.get(key(v)) ?? 0) + 1);
  const fresh: Violation[] = [];
  for (const v of after) {
    const k = key(v);
    const c = count.get(k) ?? 0;
    if (c > 0) count.set(k, c - 1);
    else fresh.push(v);
  }
  const gone: Violation[] = [];
  for (const v of before) {
    const k = key(v);
    const c = count.get(k) ?? 0;
    if (c > 0) {
      gone.push(v);
      count.set(k, c - 1);
    }
  }
  return [gone, fresh];
}
