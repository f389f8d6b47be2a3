import * as assert from "assert";
import { accessLogDelivery, cloudTrailDelivery, configDelivery, flowLogDelivery, logBucketPolicy } from "../../lib/iam/logBucketPolicy";
import { organizationTrailArn } from "../../lib/iam/logKeyPolicy";
import { bucketArn, logBucketName } from "../../lib/logArchiveNames";
import { simulate, SimRequest } from "./iamSimulation";

// The log-archive bucket policies, evaluated by a real IAM policy evaluator.

const ORG = "o-abcdefghij";
const OTHER_ORG = "o-zyxwvutsrq";
const LOG_ARCHIVE = "222222222222";
const MANAGEMENT = "111111111111";
const TRAIL = organizationTrailArn("ap-southeast-2", MANAGEMENT, "lz-organization-trail");
const name = (kind: Parameters<typeof logBucketName>[0]) => logBucketName(kind, LOG_ARCHIVE, "ap-southeast-2");

const trailBucket = bucketArn(name("cloudtrail"));
const configBucket = bucketArn(name("config"));
const flowBucket = bucketArn(name("flowlogs"));
const accessBucket = bucketArn(name("accesslogs"));

const policies = {
  cloudtrail: logBucketPolicy(trailBucket, ORG, cloudTrailDelivery({ bucketArn: trailBucket, trailArn: TRAIL, organizationId: ORG, managementAccountId: MANAGEMENT })),
  config: logBucketPolicy(configBucket, ORG, configDelivery({ bucketArn: configBucket, organizationId: ORG })),
  flowlogs: logBucketPolicy(flowBucket, ORG, flowLogDelivery({ bucketArn: flowBucket, organizationId: ORG })),
  accesslogs: logBucketPolicy(accessBucket, ORG, accessLogDelivery({ bucketArn: accessBucket, sourceAccountId: LOG_ARCHIVE, sourceBucketArnPattern: "arn:aws:s3:::lz-logs-*" })),
};

const TLS = { "aws:SecureTransport": "true" };
const ACL = { "s3:x-amz-acl": "bucket-owner-full-control" };

function req(kind: keyof typeof policies, r: Omit<SimRequest, "resourcePolicy" | "resourceAccount">): Promise<{ result: string; deniedBy: string[] }> {
  return simulate({ ...r, resourceAccount: LOG_ARCHIVE, resourcePolicy: policies[kind] });
}

