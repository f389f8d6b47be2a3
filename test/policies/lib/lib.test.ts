import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { arnRegion, bucketNameOf, hostRegion } from "../../../policies/lib/arn";
import { isCmk, keyVerdict } from "../../../policies/lib/kms";
import { effectiveRegion, providerView } from "../../../policies/lib/region";
import { isUnknown, raw, UNKNOWN } from "../../../policies/lib/unknown";
import { at, collect, flag, json } from "../../../policies/lib/values";
import { findWaiver, isExpired, waiverMatchesResource } from "../../../policies/lib/waivers";

describe("policy helpers", () => {
  describe("unknown values (as the Pulumi CLI delivers them at preview)", () => {
    it("raw() reads through @pulumi/policy's unknown-checking proxy without tripping it", () => {
      const props = unknownCheckingProxy({ region: UNKNOWN, nested: { kmsKeyId: UNKNOWN }, list: [UNKNOWN] });
      assert.throws(() => (props as Record<string, unknown>).region, /can't be known during preview/);
      const r = raw<Record<string, unknown>>(props);
      assert.ok(isUnknown(r.region));
      assert.ok(isUnknown(at(r, "nested.kmsKeyId")));
      assert.ok(isUnknown((r.list as unknown[])[0]));
    });
    it("an unknown key passes the CMK test; an unknown flag is neither true nor false", () => {
      assert.strictEqual(keyVerdict(UNKNOWN), "unknown");
      assert.ok(isCmk(UNKNOWN));
      assert.strictEqual(flag(UNKNOWN), "unknown");
      assert.strictEqual(flag("true"), true);
      assert.strictEqual(flag(undefined), undefined);
    });
    it("an unknown region is reported as unknown, from the resource or the provider", () => {
      assert.deepStrictEqual(effectiveRegion({ region: UNKNOWN }, undefined), { region: "unknown", source: "resource" });
      const p = providerView({ type: "pulumi:providers:aws", urn: "u", name: "p", props: unknownCheckingProxy({ region: UNKNOWN }) });
      assert.deepStrictEqual(effectiveRegion({}, p), { region: "unknown", source: "provider" });
    });
    it("lz plan's \"[unknown]\" marker counts as unknown too", () => assert.ok(isUnknown("[unknown]")));
  });

  describe("effective region", () => {
    const sydney = providerView({ type: "pulumi:providers:aws", urn: "u", name: "p", props: { region: "ap-southeast-2", defaultTags: JSON.stringify({ tags: { owner: "o" } }) } });
    it("the resource's own region wins over the provider's", () => {
      assert.deepStrictEqual(effectiveRegion({ region: "us-east-1" }, sydney), { region: "us-east-1", source: "resource" });
      assert.deepStrictEqual(effectiveRegion({}, sydney), { region: "ap-southeast-2", source: "provider" });
    });
    it("provider settings stored as JSON strings are decoded once", () => {
      assert.deepStrictEqual(sydney.setting("defaultTags"), { tags: { owner: "o" } });
      assert.strictEqual(sydney.setting("defaultTags"), sydney.setting("defaultTags"));
    });
  });

  describe("ARNs and hosts", () => {
    it("reads regions from ARNs and AWS hostnames", () => {
      assert.strictEqual(arnRegion("arn:aws:kms:ap-southeast-4:5:key/k"), "ap-southeast-4");
      assert.strictEqual(arnRegion("arn:aws:s3:::bucket"), undefined);
      assert.strictEqual(bucketNameOf("arn:aws:s3:::bucket/prefix/*"), "bucket");
      assert.strictEqual(hostRegion("b.s3.ap-southeast-2.amazonaws.com"), "ap-southeast-2");
      assert.strictEqual(hostRegion("my-alb-1.us-west-2.elb.amazonaws.com"), "us-west-2");
      assert.strictEqual(hostRegion("abc.execute-api.eu-west-1.amazonaws.com"), "eu-west-1");
      assert.strictEqual(hostRegion("b.s3-website-ap-southeast-2.amazonaws.com"), "ap-southeast-2");
      assert.strictEqual(hostRegion("b.s3.amazonaws.com"), undefined);
      assert.strictEqual(hostRegion("example.com"), undefined);
    });
    it("AWS-managed aliases are not customer-managed keys", () => {
      assert.strictEqual(keyVerdict("alias/aws/s3"), "aws-managed");
      assert.strictEqual(keyVerdict("arn:aws:kms:ap-southeast-2:5:alias/aws/ebs"), "aws-managed");
      assert.strictEqual(keyVerdict("alias/my-key"), "cmk");
      assert.strictEqual(keyVerdict(""), "absent");
    });
  });

  describe("values", () => {
    it("collect expands lists with concrete paths, and treats a single block as a list of one", () => {
      const p = { rules: [{ destination: { bucket: "a" } }, { destination: { bucket: "b" } }], block: { x: 1 } };
      assert.deepStrictEqual(collect(p, "rules[].destination.bucket"), [
        { path: "rules[0].destination.bucket", value: "a" },
        { path: "rules[1].destination.bucket", value: "b" },
      ]);
      assert.deepStrictEqual(collect(p, "block[].x"), [{ path: "block.x", value: 1 }]);
      assert.deepStrictEqual(collect({ rules: UNKNOWN }, "rules[].x"), [{ path: "rules[]", value: UNKNOWN }]);
      assert.deepStrictEqual(collect({}, "missing.leaf"), []);
      assert.deepStrictEqual(collect({}, "leaf"), [{ path: "leaf", value: undefined }]);
    });
    it("json parses policy documents given as strings", () => {
      assert.deepStrictEqual(json('{"a":1}'), { a: 1 });
      assert.strictEqual(json("plain"), "plain");
    });
  });

  describe("waivers", () => {
    const w = { resource: "legacy-*", policy: "encryption/cmk-required", reason: "r", approvedBy: "a", expires: "2026-03-31" };
    it("match a logical-name glob or a URN glob", () => {
      assert.ok(waiverMatchesResource(w, "urn:pulumi:dev::lz::aws:s3/bucket:Bucket::legacy-1"));
      assert.ok(!waiverMatchesResource(w, "urn:pulumi:dev::lz::aws:s3/bucket:Bucket::new-1"));
      assert.ok(waiverMatchesResource({ ...w, resource: "urn:pulumi:dev::*::legacy-?" }, "urn:pulumi:dev::lz::aws:s3/bucket:Bucket::legacy-1"));
    });
    it("expire after the end of their day, UTC", () => {
      assert.ok(!isExpired(w, new Date("2026-03-31T23:59:59Z")));
      assert.ok(isExpired(w, new Date("2026-04-01T00:00:00Z")));
      assert.ok(isExpired({ ...w, expires: "soon" }, new Date()));
    });
    it("findWaiver needs the policy, the resource and an unexpired date", () => {
      const urn = "urn:pulumi:dev::lz::aws:s3/bucket:Bucket::legacy-1";
      const now = new Date("2026-01-01T00:00:00Z");
      assert.strictEqual(findWaiver([w], "encryption", "cmk-required", urn, undefined, now), w);
      assert.strictEqual(findWaiver([w], "encryption", "s3-tls-only", urn, undefined, now), undefined);
      assert.strictEqual(findWaiver([w], "encryption", "cmk-required", urn, undefined, new Date("2027-01-01")), undefined);
    });
  });
});
