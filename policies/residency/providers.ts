import { allowedRegionsSchema, DEFAULT_ALLOWED_REGIONS } from "../lib/config";
import { AWS_PROVIDER_TYPES, isAwsResourceType, isGlobalType } from "../lib/globalServices";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { Props, str } from "../lib/values";
import { exemptionSchema, PlacementConfig, placedByItself, placementProblem } from "./placement";

/**
 * Providers decide where everything without its own region goes. Matched on the type token
 * (`pulumi:providers:aws`, `pulumi:providers:aws-native`): validateResourceOfType(aws.Provider) never
 * matches a provider.
 */

const DATADOG_PROVIDER = "pulumi:providers:datadog";

/** AP2 is Datadog's Australian site. */
export const DEFAULT_DATADOG_API_URLS = ["https://api.ap2.datadoghq.com/"];

/**
 * A provider's region matters only through what it places: a provider outside Australia (or with no
 * region, or one unknown at preview) is a finding for each non-global resource that takes its region,
 * reported on that resource (where the data is) and never again on the provider; a provider that
 * places only global resources (IAM, Organizations, Route 53, CloudFront) or proven us-east-1
 * dependencies is compliant.
 */
export const awsProviderRegion = stackPolicy<PlacementConfig>({
  name: "aws-provider-region",
  description: "What an AWS provider places must be in an allowed region: each resource that takes its provider's region is judged where it is; global and proven us-east-1 resources are exempt.",
  types: [...AWS_PROVIDER_TYPES],
  fix: 'Set region: "ap-southeast-2" (or "ap-southeast-4") on the provider, or give the resource a region input; keep a us-east-1 provider only for CloudFront, Cognito and AppSync domain certificates, WAF, Lambda@Edge and DNSSEC signing keys.',
  config: { ...allowedRegionsSchema, ...exemptionSchema },
  defaults: { allowedRegions: DEFAULT_ALLOWED_REGIONS, allowRoute53QueryLogsInUsEast1: false, allowCloudFrontWafLogsInUsEast1: false },
  validate(stack, { config }, report) {
    // Only providers whose region is not a literal allowed one can misplace anything.
    const providers = new Set(stack.ofType(...AWS_PROVIDER_TYPES).filter((p) => !config.allowedRegions.includes(str(p.props.region) ?? "")).map((p) => p.urn));
    if (providers.size === 0) return;
    for (const r of stack.resources) {
      if (!r.provider || !providers.has(r.provider.urn) || !isAwsResourceType(r.type) || isGlobalType(r.type) || placedByItself(r)) continue;
      const problem = placementProblem(stack, r, config);
      if (problem) report(r.urn, problem);
    }
  },
});

interface DatadogConfig {
  readonly allowedDatadogApiUrls: readonly string[];
}

function normalise(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, "") + "/";
}

export const datadogSite = resourcePolicy<Props, DatadogConfig>({
  name: "datadog-site",
  description: "The Datadog provider must send data to an Australian Datadog site (AP2).",
  types: [DATADOG_PROVIDER],
  fix: 'Set apiUrl: "https://api.ap2.datadoghq.com/" on the datadog provider (DD_HOST in the environment is invisible to policy).',
  config: {
    allowedDatadogApiUrls: { type: "array", items: { type: "string" }, minItems: 1, default: DEFAULT_DATADOG_API_URLS, description: "Accepted Datadog provider apiUrl values" },
  },
  defaults: { allowedDatadogApiUrls: DEFAULT_DATADOG_API_URLS },
  validate(p, ctx, report) {
    const url = p.apiUrl;
    const allowed = ctx.config.allowedDatadogApiUrls.map(normalise);
    if (isUnknown(url)) {
      report(`apiUrl is unknown until deployment (fail closed); set apiUrl to the literal ${JSON.stringify(ctx.config.allowedDatadogApiUrls[0])}.`);
      return;
    }
    const s = str(url);
    if (!s) {
      report(`apiUrl is not set, so the provider uses Datadog's US1 site (api.datadoghq.com); set apiUrl to ${JSON.stringify(ctx.config.allowedDatadogApiUrls[0])}.`);
      return;
    }
    if (!allowed.includes(normalise(s))) report(`apiUrl is ${JSON.stringify(s)}, a Datadog site outside Australia; set apiUrl to ${JSON.stringify(ctx.config.allowedDatadogApiUrls[0])}.`);
  },
});
