import { createHash } from "crypto";

/** Deterministic fake identifiers: the same seed always gives the same value, run after run. */

export function hex(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha1").update(`${i}:${seed}`).digest("hex");
  return out.slice(0, length);
}

export function digits(seed: string, length: number): string {
  const h = hex(seed, length * 2);
  let out = "";
  for (let i = 0; i < length; i++) out += (parseInt(h.slice(i * 2, i * 2 + 2), 16) % 10).toString();
  return out.replace(/^0/, "1");
}

export function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A lower-case alphanumeric run, for names AWS generates (`bucket-1a2b3c4`). */
export function alnum(seed: string, length: number): string {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  const h = hex(seed, length * 2);
  let out = "";
  for (let i = 0; i < length; i++) out += chars[parseInt(h.slice(i * 2, i * 2 + 2), 16) % chars.length];
  return out;
}

/** The organisation id the mock gives the organisation whose management account is `accountId`. */
export function organizationId(managementAccountId: string): string {
  return `o-${alnum(`org:${managementAccountId}`, 10)}`;
}

export function organizationRootId(managementAccountId: string): string {
  return `r-${alnum(`root:${managementAccountId}`, 4)}`;
}
