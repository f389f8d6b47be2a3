import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../config/raw";

/**
 * The property set a provider SDK's typed class registers for a resource type. `new aws.s3.Bucket(name,
 * args)` hands `super()` every input AND every output property of the type (the ones not given as
 * undefined), and @pulumi/pulumi builds an Output, its resolvers and its promises for each of them:
 * 28 properties for a Bucket whatever the program sets. The typed floor replays resources with the
 * same property set, so it pays what any program written with the typed SDK classes must pay.
 *
 * The set is read from the generated class's JavaScript (`resourceInputs["<key>"]` assignments),
 * found from the type token: `aws:s3/bucket:Bucket` -> @pulumi/aws/s3/bucket.js,
 * `cloudflare:index/zone:Zone` -> @pulumi/cloudflare/zone.js, `pulumi:providers:aws` ->
 * @pulumi/aws/provider.js. The file must declare that token as its `__pulumiType`.
 */

const cache = new Map<string, readonly string[] | null>();

function classFile(type: string): { file: string; token: string } | undefined {
  const prov = /^pulumi:providers:([a-z0-9-]+)$/.exec(type);
  if (prov) return { file: path.join(PROJECT_ROOT, "node_modules", "@pulumi", prov[1], "provider.js"), token: prov[1] };
  const m = /^([a-z0-9-]+):([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(type);
  if (!m) return undefined;
  const [, pkg, mod, file] = m;
  const rel = mod === "index" ? `${file}.js` : path.join(mod, `${file}.js`);
  return { file: path.join(PROJECT_ROOT, "node_modules", "@pulumi", pkg, rel), token: type };
}

/** The properties the typed class of `type` registers, or null when there is no such class here. */
export function typedProperties(type: string): readonly string[] | null {
  const hit = cache.get(type);
  if (hit !== undefined) return hit;
  let keys: string[] | null = null;
  const where = classFile(type);
  if (where && fs.existsSync(where.file)) {
    const src = fs.readFileSync(where.file, "utf8");
    if (src.includes(`__pulumiType = '${where.token}'`) || src.includes(`__pulumiType = "${where.token}"`)) {
      keys = [...new Set([...src.matchAll(/resourceInputs\["([A-Za-z0-9_$]+)"\]/g)].map((m) => m[1]))];
    }
  }
  cache.set(type, keys);
  return keys;
}

/** `inputs` with every other property of the type's typed class present as undefined. */
export function withTypedProperties(type: string, inputs: Record<string, unknown>): { props: Record<string, unknown>; typed: boolean } {
  const keys = typedProperties(type);
  if (!keys) return { props: inputs, typed: false };
  const props: Record<string, unknown> = {};
  for (const k of keys) props[k] = undefined;
  return { props: Object.assign(props, inputs), typed: true };
}
