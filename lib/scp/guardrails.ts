import { LOG_BUCKET_PREFIX } from "../logArchiveNames";
import { anyAccountRole, PolicyConditions, PolicyDocument, policyDocument, PolicyStatement } from "../iam/policyDocument";
import { CONTROL_TOWER_REGION_DENY_NOT_ACTIONS } from "./controlTowerExemptions";

/**
 * The guardrails an SCP can be composed of (`landing-zone:guardrails.policies.<name>.guardrails`).
 * Each is a pure function of the config, so the exact document can be measured at config time and
 * evaluated by tests with a real policy evaluator.
 */
export const GUARDRAIL_KINDS = [
  "region-deny",
  "deny-leave-organization",
  "deny-root-user",
  "protect-security-services",
  "protect-log-archive",
  "protect-account-baseline",
  "protect-platform-roles",
  "deny-all",
] as const;
export type GuardrailKind = (typeof GUARDRAIL_KINDS)[number];

export interface GuardrailContext {
  /** Regions where regional actions stay allowed: the Australian regions in use. */
  readonly allowedRegions: readonly string[];
  /** The role every stack deploys with (`account.deploymentRoleName`): it must be able to manage what the guardrails protect. */
  readonly deploymentRoleName: string;
  /** The break-glass role (`account.breakGlassRoleName`): exempt from every guardrail but the root-user deny. */
  readonly breakGlassRoleName: string;
  /** Extra global actions to exempt from the region deny, beyond Control Tower's list. */
  readonly additionalNotActions?: readonly string[];
  /** Extra principal ARN patterns exempt from the region deny (e.g. a cross-region DR role). */
  readonly additionalExemptPrincipalArns?: readonly string[];
}

const PRINCIPAL_ARN = "aws:PrincipalARN";

function exceptPrincipals(arns: readonly string[]): PolicyConditions {
  return { ArnNotLike: { [PRINCIPAL_ARN]: [...arns] } };
}

function platformRoles(ctx: GuardrailContext): string[] {
  return [anyAccountRole(ctx.deploymentRoleName), anyAccountRole(ctx.breakGlassRoleName)];
}

/** Actions that switch off or blind the organisation's detective services. */
export const SECURITY_SERVICE_ACTIONS: readonly string[] = [
  "access-analyzer:DeleteAnalyzer",
  "cloudtrail:DeleteEventDataStore",
  "cloudtrail:DeleteTrail",
  "cloudtrail:PutEventSelectors",
  "cloudtrail:StopEventDataStoreIngestion",
  "cloudtrail:StopLogging",
  "cloudtrail:UpdateTrail",
  "config:DeleteAggregationAuthorization",
  "config:DeleteConfigurationAggregator",
  "config:DeleteConfigurationRecorder",
  "config:DeleteDeliveryChannel",
  "config:DeleteRetentionConfiguration",
  "config:PutConfigurationRecorder",
  "config:PutDeliveryChannel",
  "config:DeleteServiceLinkedConfigurationRecorder",
  "config:StopConfigurationRecorder",
  "guardduty:CreateFilter",
  "guardduty:CreateIPSet",
  "guardduty:DeleteDetector",
  "guardduty:DeleteMalwareProtectionPlan",
  "guardduty:DeleteMembers",
  "guardduty:DeletePublishingDestination",
  "guardduty:DisassociateFromAdministratorAccount",
  "guardduty:DisassociateFromMasterAccount",
  "guardduty:DisassociateMembers",
  "guardduty:StopMonitoringMembers",
  "guardduty:UpdateDetector",
  "guardduty:UpdateFilter",
  "guardduty:UpdateIPSet",
  "guardduty:UpdateMalwareProtectionPlan",
  "guardduty:UpdateMemberDetectors",
  "guardduty:UpdateOrganizationConfiguration",
  "securityhub:BatchDisableStandards",
  "securityhub:DeleteConfigurationPolicy",
  "securityhub:DeleteFindingAggregator",
  "securityhub:DeleteMembers",
  "securityhub:DisableImportFindingsForProduct",
  "securityhub:DisableOrganizationAdminAccount",
  "securityhub:DisableSecurityHub",
  "securityhub:DisassociateFromAdministratorAccount",
  "securityhub:DisassociateFromMasterAccount",
  "securityhub:DisassociateMembers",
  "securityhub:StartConfigurationPolicyDisassociation",
  "securityhub:UpdateConfigurationPolicy",
  "securityhub:UpdateOrganizationConfiguration",
  "securityhub:UpdateSecurityHubConfiguration",
  "securityhub:UpdateStandardsControl",
];

/** Bucket-level changes that would weaken a log-archive bucket. */
export const LOG_BUCKET_CONFIG_ACTIONS: readonly string[] = [
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketAcl",
  "s3:PutBucketLogging",
  "s3:PutBucketObjectLockConfiguration",
  "s3:PutBucketOwnershipControls",
  "s3:PutBucketPolicy",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketVersioning",
  "s3:PutEncryptionConfiguration",
  "s3:PutLifecycleConfiguration",
  "s3:PutReplicationConfiguration",
];

