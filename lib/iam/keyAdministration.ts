import { accountRoot, PolicyStatement } from "./policyDocument";

/**
 * Key administration without key use: the account (through its IAM policies, i.e. the deployment
 * role) may manage the key's lifecycle and policy, but encrypting and decrypting is granted per
 * service or per organisation by the key's own statements. Without an account-root statement a key
 * policy can lock everyone out, which AWS only undoes through a support case. `kms:CreateGrant` is
 * deliberately not an admin action (AWS's default key policy includes it through `kms:Create*`): a
 * grant is key use, and would let an administrator give itself decrypt.
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:Delete*",
  "kms:Describe*",
  "kms:Disable*",
  "kms:Enable*",
  "kms:Get*",
  "kms:List*",
  "kms:Put*",
  "kms:Revoke*",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:Update*",
];

export function keyAdministrationStatement(accountId: string): PolicyStatement {
  return { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: accountRoot(accountId) }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" };
}

/** The ARN of a CloudWatch Logs log group, as KMS sees it in the `aws:logs:arn` encryption context. */
export function logGroupArn(g: { readonly accountId: string; readonly region: string; readonly logGroupName: string }): string {
  return `arn:aws:logs:${g.region}:${g.accountId}:log-group:${g.logGroupName}`;
}

/** CloudWatch Logs (of the key's region) may use the key for this one log group only (its encryption context). */
export function logGroupKeyStatement(sid: string, g: { readonly accountId: string; readonly region: string; readonly logGroupName: string }): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: `logs.${g.region}.amazonaws.com` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn(g) } },
  };
}
