import { isUnknown } from "./unknown";

/**
 * Message fragments. A message says what is wrong (the property path and the value seen) and the fix
 * (the value that would pass); the policy's description is shown with it by the CLI.
 */

/** How a value is shown in a message: JSON for data, a phrase for absent or unknown. */
export function show(v: unknown): string {
  if (v === undefined || v === null) return "not set";
  if (isUnknown(v)) return "unknown until deployment";
  if (typeof v === "string") return JSON.stringify(v);
  const s = JSON.stringify(v);
  return s.length > 120 ? s.slice(0, 117) + "..." : s;
}

/** `<path> is <value>; set <path> to <fix>`. */
export function wrong(path: string, value: unknown, fix: string): string {
  return `${path} is ${show(value)}; set ${path} to ${fix}.`;
}

/** A list of values as `"a", "b" or "c"`. */
export function oneOf(values: readonly string[]): string {
  const q = values.map((v) => JSON.stringify(v));
  if (q.length <= 1) return q.join("");
  return `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
}
