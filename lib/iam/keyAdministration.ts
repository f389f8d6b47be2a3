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