/**
 * Role writes denied on the platform roles (deployment and break-glass) to everyone but those roles:
 * the same list Control Tower's mandatory controls deny on its own roles (CT.IAM.PV.1). Without it,
 * an administrator of a member account could create or re-trust a role of the exempted name and
 * inherit every SCP exemption.
 */
export const PLATFORM_ROLE_ACTIONS: readonly string[] = [
  "iam:AttachRolePolicy",
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];

/** Object-level changes that would delete or unlock archived logs. */
export const LOG_OBJECT_ACTIONS: readonly string[] = ["s3:BypassGovernanceRetention", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectLegalHold", "s3:PutObjectRetention"];

/** The region-deny NotAction list: Control Tower's, plus configured extras, sorted and unique. */
export function regionDenyNotActions(extra: readonly string[] = []): string[] {
  return [...new Set([...CONTROL_TOWER_REGION_DENY_NOT_ACTIONS, ...extra])].sort();
}

const BUILDERS: Record<GuardrailKind, (ctx: GuardrailContext) => PolicyStatement[]> = {
  "region-deny": (ctx) => [
    {
      Sid: "DenyOutsideAllowedRegions",
      Effect: "Deny",
      NotAction: regionDenyNotActions(ctx.additionalNotActions),
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:RequestedRegion": [...ctx.allowedRegions] },
        ArnNotLike: { [PRINCIPAL_ARN]: [...platformRoles(ctx), ...(ctx.additionalExemptPrincipalArns ?? [])] },
      },
    },
  ],
  "deny-leave-organization": () => [{ Sid: "DenyLeaveOrganization", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }],
  // The root user of a member account is never needed day to day; password recovery still works.
  // Centralised root access sessions (sts:AssumeRoot from the management account, limited to an AWS
  // task policy such as S3UnlockBucketPolicy) carry aws:AssumedRoot and stay possible: they are how
  // a bucket policy that locks everyone out is removed without root credentials.
  "deny-root-user": () => [{ Sid: "DenyRootUser", Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { [PRINCIPAL_ARN]: "arn:aws:iam::*:root" }, Null: { "aws:AssumedRoot": "true" } } }],
  "protect-security-services": (ctx) => [
    { Sid: "ProtectSecurityServices", Effect: "Deny", Action: [...SECURITY_SERVICE_ACTIONS], Resource: "*", Condition: exceptPrincipals(platformRoles(ctx)) },
  ],
  "protect-log-archive": (ctx) => [
    // The deployment role configures the buckets (log-archive stack); nobody else may change them.
    { Sid: "ProtectLogArchiveBuckets", Effect: "Deny", Action: [...LOG_BUCKET_CONFIG_ACTIONS], Resource: `arn:aws:s3:::${LOG_BUCKET_PREFIX}*`, Condition: exceptPrincipals(platformRoles(ctx)) },
    // Archived logs are only ever removed by lifecycle expiry (which SCPs do not govern): not even
    // break-glass may delete or unlock them (and the trail bucket's COMPLIANCE lock refuses it anyway).
    { Sid: "ProtectLogArchiveObjects", Effect: "Deny", Action: [...LOG_OBJECT_ACTIONS], Resource: `arn:aws:s3:::${LOG_BUCKET_PREFIX}*/*` },
  ],
  "protect-account-baseline": (ctx) => [
    { Sid: "DenyDisableEbsDefaultEncryption", Effect: "Deny", Action: "ec2:DisableEbsEncryptionByDefault", Resource: "*", Condition: exceptPrincipals([anyAccountRole(ctx.breakGlassRoleName)]) },
    // The deployment role sets the default key and the account public access block (the account baseline).
    {
      Sid: "ProtectAccountBaseline",
      Effect: "Deny",
      Action: ["ec2:ModifyEbsDefaultKmsKeyId", "ec2:ResetEbsDefaultKmsKeyId", "s3:PutAccountPublicAccessBlock"],
      Resource: "*",
      Condition: exceptPrincipals(platformRoles(ctx)),
    },
  ],
  "protect-platform-roles": (ctx) => [
    {
      Sid: "ProtectPlatformRoles",
      Effect: "Deny",
      Action: [...PLATFORM_ROLE_ACTIONS],
      Resource: platformRoles(ctx),
      Condition: exceptPrincipals(platformRoles(ctx)),
    },
    // A member account's own principals may not assume the platform roles (they trust the management account only).
    { Sid: "DenyAssumePlatformRoles", Effect: "Deny", Action: "sts:AssumeRole", Resource: platformRoles(ctx), Condition: exceptPrincipals(platformRoles(ctx)) },
  ],
  // For the Suspended OU: nothing runs there, except break-glass to investigate.
  "deny-all": (ctx) => [{ Sid: "DenyAll", Effect: "Deny", Action: "*", Resource: "*", Condition: exceptPrincipals([anyAccountRole(ctx.breakGlassRoleName)]) }],
};

export function guardrailStatements(kind: GuardrailKind, ctx: GuardrailContext): PolicyStatement[] {
  return BUILDERS[kind](ctx);
}

/** One SCP made of the given guardrails, in the given order. */
export function buildScp(kinds: readonly GuardrailKind[], ctx: GuardrailContext): PolicyDocument {
  const unique = [...new Set(kinds)];
  return policyDocument(unique.flatMap((k) => guardrailStatements(k, ctx)));
}
