import * as aws from "@pulumi/aws";
import { configDeliveryNoObjectLock, configDeliveryWaitsForBucketPolicy, configRecorderFirst } from "../../../policies/preflight/awsConfig";
import { dependOn, ruleCases, stack } from "./rules";

type S = ReturnType<typeof stack>;

function delivery(opts: { locked?: boolean; lockResource?: boolean; waitPolicy?: boolean; recorder?: boolean; waitRecorder?: boolean; twoRecorders?: boolean } = {}): S {
  const s = stack();
  const bucket = s.add(aws.s3.Bucket, "config-bucket", { bucket: "lz-config", objectLockEnabled: opts.locked ?? false }, { id: "lz-config" });
  if (opts.lockResource) s.add(aws.s3.BucketObjectLockConfiguration, "config-bucket-lock", { bucket: "lz-config", rule: { defaultRetention: { mode: "COMPLIANCE", days: 1 } } });
  const policy = s.add(aws.s3.BucketPolicy, "config-bucket-policy", { bucket: "lz-config", policy: "{}" });
  const recorder = opts.recorder === false ? undefined : s.add(aws.cfg.Recorder, "recorder", { name: "lz", roleArn: "arn:aws:iam::111111111111:role/config" });
  if (opts.twoRecorders) s.add(aws.cfg.Recorder, "recorder-2", { name: "lz2", roleArn: "arn:aws:iam::111111111111:role/config" });
  const channel = s.add(aws.cfg.DeliveryChannel, "channel", { name: "lz", s3BucketName: "lz-config" });
  dependOn(channel, ...[opts.waitPolicy === false ? undefined : policy, opts.waitRecorder === false ? undefined : recorder].filter((x): x is NonNullable<typeof x> => !!x));
  void bucket;
  return s;
}

describe("preflight: AWS Config", () => {
  ruleCases(
    configDeliveryNoObjectLock,
    { "an unlocked bucket": () => delivery(), "a bucket in another stack (not judged)": () => {
      const s = stack();
      s.add(aws.cfg.DeliveryChannel, "channel", { name: "lz", s3BucketName: "lz-logs-config-222222222222-ap-southeast-2" });
      return s;
    } },
    [
      { title: "objectLockEnabled on the bucket", build: () => delivery({ locked: true }), expect: /channel delivers to config-bucket \(lz-config\), which has Object Lock enabled/ },
      { title: "an Object Lock configuration on the bucket", build: () => delivery({ lockResource: true }), expect: /which has Object Lock enabled/ },
    ],
  );

  ruleCases(configDeliveryWaitsForBucketPolicy, { "the channel waits for the policy": () => delivery() }, [
    { title: "the channel does not wait for the policy", build: () => delivery({ waitPolicy: false }), expect: /channel delivers to config-bucket but does not wait for its policy config-bucket-policy/ },
  ]);

  ruleCases(configRecorderFirst, { "one recorder, then the channel": () => delivery() }, [
    { title: "no recorder", build: () => delivery({ recorder: false }), expect: /channel has no configuration recorder in 111111111111 ap-southeast-2/ },
    { title: "the channel does not wait for the recorder", build: () => delivery({ waitRecorder: false }), expect: /channel does not wait for the recorder recorder/ },
    { title: "two recorders in one Region", build: () => delivery({ twoRecorders: true }), expect: /2 recorders in 111111111111 ap-southeast-2/ },
  ]);
});
