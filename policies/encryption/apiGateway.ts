import type * as aws from "@pulumi/aws";
import { oneOf, show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { at, get, isSet, Props, str } from "../lib/values";

/** API Gateway custom domains and APIs: TLS 1.2+ security policies. */

const DOMAIN = "aws:apigateway/domainName:DomainName";
const REST_API = "aws:apigateway/restApi:RestApi";
const DOMAIN_V2 = "aws:apigatewayv2/domainName:DomainName";

/** TLS_1_2 and the enhanced TLS 1.2+/1.3 policies (which need endpointAccessMode set). */
export const DEFAULT_API_SECURITY_POLICIES = [
  "TLS_1_2",
  "SecurityPolicy_TLS13_1_3_2025_09",
  "SecurityPolicy_TLS13_1_2_2021_06",
  "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
  "SecurityPolicy_TLS13_1_2_PQ_2025_09",
  "SecurityPolicy_TLS12_PFS_2025_EDGE",
  "SecurityPolicy_TLS12_2018_EDGE",
];

interface ApiConfig {
  readonly allowedSecurityPolicies: readonly string[];
}

export const apiGatewayTls = resourcePolicy<Props, ApiConfig>({
  name: "api-gateway-tls",
  description: "API Gateway custom domains and APIs must negotiate TLS 1.2 or later.",
  types: [DOMAIN, REST_API, DOMAIN_V2],
  fix: 'Set securityPolicy "TLS_1_2" (v2: domainNameConfiguration.securityPolicy "TLS_1_2" with endpointType "REGIONAL").',
  config: {
    allowedSecurityPolicies: { type: "array", items: { type: "string" }, minItems: 1, default: DEFAULT_API_SECURITY_POLICIES, description: "Accepted API Gateway security policies" },
  },
  defaults: { allowedSecurityPolicies: DEFAULT_API_SECURITY_POLICIES },
  validate(p, ctx, report) {
    const allowed = ctx.config.allowedSecurityPolicies;
    if (ctx.type === DOMAIN_V2) {
      const cfg = get<aws.apigatewayv2.DomainNameArgs>(p, "domainNameConfiguration");
      const sp = at(cfg, "securityPolicy");
      if (str(sp) !== "TLS_1_2") report(wrong("domainNameConfiguration.securityPolicy", sp, '"TLS_1_2"'));
      const ep = at(cfg, "endpointType");
      if (str(ep) !== "REGIONAL") report(wrong("domainNameConfiguration.endpointType", ep, '"REGIONAL"'));
      return;
    }
    const sp = get<aws.apigateway.DomainNameArgs>(p, "securityPolicy");
    // A REST API without its own policy uses the account default; only a custom domain must say it.
    if (ctx.type === REST_API && !isSet(sp)) return;
    if (!allowed.includes(str(sp) ?? "")) {
      report(`securityPolicy is ${show(sp)}; set securityPolicy to ${oneOf(allowed.slice(0, 2))}${allowed.length > 2 ? " (or another allowed TLS 1.2+ policy)" : ""}.`);
      return;
    }
    if (str(sp)!.startsWith("SecurityPolicy_") && !isSet(get<aws.apigateway.DomainNameArgs>(p, "endpointAccessMode"))) {
      report(`securityPolicy ${JSON.stringify(sp)} is an enhanced policy, which needs endpointAccessMode; set endpointAccessMode to "STRICT" (or "BASIC").`);
    }
  },
});
