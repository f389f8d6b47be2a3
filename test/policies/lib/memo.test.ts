import * as assert from "assert";
import { follow } from "../../../policies/lib/companions";
import { perStack } from "../../../policies/lib/memo";
import { bucketPolicyDocs, isLogTarget, policyDocument, sseRulesOf } from "../../../policies/lib/s3";
import { stackViewOfPlain, ViewResource } from "../../../policies/lib/stack";
import { isUnknown, UNKNOWN, UNKNOWN_SENTINELS } from "../../../policies/lib/unknown";
import { json, Props } from "../../../policies/lib/values";

/**
 * policies/lib/memo.ts: facts derived from a stack, worked out once per stack view. The memoised
 * helpers must give the answer the plain computation gives, once per view, and a new view (the next
 * stack, or the next run) must not see the last one's answers.
 */

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const RDS = "aws:rds/instance:Instance";
const PG = "aws:rds/parameterGroup:ParameterGroup";

function res(type: string, name: string, props: Props): ViewResource {
  const urn = `urn:pulumi:dev::lz::${type}::${name}`;
  return { urn, type, name, id: name, props, protect: false, propertyDependencies: {}, region: () => ({ region: "ap-southeast-2", source: "provider" as const }) };
}

const tlsDoc = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }] });

describe("per-stack memo (policies/lib/memo.ts)", () => {
  it("computes once per view and key, and again for another view or key", () => {
    const calls: string[] = [];
    const f = perStack<ViewResource, string>((stack, r) => {
      calls.push(r.name);
      return `${r.name}:${stack.resources.length}`;
    });
    const a = res(BUCKET, "a", {});
    const b = res(BUCKET, "b", {});
    const one = stackViewOfPlain([a, b]);
    const two = stackViewOfPlain([a]);
    assert.strictEqual(f(one, a), "a:2");
    assert.strictEqual(f(one, a), "a:2");
    assert.strictEqual(f(one, b), "b:2");
    assert.strictEqual(f(two, a), "a:1", "a new view does not see the last view's answer");
    assert.deepStrictEqual(calls, ["a", "b", "a"]);
  });

  it("remembers an undefined answer too", () => {
    let calls = 0;
    const f = perStack<ViewResource, undefined>(() => {
      calls++;
      return undefined;
    });
    const a = res(BUCKET, "a", {});
    const v = stackViewOfPlain([a]);
    assert.strictEqual(f(v, a), undefined);
    assert.strictEqual(f(v, a), undefined);
    assert.strictEqual(calls, 1);
  });

  it("the S3 joins answer per stack: the same bucket in another stack gets that stack's configuration, documents and loggers", () => {
    const bucket = res(BUCKET, "data", { bucket: "data" });
    const kms = res(SSE, "data-sse", { bucket: "data", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:ap-southeast-2:1:key/k" } }] });
    const aes = res(SSE, "data-sse", { bucket: "data", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
    const pol = res(POLICY, "data-policy", { bucket: "data", policy: tlsDoc });
    const logs = res(LOGGING, "other-logging", { bucket: "other", targetBucket: "data" });

    const first = stackViewOfPlain([bucket, kms, pol]);
    const second = stackViewOfPlain([bucket, aes, logs]);
    const rules = sseRulesOf(first, bucket);
    assert.deepStrictEqual(rules.map((r) => [r.where, r.algorithm]), [["data-sse", "aws:kms"]]);
    assert.strictEqual(sseRulesOf(first, bucket), rules, "asked again in the same stack: the same answer, not worked out again");
    assert.deepStrictEqual(sseRulesOf(second, bucket).map((r) => [r.where, r.algorithm]), [["data-sse", "AES256"]]);
    assert.strictEqual(isLogTarget(first, bucket), false);
    assert.strictEqual(isLogTarget(second, bucket), true);
    assert.deepStrictEqual(bucketPolicyDocs(first, bucket), [{ where: "data-policy", doc: json(tlsDoc) }]);
    assert.deepStrictEqual(bucketPolicyDocs(second, bucket), []);
    assert.deepStrictEqual(policyDocument(first, pol), json(tlsDoc), "the parsed document, as json() gives it");
    assert.strictEqual(policyDocument(first, pol), policyDocument(first, pol), "parsed once per stack");
  });

  it("a companion reference is followed per stack: the group it names may be in one stack and not in another", () => {
    const db = res(RDS, "db", { engine: "postgres", parameterGroupName: "db-pg" });
    const pg = res(PG, "db-pg", { name: "db-pg", parameters: [{ name: "rds.force_ssl", value: "1" }] });
    const c = { from: [RDS], prop: "parameterGroupName", to: [PG], what: "parameter group", carries: "its TLS parameter" };
    const withGroup = stackViewOfPlain([db, pg]);
    const without = stackViewOfPlain([db]);
    const inStack = follow(withGroup, db, c);
    assert.deepStrictEqual(inStack.map((f) => f.kind), ["in-stack"]);
    assert.strictEqual(follow(withGroup, db, c), inStack, "followed once per stack");
    assert.deepStrictEqual(follow(without, db, c), [{ kind: "outside", path: "parameterGroupName", value: "db-pg" }]);
  });
});

describe("isUnknown by length", () => {
  it("knows every sentinel and nothing else of the same lengths", () => {
    for (const s of UNKNOWN_SENTINELS) assert.ok(isUnknown(s), s);
    assert.ok(isUnknown(UNKNOWN));
    assert.ok(!isUnknown("00000000-0000-4000-8000-000000000000"), "a UUID that is not a sentinel");
    assert.ok(!isUnknown("[unknowN]"));
    assert.ok(!isUnknown("arn:aws:kms:ap-southeast-2:555555555555:key/1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"));
    assert.ok(!isUnknown(36));
  });
});
