import { z } from "zod";
import { ConfigIssue } from "../errors";

/** Renders a key path the way a user writes it with `pulumi config set --path`: `a.b[0].c`. */
export function renderPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out && !out.endsWith(":") ? `.${String(p)}` : String(p);
  }
  return out;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: any = schema;
  for (let i = 0; i < 10 && s; i++) {
    const def = s._zod?.def;
    if (!def) break;
    if (def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else break;
  }
  return s;
}

/** The keys an object schema accepts at `path`, for "did you mean" hints. Best effort. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: any = unwrap(schema);
  for (const p of path) {
    const def = s?._zod?.def;
    if (!def) return [];
    if (typeof p === "number" && def.type === "array") s = unwrap(def.element);
    else if (def.type === "object" && typeof p === "string") s = unwrap(def.shape[p]);
    else if (def.type === "record") s = unwrap(def.valueType);
    else return [];
  }
  const def = s?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape) : [];
}

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export function didYouMean(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dd = distance(key.toLowerCase(), k.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: any = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = v[p as any];
  }
  return v;
}

/**
 * Turns zod issues into ConfigIssues that name the file and key and say what would be valid.
 * `prefix` is the key the value was read from (`landing-zone:vpc`), or "" for a whole file.
 */
export function zodToIssues(file: string, prefix: string, schema: z.ZodType, input: unknown, error: z.ZodError): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known);
        const valid = known.length ? ` Valid keys here: ${known.join(", ")}.` : "";
        issues.push({
          file,
          path: renderPath(prefix, [...issue.path, key]),
          message: `unknown key${hint ? `; did you mean "${hint}"?` : "."}${valid}`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    let message = issue.message;
    if (issue.code === "invalid_type") {
      message = value === undefined ? `is required (expected ${issue.expected}).` : `expected ${issue.expected}, got ${describe(value)}.`;
      if (issue.expected === "string" && typeof value === "number") message += " Write it in quotes.";
    } else if (issue.code === "invalid_value") {
      message = `${describe(value)} is not allowed; use one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
    } else if (issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_format") {
      if (!/^Invalid|^Too (big|small)/.test(issue.message)) message = issue.message;
      else message = `${describe(value)}: ${issue.message}.`;
    }
    issues.push({ file, path: renderPath(prefix, issue.path), message });
  }
  return issues;
}
