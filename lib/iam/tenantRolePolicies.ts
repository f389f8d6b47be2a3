import { policyDocument, PolicyDocument } from "./tenantPolicyDocument";

/** The session tag that carries the tenant's slug when the app assumes a tenant role. */
export const TENANT_SESSION_TAG = "tenant";

/**
 * Who may become the tenant: only the apps' task role, and only when it tags the session
 * `tenant=<slug>` (and no other tag). A request for tenant A's role tagged `tenant=b` is refused, so
 * the tenant an app acts for is always written in the session and in CloudTrail.
 */
export function tenantTrustPolicy(a: { readonly slug: string; readonly appTaskRoleArn: string }): PolicyDocument {
  return policyDocument([
    {
      Sid: "AppTaskRoleTaggedForThisTenant",
      Effect: "Allow",
      Principal: { AWS: a.appTaskRoleArn },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: { [`aws:RequestTag/${TENANT_SESSION_TAG}`]: a.slug },
        "ForAllValues:StringEquals": { "aws:TagKeys": [TENANT_SESSION_TAG] },
      },
    },
  ]);
}

export interface TenantRolePolicyArgs {
  readonly bucketArn: string;
  readonly keyArn: string;
  readonly secretArn: string;
}

/** What the tenant's role may do: its own bucket, its own key, its own settings. Nothing else. */
export function tenantRolePolicy(a: TenantRolePolicyArgs): PolicyDocument {
  return policyDocument([
    {
      Sid: "ListOwnBucket",
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketVersions"],
      Resource: a.bucketArn,
    },
    {
      Sid: "ReadWriteOwnObjects",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion", "s3:ListMultipartUploadParts", "s3:PutObject"],
      Resource: `${a.bucketArn}/*`,
    },
    {
      Sid: "UseOwnKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: a.keyArn,
    },
    {
      Sid: "ReadOwnSettings",
      Effect: "Allow",
      Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
      Resource: a.secretArn,
    },
  ]);
}
