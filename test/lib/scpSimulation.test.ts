import * as assert from "assert";
import { PROJECT_ROOT } from "../../config/raw";
import { rawFromStackFile, readStackFile } from "../../config/raw";
import { guardrailContext } from "../../config/schema/organization";
import { parseStackConfig } from "../../config/stackConfig";
import { ManagementConfig } from "../../config";
import { PolicyDocument } from "../../lib/iam/policyDocument";
import { parentPath } from "../../lib/organizationPaths";
import { buildScp } from "../../lib/scp/guardrails";
import { ALLOW_ALL, Outcome, simulate } from "./iamSimulation";

// The SCPs exactly as the sample management stack attaches them, evaluated by a real IAM policy
// evaluator for a workload account under Workloads/Prod (it inherits the Workloads OU's SCPs).

const ACCOUNT = "666666666666";
const ORG_TRAIL = "arn:aws:cloudtrail:ap-southeast-2:111111111111:trail/lz-organization-trail";
const LOG_OBJECT = "arn:aws:s3:::lz-logs-cloudtrail-222222222222-ap-southeast-2/AWSLogs/o-abcdefghij/666666666666/CloudTrail/x.json.gz";

function managementConfig(): ManagementConfig {
  const parsed = parseStackConfig(rawFromStackFile(readStackFile(PROJECT_ROOT, "management")), false);
  assert.deepStrictEqual(parsed.issues, []);
  return parsed.config as ManagementConfig;
}

/** The SCPs on the way from the root to `ouPath`, one level each, FullAWSAccess everywhere (as AWS attaches it). */
function scpChain(cfg: ManagementConfig, ouPath: string): { target: string; policies: PolicyDocument[] }[] {
  const ctx = guardrailContext(cfg);
  const levels: string[] = [];
  for (let p: string | undefined = ouPath; p !== undefined; p = parentPath(p)) levels.unshift(p);
  return [
    { target: "root", policies: [ALLOW_ALL] },
    ...levels.map((path) => {
      const ou = cfg.organization.organizationalUnits.find((o) => o.path === path)!;
      return { target: path, policies: [ALLOW_ALL, ...ou.scps.map((name) => buildScp(cfg.guardrails.policies[name].guardrails, ctx))] };
    }),
  ];
}

