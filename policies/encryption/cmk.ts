import { keyProblem, keyVerdict } from "../lib/kms";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { BUCKET_TYPES, SSE_TYPES } from "../lib/s3";
import { collect, Props } from "../lib/values";
import { isTenantData, KEY_SITE_TYPES, keySitesOf } from "./cmkTable";
import { dataBucketKeyProblem } from "./s3";

/**
 * The customer-managed-key tier, apart from "encrypted": `cmk-required` (mandatory) for data buckets,
 * DynamoDB, Secrets Manager and tenant data; `cmk-recommended` (advisory) for every other key site.
 * Each can be given its own enforcement level in the policy config.
 */

/** The key problems of one resource, one message per key site found wanting. */
export function keyProblems(type: string, props: Props, tier: "required" | "recommended"): string[] {
  const tenant = isTenantData(props);
  const out: string[] = [];
  for (const site of keySitesOf(type)) {
    const required = site.required === true || tenant;
    if ((tier === "required") !== required) continue;
    if (site.when && !site.when(props)) continue;
    const extra = site.extra?.(props);
    if (extra) {
      out.push(extra);
      continue;
    }
    for (const key of site.keys) {
      const found = collect(props, key);
      // A list key (`replicas[].kmsKeyArn`) with no list means there is nothing to key.
      if (found.length === 0 && !key.includes("[]")) found.push({ path: key, value: undefined });
      for (const f of found) {
        const k = keyVerdict(f.value);
        if (k === "absent" || k === "aws-managed") out.push(keyProblem(f.path, f.value));
      }
    }
  }
  return out;
}

export const cmkRequired = stackPolicy({
  name: "cmk-required",
  description:
    "Data buckets, DynamoDB tables, Secrets Manager secrets and tenant data must be encrypted with a customer-managed KMS key, not an AWS-owned or AWS-managed one.",
  enforcementLevel: "mandatory",
  types: [...BUCKET_TYPES, ...SSE_TYPES, ...KEY_SITE_TYPES],
  fix: "Point the resource's key property (kmsKeyId / kmsKeyArn / kmsMasterKeyId) at a customer-managed aws.kms.Key; for a bucket, add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms and that key.",
  validate(stack, _ctx, report) {
    for (const bucket of stack.ofType(...BUCKET_TYPES)) {
      const problem = dataBucketKeyProblem(stack, bucket);
      if (problem) report(bucket.urn, problem);
    }
    for (const type of KEY_SITE_TYPES) {
      for (const r of stack.ofType(type)) {
        for (const m of keyProblems(type, r.props, "required")) {
          report(r.urn, `${isTenantData(r.props) ? "tenant data " : ""}${r.name}: ${m}`);
        }
      }
    }
  },
});

export const cmkRecommended = resourcePolicy({
  name: "cmk-recommended",
  description: "Encrypted resources should use a customer-managed KMS key (rotation and key policy under your control), not an AWS-managed one.",
  enforcementLevel: "advisory",
  types: KEY_SITE_TYPES,
  fix: "Set the resource's key property to a customer-managed aws.kms.Key ARN.",
  validate(props, ctx, report) {
    for (const m of keyProblems(ctx.type, props, "recommended")) report(m);
  },
});
