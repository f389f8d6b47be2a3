import { allowedRegionsSchema, DEFAULT_ALLOWED_REGIONS } from "../lib/config";
import { isGlobalType } from "../lib/globalServices";
import { show } from "../lib/messages";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { Props, str } from "../lib/values";
import { EDGE_REGION, ExemptionConfig, usEast1Exemption } from "./exemptions";
import { exemptionSchema } from "./placement";

/**
 * Providers decide where everything without its own region goes. Matched on the type token
 * (`pulumi:providers:aws`): validateResourceOfType(aws.Provider) never matches a provider.
 */

const AWS_PROVIDER = "pulumi:providers:aws";
const DATADOG_PROVIDER = "pulumi:providers:datadog";

/** AP2 is Datadog's Australian site. */
export const DEFAULT_DATADOG_API_URLS = ["https://api.ap2.datadoghq.com/"];

interface ProviderConfig extends ExemptionConfig {
  readonly allowedRegions: readonly string[];
}

export const awsProviderRegion = stackPolicy<ProviderConfig>({
  name: "aws-provider-region",
  description: "Every AWS provider must set an allowed region explicitly; a us-east-1 provider may only serve proven CloudFront dependencies.",
  types: [AWS_PROVIDER],
  fix: 'Set region: "ap-southeast-2" (or "ap-southeast-4") on the provider; keep a us-east-1 provider only for CloudFront certificates, WAF and Lambda@Edge.',
  config: { ...allowedRegionsSchema, ...exemptionSchema },
  defaults: { allowedRegions: DEFAULT_ALLOWED_REGIONS, allowRoute53QueryLogsInUsEast1: false, allowCloudFrontWafLogsInUsEast1: false },
  validate(stack, { config }, report) {
    const allowed = config.allowedRegions;
    for (const p of stack.ofType(AWS_PROVIDER)) {
      const region = p.props.region;
      if (isUnknown(region)) {
        report(p.urn, `provider ${p.name}'s region is unknown until deployment (fail closed); set region to a literal: ${allowed.join(" or ")}.`);
        continue;
      }
      const r = str(region);
      if (!r) {
        report(p.urn, `provider ${p.name} sets no region, so it would take AWS_REGION or the profile's region, which policy cannot see; set region: ${JSON.stringify(allowed[0])}.`);
        continue;
      }
      if (allowed.includes(r)) continue;
      if (r === EDGE_REGION) {
        // What the provider places: resources that take its region (their own region input is judged by placement).
        const users = stack.resources.filter((x) => x.provider?.urn === p.urn && x.type.startsWith("aws:") && !isGlobalType(x.type) && x.region().source !== "resource");
        const unproven = users.filter((x) => !usEast1Exemption(stack, x, config));
        if (unproven.length === 0) continue;
        const names = [...new Set(unproven.map((x) => x.name))];
        const shown = names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
        report(p.urn, `provider ${p.name} is in us-east-1 and places ${shown} there without a CloudFront consumer; move ${unproven.length > 1 ? "them" : "it"} to a provider in ${allowed[0]}.`);
        continue;
      }
      report(p.urn, `provider ${p.name}'s region is ${show(region)}; set region to ${allowed.map((a) => JSON.stringify(a)).join(" or ")}.`);
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
