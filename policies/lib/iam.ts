import { isUnknown } from "./unknown";
import { arr, json, obj } from "./values";

/** Reading IAM-style resource policies (bucket, file system, queue and topic policies). */

export type Statement = Readonly<Record<string, unknown>>;

export function statements(doc: unknown): Statement[] {
  const d = obj(json(doc));
  if (!d) return [];
  return arr(d.Statement).map((s) => obj(s)).filter((s): s is Statement => !!s);
}

/** A policy element's strings: `"a"` or `["a", "b"]` (other values dropped). */
export function strings(v: unknown): string[] {
  return arr(typeof v === "string" ? [v] : v).filter((x): x is string => typeof x === "string");
}

/** An IAM wildcard pattern (`*` and `?`) as a regular expression over the whole value. */
function wildcard(p: string, flags = ""): RegExp {
  return new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, flags);
}

/** Whether `value` matches the IAM wildcard pattern `pattern`, ignoring case (as IAM compares actions). */
export function wildcardMatch(pattern: string, value: string): boolean {
  return wildcard(pattern, "i").test(value);
}

/** `"*"`, `{AWS: "*"}` or `{AWS: ["*"]}`: everyone. */
export function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  const p = obj(principal);
  return !!p && strings(p.AWS).includes("*");
}

function actionCovers(action: unknown, service: string): boolean {
  return strings(action).some((a) => a === "*" || a.toLowerCase() === `${service}:*`);
}

/** The operators a TLS deny may use: `BoolIfExists` equals `Bool` here, since every request carries aws:SecureTransport. */
const TLS_OPERATORS = ["bool", "boolifexists"];

/**
 * Whether a condition block says "when the request is not over TLS" and nothing else: one operator,
 * `Bool` or `BoolIfExists`, with the one key `aws:SecureTransport` (keys are case-insensitive) = false.
 * Any other key or operator narrows the deny (it then applies only when both hold), so it is not a TLS deny.
 */
function isTlsCondition(condition: unknown): boolean {
  const c = obj(condition);
  if (!c) return false;
  const ops = Object.keys(c);
  if (ops.length !== 1 || !TLS_OPERATORS.includes(ops[0].toLowerCase())) return false;
  const keys = obj(c[ops[0]]);
  if (!keys) return false;
  const names = Object.keys(keys);
  if (names.length !== 1 || names[0].toLowerCase() !== "aws:securetransport") return false;
  return arr(keys[names[0]]).some((x) => String(x).toLowerCase() === "false") || String(keys[names[0]]).toLowerCase() === "false";
}

const patterns = new Map<string, RegExp>();

/** Whether an IAM resource pattern (`*` and `?` wildcards) matches `value`; plain prefixes without a regular expression. */
function resourceMatches(p: string, value: string): boolean {
  if (p === "*") return true;
  const star = p.indexOf("*");
  if (p.indexOf("?") < 0 && (star < 0 || star === p.length - 1)) return star < 0 ? p === value : value.startsWith(p.slice(0, -1));
  let re = patterns.get(p);
  if (!re) patterns.set(p, (re = wildcard(p)));
  return re.test(value);
}

/**
 * Whether a statement's Resource covers every object of `bucket` (`arn:aws:s3:::b/*`, `*`): a deny on
 * `arn:aws:s3:::b` alone guards only bucket-level calls and leaves GetObject over HTTP allowed. With
 * no bucket name known, any pattern that ends in `/*` (or `*`) is taken as covering the objects.
 */
export function coversObjects(resource: unknown, bucket: string | undefined): boolean {
  // A key no prefix-limited pattern (`b/private/*`) matches: only whole-bucket patterns cover it.
  const sample = bucket ? `arn:aws:s3:::${bucket}/\u0000lz-any-object` : undefined;
  return strings(resource).some((r) => (sample ? resourceMatches(r, sample) : r === "*" || r.endsWith("/*")));
}

/**
 * A statement that denies every principal all of `service`'s actions when the request is not over
 * TLS: `Deny` + `Bool` (or `BoolIfExists`) `aws:SecureTransport` = `false`, with no other condition.
 * For S3, the Resource must also cover the bucket's objects.
 */
export function isTlsOnlyDeny(s: Statement, service: string, bucket?: string): boolean {
  if (s.Effect !== "Deny" || !isEveryone(s.Principal) || !actionCovers(s.Action, service)) return false;
  if (s.NotPrincipal !== undefined || s.NotAction !== undefined || s.NotResource !== undefined) return false;
  if (!isTlsCondition(s.Condition)) return false;
  return service !== "s3" || coversObjects(s.Resource, bucket);
}

/** Whether a document is not known until deployment (built from outputs at preview). */
export function isUnknownDoc(doc: unknown): boolean {
  return isUnknown(doc);
}

export function hasTlsOnlyDeny(doc: unknown, service: string, bucket?: string): boolean {
  return statements(doc).some((s) => isTlsOnlyDeny(s, service, bucket));
}

/** An `Allow` to everyone with no condition: public access. */
export function isPublicAllow(s: Statement): boolean {
  return s.Effect === "Allow" && isEveryone(s.Principal) && (s.Condition === undefined || Object.keys(obj(s.Condition) ?? {}).length === 0);
}

export const TLS_DENY_EXAMPLE = (service: string, resource: string) =>
  `{"Effect":"Deny","Principal":"*","Action":"${service}:*","Resource":${resource},"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`;
