import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { arnRegion, hostRegion } from "./arn";
import { show } from "./messages";
import { StackView, ViewResource } from "./stack";
import { isUnknown } from "./unknown";
import { str } from "./values";
import { waiverMatchesResource } from "./waivers";

/**
 * Where a referenced thing lives, for data-movement checks: a literal region, an ARN's fourth field,
 * an AWS hostname's region, a resource of this stack (its effective region), or a location declared
 * in config (`knownLocations`) for things outside the stack. Anything else is unresolved and fails.
 */

export interface KnownLocation {
  /** ARN, name or hostname glob. */
  readonly resource: string;
  readonly region: string;
}

export interface ResidencyConfig {
  readonly allowedRegions: readonly string[];
  readonly knownLocations: readonly KnownLocation[];
}

export const knownLocationsSchema: Readonly<Record<string, PolicyConfigJSONSchema>> = {
  knownLocations: {
    type: "array",
    default: [],
    description: "Where resources outside this stack live: [{ resource: <ARN, name or hostname glob>, region }]",
    items: {
      type: "object",
      required: ["resource", "region"],
      additionalProperties: false,
      properties: { resource: { type: "string", minLength: 1 }, region: { type: "string" } },
    },
  },
};

export type Location =
  | { readonly kind: "region"; readonly region: string; readonly via: string }
  | { readonly kind: "unknown"; readonly via: string }
  | { readonly kind: "unresolved" };

function known(config: ResidencyConfig, value: string): string | undefined {
  for (const k of config.knownLocations) {
    if (waiverMatchesResource({ resource: k.resource, reason: "", approvedBy: "", expires: "" }, value, value)) return k.region;
  }
  return undefined;
}

/**
 * Locates `value` (found at `path` of `from`). `types` are the resource types it may name in this
 * stack. A value unknown at preview is followed through `propertyDependencies`.
 */
export function locate(stack: StackView, from: ViewResource, path: string, value: unknown, types: readonly string[], config: ResidencyConfig): Location {
  if (isUnknown(value)) {
    const targets = stack.refs(from, path, types, value);
    const t = targets[0];
    const r = t?.region();
    if (t && r?.region && r.region !== "unknown") return { kind: "region", region: r.region, via: `${t.name}'s region` };
    return { kind: "unknown", via: path };
  }
  const s = str(value);
  if (!s) return { kind: "unresolved" };
  const fromArn = arnRegion(s);
  if (fromArn) return { kind: "region", region: fromArn, via: "the ARN" };
  const fromHost = hostRegion(s);
  if (fromHost) return { kind: "region", region: fromHost, via: "the hostname" };
  const targets = stack.refs(from, path, types, s);
  for (const t of targets) {
    const r = t.region();
    if (r.region === "unknown") return { kind: "unknown", via: `${t.name}'s region` };
    if (r.region) return { kind: "region", region: r.region, via: `${t.name}'s region` };
  }
  const k = known(config, s);
  if (k) return { kind: "region", region: k, via: "knownLocations" };
  return { kind: "unresolved" };
}

/** A message when `loc` is not allowed, else undefined. */
export function locationProblem(what: string, path: string, value: unknown, loc: Location, allowed: readonly string[]): string | undefined {
  if (loc.kind === "region") {
    if (allowed.includes(loc.region)) return undefined;
    return `${what} ${path} = ${show(value)} is in ${loc.region} (from ${loc.via}), outside ${allowed.join(", ")}; point it at a target in ${allowed[0]}.`;
  }
  if (loc.kind === "unknown") {
    return `${what} ${path} is unknown until deployment, so its region cannot be verified (fail closed); use a target whose region is known at preview (a literal ARN or a resource in this stack with a literal region).`;
  }
  return `${what} ${path} = ${show(value)} cannot be located: it is not an ARN with a region, not a resource of this stack, and not listed in knownLocations; reference a resource in this stack, or declare { resource: ${JSON.stringify(str(value) ?? "")}, region } under knownLocations in the policy config.`;
}

/** Checks a literal region value (replica regions, peer regions). */
export function regionProblem(path: string, value: unknown, allowed: readonly string[], unset = "fine"): string | undefined {
  if (value === undefined || value === null || value === "") return unset === "fine" ? undefined : `${path} is not set; ${unset}`;
  if (isUnknown(value)) return `${path} is unknown until deployment (fail closed); set it to a literal region: ${allowed.join(" or ")}.`;
  const s = str(value);
  if (s && allowed.includes(s)) return undefined;
  return `${path} is ${show(value)}, outside ${allowed.join(", ")}; set ${path} to ${allowed.map((a) => JSON.stringify(a)).join(" or ")}.`;
}
