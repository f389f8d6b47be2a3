import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigError, ConfigIssue } from "./errors";
import type { ProviderKey } from "./providerKeys";
import { snapshotted } from "./snapshot";

/** The config namespace of this project (`name` in Pulumi.yaml). */
export const NAMESPACE = "landing-zone";

/** The providers the program builds explicitly (Pulumi.yaml disables their default instances). */
const PROVIDER_NAMESPACES: readonly string[] = ["aws", "cloudflare", "datadog"];

/** True for a provider key such as `aws:region` (config/providerKeys.ts refuses them). */
export function isProviderKey(fullKey: string): boolean {
  return PROVIDER_NAMESPACES.includes(fullKey.slice(0, fullKey.indexOf(":")));
}

/**
 * One stack's config before validation: the `landing-zone:` keys with their values as Pulumi hands
 * them to the program (top-level scalars are strings, structured values are parsed JSON).
 */
export interface RawStackConfig {
  readonly stack: string;
  /** The stack file, relative to the project root, for messages: `Pulumi.dev.yaml`. */
  readonly file: string;
  /** Keys without the namespace: `{ role: "workload", vpc: {...} }`. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Keys (without namespace) whose value is a secret (`secure:` in the file). */
  readonly secretKeys: ReadonlySet<string>;
  /** The provider keys set for the stack (`aws:region`...), which the program refuses (config/providerKeys.ts). */
  readonly providerKeys?: Readonly<Record<string, ProviderKey>>;
}

export function stackFileName(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}

export function parseValue(text: string): unknown {
  const t = text.trim();
  if (t.startsWith("{") || t.startsWith("[")) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}

