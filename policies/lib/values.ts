import type { Unwrap } from "@pulumi/pulumi";
import { isUnknown, UNKNOWN } from "./unknown";

/**
 * Reading resource properties without trusting their shape: inputs arrive as the program wrote them
 * (booleans may be strings in launch templates, single blocks may be lists in older schemas), and any
 * value may be unknown at preview.
 */

export type Props = Readonly<Record<string, unknown>>;

/** A tri-state flag: true, false, unknown (not known until deployment) or absent. */
export type Flag = boolean | "unknown" | undefined;

export function flag(v: unknown): Flag {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return "unknown";
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  return undefined;
}

/** A known, non-empty string, else undefined (unknown values are not strings for this purpose). */
export function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined;
}

/** True when the value is set (known or unknown): a non-empty string, a number, a boolean, an object. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

export function obj(v: unknown): Props | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Props) : undefined;
}

/** A list property; a single block written as an object counts as a list of one. */
export function arr(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === "object") return [v];
  return [];
}

/**
 * The value at a dotted path. An unknown anywhere on the way makes the result unknown (the sentinel),
 * so a caller can tell "absent" from "not known yet".
 */
export function at(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split(".")) {
    if (isUnknown(cur)) return UNKNOWN;
    if (Array.isArray(cur) && cur.length === 1 && !/^\d+$/.test(key)) cur = cur[0];
    const o = obj(cur) ?? (Array.isArray(cur) ? (cur as unknown as Props) : undefined);
    if (!o) return undefined;
    cur = o[key];
  }
  return cur;
}

/** Parses a JSON document given as a string (IAM policies, provider config); objects pass through. */
export function json(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}

/** Lower-cased string for case-insensitive comparisons (protocols, policies). */
export function lower(v: unknown): string | undefined {
  const s = str(v);
  return s === undefined ? undefined : s.toLowerCase();
}

/** One value found at a path, with the concrete path (`rules[1].destination.bucket`) for messages. */
export interface Found {
  readonly path: string;
  readonly value: unknown;
}

/**
 * Every value at a path where `[]` expands a list (`rules[].destination.bucket`). A single block
 * written as an object is treated as a list of one; an unknown list yields one unknown value.
 */
export function collect(root: unknown, path: string): Found[] {
  const { parts, plain } = partsOf(path);
  if (plain) {
    // No list in the path (most key sites and references): one walk down, no closures or path strings.
    let cur = root;
    for (let i = 0; i < parts.length; i++) {
      if (isUnknown(cur)) return [{ path: parts.slice(0, i).join("."), value: cur }];
      const o = obj(cur);
      if (!o) return [];
      const v = o[parts[i]];
      if (v === undefined && i < parts.length - 1) return [];
      cur = v;
    }
    return [{ path, value: cur }];
  }
  const out: Found[] = [];
  walk(out, parts, root, 0, "");
  return out;
}

/** `collect` below a list: a module function, not a closure per call (one optimised copy for every caller). */
function walk(out: Found[], parts: readonly string[], cur: unknown, i: number, at: string): void {
  if (i === parts.length) {
    out.push({ path: at, value: cur });
    return;
  }
  if (isUnknown(cur)) {
    out.push({ path: at, value: cur });
    return;
  }
  const part = parts[i];
  const list = part.endsWith("[]");
  const key = list ? part.slice(0, -2) : part;
  const o = obj(cur);
  if (!o) return;
  const v = o[key];
  const here = at ? `${at}.${key}` : key;
  if (!list) {
    if (v === undefined && i < parts.length - 1) return;
    walk(out, parts, v, i + 1, here);
    return;
  }
  if (isUnknown(v)) {
    out.push({ path: `${here}[]`, value: v });
    return;
  }
  // As forEach would: holes of a sparse list are skipped.
  if (Array.isArray(v)) {
    for (let n = 0; n < v.length; n++) if (n in v) walk(out, parts, v[n], i + 1, `${here}[${n}]`);
  } else {
    for (const item of arr(v)) walk(out, parts, item, i + 1, here);
  }
}

/** Paths are constants of the policies, split once each. `plain`: no `[]` and no empty segment. */
const splitPaths = new Map<string, { readonly parts: readonly string[]; readonly plain: boolean }>();
function partsOf(path: string): { readonly parts: readonly string[]; readonly plain: boolean } {
  let s = splitPaths.get(path);
  if (!s) {
    const parts = path.split(".");
    s = { parts, plain: parts.every((p) => p !== "" && !p.endsWith("[]")) };
    splitPaths.set(path, s);
  }
  return s;
}

/** A resource's inputs as its SDK Args declare them, resolved: `In<aws.s3.BucketArgs>`. */
export type In<A> = Unwrap<A>;

/** Reads `key` of raw props, with the key name checked against the SDK's Args type at compile time. */
export function get<A>(p: Props, key: keyof A & string): unknown {
  return p[key];
}
