import { isUnknown } from "./unknown";
import { str } from "./values";

/**
 * Customer-managed keys. A key reference is a CMK when it is set and is not an AWS-managed alias
 * (`alias/aws/<service>`, as an alias or inside an alias ARN). A reference that is unknown at preview
 * is a key being attached in the same deployment: it passes.
 */
export type KeyVerdict = "cmk" | "unknown" | "aws-managed" | "absent";

export function keyVerdict(v: unknown): KeyVerdict {
  if (isUnknown(v)) return "unknown";
  const s = str(v);
  if (!s) return "absent";
  if (/(^|:)alias\/aws\//.test(s)) return "aws-managed";
  return "cmk";
}

/** True for a CMK or a key not known until deployment. */
export function isCmk(v: unknown): boolean {
  const k = keyVerdict(v);
  return k === "cmk" || k === "unknown";
}

/** Why a key reference is not a CMK, for messages. */
export function keyProblem(path: string, v: unknown): string {
  const k = keyVerdict(v);
  const what = k === "aws-managed" ? `is the AWS-managed key ${JSON.stringify(str(v))}` : "is not set (an AWS-owned or AWS-managed key is used)";
  return `${path} ${what}; set ${path} to the ARN of a customer-managed KMS key (aws.kms.Key) with rotation on.`;
}
