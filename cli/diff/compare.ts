import { PlanResource, PlanResult, Violation } from "../../lib/plan";
import { replacementReasons } from "./replacement";
import { Hazard, removalHazard, replacementHazard, unprotectHazard } from "./stateful";
import { dataLoss, diffValues, InputChange } from "./values";

export interface ResourceRef {
  readonly stack: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
}

export interface ChangedResource extends ResourceRef {
  /** Changed input paths (`tags.tenant`, `rules[id=expire].expiration.days`), plus `(protect)`, `(retainOnDelete)`, `(region)`. */
  readonly paths: string[];
  /** The same paths with their old and new values. */
  readonly changes: InputChange[];
  /** The paths that force a replacement; empty for an update in place. */
  readonly replaceBecause: string[];
  /** The replaced resources a replacement-forcing input referred to (by id or ARN): why a dependent goes too. */
  readonly replacedWith: ResourceRef[];
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
  /** Deletions and replacements of protected or stateful resources, data deleted by a change, blocking ones first. */
  readonly hazards: Hazard[];
}

/**
 * Compares two sets of plans, stack by stack and resource by URN. Inputs are compared as the plan
 * JSON holds them, so a secret is the marker `[secret]` on both sides: a changed secret value is
 * invisible, a value that became (or stopped being) secret is a change. Mock outputs are not
 * compared: they follow from the inputs (the offline engine derives a replaced resource's new ids
 * from its replacement-forcing inputs, so whatever references it changes too).
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
  const replaced: { old: PlanResource; stack: string; reasons: string[] }[] = [];
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
      const changes = changedInputs(r, now);
      if (changes.length === 0) continue;
      const paths = changes.map((c) => c.path);
      const regionMoved = !!r.region && !!now.region && r.region !== now.region;
      const replaceBecause = replacementReasons(r.type, paths, regionMoved);
      d.changed.push({ ...ref(stack, now), paths, changes, replaceBecause, replacedWith: [] });
      if (replaceBecause.length) replaced.push({ old: r, stack, reasons: replaceBecause });
      else {
        const h = unprotectHazard(stack, r, now);
        if (h) d.hazards.push(h);
        for (const c of changes) {
          const why = dataLoss(r.type, c);
          if (why) d.hazards.push({ ...ref(stack, now), action: "delete-data", blocking: false, why });
        }
      }
    }
    const [gone, fresh] = findingDelta(o?.violations ?? [], n?.violations ?? []);
    d.fixedFindings.push(...gone.map((violation) => ({ stack, violation })));
    d.newFindings.push(...fresh.map((violation) => ({ stack, violation })));
  }
  const takesDown = linkDependents(d.changed, replaced);
  const byUrn = new Map(d.changed.map((c) => [c.urn, c]));
  for (const { old, stack, reasons } of replaced) {
    // The blast radius is told once, at its root: the resource replaced for a change of its own.
    const root = byUrn.get(old.urn)!.replacedWith.length === 0;
    const h = replacementHazard(stack, old, reasons, root ? transitively(old.urn, takesDown) : []);
    if (h) d.hazards.push(h);
  }
  d.hazards.sort((a, b) => Number(b.blocking) - Number(a.blocking));
  return d;
}

/**
 * Fills each replaced resource's `replacedWith`: the replaced resources whose old id or ARN was the
 * old value of one of its replacement-forcing inputs. Returns the other direction too: for each
 * replaced resource, the changed resources it takes down with it.
 */
function linkDependents(changed: ChangedResource[], replaced: readonly { old: PlanResource; stack: string }[]): Map<string, ChangedResource[]> {
  const byHandle = new Map<string, { old: PlanResource; stack: string }>();
  for (const r of replaced) {
    for (const handle of [r.old.id, r.old.outputs?.id, r.old.outputs?.arn]) if (typeof handle === "string" && handle) byHandle.set(handle, r);
  }
  const takesDown = new Map<string, ChangedResource[]>();
  for (const c of changed) {
    if (!c.replaceBecause.length) continue;
    const causes = new Map<string, ResourceRef>();
    for (const ch of c.changes) {
      if (!c.replaceBecause.includes(ch.path)) continue;
      for (const v of [ch.before].flat()) {
        const cause = typeof v === "string" ? byHandle.get(v) : undefined;
        if (cause && cause.old.urn !== c.urn) causes.set(cause.old.urn, ref(cause.stack, cause.old));
      }
    }
    (c.replacedWith as ResourceRef[]).push(...causes.values());
    for (const cause of causes.values()) takesDown.set(cause.urn, [...(takesDown.get(cause.urn) ?? []), c]);
  }
  return takesDown;
}

/** Everything replaced because `urn` is, directly or through another replacement. */
function transitively(urn: string, takesDown: ReadonlyMap<string, readonly ChangedResource[]>): ChangedResource[] {
  const seen = new Map<string, ChangedResource>();
  const queue = [...(takesDown.get(urn) ?? [])];
  while (queue.length) {
    const c = queue.shift()!;
    if (seen.has(c.urn) || c.urn === urn) continue;
    seen.set(c.urn, c);
    queue.push(...(takesDown.get(c.urn) ?? []));
  }
  return [...seen.values()];
}

function ref(stack: string, r: PlanResource): ResourceRef {
  return { stack, urn: r.urn, type: r.type, name: r.name };
}

/** The input paths that differ, with their values, plus the resource options that matter for a deletion. */
export function changedInputs(a: PlanResource, b: PlanResource): InputChange[] {
  const out = diffValues(a.inputs, b.inputs);
  if (a.protect !== b.protect) out.push({ path: "(protect)", before: a.protect, after: b.protect });
  if (a.retainOnDelete !== b.retainOnDelete) out.push({ path: "(retainOnDelete)", before: a.retainOnDelete, after: b.retainOnDelete });
  if (a.region !== b.region) out.push({ path: "(region)", before: a.region ?? undefined, after: b.region ?? undefined });
  return out;
}

/** The changed input paths alone (see changedInputs). */
export function changedPaths(a: PlanResource, b: PlanResource): string[] {
  return changedInputs(a, b).map((c) => c.path);
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
