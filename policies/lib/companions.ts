import type { EnforcementLevel } from "@pulumi/policy";
import { show } from "./messages";
import { perStack } from "./memo";
import { LzStackPolicy, stackPolicy } from "./policy";
import { StackView, ViewResource } from "./stack";
import { isUnknown } from "./unknown";
import { collect, str } from "./values";

/**
 * Settings carried by another resource: a database's TLS setting lives in its parameter group, a
 * cache cluster's transit encryption in its replication group, a Glue job's encryption in its
 * security configuration, a resource's key in a KMS key named by ARN, id or alias. The reference is
 * followed inside the stack (by id, name or ARN, then through `propertyDependencies`) so a policy can
 * judge the pair. A literal that names nothing in the stack is outside it: the policy cannot judge it
 * and must not guess, so it passes there and an advisory policy (`companionsOutsideStack`) says so. A
 * reference unknown at preview with no recorded dependency cannot be followed at all: fail closed.
 */

export interface Companion {
  /** The types that carry the reference. */
  readonly from: readonly string[];
  /** Where the reference is: a property or a path (`encryptionConfig.provider.keyArn`, `replicas[].kmsKeyArn`). */
  readonly prop: string;
  /** The types the reference may name. */
  readonly to: readonly string[];
  /** What is named, for messages: "parameter group". */
  readonly what: string;
  /** What the companion carries that cannot be verified when it is elsewhere: "its TLS parameters". */
  readonly carries: string;
  /** Whether the reference matters for this resource (default: always). */
  readonly applies?: (r: ViewResource) => boolean;
  /** Values that name no resource to look up (a default parameter group, an AWS-managed key alias). */
  readonly builtIn?: (value: string) => boolean;
}

export type Followed =
  | { readonly kind: "absent"; readonly path: string }
  | { readonly kind: "built-in"; readonly path: string; readonly value: string }
  | { readonly kind: "in-stack"; readonly path: string; readonly targets: readonly ViewResource[] }
  | { readonly kind: "outside"; readonly path: string; readonly value: string }
  | { readonly kind: "unknown"; readonly path: string };

/**
 * Results per companion, stack and resource: the advisory policy below and the policy that judges
 * the pair (database-require-tls...) follow the same references, so each is followed once per run.
 */
const followed = new WeakMap<Companion, (stack: StackView, from: ViewResource) => readonly Followed[]>();

/** Follows one companion reference of `from`: one result per value found at the path. */
export function follow(stack: StackView, from: ViewResource, c: Companion): readonly Followed[] {
  let f = followed.get(c);
  if (!f) {
    const root = c.prop.split(/[.[]/, 1)[0];
    followed.set(c, (f = perStack<ViewResource, readonly Followed[]>((s, r) => followOnce(s, r, c, root))));
  }
  return f(stack, from);
}

function followOnce(stack: StackView, from: ViewResource, c: Companion, rootKey: string): Followed[] {
  const root = from.props[rootKey];
  if (root === undefined || root === null || root === "") return [{ kind: "absent", path: c.prop }];
  const found = collect(from.props, c.prop);
  if (found.length === 0) return [{ kind: "absent", path: c.prop }];
  return found.map((f): Followed => {
    if (isUnknown(f.value)) {
      const targets = stack.refs(from, c.prop, c.to, f.value);
      return targets.length ? { kind: "in-stack", path: f.path, targets } : { kind: "unknown", path: f.path };
    }
    const s = str(f.value);
    if (!s) return { kind: "absent", path: f.path };
    if (c.builtIn?.(s)) return { kind: "built-in", path: f.path, value: s };
    const targets = stack.refs(from, c.prop, c.to, s);
    return targets.length ? { kind: "in-stack", path: f.path, targets } : { kind: "outside", path: f.path, value: s };
  });
}

/** The message for a reference that leads outside the stack. */
export function outsideMessage(r: ViewResource, c: Companion, f: { path: string; value: string }): string {
  return `${r.name}: ${f.path} = ${show(f.value)} names a ${c.what} that is not in this stack, so ${c.carries} cannot be verified here; judge it in the stack that defines it (or define it in this one).`;
}

/** The message for a reference that cannot be followed (fail closed). */
export function unknownMessage(r: ViewResource, c: Companion, path: string): string {
  return `${r.name}: ${path} is unknown until deployment and depends on no resource of this stack, so the ${c.what} and ${c.carries} cannot be verified (fail closed); name a ${c.what} defined in this stack.`;
}

/**
 * One advisory policy per pack that lists the references its policies could not follow because they
 * lead outside the stack, so "not judged here" is visible instead of silently passing.
 */
export function companionsOutsideStack(name: string, subject: string, companions: readonly Companion[], enforcementLevel: EnforcementLevel = "advisory"): LzStackPolicy {
  const from = [...new Set(companions.flatMap((c) => c.from))];
  return stackPolicy({
    name,
    description: `Settings carried by another resource (${subject}) are verified only when that resource is in the same stack; references to resources elsewhere are listed here.`,
    enforcementLevel,
    types: from,
    fix: "Define the referenced resource in this stack, or check it in the stack that defines it (lz check on that stack's export).",
    validate(stack, _ctx, report) {
      for (const c of companions) {
        for (const r of stack.ofType(...c.from)) {
          if (c.applies && !c.applies(r)) continue;
          for (const f of follow(stack, r, c)) if (f.kind === "outside") report(r.urn, outsideMessage(r, c, f));
        }
      }
    },
  });
}
