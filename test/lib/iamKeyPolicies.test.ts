import * as assert from "assert";
import { controlTowerRoles } from "../../lib/iam/controlTowerRoles";
import { ebsDefaultKeyPolicy } from "../../lib/iam/ebsKeyPolicy";
import { logKeyPolicy, organizationTrailArn } from "../../lib/iam/logKeyPolicy";
import { policyDocument } from "../../lib/iam/policyDocument";
import { serviceTrustPolicy } from "../../lib/iam/trustPolicy";
import { simulate } from "./iamSimulation";

const ORG = "o-abcdefghij";
const LOG_ARCHIVE = "222222222222";
const MANAGEMENT = "111111111111";
const TRAIL = organizationTrailArn("ap-southeast-2", MANAGEMENT, "lz-organization-trail");
const KEY = `arn:aws:kms:ap-southeast-2:${LOG_ARCHIVE}:key/0b3a1c2d-1111-4222-a333-444455556666`;
const keyPolicy = logKeyPolicy({ keyAccountId: LOG_ARCHIVE, region: "ap-southeast-2", organizationId: ORG, trailArn: TRAIL, managementAccountId: MANAGEMENT });

describe("the log-archive key policy under a real policy evaluator", () => {
  const ask = (principal: string, action: string, context: Record<string, string>) => simulate({ principal, action, resource: KEY, resourceAccount: LOG_ARCHIVE, context, resourcePolicy: keyPolicy });

  it("lets the organisation trail encrypt log files (its trail ARN, in the management account's encryption context)", () => {
    // The simulator cannot resolve kms:EncryptionContext:<key> when the key holds colons
    // (aws:cloudtrail:arn), so this allow is checked on the document; the denials below are evaluated.
    const s = keyPolicy.Statement.find((x) => x.Sid === "CloudTrailEncryptOrganizationTrail")!;
    assert.deepStrictEqual(s.Principal, { Service: "cloudtrail.amazonaws.com" });
    assert.strictEqual(s.Action, "kms:GenerateDataKey*");
    assert.deepStrictEqual(s.Condition, {
      StringEquals: { "aws:SourceArn": TRAIL },
      StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*` },
    });
  });

  it("does not let another account's trail use the key", async () => {
    const rogue = "arn:aws:cloudtrail:ap-southeast-2:999999999999:trail/rogue";
    const r = await ask("cloudtrail.amazonaws.com", "kms:GenerateDataKey", { "aws:SourceArn": rogue, "kms:EncryptionContext:aws:cloudtrail:arn": rogue });
    assert.strictEqual(r.result, "ImplicitlyDenied");
  });

  it("lets Config and log delivery encrypt for the organisation only", async () => {
    assert.strictEqual((await ask("config.amazonaws.com", "kms:GenerateDataKey", { "aws:SourceOrgID": ORG, "aws:SourceAccount": "555555555555" })).result, "Allowed");
    assert.strictEqual((await ask("delivery.logs.amazonaws.com", "kms:GenerateDataKey", { "aws:SourceOrgID": ORG, "aws:SourceAccount": "555555555555" })).result, "Allowed");
    assert.strictEqual((await ask("delivery.logs.amazonaws.com", "kms:GenerateDataKey", { "aws:SourceOrgID": "o-zyxwvutsrq", "aws:SourceAccount": "999999999999" })).result, "ImplicitlyDenied");
  });

  it("lets a principal of the organisation decrypt through S3, and not directly", async () => {
    const auditor = "arn:aws:sts::333333333333:assumed-role/SecurityAuditor/jane";
    assert.strictEqual((await ask(auditor, "kms:Decrypt", { "aws:PrincipalOrgID": ORG, "kms:ViaService": "s3.ap-southeast-2.amazonaws.com" })).result, "Allowed");
    assert.strictEqual((await ask(auditor, "kms:Decrypt", { "aws:PrincipalOrgID": ORG })).result, "ImplicitlyDenied");
  });

  it("does not let a principal outside the organisation decrypt", async () => {
    const r = await ask("arn:aws:sts::999999999999:assumed-role/Admin/eve", "kms:Decrypt", { "aws:PrincipalOrgID": "o-zyxwvutsrq", "kms:ViaService": "s3.ap-southeast-2.amazonaws.com" });
    assert.strictEqual(r.result, "ImplicitlyDenied");
  });

  it("lets the account administer the key but not use it without a grant", async () => {
    const deploy = `arn:aws:sts::${LOG_ARCHIVE}:assumed-role/LandingZoneDeployment/pulumi`;
    assert.strictEqual((await ask(deploy, "kms:PutKeyPolicy", {})).result, "Allowed");
    const adminStatement = keyPolicy.Statement.find((s) => s.Sid === "KeyAdministration")!;
    for (const a of adminStatement.Action as string[]) assert.ok(!/^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt|CreateGrant|Create\*|\*)/.test(a), a);
  });
});

describe("the EBS default key policy", () => {
  const policy = ebsDefaultKeyPolicy("555555555555", "ap-southeast-4");
  const ask = (principal: string, action: string, context: Record<string, string>) =>
    simulate({ principal, action, resource: "arn:aws:kms:ap-southeast-4:555555555555:key/0b3a1c2d-1111-4222-a333-444455556666", resourceAccount: "555555555555", context, resourcePolicy: policy });

  it("lets principals of the account use it through EC2 in its region only", async () => {
    const app = "arn:aws:sts::555555555555:assumed-role/App/i-0123";
    assert.strictEqual((await ask(app, "kms:GenerateDataKeyWithoutPlaintext", { "kms:CallerAccount": "555555555555", "kms:ViaService": "ec2.ap-southeast-4.amazonaws.com" })).result, "Allowed");
    assert.strictEqual((await ask(app, "kms:Decrypt", { "kms:CallerAccount": "555555555555", "kms:ViaService": "s3.ap-southeast-4.amazonaws.com" })).result, "ImplicitlyDenied");
    assert.strictEqual((await ask(app, "kms:CreateGrant", { "kms:CallerAccount": "555555555555", "kms:ViaService": "ec2.ap-southeast-4.amazonaws.com", "kms:GrantIsForAWSResource": "false" })).result, "ImplicitlyDenied");
  });
});

describe("lib/iam: documents", () => {
  it("trust policies name the service, and the source account when given", () => {
    assert.deepStrictEqual(serviceTrustPolicy("config.amazonaws.com", "333333333333").Statement[0], {
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": "333333333333" } },
    });
    assert.strictEqual(serviceTrustPolicy("controltower.amazonaws.com").Statement[0].Condition, undefined);
  });

  it("Control Tower's API launch roles are the four the guide names", () => {
    const roles = controlTowerRoles();
    assert.deepStrictEqual(roles.map((r) => r.name), ["AWSControlTowerAdmin", "AWSControlTowerCloudTrailRole", "AWSControlTowerStackSetRole", "AWSControlTowerConfigAggregatorRoleForOrganizations"]);
    assert.deepStrictEqual(roles.map((r) => (r.trustPolicy.Statement[0].Principal as { Service: string }).Service), ["controltower.amazonaws.com", "cloudtrail.amazonaws.com", "cloudformation.amazonaws.com", "config.amazonaws.com"]);
  });

  it("AWSControlTowerCloudTrailRole carries the managed AWSControlTowerCloudTrailRolePolicy and no inline policy (the 4.0 upgrade's prerequisite)", () => {
    const role = controlTowerRoles().find((r) => r.name === "AWSControlTowerCloudTrailRole")!;
    assert.deepStrictEqual(role.managedPolicyArns, ["arn:aws:iam::aws:policy/service-role/AWSControlTowerCloudTrailRolePolicy"]);
    assert.strictEqual(role.inlinePolicy, undefined);
  });

  it("policyDocument refuses duplicate Sids", () => {
    assert.throws(() => policyDocument([{ Sid: "A", Effect: "Deny", Action: "*", Resource: "*" }, { Sid: "A", Effect: "Deny", Action: "*", Resource: "*" }]), /Sid "A" appears twice/);
  });
});
