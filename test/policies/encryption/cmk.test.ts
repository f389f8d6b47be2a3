import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { cmkRecommended, cmkRequired } from "../../../policies/encryption/cmk";
import { messages, runAll, StackFixture, UNKNOWN_VALUE, violationsOf } from "../helpers";

const KEY = "arn:aws:kms:ap-southeast-2:555555555555:key/abcd";

function table(sse: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  s.add(aws.dynamodb.Table, "orders", { hashKey: "id", attributes: [{ name: "id", type: "S" }], serverSideEncryption: sse as never, ...extra });
  return s;
}

describe("encryption: customer-managed-key tier", () => {
  describe("cmk-required: DynamoDB", () => {
    it("passes with serverSideEncryption enabled and a CMK", () => {
      assert.deepStrictEqual(messages(cmkRequired, table({ enabled: true, kmsKeyArn: KEY }).resources), []);
    });
    it("fails without serverSideEncryption (AWS-owned key), saying what to set", () => {
      assert.match(messages(cmkRequired, table(undefined).resources)[0], /orders: serverSideEncryption.enabled is not set .*set serverSideEncryption = \{ enabled: true, kmsKeyArn/);
    });
    it("fails with enabled but no key (the aws/dynamodb managed key)", () => {
      assert.match(messages(cmkRequired, table({ enabled: true }).resources)[0], /serverSideEncryption.kmsKeyArn is not set/);
    });
    it("an unknown key ARN passes; an unknown enabled flag fails", () => {
      assert.deepStrictEqual(messages(cmkRequired, table({ enabled: true, kmsKeyArn: UNKNOWN_VALUE }).resources), []);
      assert.match(messages(cmkRequired, table({ enabled: UNKNOWN_VALUE, kmsKeyArn: KEY }).resources)[0], /unknown until deployment/);
    });
    it("every replica needs its own key", () => {
      const m = messages(cmkRequired, table({ enabled: true, kmsKeyArn: KEY }, { replicas: [{ regionName: "ap-southeast-4" }] }).resources);
      assert.match(m[0], /replicas\[0\]\.kmsKeyArn is not set/);
    });
    it("a table replica resource needs a CMK", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.dynamodb.TableReplica, "r", { globalTableArn: "arn:aws:dynamodb:ap-southeast-2:5:table/orders" });
      assert.match(messages(cmkRequired, s.resources)[0], /kmsKeyArn is not set/);
    });
  });

  describe("cmk-required: Secrets Manager", () => {
    function secret(inputs: Record<string, unknown>): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.secretsmanager.Secret, "okta", inputs);
      return s;
    }
    it("passes with a CMK", () => assert.deepStrictEqual(messages(cmkRequired, secret({ kmsKeyId: KEY }).resources), []));
    it("fails with the aws/secretsmanager key", () => assert.match(messages(cmkRequired, secret({ kmsKeyId: "alias/aws/secretsmanager" }).resources)[0], /AWS-managed key "alias\/aws\/secretsmanager"/));
    it("fails without a key", () => assert.match(messages(cmkRequired, secret({}).resources)[0], /kmsKeyId is not set/));
  });

  describe("tenant data joins the required tier", () => {
    function queue(tags: Record<string, string>): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.sqs.Queue, "jobs", { sqsManagedSseEnabled: true, tags });
      return s;
    }
    it("a tenant-tagged queue without a CMK is a mandatory finding", () => {
      const r = runAll(queue({ tenant: "acme" }).resources);
      const v = violationsOf(r, "cmk-required");
      assert.strictEqual(v.length, 1);
      assert.strictEqual(v[0].enforcementLevel, "mandatory");
      assert.match(v[0].message, /^tenant data jobs: kmsMasterKeyId is not set/);
      assert.strictEqual(violationsOf(r, "cmk-recommended").length, 0);
    });
    it("the same queue without a tenant tag is only advisory (cmk-recommended)", () => {
      const r = runAll(queue({}).resources);
      assert.strictEqual(violationsOf(r, "cmk-required").length, 0);
      const v = violationsOf(r, "cmk-recommended");
      assert.strictEqual(v.length, 1);
      assert.strictEqual(v[0].enforcementLevel, "advisory");
    });
  });

  describe("cmk-recommended", () => {
    function volume(inputs: Record<string, unknown>): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.ebs.Volume, "v", { availabilityZone: "ap-southeast-2a", encrypted: true, ...inputs });
      return s;
    }
    it("passes with a CMK", () => assert.deepStrictEqual(messages(cmkRecommended, volume({ kmsKeyId: KEY }).resources), []));
    it("reports a missing key with the property path", () => assert.match(messages(cmkRecommended, volume({}).resources)[0], /^kmsKeyId is not set/));
    it("applies the Performance Insights key only when PI is on", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.rds.Instance, "db", { instanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: true, kmsKeyId: KEY, performanceInsightsEnabled: true });
      assert.match(messages(cmkRecommended, s.resources)[0], /performanceInsightsKmsKeyId is not set/);
      s.resources[1].inputs.performanceInsightsEnabled = false;
      assert.deepStrictEqual(messages(cmkRecommended, s.resources), []);
    });
  });
});
