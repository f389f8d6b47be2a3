import * as crypto from "crypto";
import * as YAML from "yaml";
import { cacheDir, readCached, writeCached } from "../bin/diskCache";

/**
 * `YAML.parse(text, { uniqueKeys: true })` of the tenant files, kept on disk by content hash.
 *
 * The yaml library takes about a quarter of a millisecond a file even once warm, so every `lz`
 * process at 1,000 tenants (each `lz plan <cell>` job, `lz tenant add`, `lz stacks`) spent 250 to
 * 350 ms reading YAML that had not changed; the same values as JSON take 3 ms. A file's value is a
 * pure function of its text, the yaml library's version and the options, which make the key: an
 * edited file is a new key, nothing is ever stale. Only what JSON gives back exactly is kept (plain
 * maps, lists, strings, finite numbers, booleans, null); a text with a YAML error or warning is not
 * kept, so it is parsed, and reported, exactly as before, every time. The schema checks still run on
 * every read (config/tenants.ts): the cache holds the YAML's value, never a verdict.
 *
 * The cache is node_modules/.cache/lz-yaml of this checkout (bin/diskCache.js, which also keeps
 * bin/register.js's transpiled files); deleting it is always safe. LZ_YAML_CACHE=off turns it off.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const YAML_VERSION: string = require("yaml/package.json").version;
const CACHE_DIR = cacheDir("lz-yaml");
const OPTIONS = { uniqueKeys: true } as const;

/** The value of a tenant file's text, as `YAML.parse(text, { uniqueKeys: true })` gives it (and throws). */
export function parseTenantYaml(text: string, dir: string = CACHE_DIR): unknown {
  if (process.env.LZ_YAML_CACHE === "off") return YAML.parse(text, OPTIONS);
  const key = crypto.createHash("sha256").update(`yaml ${YAML_VERSION} uniqueKeys\0`).update(text).digest("hex");
  const file = `${key}.json`;
  const cached = readCached(dir, file);
  if (cached !== undefined) {
    try {
      return JSON.parse(cached);
    } catch {
      // A torn or foreign file: parse the text and write it again.
    }
  }
  const doc = YAML.parseDocument(text, OPTIONS);
  if (doc.errors.length || doc.warnings.length) return YAML.parse(text, OPTIONS);
  const value = doc.toJS(OPTIONS);
  if (jsonFaithful(value)) writeCached(dir, file, JSON.stringify(value));
  return value;
}

/** Whether JSON.parse(JSON.stringify(v)) gives `v` back exactly. */
export function jsonFaithful(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonFaithful);
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.entries(v as Record<string, unknown>).every(([k, x]) => k !== "__proto__" && x !== undefined && jsonFaithful(x));
  }
  return false;
}
