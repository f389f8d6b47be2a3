import type * as aws from "@pulumi/aws";
import { isCmk, keyProblem } from "../lib/kms";
import { resourcePolicy } from "../lib/policy";
import { get, Props } from "../lib/values";

/** Audit and application logs: CloudTrail trails and CloudWatch log groups under a customer-managed key. */

export const logEncryption = resourcePolicy<Props>({
  name: "log-encryption",
  description: "CloudTrail trails and CloudWatch log groups must be encrypted with a customer-managed KMS key.",
  types: ["aws:cloudtrail/trail:Trail", "aws:cloudwatch/logGroup:LogGroup"],
  fix: "Set kmsKeyId to a customer-managed aws.kms.Key ARN whose key policy lets the logs service use it.",
  validate(p, _ctx, report) {
    const k = get<aws.cloudwatch.LogGroupArgs>(p, "kmsKeyId");
    if (!isCmk(k)) report(keyProblem("kmsKeyId", k));
  },
});
