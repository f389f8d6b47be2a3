import { KMS_DATA_ACTIONS, networkPerimeterStatement, NetworkPerimeter } from "./tenantPerimeter";
import { policyDocument, PolicyDocument, principals, Statement } from "./tenantPolicyDocument";

/**
 * The key policy of a tenant's customer key: "no super user". The platform may encrypt for a
 * tenant; only the tenant's own role may decrypt.
 *
 * The policy deliberately does NOT grant `arn:aws:iam::<account>:root`. That statement (the AWS
 * default) hands the key to IAM: any principal whose identity policy says `kms:*` — every account
 * administrator — could then decrypt. Without it, identity policies grant nothing on this key; only
 * the principals named here can use it. The key stays manageable: the key administrators (the
 * deployment role) can describe, tag, rotate, disable, schedule deletion and replace this policy
 * (which also satisfies KMS's lockout safety check), but hold no Decrypt, ReEncrypt or CreateGrant.
 * A final Deny refuses decryption to every principal but the tenant role, whatever else a later
 * statement or grant says. The remaining trust is `kms:PutKeyPolicy`: whoever can act as the
 * deployment role could rewrite the policy, which CloudTrail records; guard that role's trust policy.
 */
export interface TenantKeyPolicyArgs {
  /** Roles that administer the key (the stack's deployment role). No decrypt. */
  readonly keyAdminArns: readonly string[];
  /** Platform roles that may encrypt and generate data keys only (deployment role, app task role). */
  readonly encryptOnlyArns: readonly string[];
  /** The tenant's role: the only principal that can decrypt. */
  readonly tenantRoleArn: string;
  /** The tenant's own agents that decrypt for it: its SFTP role (Transfer Family reads and writes multipart). Default none. */
  readonly ownAgentArns?: readonly string[];
  /**
   * Other tenants' roles that may encrypt with this key only (they deliver files into this
   * tenant's inbound folders, and can never read them back). Default none.
   */
  readonly senderArns?: readonly string[];
  /** The account, for the senders' statement (`kms:CallerAccount`). Required with senders. */
  readonly accountId?: string;
  /** The VPC's KMS endpoint and the exempt principals. Default: no network perimeter. */
  readonly perimeter?: NetworkPerimeter;
}

/** Managing the key without using it. Listed one by one: `kms:Create*` would include CreateGrant. */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

/** Encrypting for the tenant: enough for S3 (SSE-KMS with a bucket key) and Secrets Manager writes. */
export const ENCRYPT_ONLY_ACTIONS = ["kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"] as const;

export const TENANT_KEY_ACTIONS = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
] as const;

/** What nobody but the tenant may do: read plaintext, directly or by delegating. */
export const DECRYPT_ACTIONS = ["kms:CreateGrant", "kms:Decrypt", "kms:ReEncryptFrom"] as const;

/** What another tenant may do with this key to deliver a file: encrypt, never decrypt. */
export const SENDER_KEY_ACTIONS = ["kms:Encrypt", "kms:GenerateDataKey"] as const;

export function tenantKeyPolicy(a: TenantKeyPolicyArgs): PolicyDocument {
  if (a.keyAdminArns.length === 0) throw new Error("a tenant key needs at least one key administrator, or nobody could ever change its policy");
  if (a.keyAdminArns.includes(a.tenantRoleArn) || a.encryptOnlyArns.includes(a.tenantRoleArn)) {
    throw new Error(`the tenant role ${a.tenantRoleArn} must not also be a platform role`);
  }
  const decrypters = principals([a.tenantRoleArn, ...(a.ownAgentArns ?? [])]);
  const senders = principals(a.senderArns ?? []);
  if (senders.some((s) => decrypters.includes(s))) throw new Error("a tenant cannot send to itself: its own principals already use the key");
  if (senders.length && !a.accountId) throw new Error("senders need the account id (kms:CallerAccount)");
  const extra: Statement[] = [];
  if (senders.length) {
    // By condition, not Principal: KMS rejects a policy naming a role that does not exist yet.
    extra.push({
      Sid: "SendersMayEncryptOnly",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: [...SENDER_KEY_ACTIONS],
      Resource: "*",
      Condition: { ArnEquals: { "aws:PrincipalArn": senders }, StringEquals: { "kms:CallerAccount": a.accountId as string } },
    });
  }
  if (a.perimeter) extra.push(networkPerimeterStatement("DenyOutsideNetworkPerimeter", KMS_DATA_ACTIONS, "*", a.perimeter));
  return policyDocument([
    {
      Sid: "KeyAdministrationWithoutDecrypt",
      Effect: "Allow",
      Principal: { AWS: principals(a.keyAdminArns) },
      Action: [...KEY_ADMIN_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "PlatformMayEncryptOnly",
      Effect: "Allow",
      Principal: { AWS: principals(a.encryptOnlyArns) },
      Action: [...ENCRYPT_ONLY_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "TenantRoleMayDecrypt",
      Effect: "Allow",
      Principal: { AWS: decrypters.length === 1 ? decrypters[0] : decrypters },
      Action: [...TENANT_KEY_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "NobodyElseDecrypts",
      Effect: "Deny",
      Principal: "*",
      Action: [...DECRYPT_ACTIONS],
      Resource: "*",
      Condition: { ArnNotEquals: { "aws:PrincipalArn": decrypters.length === 1 ? decrypters[0] : decrypters } },
    },
    ...extra,
  ]);
}
