import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../config/raw";
import { CONTROL_TOWER_REGION_DENY_NOT_ACTIONS } from "../../lib/scp/controlTowerExemptions";
import { buildScp, GUARDRAIL_KINDS, GuardrailContext, guardrailStatements, regionDenyNotActions } from "../../lib/scp/guardrails";
import { controlArn, encodeParameters, landingZoneManifest, manifestShapeProblems, regionDenyParameters } from "../../lib/scp/controlTower";
import { orgPolicySize, orgPolicySizeProblem, SCP_MAX_CHARACTERS, SCP_SIZE_FIX, scpCountProblem } from "../../lib/scp/limits";
import { identityPerimeterRcp, RCP_SIZE_FIX } from "../../lib/scp/dataPerimeter";

const CTX: GuardrailContext = { allowedRegions: ["ap-southeast-2", "ap-southeast-4"], deploymentRoleName: "LandingZoneDeployment", breakGlassRoleName: "LandingZoneBreakGlass" };

describe("lib/scp: the Control Tower exemption list", () => {
  it("is sorted, unique, and keeps the global services the landing zone relies on", () => {
    const list = [...CONTROL_TOWER_REGION_DENY_NOT_ACTIONS];
    assert.deepStrictEqual(list, [...new Set(list)].sort());
    for (const a of ["iam:*", "organizations:*", "sts:*", "cloudfront:*", "route53:*", "sso:*", "kms:*", "acm:*", "s3:PutAccountPublicAccessBlock"]) assert.ok(list.includes(a), a);
    assert.ok(!list.includes("s3:*") && !list.includes("ec2:*") && !list.includes("dynamodb:*"));
  });

  it("matches shared/design/POLICY-COVERAGE.md section 6 exactly (when the design folder is present)", function () {
    const doc = path.resolve(PROJECT_ROOT, "..", "shared", "design", "POLICY-COVERAGE.md");
    if (!fs.existsSync(doc)) this.skip();
    const section = fs.readFileSync(doc, "utf8").split("## 6.")[1];
    const block = /```\n([\s\S]*?)```/.exec(section)![1];
    const fromDoc = block.split(/[,\s]+/).filter(Boolean);
    assert.deepStrictEqual([...CONTROL_TOWER_REGION_DENY_NOT_ACTIONS], fromDoc);
  });
});

describe("lib/scp: guardrail builders", () => {
  it("region-deny denies everything but the exemptions outside the allowed regions, exempting the platform roles", () => {
    const [s] = guardrailStatements("region-deny", { ...CTX, additionalNotActions: ["bedrock:InvokeModel", "iam:*"], additionalExemptPrincipalArns: ["arn:aws:iam::*:role/Dr"] });
    assert.strictEqual(s.Effect, "Deny");
    assert.strictEqual(s.Resource, "*");
    assert.strictEqual(s.Action, undefined);
    const notAction = s.NotAction as string[];
    assert.strictEqual(notAction.length, CONTROL_TOWER_REGION_DENY_NOT_ACTIONS.length + 1, "iam:* is not repeated");
    assert.ok(notAction.includes("bedrock:InvokeModel"));
    assert.deepStrictEqual(s.Condition!.StringNotEquals, { "aws:RequestedRegion": ["ap-southeast-2", "ap-southeast-4"] });
    assert.deepStrictEqual(s.Condition!.ArnNotLike, { "aws:PrincipalARN": ["arn:aws:iam::*:role/LandingZoneDeployment", "arn:aws:iam::*:role/LandingZoneBreakGlass", "arn:aws:iam::*:role/Dr"] });
  });

  it("regionDenyNotActions merges extras without duplicates, sorted", () => {
    const out = regionDenyNotActions(["zzz:Get", "kms:*"]);
    assert.strictEqual(out.length, CONTROL_TOWER_REGION_DENY_NOT_ACTIONS.length + 1);
    assert.deepStrictEqual(out, [...out].sort());
  });

  it("only the break-glass role may turn off EBS default encryption; nobody, not even break-glass, may delete archived logs", () => {
    const statements = [...guardrailStatements("protect-log-archive", CTX), ...guardrailStatements("protect-account-baseline", CTX)];
    const ebs = statements.find((x) => x.Sid === "DenyDisableEbsDefaultEncryption")!;
    assert.deepStrictEqual(ebs.Condition!.ArnNotLike, { "aws:PrincipalARN": ["arn:aws:iam::*:role/LandingZoneBreakGlass"] });
    const objects = statements.find((x) => x.Sid === "ProtectLogArchiveObjects")!;
    assert.strictEqual(objects.Resource, "arn:aws:s3:::lz-logs-*/*");
    assert.strictEqual(objects.Condition, undefined);
  });

  it("protect-platform-roles denies the role writes and AssumeRole on the deployment and break-glass roles to everyone else", () => {
    const [writes, assume] = guardrailStatements("protect-platform-roles", CTX);
    const roles = ["arn:aws:iam::*:role/LandingZoneDeployment", "arn:aws:iam::*:role/LandingZoneBreakGlass"];
    assert.deepStrictEqual(writes.Resource, roles);
    assert.ok((writes.Action as string[]).includes("iam:UpdateAssumeRolePolicy") && (writes.Action as string[]).includes("iam:CreateRole"));
    assert.deepStrictEqual(writes.Condition!.ArnNotLike, { "aws:PrincipalARN": roles });
    assert.strictEqual(assume.Action, "sts:AssumeRole");
    assert.deepStrictEqual(assume.Resource, roles);
  });

  it("deny-root-user and deny-leave-organization have no exemption at all", () => {
    for (const kind of ["deny-root-user", "deny-leave-organization"] as const) {
      for (const s of guardrailStatements(kind, CTX)) assert.ok(!s.Condition?.ArnNotLike, kind);
    }
  });

  it("buildScp keeps each guardrail once, with unique Sids, in order", () => {
    const doc = buildScp(["deny-leave-organization", "region-deny", "deny-leave-organization"], CTX);
    assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), ["DenyLeaveOrganization", "DenyOutsideAllowedRegions"]);
    const all = buildScp(GUARDRAIL_KINDS, CTX);
    const sids = all.Statement.map((s) => s.Sid);
    assert.strictEqual(new Set(sids).size, sids.length);
  });
});

