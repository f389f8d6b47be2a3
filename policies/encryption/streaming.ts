import type * as aws from "@pulumi/aws";
import { keyVerdict } from "../lib/kms";
import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { flag, get, isSet, obj, Props, str } from "../lib/values";

/** Kinesis, Firehose, MSK (at rest), SQS and SNS. */

const STREAM = "aws:kinesis/stream:Stream";
const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const QUEUE = "aws:sqs/queue:Queue";
const TOPIC = "aws:sns/topic:Topic";

export const streamingEncryption = resourcePolicy<Props>({
  name: "streaming-encryption",
  description: "Kinesis streams and Firehose delivery streams must be encrypted at rest with KMS.",
  types: [STREAM, FIREHOSE],
  fix: 'Kinesis: encryptionType "KMS" with kmsKeyId; Firehose: serverSideEncryption.enabled: true (with a Kinesis source, encrypt the source stream).',
  validate(p, ctx, report) {
    if (ctx.type === STREAM) {
      const t = get<aws.kinesis.StreamArgs>(p, "encryptionType");
      if (str(t) !== "KMS") report(wrong("encryptionType", t, '"KMS" with kmsKeyId a customer-managed key (the default is NONE)'));
      else if (!isSet(get<aws.kinesis.StreamArgs>(p, "kmsKeyId"))) report(`encryptionType is "KMS" but kmsKeyId is not set; set kmsKeyId to a KMS key ARN.`);
      return;
    }
    // With a Kinesis stream as source, Firehose reads already-encrypted data: the stream is judged.
    if (obj(get<aws.kinesis.FirehoseDeliveryStreamArgs>(p, "kinesisSourceConfiguration"))) return;
    const sse = obj(get<aws.kinesis.FirehoseDeliveryStreamArgs>(p, "serverSideEncryption"));
    if (flag(sse?.enabled) !== true) report(wrong("serverSideEncryption.enabled", sse?.enabled, 'true (keyType "CUSTOMER_MANAGED_CMK" with keyArn)'));
  },
});

export const messagingEncryption = resourcePolicy<Props>({
  name: "messaging-encryption",
  description: "SQS queues and SNS topics must be encrypted at rest.",
  types: [QUEUE, TOPIC],
  fix: "SQS: kmsMasterKeyId (a customer-managed key) or sqsManagedSseEnabled: true; SNS: kmsMasterKeyId.",
  validate(p, ctx, report) {
    const key = get<aws.sqs.QueueArgs>(p, "kmsMasterKeyId");
    const k = keyVerdict(key);
    if (k !== "absent") return;
    if (ctx.type === TOPIC) {
      report(wrong("kmsMasterKeyId", key, "a KMS key ARN (SNS topics are unencrypted by default)"));
      return;
    }
    const managed = get<aws.sqs.QueueArgs>(p, "sqsManagedSseEnabled");
    const f = flag(managed);
    if (f === false || f === "unknown") {
      report(`sqsManagedSseEnabled is ${show(managed)} and kmsMasterKeyId is not set, so messages are stored unencrypted; set kmsMasterKeyId to a customer-managed key ARN (or sqsManagedSseEnabled to true).`);
    }
  },
});
