import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { parseStackExport } from "../../cli/check/export";
import { databaseEncryption } from "../../policies/encryption/databases";
import { ebsEncryption } from "../../policies/encryption/ebs";
import { messagingEncryption } from "../../policies/encryption/streaming";
import { awsProviderRegion } from "../../policies/residency/providers";
import { messages, runAll, StackFixture } from "./helpers";

/**
 * Facts known only after creation: a stack export's outputs (the provider's state) are judged where
 * present, a finding read from them says so, and an export with outputs and no inputs loses nothing.
 */

describe("policies judge outputs (facts known after creation)", () => {
  it("an encryption flag the provider computed passes, though the program never set it", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.ebs.Volume, "vol", { availabilityZone: "ap-southeast-2a", size: 8 }, { outputs: { encrypted: true, kmsKeyId: "arn:aws:kms:ap-southeast-2:5:key/k" } });
    assert.deepStrictEqual(messages(ebsEncryption, s.resources), []);
  });

  it("without the output, the same volume fails: the input alone does not prove it", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.ebs.Volume, "vol", { availabilityZone: "ap-southeast-2a", size: 8 });
    assert.match(messages(ebsEncryption, s.resources)[0], /encrypted is not set, and EBS encryption by default is not proven/);
  });

  it("an output that contradicts the input wins, and the message says it was read from the outputs", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.rds.Instance, "db", { instanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: true }, { outputs: { storageEncrypted: false } });
    const m = messages(databaseEncryption, s.resources);
    assert.strictEqual(m.length, 1);
    assert.match(m[0], /^storageEncrypted is false; set storageEncrypted to true .*\(Read from the outputs, the provider's state after creation: storageEncrypted differs from its input\.\)$/);
  });

  it("a value only in the outputs is named as such", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.sqs.Queue, "q", { name: "q" }, { outputs: { name: "q", sqsManagedSseEnabled: false } });
    const m = messages(messagingEncryption, s.resources);
    assert.ok(m.length >= 1, "a finding");
    assert.ok(m.some((x) => /sqsManagedSseEnabled is not in the inputs/.test(x)), m.join(" | "));
  });

  it("a finding about an input the outputs echo carries no note", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.rds.Instance, "db", { instanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: false }, { outputs: { storageEncrypted: false, arn: "arn:aws:rds:ap-southeast-2:5:db:db" } });
    assert.deepStrictEqual(messages(databaseEncryption, s.resources), ["storageEncrypted is false; set storageEncrypted to true (RDS defaults to unencrypted)."]);
  });

  describe("an export with outputs and no inputs loses no finding", () => {
    const P = "urn:pulumi:dev::landing-zone::";
    const text = JSON.stringify({
      version: 3,
      deployment: {
        resources: [
          { urn: `${P}pulumi:pulumi:Stack::landing-zone-dev`, custom: false, type: "pulumi:pulumi:Stack" },
          { urn: `${P}pulumi:providers:aws::eu`, custom: true, id: "p1", type: "pulumi:providers:aws", outputs: { region: "eu-west-1" } },
          { urn: `${P}aws:rds/instance:Instance::db`, custom: true, id: "db", type: "aws:rds/instance:Instance", provider: `${P}pulumi:providers:aws::eu::p1`, outputs: { engine: "postgres", storageEncrypted: false, arn: "arn:aws:rds:eu-west-1:5:db:db" } },
        ],
      },
    });
    const exp = parseStackExport(text, "state-only.json");

    it("the provider's region is read from its state", () => {
      assert.strictEqual(exp.resources.find((r) => r.name === "db")!.region, "eu-west-1");
      const m = messages(awsProviderRegion, exp.resources);
      assert.match(m[0], /^db is placed in eu-west-1 \(from the region of its provider eu\)/);
    });
    it("resource policies judge the outputs and say so", () => {
      const v = runAll(exp.resources).violations.filter((x) => x.policy === "database-encryption");
      assert.strictEqual(v.length, 1);
      assert.match(v[0].message, /^storageEncrypted is false; .*\(Judged from the resource's outputs, the provider's state: the export has no inputs for it\.\)$/);
    });
  });
});
