import { hasTlsOnlyDeny, isUnknownDoc, TLS_DENY_EXAMPLE } from "../lib/iam";
import { stackPolicy } from "../lib/policy";
import { policyDocument } from "../lib/s3";
import { StackView, ViewResource } from "../lib/stack";
import { isSet } from "../lib/values";

/**
 * Resource policies that refuse plain HTTP: EFS file systems (mandatory; S3 is in s3.ts) and SQS
 * queues / SNS topics (advisory: their endpoints are HTTPS-only for most clients already).
 */

const EFS = "aws:efs/fileSystem:FileSystem";
const EFS_POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy";
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";

function docsOf(stack: StackView, target: ViewResource, policyType: string, prop: string): unknown[] {
  const docs = stack.referrers(target, [policyType], prop).map((p) => policyDocument(stack, p));
  if (isSet(target.props.policy)) docs.push(policyDocument(stack, target));
  return docs;
}

function tlsOnly(docs: unknown[], service: string): boolean {
  return docs.some((d) => isUnknownDoc(d) || hasTlsOnlyDeny(d, service));
}

export const efsTlsOnly = stackPolicy({
  name: "efs-tls-only",
  description: "Every EFS file system must have a file system policy that denies non-TLS access.",
  types: [EFS, EFS_POLICY],
  fix: `Attach an aws.efs.FileSystemPolicy with ${TLS_DENY_EXAMPLE("elasticfilesystem", '"<file system arn>"')}.`,
  validate(stack, _ctx, report) {
    for (const fs of stack.ofType(EFS)) {
      if (tlsOnly(docsOf(stack, fs, EFS_POLICY, "fileSystemId"), "elasticfilesystem")) continue;
      report(fs.urn, `file system ${fs.name} has no policy denying non-TLS access; attach an aws.efs.FileSystemPolicy (fileSystemId = this file system) with ${TLS_DENY_EXAMPLE("elasticfilesystem", '"<file system arn>"')}.`);
    }
  },
});

export const sqsSnsTlsOnly = stackPolicy({
  name: "sqs-sns-tls-only",
  description: "SQS queues and SNS topics should deny requests that do not use TLS.",
  enforcementLevel: "advisory",
  types: [QUEUE, QUEUE_POLICY, TOPIC, TOPIC_POLICY],
  fix: "Add a Deny statement on aws:SecureTransport = false to the queue or topic policy.",
  validate(stack, _ctx, report) {
    for (const q of stack.ofType(QUEUE)) {
      if (!tlsOnly(docsOf(stack, q, QUEUE_POLICY, "queueUrl"), "sqs")) report(q.urn, `queue ${q.name} has no policy statement denying non-TLS requests; add ${TLS_DENY_EXAMPLE("sqs", '"<queue arn>"')} to its policy (or an aws.sqs.QueuePolicy).`);
    }
    for (const t of stack.ofType(TOPIC)) {
      if (!tlsOnly(docsOf(stack, t, TOPIC_POLICY, "arn"), "sns")) report(t.urn, `topic ${t.name} has no policy statement denying non-TLS requests; add ${TLS_DENY_EXAMPLE("sns", '"<topic arn>"')} to its policy (or an aws.sns.TopicPolicy).`);
    }
  },
});
