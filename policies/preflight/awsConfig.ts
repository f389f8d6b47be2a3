import { LzPolicy } from "../lib/policy";
import { BUCKET_POLICY, BUCKET_TYPES } from "../lib/s3";
import { StackView, ViewResource } from "../lib/stack";
import { flag, str } from "../lib/values";
import { accountOfProvider, regionOf } from "./account";
import { preflightStack } from "./constraint";
import { waitsFor } from "./graph";

/** AWS Config: recorders, delivery channels and the buckets they deliver to. */

const RECORDER = "aws:cfg/recorder:Recorder";
const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

function placeOf(r: ViewResource): string {
  return `${accountOfProvider(r.provider) ?? "the stack's account"} ${regionOf(r)}`;
}

function deliveryBucket(stack: StackView, channel: ViewResource): ViewResource | undefined {
  return stack.refs(channel, "s3BucketName", BUCKET_TYPES)[0];
}

export const configDeliveryNoObjectLock = preflightStack({
  name: "config-delivery-no-object-lock",
  description: "AWS Config must not deliver to a bucket with S3 Object Lock enabled.",
  types: [CHANNEL, ...BUCKET_TYPES, OBJECT_LOCK],
  fix: "Deliver Config to a bucket without Object Lock (object lock cannot be turned off on an existing bucket: create a new one) and keep write-once copies by replicating it to a locked bucket.",
  constraint: {
    rule: "AWS Config does not support the delivery channel to an Amazon S3 bucket where object lock is enabled",
    source: "AWS Config Developer Guide / CloudFormation AWS::Config::DeliveryChannel, and PutDeliveryChannel",
  },
  validate(stack, _ctx, report) {
    for (const c of stack.ofType(CHANNEL)) {
      const bucket = deliveryBucket(stack, c);
      if (!bucket) continue;
      const locked = flag(bucket.props.objectLockEnabled) === true || stack.referrers(bucket, [OBJECT_LOCK], "bucket").length > 0;
      if (locked) report(c.urn, `${c.name} delivers to ${bucket.name} (${str(bucket.props.bucket) ?? "bucket"}), which has Object Lock enabled`);
    }
  },
});

export const configDeliveryWaitsForBucketPolicy = preflightStack({
  name: "config-delivery-waits-for-bucket-policy",
  description: "A Config delivery channel to a bucket of the same stack must wait for that bucket's policy, which is what lets Config write.",
  types: [CHANNEL, BUCKET_POLICY],
  fix: "Add the bucket's BucketPolicy to the delivery channel's dependsOn.",
  constraint: {
    rule: "PutDeliveryChannel checks that Config can write to the bucket and fails with InsufficientDeliveryPolicyException when the bucket policy does not permit it",
    source: "AWS Config API Reference, PutDeliveryChannel (Errors)",
  },
  validate(stack, _ctx, report) {
    for (const c of stack.ofType(CHANNEL)) {
      const bucket = deliveryBucket(stack, c);
      if (!bucket) continue;
      const policies = stack.referrers(bucket, [BUCKET_POLICY], "bucket");
      if (policies.length && !waitsFor(stack, c, new Set(policies.map((p) => p.urn)))) report(c.urn, `${c.name} delivers to ${bucket.name} but does not wait for its policy ${policies[0].name}`);
    }
  },
});

export const configRecorderFirst = preflightStack({
  name: "config-recorder-first",
  description: "An account has one Config recorder and one delivery channel per Region, and the channel needs the recorder first.",
  types: [RECORDER, CHANNEL],
  fix: "Keep one recorder and one delivery channel per account and Region, and make the channel depend on the recorder.",
  constraint: {
    rule: "you can have only one configuration recorder and one delivery channel per Region per account, and you must create a configuration recorder before you can create a delivery channel (NoAvailableConfigurationRecorderException)",
    source: "AWS Config API Reference, PutConfigurationRecorder and PutDeliveryChannel",
  },
  validate(stack, _ctx, report) {
    const recorders = new Map<string, ViewResource[]>();
    for (const r of stack.ofType(RECORDER)) recorders.set(placeOf(r), [...(recorders.get(placeOf(r)) ?? []), r]);
    const channels = new Map<string, ViewResource[]>();
    for (const c of stack.ofType(CHANNEL)) channels.set(placeOf(c), [...(channels.get(placeOf(c)) ?? []), c]);
    for (const [place, list] of [...recorders, ...channels]) {
      if (list.length > 1) report(list[1].urn, `${list.length} ${list[0].type === RECORDER ? "recorders" : "delivery channels"} in ${place}: ${list.map((x) => x.name).join(", ")}`);
    }
    for (const [place, list] of channels) {
      const rec = recorders.get(place) ?? [];
      for (const c of list) {
        if (rec.length === 0) report(c.urn, `${c.name} has no configuration recorder in ${place} in this stack`);
        else if (!waitsFor(stack, c, new Set(rec.map((r) => r.urn)))) report(c.urn, `${c.name} does not wait for the recorder ${rec[0].name}`);
      }
    }
  },
});

export const awsConfigPolicies: readonly LzPolicy[] = [configDeliveryNoObjectLock, configDeliveryWaitsForBucketPolicy, configRecorderFirst];
