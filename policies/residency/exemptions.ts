import { StackView, ViewResource } from "../lib/stack";
import { collect, flag, str } from "../lib/values";

/**
 * The us-east-1 exemptions: a resource there passes placement only with a proven consumer in the
 * same stack that AWS serves only from us-east-1: CloudFront (ACM certificates, WAF web ACLs,
 * Lambda@Edge), the custom domains of Cognito user pools and AppSync APIs (fronted by CloudFront, so
 * their ACM certificate must be in us-east-1), and Route 53 DNSSEC signing (the key-signing key's KMS
 * key must be in us-east-1); or with an opt-in flag for logs that must live there.
 */

export const EDGE_REGION = "us-east-1";

export interface ExemptionConfig {
  readonly allowRoute53QueryLogsInUsEast1: boolean;
  readonly allowCloudFrontWafLogsInUsEast1: boolean;
}

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const CERTIFICATE = "aws:acm/certificate:Certificate";
const CERT_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
const API_DOMAIN = "aws:apigateway/domainName:DomainName";
const COGNITO_DOMAIN = "aws:cognito/userPoolDomain:UserPoolDomain";
const APPSYNC_DOMAIN = "aws:appsync/domainName:DomainName";
const KMS_KEY = "aws:kms/key:Key";
const KEY_SIGNING_KEY = "aws:route53/keySigningKey:KeySigningKey";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const WAF_PARTS = ["aws:wafv2/ruleGroup:RuleGroup", "aws:wafv2/ipSet:IpSet", "aws:wafv2/regexPatternSet:RegexPatternSet"];
const LAMBDA = "aws:lambda/function:Function";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LOG_RESOURCE_POLICY = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy";
const QUERY_LOG = "aws:route53/queryLog:QueryLog";
const WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

function certificateConsumers(stack: StackView, cert: ViewResource): string[] {
  const out = stack.referrers(cert, [DISTRIBUTION], "viewerCertificate.acmCertificateArn").map((d) => `distribution ${d.name}`);
  for (const d of stack.referrers(cert, [API_DOMAIN], "certificateArn")) out.push(`edge API domain ${d.name}`);
  for (const d of stack.referrers(cert, [COGNITO_DOMAIN], "certificateArn")) out.push(`Cognito user pool domain ${d.name}`);
  for (const d of stack.referrers(cert, [APPSYNC_DOMAIN], "certificateArn")) out.push(`AppSync domain ${d.name}`);
  return out;
}

function isCloudFrontAcl(acl: ViewResource): boolean {
  return str(acl.props.scope) === "CLOUDFRONT";
}

function aclConsumers(stack: StackView, acl: ViewResource): string[] {
  if (!isCloudFrontAcl(acl)) return [];
  return stack.referrers(acl, [DISTRIBUTION], "webAclId").map((d) => `distribution ${d.name}`);
}

/** Strings anywhere in a value (WAF rule statements nest references deeply). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

function edgeFunctionConsumers(stack: StackView, fn: ViewResource): string[] {
  if (flag(fn.props.publish) !== true) return [];
  const out: string[] = [];
  for (const path of ["defaultCacheBehavior.lambdaFunctionAssociations[].lambdaArn", "orderedCacheBehaviors[].lambdaFunctionAssociations[].lambdaArn"]) {
    for (const d of stack.referrers(fn, [DISTRIBUTION], path)) if (!out.includes(`distribution ${d.name}`)) out.push(`distribution ${d.name}`);
  }
  return out;
}

/**
 * Why a us-east-1 resource is allowed there, or undefined when it is not. The reason names the
 * consumer so the exemption is visible in reviews.
 */
export function usEast1Exemption(stack: StackView, r: ViewResource, config: ExemptionConfig): string | undefined {
  switch (r.type) {
    case CERTIFICATE: {
      const c = certificateConsumers(stack, r);
      return c.length ? `ACM certificate served through CloudFront, used by ${c.join(", ")}` : undefined;
    }
    case CERT_VALIDATION: {
      const certs = stack.refs(r, "certificateArn", [CERTIFICATE]);
      return certs.some((c) => certificateConsumers(stack, c).length) ? "validation of a CloudFront certificate" : undefined;
    }
    case WEB_ACL: {
      const c = aclConsumers(stack, r);
      return c.length ? `CLOUDFRONT web ACL used by ${c.join(", ")}` : undefined;
    }
    case KMS_KEY: {
      const ksk = stack.referrers(r, [KEY_SIGNING_KEY], "keyManagementServiceArn");
      return ksk.length ? `KMS key of Route 53 DNSSEC key-signing key ${ksk.map((k) => k.name).join(", ")}` : undefined;
    }
    case LAMBDA: {
      const c = edgeFunctionConsumers(stack, r);
      return c.length ? `Lambda@Edge function of ${c.join(", ")} (it runs and logs at edge locations worldwide)` : undefined;
    }
    default:
      break;
  }
  if (WAF_PARTS.includes(r.type)) {
    if (str(r.props.scope) !== "CLOUDFRONT") return undefined;
    for (const acl of stack.ofType(WEB_ACL)) {
      if (!aclConsumers(stack, acl).length) continue;
      const refs = strings(acl.props.rules).flatMap((s) => stack.refs(acl, "rules", [r.type], s));
      const deps = (acl.propertyDependencies.rules ?? []).includes(r.urn);
      if (refs.includes(r) || deps) return `CLOUDFRONT WAF ${r.type.split(":").pop()} used by web ACL ${acl.name}`;
    }
    return undefined;
  }
  if (config.allowRoute53QueryLogsInUsEast1) {
    if (r.type === LOG_GROUP && stack.referrers(r, [QUERY_LOG], "cloudwatchLogGroupArn").length) return "Route 53 query log group (allowRoute53QueryLogsInUsEast1)";
    if (r.type === LOG_RESOURCE_POLICY && stack.ofType(QUERY_LOG).length) return "log resource policy for Route 53 query logs (allowRoute53QueryLogsInUsEast1)";
  }
  if (config.allowCloudFrontWafLogsInUsEast1) {
    const cfLogging = stack.ofType(WAF_LOGGING).filter((l) => stack.refs(l, "resourceArn", [WEB_ACL]).some(isCloudFrontAcl) || /:global\/webacl\//.test(str(l.props.resourceArn) ?? ""));
    if (r.type === WAF_LOGGING && cfLogging.includes(r)) return "logging of a CLOUDFRONT web ACL (allowCloudFrontWafLogsInUsEast1)";
    if ([LOG_GROUP, FIREHOSE, ...BUCKETS].includes(r.type)) {
      for (const l of cfLogging) {
        if (collect(l.props, "logDestinationConfigs[]").some((f) => stack.refs(l, "logDestinationConfigs", [r.type], f.value).includes(r))) {
          return `destination of CloudFront WAF logs ${l.name} (allowCloudFrontWafLogsInUsEast1)`;
        }
      }
    }
  }
  return undefined;
}
