import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * The subset of JSON Schema the policies' `configSchema`s use (type, enum, pattern, items, properties,
 * required, additionalProperties, minItems, uniqueItems, minLength), checked offline the way
 * `pulumi preview --policy-pack-config` checks it, with a path to the first mistake.
 */
export interface SchemaError {
  /** `[2].expires`, `.allowedRegions[0]`; empty for the value itself. */
  readonly path: string;
  readonly message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeOk(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === "number" && actual === "integer");
}

export function checkSchema(v: unknown, s: PolicyConfigJSONSchema | boolean, path = ""): SchemaError | undefined {
  if (s === true) return undefined;
  if (s === false) return { path, message: "is not allowed" };
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeOk(v, t))) return { path, message: `is ${JSON.stringify(v)}; expected ${types.join(" or ")}` };
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    return { path, message: `is ${JSON.stringify(v)}; expected one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}` };
  }
  if (typeof v === "string") {
    if (s.minLength !== undefined && v.length < s.minLength) return { path, message: `must not be empty` };
    if (s.pattern && !new RegExp(s.pattern).test(v)) return { path, message: `is ${JSON.stringify(v)}; it must match ${s.pattern}` };
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) return { path, message: `needs at least ${s.minItems} item(s)` };
    if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) return { path, message: "has duplicate items" };
    if (s.items && !Array.isArray(s.items)) {
      for (let i = 0; i < v.length; i++) {
        const e = checkSchema(v[i], s.items, `${path}[${i}]`);
        if (e) return e;
      }
    }
  }
  if (typeOf(v) === "object") {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (o[r] === undefined) return { path: `${path}.${r}`, message: "is required" };
    for (const [k, x] of Object.entries(o)) {
      const ps = s.properties?.[k];
      if (ps !== undefined) {
        const e = checkSchema(x, ps, `${path}.${k}`);
        if (e) return e;
      } else if (s.additionalProperties !== undefined) {
        const e = checkSchema(x, s.additionalProperties, `${path}.${k}`);
        if (e) return e.message === "is not allowed" ? { path: e.path, message: `is not a known key; keys: ${Object.keys(s.properties ?? {}).join(", ")}` } : e;
      }
    }
  }
  return undefined;
}