describe("lib/scp: Organizations quotas", () => {
  it("measures the minified JSON, as AWS does", () => {
    const doc = buildScp(["deny-leave-organization"], CTX);
    assert.strictEqual(orgPolicySize(doc), JSON.stringify(doc).length);
    assert.ok(orgPolicySize(doc) < JSON.stringify(doc, null, 2).length);
  });

  it("the sample guardrails fit, and a long exemption list does not", () => {
    const fits = (doc: Parameters<typeof orgPolicySize>[0]) => orgPolicySizeProblem("SCP", doc, SCP_SIZE_FIX);
    assert.strictEqual(fits(buildScp(["region-deny"], CTX)), undefined);
    assert.strictEqual(fits(buildScp(["deny-leave-organization", "deny-root-user", "protect-security-services", "protect-log-archive", "protect-account-baseline"], CTX)), undefined);
    const many = Array.from({ length: 80 }, (_, i) => `arn:aws:iam::*:role/ExemptedDisasterRecoveryRole${i}`);
    const big = buildScp(["region-deny"], { ...CTX, additionalExemptPrincipalArns: many });
    assert.ok(orgPolicySize(big) > SCP_MAX_CHARACTERS);
    assert.match(fits(big)!, /^the SCP is \d+ characters minified, over the 5120-character SCP quota by \d+; split its guardrails into two policies/);
  });

  it("one size check for SCPs and RCPs: the same 5,120-character quota, each message naming its type and its own fix", () => {
    const trustedAccounts = Array.from({ length: 300 }, (_, i) => ({ accountId: String(100000000000 + i), reason: "partner" }));
    const rcp = identityPerimeterRcp({ organizationId: "o-abcdefghij", regions: ["ap-southeast-2"], trustedAccounts });
    assert.match(orgPolicySizeProblem("RCP", rcp, RCP_SIZE_FIX)!, /^the RCP is \d+ characters minified, over the 5120-character RCP quota by \d+; list fewer trusted accounts \(dataPerimeter\.trustedAccounts\)$/);
    const small = identityPerimeterRcp({ organizationId: "o-abcdefghij", regions: ["ap-southeast-2"] });
    assert.strictEqual(orgPolicySizeProblem("RCP", small, RCP_SIZE_FIX), undefined);
    // The same document is judged the same whatever its type: the two quotas are one number.
    assert.strictEqual(orgPolicySizeProblem("SCP", rcp, "x")!.replace(/SCP/g, "RCP"), orgPolicySizeProblem("RCP", rcp, "x"));
  });

  it("counts FullAWSAccess towards the 5-per-target quota", () => {
    assert.strictEqual(scpCountProblem(4), undefined);
    assert.match(scpCountProblem(5)!, /FullAWSAccess .* makes 6, over the quota of 5/);
  });
});

const MANIFEST_INPUT = {
  governedRegions: ["ap-southeast-2", "ap-southeast-4"],
  securityOuName: "Security",
  sandboxOuName: "Sandbox",
  logArchiveAccountId: "222222222222",
  securityAccountId: "333333333333",
  loggingRetentionDays: 365,
  accessLoggingRetentionDays: 3650,
  centralizedLogging: false,
};

