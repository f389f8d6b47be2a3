import { LzPolicy } from "../lib/policy";
import { Statement, statements, strings, wildcardMatch } from "../lib/iam";
import { isUnknown } from "../lib/unknown";
import { flag, obj, Props, str } from "../lib/values";
import { accountOfProvider, roleOfProvider } from "./account";
import { preflightResource } from "./constraint";

/** AWS KMS: the key policy lockout safety check, deletion windows, rotation, alias names. */

const KEY_TYPES = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey", "aws:kms/keyPolicy:KeyPolicy"];

function coversAction(s: Statement, action: string): boolean {
  if (s.Action !== undefined) return strings(s.Action).some((a) => wildcardMatch(a, action));
  if (s.NotAction !== undefined) return !strings(s.NotAction).some((a) => wildcardMatch(a, action));
  return false;
}

/** Whether a statement's Principal names `who` (the account, its root, or the role itself). */
function namesPrincipal(s: Statement, account: string, role: string | undefined): boolean {
  const p = s.Principal;
  if (p === "*") return true;
  const aws = strings(obj(p)?.AWS);
  return aws.some((a) => a === "*" || a === account || a === `arn:aws:iam::${account}:root` || (role !== undefined && a === role));
}

/** Whether a Deny's condition exempts `role` through an aws:PrincipalArn "not" operator; other conditions are taken to exempt nobody we can tell. */
function denyExempts(s: Statement, role: string | undefined): "exempt" | "applies" | "cannot-tell" {
  const c = obj(s.Condition);
  if (!c || Object.keys(c).length === 0) return "applies";
  for (const [op, keys] of Object.entries(c)) {
    if (!/^(Arn|String)Not(Like|Equals)(IgnoreCase)?$/.test(op)) return "cannot-tell";
    const k = obj(keys) ?? {};
    const patterns = Object.entries(k).filter(([key]) => key.toLowerCase() === "aws:principalarn").flatMap(([, v]) => strings(v));
    if (patterns.length === 0) return "cannot-tell";
    if (role && patterns.some((x) => wildcardMatch(x, role))) return "exempt";
  }
  return "applies";
}

/**
 * Why a key policy would fail KMS's lockout safety check for `account` / `role`, or undefined.
 * KMS refuses a policy that does not let the caller call PutKeyPolicy again.
 */
export function lockoutProblem(doc: unknown, account: string, role: string | undefined): string | undefined {
  const st = statements(doc);
  if (st.length === 0) return undefined;
  const allows = st.filter((s) => s.Effect === "Allow" && coversAction(s, "kms:PutKeyPolicy") && namesPrincipal(s, account, role));
  const caller = role ?? `arn:aws:iam::${account}:root`;
  if (allows.length === 0) return `no statement allows kms:PutKeyPolicy to the account (arn:aws:iam::${account}:root) or to the deploying role ${caller}`;
  const deny = st.find((s) => s.Effect === "Deny" && coversAction(s, "kms:PutKeyPolicy") && namesPrincipal(s, account, role) && denyExempts(s, role) === "applies");
  if (deny) return `statement ${str(deny.Sid) ?? "(no Sid)"} denies kms:PutKeyPolicy to ${caller}`;
  return undefined;
}

export const kmsKeyPolicyLockout = preflightResource({
  name: "kms-key-policy-lockout",
  description: "A KMS key policy must let the deploying principal (or its account) change the policy again, or KMS refuses it.",
  types: KEY_TYPES,
  fix: "Add a statement allowing kms:PutKeyPolicy (e.g. kms:Put*) to arn:aws:iam::<account>:root or to the deployment role, and exempt that role from any Deny on it.",
  constraint: {
    rule: "unless BypassPolicyLockoutSafetyCheck is true, the key policy must allow the principal making the CreateKey or PutKeyPolicy request to make a subsequent PutKeyPolicy request (MalformedPolicyDocumentException otherwise)",
    source: "AWS KMS API Reference, CreateKey and PutKeyPolicy (Policy, BypassPolicyLockoutSafetyCheck)",
  },
  validate(p, ctx, report) {
    if (flag(p.bypassPolicyLockoutSafetyCheck) === true) return;
    if (p.policy === undefined || isUnknown(p.policy)) return;
    const account = accountOfProvider(ctx.provider);
    if (!account) return;
    const problem = lockoutProblem(p.policy, account, roleOfProvider(ctx.provider));
    if (problem) report(`${ctx.name}'s policy: ${problem}`);
  },
});

