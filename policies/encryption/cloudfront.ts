import { oneOf, show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { arr, collect, flag, isSet, obj, Props, str } from "../lib/values";

/** CloudFront in transit: viewers to the edge (behaviours, certificate) and the edge to origins. */

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const VPC_ORIGIN = "aws:cloudfront/vpcOrigin:VpcOrigin";

export const DEFAULT_MIN_PROTOCOLS = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];
const VIEWER_POLICIES = ["redirect-to-https", "https-only"];

interface CloudFrontConfig {
  readonly allowedMinimumProtocolVersions: readonly string[];
}

function originProblems(path: string, policy: unknown, protocols: unknown, host: unknown): string[] {
  const out: string[] = [];
  if (str(policy) !== "https-only") {
    const website = /\.s3-website[.-]/.test(str(host) ?? "");
    out.push(`${path}.originProtocolPolicy is ${show(policy)}; set it to "https-only"${website ? " (an S3 website endpoint speaks HTTP only: use the bucket's REST endpoint with origin access control)" : ""}.`);
  }
  const weak = arr(protocols).filter((x) => x !== "TLSv1.2");
  if (weak.length) out.push(`${path}.originSslProtocols includes ${oneOf(weak.map(String))}; set it to ["TLSv1.2"].`);
  return out;
}

export const cloudfrontTls = resourcePolicy<Props, CloudFrontConfig>({
  name: "cloudfront-tls",
  description: "CloudFront must serve viewers over HTTPS with TLS 1.2+ (SNI) and reach origins over HTTPS with TLS 1.2 only.",
  types: [DISTRIBUTION, VPC_ORIGIN],
  fix: 'viewerProtocolPolicy "redirect-to-https" on every behaviour; viewerCertificate { acmCertificateArn, sslSupportMethod "sni-only", minimumProtocolVersion "TLSv1.2_2021" }; origins customOriginConfig { originProtocolPolicy "https-only", originSslProtocols ["TLSv1.2"] }.',
  config: {
    allowedMinimumProtocolVersions: { type: "array", items: { type: "string" }, minItems: 1, default: DEFAULT_MIN_PROTOCOLS, description: "Accepted viewerCertificate.minimumProtocolVersion values" },
  },
  defaults: { allowedMinimumProtocolVersions: DEFAULT_MIN_PROTOCOLS },
  validate(p, ctx, report) {
    if (ctx.type === VPC_ORIGIN) {
      const c = obj(p.vpcOriginEndpointConfig);
      for (const m of originProblems("vpcOriginEndpointConfig", c?.originProtocolPolicy, obj(c?.originSslProtocols)?.items, undefined)) report(m);
      return;
    }
    const behaviours = [...collect(p, "defaultCacheBehavior"), ...collect(p, "orderedCacheBehaviors[]")];
    for (const b of behaviours) {
      const v = obj(b.value)?.viewerProtocolPolicy;
      if (!VIEWER_POLICIES.includes(str(v) ?? "")) report(wrong(`${b.path}.viewerProtocolPolicy`, v, '"redirect-to-https" (or "https-only")'));
    }
    const cert = obj(p.viewerCertificate) ?? {};
    if (flag(cert.cloudfrontDefaultCertificate) !== true) {
      if (isSet(cert.sslSupportMethod) && str(cert.sslSupportMethod) !== "sni-only") report(wrong("viewerCertificate.sslSupportMethod", cert.sslSupportMethod, '"sni-only"'));
      const min = cert.minimumProtocolVersion;
      if (!ctx.config.allowedMinimumProtocolVersions.includes(str(min) ?? "")) {
        report(`viewerCertificate.minimumProtocolVersion is ${isSet(min) ? show(min) : 'not set (CloudFront then allows "TLSv1")'}; set it to ${oneOf(ctx.config.allowedMinimumProtocolVersions)}.`);
      }
    }
    for (const o of collect(p, "origins[]")) {
      const custom = obj(obj(o.value)?.customOriginConfig);
      if (!custom) continue;
      for (const m of originProblems(`${o.path}.customOriginConfig`, custom.originProtocolPolicy, custom.originSslProtocols, obj(o.value)?.domainName)) report(m);
    }
  },
});

export const cloudfrontDefaultCertificate = resourcePolicy<Props>({
  name: "cloudfront-default-certificate",
  description: "The default *.cloudfront.net certificate allows TLS 1.0 to viewers; use your own certificate.",
  enforcementLevel: "advisory",
  types: [DISTRIBUTION],
  fix: 'Set viewerCertificate { acmCertificateArn (us-east-1), sslSupportMethod "sni-only", minimumProtocolVersion "TLSv1.2_2021" }.',
  validate(p, _ctx, report) {
    const cert = obj(p.viewerCertificate);
    if (flag(cert?.cloudfrontDefaultCertificate) === true) {
      report(`viewerCertificate.cloudfrontDefaultCertificate is true, which pins minimumProtocolVersion to TLSv1; set viewerCertificate.acmCertificateArn to a us-east-1 ACM certificate with minimumProtocolVersion "TLSv1.2_2021".`);
    }
  },
});
