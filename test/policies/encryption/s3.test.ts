import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { cmkRequired } from "../../../policies/encryption/cmk";
import { s3BucketEncryption, s3TlsOnly } from "../../../policies/encryption/s3";
import { messages, StackFixture, UNKNOWN_VALUE } from "../helpers";

const KEY_ARN = "arn:aws:kms:ap-southeast-2:555555555555:key/1111-2222";
const TLS_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
});

interface BucketCase {
  algorithm?: unknown;
  key?: unknown;
  sse?: boolean;
  policy?: unknown;
  logTarget?: boolean;
}

/** One compliant data bucket (KMS + CMK + TLS-only policy); each case changes one thing. */
function bucketStack(c: BucketCase = {}): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  const bucket = s.add(aws.s3.Bucket, "data", { bucket: "data" }, { outputs: { bucket: "data", arn: "arn:aws:s3:::data" } });
  if (c.sse !== false) {
    s.add(aws.s3.BucketServerSideEncryptionConfiguration, "data-sse", {
      bucket: "data",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: ("algorithm" in c ? c.algorithm : "aws:kms") as string, kmsMasterKeyId: ("key" in c ? c.key : KEY_ARN) as string } }],
    });
  }
  s.add(aws.s3.BucketPolicy, "data-policy", { bucket: "data", policy: ("policy" in c ? c.policy : TLS_POLICY) as string });
  if (c.logTarget) s.add(aws.s3.BucketLogging, "other-logging", { bucket: "other", targetBucket: "data", targetPrefix: "logs/" });
  void bucket;
  return s;
}