export const kmsDeletionWindow = preflightResource({
  name: "kms-deletion-window",
  description: "A KMS key's deletion window must be 7 to 30 days.",
  types: ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"],
  fix: "Set deletionWindowInDays between 7 and 30 (30 for keys that protect retained data).",
  constraint: { rule: "PendingWindowInDays must be between 7 and 30 days (ScheduleKeyDeletion; the provider passes deletionWindowInDays there)", source: "AWS KMS API Reference, ScheduleKeyDeletion" },
  validate(p, ctx, report) {
    const d = p.deletionWindowInDays;
    if (typeof d === "number" && (d < 7 || d > 30 || !Number.isInteger(d))) report(`${ctx.name}: deletionWindowInDays is ${d}`);
  },
});

function isSymmetric(p: Props): boolean {
  const spec = str(p.customerMasterKeySpec) ?? str(p.keySpec) ?? "SYMMETRIC_DEFAULT";
  const usage = str(p.keyUsage) ?? "ENCRYPT_DECRYPT";
  return spec === "SYMMETRIC_DEFAULT" && usage === "ENCRYPT_DECRYPT";
}

export const kmsRotation = preflightResource({
  name: "kms-rotation",
  description: "Automatic rotation is only for symmetric encryption keys, with a period of 90 to 2,560 days.",
  types: ["aws:kms/key:Key"],
  fix: "Enable rotation only on SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys, with rotationPeriodInDays between 90 and 2560.",
  constraint: {
    rule: "EnableKeyRotation supports only symmetric encryption KMS keys (not asymmetric, HMAC or imported-material keys), and RotationPeriodInDays must be between 90 and 2560",
    source: "AWS KMS API Reference, EnableKeyRotation",
  },
  validate(p, ctx, report) {
    if (flag(p.enableKeyRotation) !== true) return;
    if (!isSymmetric(p)) report(`${ctx.name} has enableKeyRotation true but is a ${str(p.customerMasterKeySpec) ?? str(p.keySpec)} ${str(p.keyUsage) ?? ""} key`.replace(/ +/g, " "));
    const days = p.rotationPeriodInDays;
    if (typeof days === "number" && (days < 90 || days > 2560)) report(`${ctx.name}: rotationPeriodInDays is ${days}`);
  },
});

export const kmsAliasName = preflightResource({
  name: "kms-alias-name",
  description: "A KMS alias name must start with alias/, must not start with alias/aws/, and use only letters, digits, /, _ and -.",
  types: ["aws:kms/alias:Alias"],
  fix: "Name the alias alias/<name> with letters, digits, slashes, underscores and dashes, at most 256 characters, not under alias/aws/.",
  constraint: {
    rule: "AliasName must begin with alias/ followed by a name such as alias/ExampleAlias; it may contain only alphanumerics, forward slashes, underscores and dashes, is at most 256 characters, and cannot begin with alias/aws/ (reserved for AWS managed keys)",
    source: "AWS KMS API Reference, CreateAlias",
  },
  validate(p, ctx, report) {
    const name = str(p.name);
    if (!name) return;
    if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name) || name.length > 256) report(`${ctx.name}: alias name ${JSON.stringify(name)} is not alias/ followed by [a-zA-Z0-9/_-], at most 256 characters`);
    else if (name.startsWith("alias/aws/")) report(`${ctx.name}: alias name ${JSON.stringify(name)} is under the reserved alias/aws/`);
  },
});

export const kmsPolicies: readonly LzPolicy[] = [kmsKeyPolicyLockout, kmsDeletionWindow, kmsRotation, kmsAliasName];
