import { sidPart } from "./tenantBucketPolicy";
import { SENDER_KEY_ACTIONS } from "./tenantKeyPolicy";
import { policyDocument, PolicyDocument, Statement } from "./tenantPolicyDocument";

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
  /** Tenants this one delivers files to (their `shares` name it). Default none. */
  readonly deliversTo?: readonly DeliveryTarget[];
}

/** A recipient of this tenant's files: where they go and the key they are encrypted with. */
export interface DeliveryTarget {
  readonly slug: string;
  /** The recipient's bucket (its name is derived from its slug, so no output of the recipient is needed). */
  readonly bucketArn: string;
  /** The recipient key's alias (`alias/tenant/<slug>`), matched with `kms:ResourceAliases`. */
  readonly keyAlias: string;
  /** `arn:aws:kms:<region>:<account>:key/*`: the recipient key's id is not known to this tenant. */
  readonly keysInAccount: string;
  /** This tenant's folder in the recipient's bucket: `inbound/<this slug>/`. */
  readonly prefix: string;
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
    ...[...(a.deliversTo ?? [])]
      .sort((x, y) => x.slug.localeCompare(y.slug))
      .flatMap((d): Statement[] => {
        const id = sidPart(d.slug);
        return [
          { Sid: `DeliverTo${id}`, Effect: "Allow", Action: "s3:PutObject", Resource: `${d.bucketArn}/${d.prefix}*` },
          { Sid: `EncryptFor${id}`, Effect: "Allow", Action: [...SENDER_KEY_ACTIONS], Resource: d.keysInAccount, Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": d.keyAlias } } },
        ];
      }),
  ]);
}

/** The session policy and role of a tenant's SFTP users: its bucket and key, nothing else. */
export interface TenantSftpPolicyArgs {
  readonly bucketArn: string;
  readonly keyArn: string;
}

/**
 * What an SFTP session may do: list, read, write and delete in its own bucket, with its own key.
 * The same document is the SFTP role's policy and the Transfer user's session policy, so even a
 * role widened by mistake is cut back to this bucket in every session. Transfer Family session
 * policies hold at most 2,048 characters; this one is well under.
 */
export function tenantSftpPolicy(a: TenantSftpPolicyArgs): PolicyDocument {
  return policyDocument([
    { Sid: "ListOwnBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: a.bucketArn },
    {
      Sid: "ReadWriteOwnObjects",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:GetObjectVersion", "s3:ListMultipartUploadParts", "s3:PutObject"],
      Resource: `${a.bucketArn}/*`,
    },
    { Sid: "UseOwnKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], Resource: a.keyArn },
  ]);
}

/**
 * Who may act as the tenant's SFTP role: AWS Transfer Family, for a user of this account's server
 * only (`aws:SourceAccount` and `aws:SourceArn` stop a confused deputy).
 */
export function tenantSftpTrustPolicy(a: { readonly accountId: string; readonly region: string; readonly serverId: string }): PolicyDocument {
  return policyDocument([
    {
      Sid: "TransferFamilyForThisServer",
      Effect: "Allow",
      Principal: { Service: "transfer.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": a.accountId },
        ArnLike: { "aws:SourceArn": `arn:aws:transfer:${a.region}:${a.accountId}:user/${a.serverId}/*` },
      },
    },
  ]);
}
