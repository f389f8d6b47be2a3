import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { Waiver } from "./waivers";

/**
 * Config every policy accepts, under the Pulumi CLI (`--policy-pack-config`, validated against each
 * policy's `configSchema`) and under the offline runner (policies/policy-config.yaml, spread to the
 * same per-policy shape by cli/policy/config.ts).
 */
export interface CommonConfig {
  /** Waivers for this policy. */
  readonly waivers?: readonly Waiver[];
}

/** The Australian regions: where data may live unless the config narrows it. */
export const DEFAULT_ALLOWED_REGIONS: readonly string[] = ["ap-southeast-2", "ap-southeast-4"];

export interface RegionConfig {
  /** Regions resources and data may be in. */
  readonly allowedRegions: readonly string[];
}

const datePattern = "^\\d{4}-\\d{2}-\\d{2}$";

export const waiverSchema: PolicyConfigJSONSchema = {
  type: "object",
  required: ["resource", "reason", "approvedBy", "expires"],
  additionalProperties: false,
  properties: {
    resource: { type: "string", minLength: 1, description: "URN glob (starting urn:) or logical-name glob of the waived resources" },
    policy: { type: "string", description: "The policy waived (<pack>/<policy> or <policy>); optional here, the config is per policy" },
    reason: { type: "string", minLength: 1 },
    approvedBy: { type: "string", minLength: 1 },
    expires: { type: "string", pattern: datePattern, description: "Last day the waiver holds (YYYY-MM-DD, UTC)" },
  },
};

export const commonConfigSchema: Readonly<Record<string, PolicyConfigJSONSchema>> = {
  waivers: { type: "array", items: waiverSchema, default: [], description: "Approved, dated exceptions to this policy" },
};

export const allowedRegionsSchema: Readonly<Record<string, PolicyConfigJSONSchema>> = {
  allowedRegions: {
    type: "array",
    items: { type: "string", pattern: "^[a-z]{2}(-gov)?-[a-z]+-\\d$" },
    minItems: 1,
    uniqueItems: true,
    default: [...DEFAULT_ALLOWED_REGIONS],
    description: "Regions where resources and data may be (default: ap-southeast-2, ap-southeast-4)",
  },
};

export const regionDefaults: RegionConfig = { allowedRegions: DEFAULT_ALLOWED_REGIONS };