describe("lib/scp: Control Tower mode", () => {
  it("the 3.x manifest has no 4.0 sections, no enabled flag on securityRoles, and no key unless one is given", () => {
    const m = landingZoneManifest("3.3", MANIFEST_INPUT) as any;
    assert.deepStrictEqual(Object.keys(m).sort(), ["accessManagement", "centralizedLogging", "governedRegions", "organizationStructure", "securityRoles"]);
    assert.deepStrictEqual(m.securityRoles, { accountId: "333333333333" });
    assert.strictEqual(m.centralizedLogging.configurations.kmsKeyArn, undefined);
    assert.deepStrictEqual(manifestShapeProblems("3.3", m), []);
  });

  it("the 4.0 manifest: an enabled flag on every integration, Config and security roles in the security account, no CloudTrail, Backup or Identity Center, no organizationStructure", () => {
    const key = "arn:aws:kms:ap-southeast-2:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const m = landingZoneManifest("4.0", { ...MANIFEST_INPUT, kmsKeyArn: key }) as any;
    assert.deepStrictEqual(Object.keys(m).sort(), ["accessManagement", "backup", "centralizedLogging", "config", "governedRegions", "securityRoles"]);
    assert.deepStrictEqual(m.accessManagement, { enabled: false });
    assert.deepStrictEqual(m.backup, { enabled: false });
    assert.deepStrictEqual(m.securityRoles, { enabled: true, accountId: "333333333333" });
    assert.strictEqual(m.config.enabled, true);
    assert.strictEqual(m.config.accountId, "333333333333");
    assert.strictEqual(m.centralizedLogging.enabled, false);
    assert.strictEqual(m.centralizedLogging.accountId, "222222222222");
    for (const s of [m.centralizedLogging, m.config]) assert.deepStrictEqual(s.configurations, { loggingBucket: { retentionDays: 365 }, accessLoggingBucket: { retentionDays: 3650 }, kmsKeyArn: key });
    assert.deepStrictEqual(manifestShapeProblems("4.0", m), []);
  });

  it("manifestShapeProblems: a 3.x manifest under 4.0, and a 4.0 manifest under 3.3", () => {
    const v3 = landingZoneManifest("3.3", MANIFEST_INPUT);
    const asV4 = manifestShapeProblems("4.0", v3);
    assert.ok(asV4.some((p) => /has no config section/.test(p)), asV4.join("; "));
    assert.ok(asV4.some((p) => /has no backup section/.test(p)));
    assert.ok(asV4.some((p) => /securityRoles has no enabled flag/.test(p)));
    assert.ok(asV4.some((p) => /has organizationStructure, which the 4.0 manifest does not have/.test(p)));
    const v4 = landingZoneManifest("4.0", MANIFEST_INPUT);
    const asV3 = manifestShapeProblems("3.3", v4);
    assert.ok(asV3.some((p) => /no organizationStructure/.test(p)), asV3.join("; "));
    assert.ok(asV3.some((p) => /has a config section, which only the 4.0 manifest has/.test(p)));
    assert.deepStrictEqual(manifestShapeProblems("4.0", { ...v4, config: { enabled: true } }), ["config is enabled without an accountId"]);
  });

  it("the manifest governs the given regions, with the vended shared accounts, and leaves Identity Center alone", () => {
    const m = landingZoneManifest("3.3", MANIFEST_INPUT) as any;
    assert.deepStrictEqual(m.governedRegions, ["ap-southeast-2", "ap-southeast-4"]);
    assert.strictEqual(m.centralizedLogging.accountId, "222222222222");
    assert.strictEqual(m.centralizedLogging.enabled, false);
    assert.strictEqual(m.securityRoles.accountId, "333333333333");
    assert.deepStrictEqual(m.organizationStructure, { security: { name: "Security" }, sandbox: { name: "Sandbox" } });
    assert.strictEqual(m.accessManagement.enabled, false);
  });

  it("region-deny parameters are JSON lists of the regions and the platform roles", () => {
    const p = regionDenyParameters({ ...CTX, additionalExemptedActions: ["bedrock:InvokeModel"] });
    const byKey = Object.fromEntries(p.map((x) => [x.key, JSON.parse(x.value)]));
    assert.deepStrictEqual(byKey.AllowedRegions, ["ap-southeast-2", "ap-southeast-4"]);
    assert.deepStrictEqual(byKey.ExemptedPrincipalArns, ["arn:aws:iam::*:role/LandingZoneDeployment", "arn:aws:iam::*:role/LandingZoneBreakGlass"]);
    assert.deepStrictEqual(byKey.ExemptedActions, ["bedrock:InvokeModel"]);
    assert.ok(!regionDenyParameters(CTX).some((x) => x.key === "ExemptedActions"));
  });

  it("control identifiers: ARNs kept, legacy names expanded in the home region; parameters JSON-encoded in key order", () => {
    assert.strictEqual(controlArn("arn:aws:controlcatalog:::control/abc123", "ap-southeast-2"), "arn:aws:controlcatalog:::control/abc123");
    assert.strictEqual(controlArn("AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION", "ap-southeast-2"), "arn:aws:controltower:ap-southeast-2::control/AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION");
    assert.deepStrictEqual(encodeParameters({ b: ["x"], a: true }), [
      { key: "a", value: "true" },
      { key: "b", value: '["x"]' },
    ]);
  });
});
