import * as aws from "@pulumi/aws";
import { ROLE_CHANGE_ACTIONS, scpExemptRolesProtected, trailBucketComplianceLock } from "../../../policies/preflight/guardrails";
import { ruleCases, stack } from "./rules";

const EXEMPT = { ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/LandingZoneDeployment", "arn:aws:iam::*:role/LandingZoneBreakGlass"] } };
const scp = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const PROTECT = { Sid: "ProtectPlatformRoles", Effect: "Deny", Action: [...ROLE_CHANGE_ACTIONS], Resource: ["arn:aws:iam::*:role/LandingZoneDeployment", "arn:aws:iam::*:role/LandingZoneBreakGlass"], Condition: { ArnNotLike: { "aws:PrincipalARN": "arn:aws:iam::*:role/LandingZoneDeployment" } } };
const GUARD = { Sid: "ProtectLogs", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*", Condition: EXEMPT };

function org(policies: Record<string, string>, attach: Record<string, string[]>) {
  const s = stack();
  for (const [name, content] of Object.entries(policies)) s.add(aws.organizations.Policy, name, { name, type: "SERVICE_CONTROL_POLICY", content }, { id: `p-${name}` });
  for (const [name, targets] of Object.entries(attach)) for (const t of targets) s.add(aws.organizations.PolicyAttachment, `${name}-${t}`, { policyId: `p-${name}`, targetId: t });
  return s;
}

function trail(mode: string) {
  const s = stack();
  s.add(aws.s3.Bucket, "trail-bucket", { bucket: "lz-trail", objectLockEnabled: true }, { id: "lz-trail" });
  s.add(aws.s3.BucketObjectLockConfiguration, "trail-bucket-lock", { bucket: "lz-trail", rule: { defaultRetention: { mode, days: 365 } } });
  s.add(aws.cloudtrail.Trail, "trail", { name: "org", s3BucketName: "lz-trail", isOrganizationTrail: true });
  return s;
}

describe("preflight: guardrails as AWS evaluates them", () => {
  ruleCases(
    scpExemptRolesProtected,
    {
      "the exempt roles are protected in the same SCP": () => org({ core: scp(GUARD, PROTECT) }, { core: ["ou-1"] }),
      "protected by another SCP attached to the same OUs": () => org({ core: scp(GUARD), roles: scp(PROTECT) }, { core: ["ou-1"], roles: ["ou-1", "ou-2"] }),
      "an SCP that exempts no role": () => org({ plain: scp({ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }) }, {}),
    },
    [
      { title: "exempt roles nobody protects", build: () => org({ core: scp(GUARD) }, { core: ["ou-1"] }), expect: /core exempts the role\(s\) LandingZoneDeployment, LandingZoneBreakGlass by name, but no SCP/ },
      { title: "the protection is attached to fewer OUs", build: () => org({ core: scp(GUARD), roles: scp(PROTECT) }, { core: ["ou-1", "ou-2"], roles: ["ou-1"] }), expect: /wherever core is attached/ },
      {
        title: "a Deny limited by another condition (root only) protects nothing",
        build: () => org({ core: scp(GUARD, { ...PROTECT, Condition: { ArnLike: { "aws:PrincipalARN": "arn:aws:iam::*:root" } } }) }, { core: ["ou-1"] }),
        expect: /core exempts the role\(s\)/,
      },
      { title: "a Deny missing UpdateAssumeRolePolicy", build: () => org({ core: scp(GUARD, { ...PROTECT, Action: ROLE_CHANGE_ACTIONS.filter((a) => a !== "iam:UpdateAssumeRolePolicy") }) }, { core: ["ou-1"] }), expect: /core exempts/ },
    ],
  );

  ruleCases(trailBucketComplianceLock, { "COMPLIANCE mode": () => trail("COMPLIANCE") }, [
    { title: "GOVERNANCE mode", build: () => trail("GOVERNANCE"), expect: /trail-bucket-lock locks trail-bucket, where the organisation trail trail writes, in GOVERNANCE mode/ },
  ]);
});
