import { isUnknown } from "./unknown";
import { arr, json, obj } from "./values";

/** Reading IAM-style resource policies (bucket, file system, queue and topic policies). */

export type Statement = Readonly<Record<string, unknown>>;

export function statements(doc: unknown): Statement[] {
  const d = obj(json(doc));
  if (!d) return [];
  return arr(d.Statement).map((s) => obj(s)).filter((s): s is Statement => !!s);
}

function list(v: unknown): string[] {
  return arr(typeof v === "string" ? [v] : v).filter((x): x is string => typeof x === "string");
}

/** `"*"`, `{AWS: "*"}` or `{AWS: ["*"]}`: everyone. */
export function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  const p = obj(principal);
  return !!p && list(p.AWS).includes("*");
}

function actionCovers(action: unknown, service: string): boolean {
  return list(action).some((a) => a === "*" || a.toLowerCase() === `${service}:*`);
}

/**
 * A statement that denies every principal all of `service`'s actions when the request is not over
 * TLS: `Deny` + `Bool` `aws:SecureTransport` = `false`.
 */
export function isTlsOnlyDeny(s: Statement, service: string): boolean {
  if (s.Effect !== "Deny" || !isEveryone(s.Principal) || !actionCovers(s.Action, service)) return false;
  const bool = obj(obj(s.Condition)?.Bool);
  if (!bool) return false;
  const v = bool["aws:SecureTransport"];
  return list(typeof v === "boolean" ? String(v) : v).includes("false");
}

/** Whether a document is not known until deployment (built from outputs at preview). */
export function isUnknownDoc(doc: unknown): boolean {
  return isUnknown(doc);
}

export function hasTlsOnlyDeny(doc: unknown, service: string): boolean {
  return statements(doc).some((s) => isTlsOnlyDeny(s, service));
}

/** An `Allow` to everyone with no condition: public access. */
export function isPublicAllow(s: Statement): boolean {
  return s.Effect === "Allow" && isEveryone(s.Principal) && (s.Condition === undefined || Object.keys(obj(s.Condition) ?? {}).length === 0);
}

export const TLS_DENY_EXAMPLE = (service: string, resource: string) =>
  `{"Effect":"Deny","Principal":"*","Action":"${service}:*","Resource":${resource},"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`;
