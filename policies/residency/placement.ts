import { allowedRegionsSchema, DEFAULT_ALLOWED_REGIONS } from "../lib/config";
import { isAwsResourceType, isGlobalType } from "../lib/globalServices";
import { stackPolicy } from "../lib/policy";
import { describeSource } from "../lib/region";
import { StackView, ViewResource } from "../lib/stack";
import { EDGE_REGION, ExemptionConfig, usEast1Exemption } from "./exemptions";

/**
 * Placement: every AWS resource (bridged `aws:` or Cloud Control `aws-native:`) is in an allowed
 * region, unless its service is global or it is a us-east-1 resource with a proven consumer. A region
 * that is missing or unknown at preview fails closed. This policy judges the resources that name
 * their own region (or have no explicit provider); aws-provider-region judges those that take their
 * provider's, so each placement is reported once, on the resource that holds the data.
 */

export interface PlacementConfig extends ExemptionConfig {
  readonly allowedRegions: readonly string[];
}

export const exemptionSchema = {
  allowRoute53QueryLogsInUsEast1: { type: "boolean" as const, default: false, description: "Allow the us-east-1 log group (and log resource policy) Route 53 public query logs need: the logs leave Australia" },
  allowCloudFrontWafLogsInUsEast1: { type: "boolean" as const, default: false, description: "Allow us-east-1 destinations for CloudFront WAF logs: the logs leave Australia" },
};

export { isAwsResourceType };

/** Whether placement judges `r`; otherwise its provider's region decides, and aws-provider-region judges it. */
export function placedByItself(r: ViewResource): boolean {
  return !r.provider || r.region().source === "resource";
}

/** Why a resource's placement is not allowed, or undefined when it is (global services are the caller's concern). */
export function placementProblem(stack: StackView, r: ViewResource, config: PlacementConfig): string | undefined {
  const allowed = config.allowedRegions;
  const eff = r.region();
  const where = describeSource(eff, r.provider);
  if (eff.region === "unknown") {
    return `${r.name}'s region (${where}) is unknown until deployment, so its placement cannot be verified (fail closed); set it to a literal: ${allowed.join(" or ")}.`;
  }
  if (!eff.region) {
    return `${r.name} has no region: no region input${r.provider ? ` and its provider ${r.provider.name} sets none (an AWS_REGION or profile region is invisible to policy)` : " and no explicit provider"}; set region ${JSON.stringify(allowed[0])} on its provider.`;
  }
  if (allowed.includes(eff.region)) return undefined;
  if (eff.region === EDGE_REGION && usEast1Exemption(stack, r, config)) return undefined;
  const why =
    eff.region === EDGE_REGION
      ? " and no consumer in this stack that AWS serves only from us-east-1 (a CloudFront distribution, a Cognito or AppSync custom domain, a Route 53 DNSSEC key-signing key) proves it must be there"
      : "";
  return `${r.name} is placed in ${eff.region} (from ${where})${why}; set ${eff.source === "resource" ? "its region input" : `the region of provider ${r.provider?.name}`} to ${allowed.map((a) => JSON.stringify(a)).join(" or ")}.`;
}

export const resourcePlacement = stackPolicy<PlacementConfig>({
  name: "resource-placement",
  description: "Every AWS resource with its own region input (or no explicit provider) must be placed in an allowed (Australian) region; global services and proven us-east-1 dependencies are exempt.",
  types: (t) => isAwsResourceType(t),
  fix: "Give the resource region ap-southeast-2 or ap-southeast-4; us-east-1 only for a CloudFront certificate, CLOUDFRONT WAF or Lambda@Edge used by a distribution, a Cognito or AppSync domain's certificate, or a DNSSEC signing key, in this stack.",
  config: { ...allowedRegionsSchema, ...exemptionSchema },
  defaults: { allowedRegions: DEFAULT_ALLOWED_REGIONS, allowRoute53QueryLogsInUsEast1: false, allowCloudFrontWafLogsInUsEast1: false },
  validate(stack, { config }, report) {
    for (const type of stack.typeNames()) {
      if (!isAwsResourceType(type) || isGlobalType(type)) continue;
      for (const r of stack.ofType(type)) {
        if (!placedByItself(r)) continue;
        const problem = placementProblem(stack, r, config);
        if (problem) report(r.urn, problem);
      }
    }
  },
});
