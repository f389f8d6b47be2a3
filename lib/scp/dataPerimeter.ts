import { PolicyDocument, policyDocument, PolicyStatement } from "../iam/policyDocument";

/**
 * The organisation's data perimeter, as two organisation policies attached to the workload OUs:
 *
 * - a resource control policy (RCP): the organisation's S3, KMS, Secrets Manager, SQS and STS
 *   resources refuse principals outside the organisation, and AWS services acting for anyone but
 *   the organisation (confused deputy), and every request without TLS;
 * - a service control policy (SCP): the organisation's principals cannot use the data-tier actions
 *   on resources outside the organisation, except the AWS-owned resources named below.
 *
 * RCPs apply only to the services that support them (S3, STS, KMS, SQS, Secrets Manager at the time
 * of writing; AWS Organizations User Guide, "Resource control policies") and never to the
 * management account's resources. Both documents are pure functions of config, so their size is
 * measured when config is loaded (config/schema/dataPerimeter.ts) and a real policy evaluator runs
 * them in the tests.
 */

/** The services whose resources the RCP guards: the RCP-supported services that hold our data. */
export const RCP_GUARDED_ACTIONS = ["s3:*", "kms:*", "secretsmanager:*", "sqs:*"] as const;

/**
 * The STS actions that act on a role of ours (the role is the resource). Federated entry
 * (`AssumeRoleWithSAML`, `AssumeRoleWithWebIdentity`) is left out: Identity Center and CI federate
 * through it, and those callers carry no `aws:PrincipalOrgID`.
 */
export const RCP_STS_ACTIONS = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"] as const;

/**
 * The data-tier actions the SCP keeps inside the organisation. SQS and SNS are included because a
 * queue or topic in another organisation is an exfiltration path as good as a bucket.
 */
export const SCP_DATA_TIER_ACTIONS = ["dynamodb:*", "kms:*", "s3:*", "secretsmanager:*", "sns:*", "sqs:*"] as const;

/**
 * The longest organisation id AWS issues (`o-` and 10 to 32 lower-case letters or digits, per the
 * Organizations API's `Organization.Id` pattern). The RCP names the real id, which exists only
 * once the organisation does, so config measures the RCP with this one: the real policy is never
 * longer.
 */
export const LONGEST_ORGANIZATION_ID = `o-${"x".repeat(32)}`;

/** A third party that may assume roles in the workload accounts (STS only, never data). */
export interface TrustedAccount {
  readonly accountId: string;
  /** Why: shown in the config and the docs. */
  readonly reason: string;
}

export interface DataPerimeterContext {
  /** The organisation's id (`o-...`). */
  readonly organizationId: string;
  /** The regions in use, for the AWS-owned buckets' names. */
  readonly regions: readonly string[];
  /** Accounts outside the organisation that may assume our roles (the Datadog integration). Default none. */
  readonly trustedAccounts?: readonly TrustedAccount[];
}

/** An AWS-owned resource our principals must keep reaching with data-tier actions, and why. */
export interface AwsOwnedResource {
  readonly arn: string;
  readonly why: string;
}

/**
 * AWS-owned S3 buckets that the workloads here read from inside the VPC: ECR's image layers (ECS
 * pulls every container image through them), the SSM agent's and Amazon Linux's package buckets.
 * Source: the data perimeter examples' list of service-owned resources (aws-samples,
 * service_owned_resources.md). Most of these requests are presigned by the service's own account
 * or anonymous, so the SCP does not see them; the S3 gateway endpoint's policy does, which is why
 * the same list opens it. They are read-only.
 */
