import { allowedRegionsSchema, DEFAULT_ALLOWED_REGIONS } from "../lib/config";
import { isGlobalType } from "../lib/globalServices";
import { stackPolicy } from "../lib/policy";
import { describeSource } from "../lib/region";
import { ViewResource } from "../lib/stack";
import { EDGE_REGION, ExemptionConfig, usEast1Exemption } from "./exemptions";

/**
 * Placement: every AWS resource's effective region (its own `region` input, else its provider's) is
 * allowed, unless its service is global or it is a us-east-1 resource with a proven consumer. A
 * region that is missing or unknown at preview fails closed.
 */

interface PlacementConfig extends ExemptionConfig {
  readonly allowedRegions: readonly string[];
}

export const exemptionSchema = {
  allowRoute53QueryLogsInUsEast1: { type: "boolean" as const, default: false, description: "Allow the us-east-1 log group (and log resource policy) Route 53 public query logs need: the logs leave Australia" },
  allowCloudFrontWafLogsInUsEast1: { type: "boolean" as const, default: false, description: "Allow us-east-1 destinations for CloudFront WAF logs: the logs leave Australia" },
};

export function isAwsResourceType(type: string): boolean {
  return type.startsWith("aws:");
}

export const resourcePlacement = stackPolicy<PlacementConfig>({
  name: "resource-placement",
  description: "Every AWS resource must be placed in an allowed (Australian) region; global services and proven us-east-1 CloudFront dependencies are exempt.",
  types: (t) => isAwsResourceType(t),
  fix: "Give the resource (or its provider) region ap-southeast-2 or ap-southeast-4; us-east-1 only for a CloudFront certificate, CLOUDFRONT WAF or Lambda@Edge used by a distribution in this stack.",
  config: { ...allowedRegionsSchema, ...exemptionSchema },
  defaults: { allowedRegions: DEFAULT_ALLOWED_REGIONS, allowRoute53QueryLogsInUsEast1: false, allowCloudFrontWafLogsInUsEast1: false },
  validate(stack, { config }, report) {
    const allowed = config.allowedRegions;
    for (const type of stack.typeNames()) {
      if (!isAwsResourceType(type) || isGlobalType(type)) continue;
      for (const r of stack.ofType(type)) judge(r);
    }

    function judge(r: ViewResource): void {
      const eff = r.region();
      if (eff.region === "unknown") {
        report(r.urn, `${r.name}'s region (${describeSource(eff, r.provider)}) is unknown until deployment, so its placement cannot be verified (fail closed); set it to a literal: ${allowed.join(" or ")}.`);
        return;
      }
      if (!eff.region) {
        report(r.urn, `${r.name} has no region: no region input${r.provider ? ` and its provider ${r.provider.name} sets none (an AWS_REGION or profile region is invisible to policy)` : " and no explicit provider"}; set region ${JSON.stringify(allowed[0])} on its provider.`);
        return;
      }
      if (allowed.includes(eff.region)) return;
      if (eff.region === EDGE_REGION && usEast1Exemption(stack, r, config)) return;
      const why = eff.region === EDGE_REGION ? " and no CloudFront consumer in this stack proves it must be there" : "";
      report(r.urn, `${r.name} is placed in ${eff.region} (from ${describeSource(eff, r.provider)})${why}; set ${eff.source === "resource" ? "its region input" : `the region of provider ${r.provider?.name}`} to ${allowed.map((a) => JSON.stringify(a)).join(" or ")}.`);
    }
  },
});
