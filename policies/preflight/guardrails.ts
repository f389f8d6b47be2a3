import { Statement, statements, strings, wildcardMatch } from "../lib/iam";
import { LzPolicy } from "../lib/policy";
import { BUCKET_TYPES } from "../lib/s3";
import { arr, obj, str } from "../lib/values";
import { preflightStack } from "./constraint";

/** What SCP exemptions and Object Lock modes actually protect, read as AWS evaluates them. */

const POLICY = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const TRAIL = "aws:cloudtrail/trail:Trail";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

/** The role writes Control Tower's mandatory controls deny on its own roles (CT.IAM.PV.1 and the AWS-GR_IAM_ROLE_CHANGE_PROHIBITED family). */
export const ROLE_CHANGE_ACTIONS: readonly string[] = [
  "iam:AttachRolePolicy",
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];

/** Role names a statement exempts by aws:PrincipalARN (`arn:aws:iam::*:role/<name>`). */
function exemptedRoles(s: Statement): string[] {
  const out: string[] = [];
  for (const [op, keys] of Object.entries(obj(s.Condition) ?? {})) {
    if (!/^(Arn|String)Not(Like|Equals)/.test(op)) continue;
    for (const [key, v] of Object.entries(obj(keys) ?? {})) {
      if (key.toLowerCase() !== "aws:principalarn") continue;
      for (const arn of strings(v)) {
        const m = /^arn:aws:iam::\*:role\/(?:.*\/)?([^/*]+)$/.exec(arn);
        if (m) out.push(m[1]);
      }
    }
  }
  return out;
}

/** A Deny that applies to every principal but those its aws:PrincipalARN "not" conditions exempt. */
function appliesToEveryoneElse(s: Statement): boolean {
  return Object.entries(obj(s.Condition) ?? {}).every(
    ([op, keys]) => /^(Arn|String)Not(Like|Equals)$/.test(op) && Object.keys(obj(keys) ?? {}).every((k) => k.toLowerCase() === "aws:principalarn"),
  );
}

function protects(s: Statement, role: string): boolean {
  if (s.Effect !== "Deny" || !appliesToEveryoneElse(s)) return false;
  const actions = strings(s.Action);
  if (!ROLE_CHANGE_ACTIONS.every((a) => actions.some((x) => wildcardMatch(x, a)))) return false;
  return strings(s.Resource).some((r) => wildcardMatch(r, `arn:aws:iam::123456789012:role/${role}`));
}

export const scpExemptRolesProtected = preflightStack({
  name: "scp-exempt-roles-protected",
  description: "A role that SCPs exempt by name must itself be protected by an SCP: otherwise anyone who can create a role of that name in a member account inherits the exemption.",
  types: [POLICY, ATTACHMENT],
  fix: "Add an SCP statement that denies the IAM role writes (iam:CreateRole, iam:UpdateAssumeRolePolicy, iam:PutRolePolicy, ...) on arn:aws:iam::*:role/<name> to every principal but the platform roles, as Control Tower's mandatory controls do for its own roles.",
  constraint: {
    rule: "aws:PrincipalArn is the ARN of the calling role, whoever created it; an SCP condition that exempts arn:aws:iam::*:role/<name> exempts every role of that name in every member account, so the role's creation and changes must be denied to others (Control Tower's CT.IAM.PV controls deny iam:CreateRole, iam:UpdateAssumeRolePolicy and the other role writes on its roles)",
    source: "IAM User Guide, AWS global condition context keys (aws:PrincipalArn); AWS Control Tower Controls Reference, CT.IAM.PV.1",
  },
  validate(stack, _ctx, report) {
    const scps = stack.ofType(POLICY).filter((p) => (str(p.props.type) ?? "SERVICE_CONTROL_POLICY") === "SERVICE_CONTROL_POLICY");
    // Where each SCP is attached: a protection counts only if it is attached wherever the exemption is.
    const targets = new Map<string, Set<string>>();
    for (const a of stack.ofType(ATTACHMENT)) {
      const policy = stack.refs(a, "policyId", [POLICY])[0];
      const target = str(a.props.targetId);
      if (policy && target) targets.set(policy.urn, (targets.get(policy.urn) ?? new Set()).add(target));
    }
    const covers = (protector: string, exempting: string) => {
      const need = targets.get(exempting);
      if (!need) return true;
      const have = targets.get(protector) ?? new Set();
      return [...need].every((t) => have.has(t));
    };
    for (const p of scps) {
      const exempted = [...new Set(statements(p.props.content).flatMap(exemptedRoles))];
      const unprotected = exempted.filter((role) => !scps.some((q) => covers(q.urn, p.urn) && statements(q.props.content).some((s) => protects(s, role))));
      if (unprotected.length) report(p.urn, `${p.name} exempts the role(s) ${unprotected.join(", ")} by name, but no SCP in this stack denies creating or changing them (${ROLE_CHANGE_ACTIONS.slice(0, 3).join(", ")}, ...) to other principals wherever ${p.name} is attached`);
    }
  },
});

export const trailBucketComplianceLock = preflightStack({
  name: "trail-bucket-compliance-lock",
  description: "The bucket an organisation trail writes to must lock its objects in COMPLIANCE mode: GOVERNANCE mode lets anyone with s3:BypassGovernanceRetention delete them.",
  types: [TRAIL, ...BUCKET_TYPES, OBJECT_LOCK],
  fix: "Set the trail bucket's Object Lock default retention mode to COMPLIANCE (an existing GOVERNANCE lock can be raised to COMPLIANCE; COMPLIANCE cannot be lowered or shortened by anyone, root included).",
  constraint: {
    rule: "in governance mode, users with the s3:BypassGovernanceRetention permission can overwrite or delete a locked object version or alter its lock settings; in compliance mode no user, including the root user, can",
    source: "Amazon S3 User Guide, Object Lock retention modes",
  },
  validate(stack, _ctx, report) {
    for (const t of stack.ofType(TRAIL)) {
      if (String(t.props.isOrganizationTrail) !== "true") continue;
      const bucket = stack.refs(t, "s3BucketName", BUCKET_TYPES)[0];
      if (!bucket) continue;
      for (const lock of stack.referrers(bucket, [OBJECT_LOCK], "bucket")) {
        const mode = str(obj(obj(arr(lock.props.rule)[0])?.defaultRetention ? arr(obj(arr(lock.props.rule)[0])!.defaultRetention)[0] : undefined)?.mode);
        if (mode !== "COMPLIANCE") report(lock.urn, `${lock.name} locks ${bucket.name}, where the organisation trail ${t.name} writes, in ${mode ?? "no"} mode`);
      }
    }
  },
});

export const guardrailPolicies: readonly LzPolicy[] = [scpExemptRolesProtected, trailBucketComplianceLock];