export function awsOwnedBuckets(region: string): AwsOwnedResource[] {
  return [
    { arn: `arn:aws:s3:::prod-${region}-starport-layer-bucket/*`, why: "ECR stores image layers here; ECS on Fargate downloads them with a URL ECR presigns" },
    { arn: `arn:aws:s3:::aws-ssm-${region}/*`, why: "SSM Agent documents and plugins" },
    { arn: `arn:aws:s3:::amazon-ssm-${region}/*`, why: "SSM Agent installers and updates" },
    { arn: `arn:aws:s3:::amazon-ssm-packages-${region}/*`, why: "SSM Distributor packages published by AWS" },
    { arn: `arn:aws:s3:::${region}-birdwatcher-prod/*`, why: "SSM Distributor's package manifests" },
    { arn: `arn:aws:s3:::al2023-repos-${region}-de612dc2/*`, why: "Amazon Linux 2023 package repositories" },
  ];
}

/** The data-tier actions the SCP lets reach AWS-owned buckets: reading, never writing. */
export const AWS_OWNED_BUCKET_ACTIONS = ["s3:GetObject"] as const;

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** The RCP, with the organisation's id. */
export function identityPerimeterRcp(ctx: DataPerimeterContext): PolicyDocument {
  const trusted = unique((ctx.trustedAccounts ?? []).map((a) => a.accountId));
  return policyDocument([
    {
      Sid: "DenyPrincipalsOutsideOrganization",
      Effect: "Deny",
      Principal: "*",
      Action: [...RCP_GUARDED_ACTIONS],
      Resource: "*",
      // A service principal has no PrincipalOrgID: it is judged by the next statement instead.
      Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ctx.organizationId }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    },
    {
      Sid: "DenyRoleAssumptionOutsideOrganization",
      Effect: "Deny",
      Principal: "*",
      Action: [...RCP_STS_ACTIONS],
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": ctx.organizationId, ...(trusted.length ? { "aws:PrincipalAccount": trusted } : {}) },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
    {
      // An AWS service acting for another organisation's resource (a trail, a bucket replication)
      // must not be able to use ours. Service calls with no source at all (key rotation, a
      // service-linked role's housekeeping) carry no SourceOrgID and pass.
      Sid: "DenyServicesActingForOtherOrganizations",
      Effect: "Deny",
      Principal: "*",
      Action: [...RCP_GUARDED_ACTIONS, ...RCP_STS_ACTIONS],
      Resource: "*",
      Condition: { StringNotEqualsIfExists: { "aws:SourceOrgID": ctx.organizationId }, Null: { "aws:SourceAccount": "false" }, Bool: { "aws:PrincipalIsAWSService": "true" } },
    },
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:*"],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
    },
  ]);
}

/** The SCP. It uses `${aws:PrincipalOrgID}`, so it needs no organisation id and is fixed by config alone. */
export function resourcePerimeterScp(ctx: Omit<DataPerimeterContext, "organizationId" | "trustedAccounts">): PolicyDocument {
  const owned = unique(ctx.regions.flatMap((r) => awsOwnedBuckets(r).map((b) => b.arn)));
  const statements: PolicyStatement[] = [
    {
      Sid: "DenyDataActionsOnResourcesOutsideOrganization",
      Effect: "Deny",
      Action: [...SCP_DATA_TIER_ACTIONS],
      NotResource: owned,
      // No ResourceOrgID (a list call on "*", a resource of no account): nothing to judge.
      Condition: { StringNotEqualsIfExists: { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    },
    {
      Sid: "OnlyReadAwsOwnedBuckets",
      Effect: "Deny",
      NotAction: [...AWS_OWNED_BUCKET_ACTIONS],
      Resource: owned,
      Condition: { StringNotEqualsIfExists: { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    },
  ];
  return policyDocument(statements);
}

/** How to shrink the perimeter's RCP (its size grows with the trusted accounts) when it is over the quota. */
export const RCP_SIZE_FIX = "list fewer trusted accounts (dataPerimeter.trustedAccounts)";

/** How to shrink the perimeter's SCP (its size grows with the regions' AWS-owned buckets). */
export const PERIMETER_SCP_SIZE_FIX = "use fewer regions (guardrails.allowedRegions)";