describe("log-archive bucket policies under a real policy evaluator", () => {
  const reader = `arn:aws:sts::${LOG_ARCHIVE}:assumed-role/SecurityAuditor/jane`;
  const object = `${trailBucket}/AWSLogs/${ORG}/666666666666/CloudTrail/ap-southeast-2/2025/01/01/x.json.gz`;

  it("lets a principal of the organisation read a log over TLS", async () => {
    const r = await req("cloudtrail", { principal: reader, action: "s3:GetObject", resource: object, context: { ...TLS, "aws:PrincipalOrgID": ORG } });
    assert.strictEqual(r.result, "Allowed");
  });

  it("denies the same read without TLS, by DenyInsecureTransport, on every log bucket", async () => {
    for (const kind of Object.keys(policies) as (keyof typeof policies)[]) {
      const arn = { cloudtrail: trailBucket, config: configBucket, flowlogs: flowBucket, accesslogs: accessBucket }[kind];
      const r = await req(kind, { principal: reader, action: "s3:GetObject", resource: `${arn}/AWSLogs/x`, context: { "aws:SecureTransport": "false", "aws:PrincipalOrgID": ORG } });
      assert.deepStrictEqual(r, { result: "ExplicitlyDenied", deniedBy: ["DenyInsecureTransport"] }, kind);
    }
  });

  it("denies a principal outside the organisation, even one allowed by its own IAM policies", async () => {
    const outsider = "arn:aws:sts::999999999999:assumed-role/Admin/eve";
    const r = await req("cloudtrail", { principal: outsider, action: "s3:GetObject", resource: object, context: { ...TLS, "aws:PrincipalOrgID": OTHER_ORG } });
    assert.deepStrictEqual(r, { result: "ExplicitlyDenied", deniedBy: ["DenyPrincipalsOutsideOrganization"] });
    const noOrg = await req("cloudtrail", { principal: outsider, action: "s3:GetObject", resource: object, context: { ...TLS } });
    assert.deepStrictEqual(noOrg, { result: "ExplicitlyDenied", deniedBy: ["DenyPrincipalsOutsideOrganization"] });
  });

  it("lets the organisation trail deliver, with the owner-full-control ACL, under the organisation's prefix", async () => {
    const ctx = { ...TLS, ...ACL, "aws:SourceArn": TRAIL, "aws:SourceAccount": MANAGEMENT, "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("cloudtrail", { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: object, context: ctx })).result, "Allowed");
    assert.strictEqual((await req("cloudtrail", { principal: "cloudtrail.amazonaws.com", action: "s3:GetBucketAcl", resource: trailBucket, context: ctx })).result, "Allowed");
  });

  it("does not let another trail, or another organisation's trail, write into the trail bucket", async () => {
    const otherTrail = { ...TLS, ...ACL, "aws:SourceArn": "arn:aws:cloudtrail:ap-southeast-2:666666666666:trail/rogue", "aws:SourceAccount": "666666666666", "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("cloudtrail", { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: object, context: otherTrail })).result, "ImplicitlyDenied");
    const foreign = { ...TLS, ...ACL, "aws:SourceArn": TRAIL, "aws:SourceAccount": "999999999999", "aws:SourceOrgID": OTHER_ORG };
    assert.deepStrictEqual(await req("cloudtrail", { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: object, context: foreign }), {
      result: "ExplicitlyDenied",
      deniedBy: ["DenyServicesActingForOtherOrganizations"],
    });
  });

  it("lets AWS Config deliver for an account of the organisation, and not for another organisation", async () => {
    const key = `${configBucket}/AWSLogs/666666666666/Config/ap-southeast-2/2025/1/1/ConfigSnapshot/x.json.gz`;
    const mine = { ...TLS, ...ACL, "aws:SourceAccount": "666666666666", "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("config", { principal: "config.amazonaws.com", action: "s3:PutObject", resource: key, context: mine })).result, "Allowed");
    const theirs = { ...TLS, ...ACL, "aws:SourceAccount": "999999999999", "aws:SourceOrgID": OTHER_ORG };
    assert.deepStrictEqual(await req("config", { principal: "config.amazonaws.com", action: "s3:PutObject", resource: key, context: theirs }), {
      result: "ExplicitlyDenied",
      deniedBy: ["DenyServicesActingForOtherOrganizations"],
    });
  });

  it("lets VPC and Transit Gateway flow logs of the organisation's accounts deliver", async () => {
    const key = `${flowBucket}/AWSLogs/555555555555/vpcflowlogs/ap-southeast-2/2025/01/01/x.log.gz`;
    const ctx = { ...TLS, ...ACL, "aws:SourceAccount": "555555555555", "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("flowlogs", { principal: "delivery.logs.amazonaws.com", action: "s3:PutObject", resource: key, context: ctx })).result, "Allowed");
    const noAcl = { ...TLS, "aws:SourceAccount": "555555555555", "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("flowlogs", { principal: "delivery.logs.amazonaws.com", action: "s3:PutObject", resource: key, context: noAcl })).result, "ImplicitlyDenied");
  });

  it("does not let a delivering service write into a bucket that is not its own", async () => {
    const key = `${trailBucket}/AWSLogs/555555555555/vpcflowlogs/x.log.gz`;
    const ctx = { ...TLS, ...ACL, "aws:SourceAccount": "555555555555", "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("cloudtrail", { principal: "delivery.logs.amazonaws.com", action: "s3:PutObject", resource: key, context: ctx })).result, "ImplicitlyDenied");
  });

  it("accepts S3 server access logs only from the log-archive account's own log buckets", async () => {
    const key = `${accessBucket}/${name("cloudtrail")}/2025-01-01-00-00-00-ABCDEF`;
    const own = { ...TLS, "aws:SourceAccount": LOG_ARCHIVE, "aws:SourceArn": trailBucket, "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("accesslogs", { principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: key, context: own })).result, "Allowed");
    const other = { ...TLS, "aws:SourceAccount": "555555555555", "aws:SourceArn": "arn:aws:s3:::lz-logs-fake", "aws:SourceOrgID": ORG };
    assert.strictEqual((await req("accesslogs", { principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: key, context: other })).result, "ImplicitlyDenied");
  });

  it("every log bucket policy starts with the same three denies", () => {
    for (const p of Object.values(policies)) {
      assert.deepStrictEqual(p.Statement.slice(0, 3).map((s) => s.Sid), ["DenyInsecureTransport", "DenyPrincipalsOutsideOrganization", "DenyServicesActingForOtherOrganizations"]);
      assert.deepStrictEqual(p.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    }
  });
});

describe("trail logs cannot be deleted by anyone (bucket policy + SCPs, under a real evaluator)", () => {
  const object = `${trailBucket}/AWSLogs/${ORG}/666666666666/CloudTrail/ap-southeast-2/x.json.gz`;
  const ctx = { "aws:SecureTransport": "true", "aws:PrincipalOrgID": ORG };
  it("a management-account administrator (no SCP applies there) is granted nothing on the archive by its policy", async () => {
    for (const action of ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention", "s3:PutObjectRetention"]) {
      const r = await simulate({ principal: `arn:aws:sts::${MANAGEMENT}:assumed-role/Admin/s`, action, resource: object, resourceAccount: LOG_ARCHIVE, context: ctx, resourcePolicy: policies.cloudtrail });
      assert.notStrictEqual(r.result, "Allowed", action);
    }
  });
  it("the security account may read but never delete", async () => {
    const { securityReadStatement } = await import("../../lib/iam/logReplicationPolicy");
    const withRead = logBucketPolicy(trailBucket, ORG, [...cloudTrailDelivery({ bucketArn: trailBucket, trailArn: TRAIL, organizationId: ORG, managementAccountId: MANAGEMENT }), securityReadStatement(trailBucket, "333333333333")]);
    const security = "arn:aws:sts::333333333333:assumed-role/Investigator/s";
    assert.strictEqual((await simulate({ principal: security, action: "s3:GetObject", resource: object, resourceAccount: LOG_ARCHIVE, context: ctx, resourcePolicy: withRead })).result, "Allowed");
    assert.notStrictEqual((await simulate({ principal: security, action: "s3:DeleteObject", resource: object, resourceAccount: LOG_ARCHIVE, context: ctx, resourcePolicy: withRead })).result, "Allowed");
  });
});