describe("SCP guardrails under a real policy evaluator (sample config, Workloads/Prod)", () => {
  const cfg = managementConfig();
  const chain = scpChain(cfg, "Workloads/Prod");
  const role = (name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/session`;
  const workload = role("WorkloadAdmin");
  const deploy = role(cfg.account.deploymentRoleName);
  const breakGlass = role(cfg.account.breakGlassRoleName);
  const ask = (principal: string, action: string, resource: string, region: string): Promise<Outcome> =>
    simulate({ principal, action, resource, resourceAccount: ACCOUNT, context: { "aws:RequestedRegion": region }, scps: chain });
  const instance = (region: string) => `arn:aws:ec2:${region}:${ACCOUNT}:instance/i-0123456789abcdef0`;

  it("denies creating a DynamoDB table in eu-west-1 as a workload role, by the region deny", async () => {
    const r = await ask(workload, "dynamodb:CreateTable", `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`, "eu-west-1");
    assert.deepStrictEqual(r, { result: "ExplicitlyDenied", deniedBy: ["DenyOutsideAllowedRegions"] });
  });

  it("does not deny iam:CreateRole (IAM is global; its endpoint is us-east-1)", async () => {
    assert.strictEqual((await ask(workload, "iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/app`, "us-east-1")).result, "Allowed");
  });

  it("does not deny cloudfront:CreateDistribution (a global service)", async () => {
    assert.strictEqual((await ask(workload, "cloudfront:CreateDistribution", "*", "us-east-1")).result, "Allowed");
  });

  it("does not deny sts:AssumeRole through the global endpoint", async () => {
    assert.strictEqual((await ask(workload, "sts:AssumeRole", "arn:aws:iam::111111111111:role/audit", "us-east-1")).result, "Allowed");
  });

  it("allows ec2:RunInstances in ap-southeast-2 and ap-southeast-4", async () => {
    assert.strictEqual((await ask(workload, "ec2:RunInstances", instance("ap-southeast-2"), "ap-southeast-2")).result, "Allowed");
    assert.strictEqual((await ask(workload, "ec2:RunInstances", instance("ap-southeast-4"), "ap-southeast-4")).result, "Allowed");
  });

  it("denies ec2:RunInstances in us-west-2 for a workload role", async () => {
    assert.deepStrictEqual(await ask(workload, "ec2:RunInstances", instance("us-west-2"), "us-west-2"), { result: "ExplicitlyDenied", deniedBy: ["DenyOutsideAllowedRegions"] });
  });

  it("does not deny the break-glass role in us-east-1", async () => {
    assert.strictEqual((await ask(breakGlass, "ec2:RunInstances", instance("us-east-1"), "us-east-1")).result, "Allowed");
  });

  it("exempts the deployment role from the region deny (the residency pack judges what it deploys)", async () => {
    assert.strictEqual((await ask(deploy, "s3:CreateBucket", "arn:aws:s3:::some-bucket", "us-east-1")).result, "Allowed");
  });

  it("lets kms:CreateKey through in us-east-1: kms:* is on Control Tower's exemption list, so the residency pack must catch keys", async () => {
    assert.strictEqual((await ask(workload, "kms:CreateKey", "*", "us-east-1")).result, "Allowed");
  });

  it("denies organizations:LeaveOrganization to everyone, break-glass included", async () => {
    for (const who of [workload, deploy, breakGlass]) {
      assert.deepStrictEqual(await ask(who, "organizations:LeaveOrganization", "*", "us-east-1"), { result: "ExplicitlyDenied", deniedBy: ["DenyLeaveOrganization"] }, who);
    }
  });

  it("denies cloudtrail:StopLogging on the organisation trail to a workload admin", async () => {
    assert.deepStrictEqual(await ask(workload, "cloudtrail:StopLogging", ORG_TRAIL, "ap-southeast-2"), { result: "ExplicitlyDenied", deniedBy: ["ProtectSecurityServices"] });
  });

  it("denies switching off GuardDuty, Security Hub and Config", async () => {
    const cases: [string, string][] = [
      ["guardduty:DeleteDetector", `arn:aws:guardduty:ap-southeast-2:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0`],
      ["securityhub:DisableSecurityHub", `arn:aws:securityhub:ap-southeast-2:${ACCOUNT}:hub/default`],
      ["config:StopConfigurationRecorder", `arn:aws:config:ap-southeast-2:${ACCOUNT}:configuration-recorder/lz-recorder/abcdefghij`],
    ];
    for (const [action, resource] of cases) {
      assert.deepStrictEqual(await ask(workload, action, resource, "ap-southeast-2"), { result: "ExplicitlyDenied", deniedBy: ["ProtectSecurityServices"] }, action);
    }
  });

  it("lets the deployment role manage the security services it deploys", async () => {
    assert.strictEqual((await ask(deploy, "cloudtrail:UpdateTrail", ORG_TRAIL, "ap-southeast-2")).result, "Allowed");
  });

  it("does not deny a centralised root access session (sts:AssumeRoot, aws:AssumedRoot) doing its task, but denies the root user's own credentials", async () => {
    const bucket = `arn:aws:s3:::locked-out-${ACCOUNT}`;
    const session = await simulate({ principal: `arn:aws:iam::${ACCOUNT}:root`, action: "s3:DeleteBucketPolicy", resource: bucket, resourceAccount: ACCOUNT, context: { "aws:RequestedRegion": "ap-southeast-2", "aws:AssumedRoot": "true" }, scps: chain });
    assert.strictEqual(session.result, "Allowed");
    const creds = await simulate({ principal: `arn:aws:iam::${ACCOUNT}:root`, action: "s3:DeleteBucketPolicy", resource: bucket, resourceAccount: ACCOUNT, context: { "aws:RequestedRegion": "ap-southeast-2" }, scps: chain });
    assert.deepStrictEqual(creds, { result: "ExplicitlyDenied", deniedBy: ["DenyRootUser"] });
  });

  it("denies the newer ways to blind the security services (configuration policies, malware plans, event data stores) to a workload admin", async () => {
    const cases: [string, string][] = [
      ["securityhub:UpdateConfigurationPolicy", `arn:aws:securityhub:ap-southeast-2:${ACCOUNT}:configuration-policy/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`],
      ["securityhub:UpdateSecurityHubConfiguration", `arn:aws:securityhub:ap-southeast-2:${ACCOUNT}:hub/default`],
      ["guardduty:DeleteMalwareProtectionPlan", `arn:aws:guardduty:ap-southeast-2:${ACCOUNT}:malware-protection-plan/abcdefghijklmnop`],
      ["cloudtrail:StopEventDataStoreIngestion", `arn:aws:cloudtrail:ap-southeast-2:${ACCOUNT}:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE`],
    ];
    for (const [action, resource] of cases) {
      assert.deepStrictEqual(await ask(workload, action, resource, "ap-southeast-2"), { result: "ExplicitlyDenied", deniedBy: ["ProtectSecurityServices"] }, action);
    }
  });

  it("denies the root user of a member account", async () => {
    const r = await simulate({ principal: `arn:aws:iam::${ACCOUNT}:root`, action: "s3:ListAllMyBuckets", resource: "*", resourceAccount: ACCOUNT, context: { "aws:RequestedRegion": "ap-southeast-2" }, scps: chain });
    assert.deepStrictEqual(r, { result: "ExplicitlyDenied", deniedBy: ["DenyRootUser"] });
  });

  it("denies deleting, unlocking or bypassing the retention of archived logs to everyone: workload admin, deployment role, break-glass", async () => {
    for (const who of [workload, deploy, breakGlass]) {
      for (const action of ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention", "s3:PutObjectRetention", "s3:PutObjectLegalHold"]) {
        assert.deepStrictEqual(await ask(who, action, LOG_OBJECT, "ap-southeast-2"), { result: "ExplicitlyDenied", deniedBy: ["ProtectLogArchiveObjects"] }, `${who} ${action}`);
      }
    }
  });

  describe("the platform roles (deployment and break-glass) in a member account", () => {
    const platformRoles = [cfg.account.deploymentRoleName, cfg.account.breakGlassRoleName].map((n) => `arn:aws:iam::${ACCOUNT}:role/${n}`);
    const changes = ["iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRole", "iam:DetachRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:UpdateRole"];
    it("a member-account administrator can neither create nor change them", async () => {
      for (const target of platformRoles) {
        for (const action of changes) {
          const r = await ask(workload, action, target, "us-east-1");
          assert.deepStrictEqual(r, { result: "ExplicitlyDenied", deniedBy: ["ProtectPlatformRoles"] }, `${action} ${target}`);
        }
      }
    });
    it("a member-account administrator cannot assume them", async () => {
      for (const target of platformRoles) assert.deepStrictEqual(await ask(workload, "sts:AssumeRole", target, "us-east-1"), { result: "ExplicitlyDenied", deniedBy: ["DenyAssumePlatformRoles"] }, target);
    });
    it("the deployment role still manages them (it creates the break-glass role in every account)", async () => {
      for (const target of platformRoles) assert.strictEqual((await ask(deploy, "iam:CreateRole", target, "us-east-1")).result, "Allowed", target);
    });
    it("other roles stay the administrator's to manage", async () => {
      assert.strictEqual((await ask(workload, "iam:UpdateAssumeRolePolicy", `arn:aws:iam::${ACCOUNT}:role/app`, "us-east-1")).result, "Allowed");
    });
  });

  it("denies changing a log-archive bucket's policy to a workload admin", async () => {
    const r = await ask(workload, "s3:PutBucketPolicy", "arn:aws:s3:::lz-logs-config-222222222222-ap-southeast-2", "ap-southeast-2");
    assert.deepStrictEqual(r, { result: "ExplicitlyDenied", deniedBy: ["ProtectLogArchiveBuckets"] });
  });

  it("denies turning off EBS default encryption, even to the deployment role", async () => {
    for (const who of [workload, deploy]) {
      assert.deepStrictEqual(await ask(who, "ec2:DisableEbsEncryptionByDefault", "*", "ap-southeast-2"), { result: "ExplicitlyDenied", deniedBy: ["DenyDisableEbsDefaultEncryption"] });
    }
  });

  it("denies changing the S3 account public access block, except to the deployment role that sets it", async () => {
    assert.deepStrictEqual(await ask(workload, "s3:PutAccountPublicAccessBlock", "*", "ap-southeast-2"), { result: "ExplicitlyDenied", deniedBy: ["ProtectAccountBaseline"] });
    assert.strictEqual((await ask(deploy, "s3:PutAccountPublicAccessBlock", "*", "ap-southeast-2")).result, "Allowed");
  });

  it("denies everything in the Suspended OU except to break-glass", async () => {
    const suspended = scpChain(cfg, "Suspended");
    const r = await simulate({ principal: workload, action: "ec2:DescribeInstances", resource: "*", resourceAccount: ACCOUNT, context: { "aws:RequestedRegion": "ap-southeast-2" }, scps: suspended });
    assert.deepStrictEqual(r, { result: "ExplicitlyDenied", deniedBy: ["DenyAll"] });
    const bg = await simulate({ principal: breakGlass, action: "ec2:DescribeInstances", resource: "*", resourceAccount: ACCOUNT, context: { "aws:RequestedRegion": "ap-southeast-2" }, scps: suspended });
    assert.strictEqual(bg.result, "Allowed");
  });
});
