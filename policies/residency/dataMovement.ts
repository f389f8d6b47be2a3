import { allowedRegionsSchema, DEFAULT_ALLOWED_REGIONS } from "../lib/config";
import { knownLocationsSchema, locate, locationProblem, ResidencyConfig } from "../lib/locate";
import { LzStackPolicy, stackPolicy, StackPolicySpec } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { collect } from "../lib/values";

/**
 * Shared shape of the data-movement policies: each lists the places (resource type, property path,
 * the resource types the value may name) where data leaves for another location, and every value
 * found there must locate to an allowed region.
 */

export interface Destination {
  readonly type: string;
  /** Property path; `[]` expands lists. */
  readonly path: string;
  /** Resource types the value may name in this stack. */
  readonly targets: readonly string[];
  /** What the value is, for messages ("replication destination bucket"). */
  readonly what: string;
  /** A plain identifier (not an ARN) names something in the resource's own region: only ARNs move data. */
  readonly onlyArns?: boolean;
}

export const residencyDefaults: ResidencyConfig = { allowedRegions: DEFAULT_ALLOWED_REGIONS, knownLocations: [] };
export const residencySchema = { ...allowedRegionsSchema, ...knownLocationsSchema };

/** Judges every destination of `dests` found in the stack. */
export function checkDestinations(stack: StackView, dests: readonly Destination[], config: ResidencyConfig, report: (urn: string, m: string) => void): void {
  for (const d of dests) {
    for (const r of stack.ofType(d.type)) checkOne(stack, r, d, config, report);
  }
}

function checkOne(stack: StackView, r: ViewResource, d: Destination, config: ResidencyConfig, report: (urn: string, m: string) => void): void {
  for (const f of collect(r.props, d.path)) {
    if (f.value === undefined || f.value === null || f.value === "") continue;
    if (d.onlyArns && typeof f.value === "string" && !isUnknown(f.value) && !f.value.startsWith("arn:")) continue;
    const loc = locate(stack, r, d.path, f.value, d.targets, config);
    const m = locationProblem(d.what, f.path, f.value, loc, config.allowedRegions);
    if (m) report(r.urn, m);
  }
}

type DestinationSpec = Omit<StackPolicySpec<ResidencyConfig>, "validate" | "types" | "config" | "defaults"> & {
  /** Types the `extra` check judges beyond the destinations'. */
  readonly extraTypes?: readonly string[];
};

/** A stack policy over `dests`, plus an optional extra check (literal region properties). */
export function destinationPolicy(spec: DestinationSpec, dests: readonly Destination[], extra?: StackPolicySpec<ResidencyConfig>["validate"]): LzStackPolicy {
  return stackPolicy<ResidencyConfig>({
    ...spec,
    types: [...new Set([...dests.map((d) => d.type), ...(spec.extraTypes ?? [])])],
    config: residencySchema,
    defaults: residencyDefaults,
    validate(stack, ctx, report) {
      checkDestinations(stack, dests, ctx.config, report);
      extra?.(stack, ctx, report);
    },
  });
}
