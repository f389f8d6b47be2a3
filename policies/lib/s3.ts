import { perStack } from "./memo";
import { StackView, ViewResource } from "./stack";
import { collect, json, obj, str } from "./values";

/** S3's split resources, joined: a bucket with its encryption configuration, policies and role as a log target. */

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const SSE_TYPES = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];
const LB_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

export const ALGORITHMS = ["aws:kms", "aws:kms:dsse", "AES256"];

/** One default-encryption rule: where it was found and what it sets. */
export interface SseRule {
  /** `<resource name>: rules[0].applyServerSideEncryptionByDefault` or the bucket's inline path. */
  readonly where: string;
  /** The URN of the resource that holds the rule (the configuration, or the bucket for an inline block). */
  readonly urn: string;
  readonly path: string;
  readonly algorithm: unknown;
  readonly key: unknown;
}

/**
 * The default-encryption rules that apply to a bucket: its SSE configuration resources and any inline
 * block. Asked by several policies (cmk-required, s3-bucket-encryption...): worked out once per stack.
 */
export const sseRulesOf: (stack: StackView, bucket: ViewResource) => readonly SseRule[] = perStack(sseRulesOnce);

function sseRulesOnce(stack: StackView, bucket: ViewResource): SseRule[] {
  const out: SseRule[] = [];
  for (const cfg of stack.referrers(bucket, SSE_TYPES, "bucket")) {
    const rules = collect(cfg.props, "rules[]");
    for (const r of rules) {
      const by = obj(obj(r.value)?.applyServerSideEncryptionByDefault);
      out.push({ where: cfg.name, urn: cfg.urn, path: `${r.path}.applyServerSideEncryptionByDefault`, algorithm: by?.sseAlgorithm, key: by?.kmsMasterKeyId });
    }
  }
  const inline =
    bucket.type === "aws:s3/bucketV2:BucketV2"
      ? collect(bucket.props, "serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[]")
      : collect(bucket.props, "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault");
  for (const f of inline) {
    const by = obj(f.value);
    if (by) out.push({ where: bucket.name, urn: bucket.urn, path: f.path, algorithm: by.sseAlgorithm, key: by.kmsMasterKeyId });
  }
  return out;
}

/** The bucket a CloudFront logging host (`name.s3.amazonaws.com`) names. */
function bucketOfHost(host: unknown): string | undefined {
  const h = str(host);
  if (!h) return undefined;
  const m = /^(.+?)\.s3[.-]/.exec(h);
  return m ? m[1] : h;
}

/**
 * Whether a bucket receives logs from a service that cannot write with SSE-KMS (S3 server access logs,
 * load balancer access and connection logs, CloudFront standard logs): such buckets may use AES256.
 */
export const isLogTarget: (stack: StackView, bucket: ViewResource) => boolean = perStack(isLogTargetOnce);

function isLogTargetOnce(stack: StackView, bucket: ViewResource): boolean {
  if (stack.referrers(bucket, LOGGING_TYPES, "targetBucket").length) return true;
  if (stack.referrers(bucket, ["aws:s3/bucket:Bucket"], "logging.targetBucket").length) return true;
  if (stack.referrers(bucket, ["aws:s3/bucketV2:BucketV2"], "loggings[].targetBucket").length) return true;
  if (stack.referrers(bucket, LB_TYPES, "accessLogs.bucket").length) return true;
  if (stack.referrers(bucket, LB_TYPES, "connectionLogs.bucket").length) return true;
  for (const d of stack.ofType(DISTRIBUTION)) {
    for (const f of collect(d.props, "loggingConfig.bucket")) {
      if (stack.refs(d, "loggingConfig.bucket", [bucket.type], bucketOfHost(f.value)).includes(bucket)) return true;
    }
  }
  return false;
}

/** The policy documents that apply to a bucket: BucketPolicy resources and the inline `policy`. */
export const bucketPolicyDocs: (stack: StackView, bucket: ViewResource) => readonly { readonly where: string; readonly doc: unknown }[] = perStack((stack, bucket) => {
  const out = stack.referrers(bucket, [BUCKET_POLICY], "bucket").map((p) => ({ where: p.name, doc: policyDocument(stack, p) }));
  if (bucket.props.policy !== undefined && bucket.props.policy !== "") out.push({ where: bucket.name, doc: policyDocument(stack, bucket) });
  return out;
});

/** A resource's `policy` document, parsed once per stack (bucket, queue, topic and file system policies). */
export const policyDocument: (stack: StackView, r: ViewResource) => unknown = perStack((_stack, r) => json(r.props.policy));