/** A stack file as the runtime would see it: `PULUMI_CONFIG` entries plus the secret keys. */
export interface StackFileConfig {
  readonly stack: string;
  readonly file: string;
  /** `{ "landing-zone:role": "workload", "aws:region": "..." }`; structured values JSON-encoded. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
}

/**
 * Reads `Pulumi.<stack>.yaml` into what the Pulumi CLI would pass to the program. A `secure:` value
 * cannot be decrypted offline, so it becomes a deterministic placeholder and is marked secret.
 */
export function readStackFile(root: string, stack: string): StackFileConfig {
  const full = path.join(root, stackFileName(stack));
  let text: string;
  try {
    text = stackFileText(root, stack);
  } catch (err) {
    throw unreadableStackFile(stack, err);
  }
  const hit = parsedStackFiles.get(full);
  if (hit?.text === text) return hit.config;
  const config = parseStackFile(stack, text);
  if (parsedStackFiles.size >= MAX_PARSED_STACK_FILES) parsedStackFiles.clear();
  parsedStackFiles.set(full, { text, config });
  return config;
}

function unreadableStackFile(stack: string, err: unknown): ConfigError {
  const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
  return new ConfigError([{ file: stackFileName(stack), path: "", message: `cannot read it as YAML: ${why}` }]);
}

/**
 * The text of `Pulumi.<stack>.yaml` at `root`, read once per config snapshot (config/snapshot.ts):
 * readStackFile and the validated configs of config/memo.ts both derive from this one reading.
 */
export function stackFileText(root: string, stack: string): string {
  return snapshotted("stack-text", root, stack, () => fs.readFileSync(path.join(root, stackFileName(stack)), "utf8"));
}

/** readStackFile's results by file, kept with the text they were parsed from: a changed text is parsed again. */
const parsedStackFiles = new Map<string, { readonly text: string; readonly config: StackFileConfig }>();
const MAX_PARSED_STACK_FILES = 2000;

function parseStackFile(stack: string, text: string): StackFileConfig {
  const file = stackFileName(stack);
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw unreadableStackFile(stack, err);
  }
  const issues: ConfigIssue[] = [];
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const cfg = doc && typeof doc === "object" ? (doc as Record<string, unknown>).config : undefined;
  if (cfg !== undefined && (cfg === null || typeof cfg !== "object" || Array.isArray(cfg))) {
    issues.push({ file, path: "config", message: "must be a map of `namespace:key: value` entries" });
  }
  for (const [key, value] of Object.entries((cfg as Record<string, unknown>) ?? {})) {
    if (!/^[^:]+:[^:]+$/.test(key)) {
      issues.push({ file, path: key, message: `config keys are written namespace:key, e.g. ${NAMESPACE}:${key}` });
      continue;
    }
    if (isSecure(value)) {
      config[key] = `[secret ${key}]`;
      secretKeys.push(key);
      continue;
    }
    const nested = findNestedSecure(value);
    if (nested) {
      issues.push({ file, path: `${key}${nested}`, message: `secrets must be top-level keys of their own: move it to e.g. ${key}${nested.replace(/[.[\]]/g, "_")} and set it with \`pulumi config set --secret\`` });
      continue;
    }
    config[key] = typeof value === "string" ? value : value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  if (issues.length) throw new ConfigError(issues);
  return { stack, file, config, secretKeys };
}

function isSecure(v: unknown): boolean {
  return !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in (v as object);
}

function findNestedSecure(v: unknown, at = ""): string | undefined {
  if (!v || typeof v !== "object") return undefined;
  for (const [k, child] of Object.entries(v)) {
    const p = Array.isArray(v) ? `${at}[${k}]` : `${at}.${k}`;
    if (isSecure(child)) return p;
    const deeper = findNestedSecure(child, p);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * The raw `landing-zone:` view of a stack file, for cross-stack checks, with its provider keys over
 * the project-level ones of Pulumi.yaml (`project`), the precedence the Pulumi CLI applies.
 */
export function rawFromStackFile(f: StackFileConfig, project: Readonly<Record<string, ProviderKey>> = {}): RawStackConfig {
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const providerKeys: Record<string, ProviderKey> = { ...project };
  for (const [fullKey, value] of Object.entries(f.config)) {
    const [ns, key] = fullKey.split(":");
    if (isProviderKey(fullKey)) providerKeys[fullKey] = { value, file: f.file };
    if (ns !== NAMESPACE) continue;
    values[key] = parseValue(value);
    if (f.secretKeys.includes(fullKey)) secretKeys.add(key);
  }
  return { stack: f.stack, file: f.file, values, secretKeys, providerKeys };
}

/** Every stack of the project: the names of the `Pulumi.<stack>.yaml` files at the root, sorted. */
export function listStacks(root: string): string[] {
  return snapshotted("stacks", root, "", () => listStacksNow(root));
}

function listStacksNow(root: string): string[] {
  return fs
    .readdirSync(root)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

/** The checkout: the folder holding Pulumi.yaml and the program, one level above config/. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/**
 * Where the stack files and the tenant registry are read from: the checkout, unless
 * `LZ_PROJECT_ROOT` points elsewhere (the offline engine's tests plan edited copies of the config).
 */
export function projectRoot(): string {
  return process.env.LZ_PROJECT_ROOT ? path.resolve(process.env.LZ_PROJECT_ROOT) : PROJECT_ROOT;
}

/**
 * Copies the project's configuration (the stack files, `tenants/*.yaml`, `policies/*.yaml`) into a
 * new temporary folder and returns it: a root to plan edited or generated config against (the tests'
 * TempProject, the bench's BenchProject) while the program stays this checkout's.
 */
export function copyProjectConfig(prefix: string, from: string = PROJECT_ROOT): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of fs.readdirSync(from)) {
    if (/^Pulumi(\..+)?\.yaml$/.test(f)) fs.copyFileSync(path.join(from, f), path.join(root, f));
  }
  for (const dir of ["tenants", "policies"]) {
    const src = path.join(from, dir);
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    if (!fs.existsSync(src)) continue;
    for (const f of fs.readdirSync(src)) {
      if (/\.ya?ml$/.test(f) && fs.statSync(path.join(src, f)).isFile()) fs.copyFileSync(path.join(src, f), path.join(root, dir, f));
    }
  }
  return root;
}
