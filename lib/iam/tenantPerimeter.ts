import { Statement } from "./tenantPolicyDocument";

/**
 * The network perimeter of a tenant's data: a request to read or write it with valid credentials
 * is refused unless it came through this VPC's endpoint for the service (`aws:SourceVpce`), or an
 * AWS service made it on our behalf (`aws:ViaAWSService`: S3 calling KMS for SSE-KMS, Secrets
 * Manager decrypting), or it is one of the exempt principals (break-glass; the tenant's SFTP role,
 * whose requests AWS Transfer Family makes from its own network after the VPC-internal server let
 * the user in).
 *
 * Only data actions are fenced: the deployment role manages the bucket, key and secret from CI,
 * outside the VPC, and needs `HeadBucket`, `DescribeKey`, `DescribeSecret` and the policy calls.
 */
export interface NetworkPerimeter {
  /** The VPC endpoint the service's requests must come through (`vpce-...`). */
  readonly endpointId: string;
  /** Principals exempt by ARN: break-glass, and for the bucket the tenant's SFTP role. */
  readonly exemptPrincipalArns: readonly string[];
}

/** Reading and writing object content: what the perimeter fences on a tenant bucket. */
export const S3_DATA_ACTIONS = ["s3:AbortMultipartUpload", "s3:DeleteObject*", "s3:GetObject*", "s3:PutObject*", "s3:RestoreObject"] as const;

/** Using the key: what the perimeter fences on a tenant key. DescribeKey and the policy calls stay reachable for administration. */
export const KMS_DATA_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"] as const;

/** Reading or changing a secret's value. */
export const SECRETS_DATA_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret"] as const;

export function networkPerimeterStatement(sid: string, actions: readonly string[], resource: string | readonly string[], p: NetworkPerimeter): Statement {
  return {
    Sid: sid,
    Effect: "Deny",
    Principal: "*",
    Action: [...actions],
    Resource: resource,
    Condition: {
      StringNotEqualsIfExists: { "aws:SourceVpce": p.endpointId },
      BoolIfExists: { "aws:ViaAWSService": "false" },
      ...(p.exemptPrincipalArns.length ? { ArnNotLikeIfExists: { "aws:PrincipalArn": [...new Set(p.exemptPrincipalArns)].sort() } } : {}),
    },
  };
}
