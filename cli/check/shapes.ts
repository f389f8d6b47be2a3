import * as fs from "fs";
import * as path from "path";
import { PlanResource, SECRET_MARKER } from "../../lib/plan";
import { isUnknown } from "../../policies/lib/unknown";

/**
 * Values of the wrong type in an export: a string where the provider declares a list or an object
 * (`rules: "AES256"`, `ingress: "0.0.0.0/0"`). Policies read such a value as "nothing there" and
 * would pass it, so `lz check` refuses the export instead (exit 2). What a property holds is read from
 * the pinned SDK's typings (the `<Type>Args` interface of @pulumi/<package>/<module>/<file>.d.ts),
 * once per type present in the export; a type without typings here is not checked.
 */

export type Shape = "list" | "object";

const cache = new Map<string, ReadonlyMap<string, Shape> | null>();

function typingsFile(type: string): { file: string; cls: string } | undefined {
  const m = /^([a-z0-9-]+):([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(type);
  if (!m) return undefined;
  const [, pkg, mod, file, cls] = m;
  let root: string;
  try {
    root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
  } catch {
    return undefined;
  }
  return { file: path.join(root, mod === "index" ? "" : mod, `${file}.d.ts`), cls };
}

/** The list and object properties of a type's Args, from its typings; null without typings. */
export function shapesOf(type: string): ReadonlyMap<string, Shape> | null {
  const hit = cache.get(type);
  if (hit !== undefined) return hit;
  let out: Map<string, Shape> | null = null;
  const where = typingsFile(type);
  if (where && fs.existsSync(where.file)) {
    const src = fs.readFileSync(where.file, "utf8");
    const start = src.indexOf(`export interface ${where.cls}Args {`);
    if (start >= 0) {
      out = new Map();
      const body = src.slice(start, src.indexOf("\n}", start));
      // One property per line at four spaces: `    name?: pulumi.Input<...>;` (nested object types are indented further).
      for (const m of body.matchAll(/^ {4}([A-Za-z0-9_]+)\??: (.+)$/gm)) {
        const t = m[2];
        if (/\[\]>*( \| undefined)?>;?$/.test(t) || /\[\] \| undefined>;$/.test(t)) out.set(m[1], "list");
        else if (/^pulumi\.Input<inputs\.[\w.]+( \| undefined)?>;$/.test(t) || /^pulumi\.Input<\{$/.test(t)) out.set(m[1], "object");
      }
    }
  }
  cache.set(type, out);
  return out;
}

function scalarKind(v: unknown): string | undefined {
  if (v === null || v === undefined || v === SECRET_MARKER || isUnknown(v)) return undefined;
  if (typeof v === "string") return "a string";
  if (typeof v === "number") return "a number";
  if (typeof v === "boolean") return "a boolean";
  return undefined;
}

/** The first property of the resources that holds a scalar where its type declares a list or an object. */
export function shapeProblem(resources: readonly PlanResource[]): string | undefined {
  for (const r of resources) {
    if (r.type.startsWith("pulumi:")) continue;
    const shapes = shapesOf(r.type);
    if (!shapes || shapes.size === 0) continue;
    for (const [bag, props] of [
      ["inputs", r.inputs],
      ["outputs", r.outputs],
    ] as const) {
      for (const k in props) {
        const want = shapes.get(k);
        if (!want) continue;
        const got = scalarKind(props[k]);
        if (got) return `${r.urn}: ${bag}.${k} is ${got} (${JSON.stringify(props[k]).slice(0, 60)}), but ${r.type} declares ${k} ${want === "list" ? "a list" : "an object"}; a policy would read it as absent`;
      }
    }
  }
  return undefined;
}
