import { policyDocument, PolicyDocument } from "./tenantPolicyDocument";

/**
 * The tenant bucket's policy. It grants nothing (the tenant role's own policy does); it only
 * denies: requests without TLS, object reads by anyone but the tenant role, and writes that ask for
 * another key or another kind of encryption than the tenant's key.
 */
export interface TenantBucketPolicyArgs {
  readonly bucketArn: string;
  readonly keyArn: string;
  readonly tenantRoleArn: string;
}

/** Reading an object's content, in any of its forms. */
export const OBJECT_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectAttributes", "s3:GetObjectVersion", "s3:GetObjectVersionAttributes"] as const;

export function tenantBucketPolicy(a: TenantBucketPolicyArgs): PolicyDocument {
  const objects = `${a.bucketArn}/*`;
  return policyDocument([
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [a.bucketArn, objects],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "OnlyTheTenantReadsObjects",
      Effect: "Deny",
      Principal: "*",
      Action: [...OBJECT_READ_ACTIONS],
      Resource: objects,
      Condition: { ArnNotEquals: { "aws:PrincipalArn": a.tenantRoleArn } },
    },
    {
      Sid: "DenyOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      // Only when the request names an encryption: without one, the bucket's default (the tenant key) applies.
      Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } },
    },
    {
      Sid: "DenyOtherKeys",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": a.keyArn },
        Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
      },
    },
  ]);
}
