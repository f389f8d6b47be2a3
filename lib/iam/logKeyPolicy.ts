import { keyAdministrationStatement } from "./keyAdministration";
import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

export interface LogKeyPolicyInput {
  /** The log-archive account, which owns the key. */
  readonly keyAccountId: string;
  /** The key's region (the log-archive home region; S3 reads decrypt through S3 there). */
  readonly region: string;
  readonly organizationId: string;
  /** The organisation trail's ARN. It is owned by the management account, even when the delegated admin created it. */
  readonly trailArn: string;
  readonly managementAccountId: string;
  /** Extra statements (the Config replication role's encrypt). Default none. */
  readonly extraStatements?: readonly PolicyStatement[];
}

/** `arn:aws:cloudtrail:<region>:<management account>:trail/<name>`: where an organisation trail lives. */
export function organizationTrailArn(region: string, managementAccountId: string, trailName: string): string {
  return `arn:aws:cloudtrail:${region}:${managementAccountId}:trail/${trailName}`;
}

/**
 * The log-archive key: only the services that deliver logs into the archive may encrypt with it,
 * each for this organisation only, and only principals of the organisation may decrypt, and only
 * through S3 (reading a log object).
 */
export function logKeyPolicy(p: LogKeyPolicyInput): PolicyDocument {
  const fromOrg = { StringEquals: { "aws:SourceOrgID": p.organizationId } };
  return policyDocument([
    keyAdministrationStatement(p.keyAccountId),
    {
      Sid: "CloudTrailEncryptOrganizationTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": p.trailArn },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${p.managementAccountId}:trail/*` },
      },
    },
    { Sid: "CloudTrailDescribeKey", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": p.trailArn } } },
    { Sid: "ConfigDelivery", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: fromOrg },
    {
      Sid: "FlowLogDelivery",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: fromOrg,
    },
    {
      Sid: "OrganizationReadsLogsThroughS3",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": p.organizationId, "kms:ViaService": `s3.${p.region}.amazonaws.com` } },
    },
    ...(p.extraStatements ?? []),
  ]);
}