describe("encryption: S3 (bucket judged with its SSE configuration and policy)", () => {
  it("a data bucket with aws:kms and a customer-managed key passes both tiers", () => {
    const s = bucketStack();
    assert.deepStrictEqual(messages(cmkRequired, s.resources), []);
    assert.deepStrictEqual(messages(s3BucketEncryption, s.resources), []);
  });

  it("a data bucket with no SSE configuration fails the CMK tier only, naming the bucket", () => {
    const s = bucketStack({ sse: false });
    const m = messages(cmkRequired, s.resources);
    assert.strictEqual(m.length, 1);
    assert.match(m[0], /data bucket data has no server-side encryption configuration/);
    assert.match(m[0], /sseAlgorithm: "aws:kms"/);
    assert.deepStrictEqual(messages(s3BucketEncryption, s.resources), []);
  });

  it("AES256 on a data bucket fails the CMK tier, but passes on a log-target bucket", () => {
    assert.match(messages(cmkRequired, bucketStack({ algorithm: "AES256", key: undefined }).resources)[0], /sseAlgorithm is "AES256"; set it to "aws:kms"/);
    assert.deepStrictEqual(messages(cmkRequired, bucketStack({ algorithm: "AES256", key: undefined, logTarget: true }).resources), []);
  });

  it("aws:kms without a key, or with the aws/s3 alias, is not a customer-managed key", () => {
    assert.match(messages(cmkRequired, bucketStack({ key: undefined }).resources)[0], /kmsMasterKeyId is not set \(the AWS-managed aws\/s3 key is used\)/);
    assert.match(messages(cmkRequired, bucketStack({ key: "alias/aws/s3" }).resources)[0], /"alias\/aws\/s3"/);
  });

  it("an unknown key ARN at preview passes (a key is being attached)", () => {
    assert.deepStrictEqual(messages(cmkRequired, bucketStack({ key: UNKNOWN_VALUE }).resources), []);
  });

  it("an unknown or invalid algorithm fails s3-bucket-encryption", () => {
    assert.match(messages(s3BucketEncryption, bucketStack({ algorithm: UNKNOWN_VALUE }).resources)[0], /sseAlgorithm for bucket data is unknown until deployment/);
    assert.match(messages(s3BucketEncryption, bucketStack({ algorithm: "aws:nope" }).resources)[0], /"aws:nope"; set it to "aws:kms"/);
  });

  it("AES256 with a key set is a mistake s3-bucket-encryption reports", () => {
    assert.match(messages(s3BucketEncryption, bucketStack({ algorithm: "AES256", key: KEY_ARN }).resources)[0], /ignores the key/);
  });

  it("the deprecated inline configuration counts (V1 rule block)", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.s3.Bucket, "inline", { bucket: "inline", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } } } });
    assert.deepStrictEqual(messages(cmkRequired, s.resources), []);
  });

  it("the SSE configuration is linked by propertyDependencies when the bucket name is unknown", () => {
    const s = new StackFixture();
    s.awsProvider();
    const b = s.add(aws.s3.Bucket, "data", {});
    s.add(aws.s3.BucketServerSideEncryptionConfiguration, "sse", { bucket: UNKNOWN_VALUE, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }] }, { propertyDependencies: { bucket: [b.urn] } });
    assert.deepStrictEqual(messages(cmkRequired, s.resources), []);
  });

  describe("s3-tls-only", () => {
    it("passes with a Deny on aws:SecureTransport = false", () => {
      assert.deepStrictEqual(messages(s3TlsOnly, bucketStack().resources), []);
    });
    it("fails without a bucket policy, and says which statement to add", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.s3.Bucket, "bare", { bucket: "bare" });
      const m = messages(s3TlsOnly, s.resources);
      assert.match(m[0], /bucket bare accepts plain HTTP: it has no bucket policy/);
      assert.match(m[0], /aws:SecureTransport/);
    });
    it("fails when the policy has no TLS-only statement", () => {
      const allow = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject", Resource: "*" }] });
      assert.match(messages(s3TlsOnly, bucketStack({ policy: allow }).resources)[0], /has no TLS-only statement/);
    });
    it("accepts a boolean false and an object policy", () => {
      const doc = { Statement: [{ Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["*"], Resource: "*", Condition: { Bool: { "aws:SecureTransport": false } } }] };
      assert.deepStrictEqual(messages(s3TlsOnly, bucketStack({ policy: doc }).resources), []);
    });
    const deny = (change: Record<string, unknown>) => ({
      Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], Condition: { Bool: { "aws:SecureTransport": "false" } }, ...change }],
    });
    const tlsCases: [string, Record<string, unknown>, boolean][] = [
      ["BoolIfExists is a TLS deny (every request carries aws:SecureTransport)", { Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }, true],
      ["a wildcard over every bucket's objects covers this one", { Resource: "arn:aws:s3:::*/*" }, true],
      ["Resource on the bucket without /* leaves the objects open", { Resource: "arn:aws:s3:::data" }, false],
      ["Resource on a prefix of the objects leaves the rest open", { Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/private/*"] }, false],
      ["Resource on another bucket's objects does not cover this one", { Resource: "arn:aws:s3:::other/*" }, false],
      ["a second condition operator narrows the deny", { Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:SourceVpc": "vpc-1" } } }, false],
      ["a second key in Bool narrows the deny", { Condition: { Bool: { "aws:SecureTransport": "false", "aws:MultiFactorAuthPresent": "false" } } }, false],
      ["NotPrincipal exempts someone", { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1:root" } }, false],
      ["NotResource is not a deny on the objects", { Resource: undefined, NotResource: "arn:aws:s3:::data/public/*" }, false],
    ];
    for (const [title, change, passes] of tlsCases) {
      it(`${passes ? "passes" : "fails"}: ${title}`, () => {
        const m = messages(s3TlsOnly, bucketStack({ policy: JSON.stringify(deny(change)) }).resources);
        if (passes) assert.deepStrictEqual(m, []);
        else assert.match(m[0], /has no TLS-only statement \(a Deny to "\*" of s3:\* on the bucket and its objects \(arn:aws:s3:::data\/\*\) whose only condition is Bool or BoolIfExists/);
      });
    }
    it("a policy document unknown at preview is judged at update time (passes now)", () => {
      assert.deepStrictEqual(messages(s3TlsOnly, bucketStack({ policy: UNKNOWN_VALUE }).resources), []);
    });
  });
});
