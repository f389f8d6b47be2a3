import { hasTlsOnlyDeny, isUnknownDoc, TLS_DENY_EXAMPLE } from "../lib/iam";
import { keyVerdict } from "../lib/kms";
import { show } from "../lib/messages";
import { stackPolicy } from "../lib/policy";
import { ALGORITHMS, BUCKET_POLICY, BUCKET_TYPES, bucketPolicyDocs, isLogTarget, SSE_TYPES, sseRulesOf } from "../lib/s3";
import { StackView, ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

/**
 * S3 in aws 7 is split: the bucket, its BucketServerSideEncryptionConfiguration and its BucketPolicy
 * are separate resources, so these are stack policies that judge them together.
 */

/** A data bucket's default encryption, for the CMK tier: undefined when it uses a customer-managed key. */
export function dataBucketKeyProblem(stack: StackView, bucket: ViewResource): string | undefined {
  if (isLogTarget(stack, bucket)) return undefined;
  const rules = sseRulesOf(stack, bucket);
  const fix = `add an aws.s3.BucketServerSideEncryptionConfiguration with bucket = this bucket and rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: "aws:kms", kmsMasterKeyId: <customer-managed key ARN> }`;
  if (rules.length === 0) {
    return `data bucket ${bucket.name} has no server-side encryption configuration, so objects get SSE-S3 (AWS-owned keys), not a customer-managed key; ${fix}.`;
  }
  for (const r of rules) {
    if (r.algorithm !== "aws:kms" && r.algorithm !== "aws:kms:dsse") {
      return `data bucket ${bucket.name}: ${r.where} ${r.path}.sseAlgorithm is ${show(r.algorithm)}; set it to "aws:kms" with kmsMasterKeyId a customer-managed key ARN (AES256 is only for log-target buckets).`;
    }
    const k = keyVerdict(r.key);
    if (k === "absent" || k === "aws-managed") {
      return `data bucket ${bucket.name}: ${r.where} ${r.path}.kmsMasterKeyId is ${show(r.key)}${k === "absent" ? " (the AWS-managed aws/s3 key is used)" : ""}; set it to the ARN of a customer-managed KMS key.`;
    }
  }
  return undefined;
}

export const s3BucketEncryption = stackPolicy({
  name: "s3-bucket-encryption",
  description: "S3 default encryption must name a valid algorithm: aws:kms or aws:kms:dsse (AES256 only for log-target buckets).",
  types: [...BUCKET_TYPES, ...SSE_TYPES],
  fix: 'Set rules[].applyServerSideEncryptionByDefault.sseAlgorithm to "aws:kms" (or "AES256" on a bucket that only receives access logs).',
  validate(stack, _ctx, report) {
    for (const bucket of stack.ofType(...BUCKET_TYPES)) {
      const logTarget = isLogTarget(stack, bucket);
      for (const r of sseRulesOf(stack, bucket)) {
        if (isUnknown(r.algorithm) || !ALGORITHMS.includes(String(r.algorithm))) {
          report(r.urn, `${r.path}.sseAlgorithm for bucket ${bucket.name} is ${show(r.algorithm)}; set it to "aws:kms" with a customer-managed kmsMasterKeyId${logTarget ? ' (or "AES256": this bucket receives access logs)' : ""}.`);
        } else if (r.algorithm === "AES256" && r.key !== undefined && r.key !== "" && r.key !== null) {
          report(r.urn, `${r.path} for bucket ${bucket.name} sets kmsMasterKeyId with sseAlgorithm "AES256", which ignores the key; set sseAlgorithm to "aws:kms".`);
        }
      }
    }
  },
});

export const s3TlsOnly = stackPolicy({
  name: "s3-tls-only",
  description: "Every S3 bucket must deny requests that do not use TLS (a bucket policy Deny on aws:SecureTransport = false).",
  types: [...BUCKET_TYPES, BUCKET_POLICY],
  fix: `Attach an aws.s3.BucketPolicy whose policy has ${TLS_DENY_EXAMPLE("s3", '["<bucket arn>","<bucket arn>/*"]')}.`,
  validate(stack, _ctx, report) {
    for (const bucket of stack.ofType(...BUCKET_TYPES)) {
      const docs = bucketPolicyDocs(stack, bucket);
      // A document built from outputs is not known at preview: it is judged when the update runs.
      const name = str(bucket.props.bucket) ?? bucket.id;
      if (docs.some((d) => isUnknownDoc(d.doc) || hasTlsOnlyDeny(d.doc, "s3", name))) continue;
      const where = docs.length
        ? `its bucket policy (${docs.map((d) => d.where).join(", ")}) has no TLS-only statement (a Deny to "*" of s3:* on the bucket and its objects ${name ? `(arn:aws:s3:::${name}/*)` : ""} whose only condition is Bool or BoolIfExists aws:SecureTransport = false)`
        : "it has no bucket policy";
      report(bucket.urn, `bucket ${bucket.name} accepts plain HTTP: ${where}; add the statement ${TLS_DENY_EXAMPLE("s3", '["<bucket arn>","<bucket arn>/*"]')} to an aws.s3.BucketPolicy for it.`);
    }
  },
});
