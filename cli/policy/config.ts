import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { EnforcementLevel } from "@pulumi/policy";
import { DEFAULT_ALLOWED_REGIONS } from "../../policies/lib/config";
import type { LzPolicy, PackDefinition } from "../../policies/lib/policy";
import { expiryTime, Waiver, waiverMatchesPolicy } from "../../policies/lib/waivers";
import { UsageError } from "../io";
import { checkSchema } from "./schemaCheck";

/**
 * The offline runner's policy config (policies/policy-config.yaml): allowed regions, enforcement per
 * pack or policy, per-policy options and waivers. It is spread into the per-policy shape the Pulumi
 * CLI passes (`args.getConfig()`), so the policies read their config one way under both.
 */
export interface PolicyConfigFile {
  readonly file: string | undefined;
  readonly allowedRegions: readonly string[];
  /** `<pack>`, `<pack>/<policy>` or `<policy>` -> level. */
  readonly enforcement: Readonly<Record<string, EnforcementLevel>>;
  /** `<pack>/<policy>` or `<policy>` -> options. */
  readonly policies: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly waivers: readonly Waiver[];
}

export const DEFAULT_POLICY_CONFIG = "policies/policy-config.yaml";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const TOP_KEYS = ["allowedRegions", "enforcement", "policies", "waivers"];

/** The checkout (or LZ_PROJECT_ROOT): not imported from config/ so `lz check` never loads the Pulumi SDK. */
export function repoRoot(): string {
  return process.env.LZ_PROJECT_ROOT ? path.resolve(process.env.LZ_PROJECT_ROOT) : path.resolve(__dirname, "..", "..");
}

export function emptyPolicyConfig(): PolicyConfigFile {
  return { file: undefined, allowedRegions: DEFAULT_ALLOWED_REGIONS, enforcement: {}, policies: {}, waivers: [] };
}

/** Finds a policy by `<pack>/<policy>` or bare `<policy>` (bare names must be unambiguous). */
export function resolvePolicyKey(key: string, packs: readonly PackDefinition[]): { pack: PackDefinition; policy?: LzPolicy }[] {
  const slash = key.indexOf("/");
  if (slash >= 0) {
    const pack = packs.find((p) => p.name === key.slice(0, slash));
    const policy = pack?.policies.find((p) => p.name === key.slice(slash + 1));
    return pack && policy ? [{ pack, policy }] : [];
  }
  const pack = packs.find((p) => p.name === key);
  if (pack) return [{ pack }];
  const out: { pack: PackDefinition; policy?: LzPolicy }[] = [];
  for (const p of packs) for (const pol of p.policies) if (pol.name === key) out.push({ pack: p, policy: pol });
  return out;
}

function fail(file: string, key: string, message: string): never {
  throw new UsageError(`${file}: ${key}: ${message}`);
}

function allPolicyNames(packs: readonly PackDefinition[]): string {
  return packs.map((p) => `${p.name}/{${p.policies.map((x) => x.name).join(",")}}`).join(" ");
}

/**
 * Reads and validates a policy config file. Every mistake is a UsageError naming the file and the key
 * (exit 2), so a typo never silently disables a policy or a waiver.
 */
export function loadPolicyConfig(file: string | undefined, packs: readonly PackDefinition[]): PolicyConfigFile {
  const explicit = file !== undefined;
  const full = path.resolve(explicit ? file : path.join(repoRoot(), DEFAULT_POLICY_CONFIG));
  if (!fs.existsSync(full)) {
    if (explicit) throw new UsageError(`policy config ${file} does not exist`);
    return emptyPolicyConfig();
  }
  const shown = explicit ? file : DEFAULT_POLICY_CONFIG;
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(full, "utf8"));
  } catch (err) {
    fail(shown, "(file)", `is not valid YAML: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`);
  }
  if (doc === null || doc === undefined) return { ...emptyPolicyConfig(), file: shown };
  if (typeof doc !== "object" || Array.isArray(doc)) fail(shown, "(file)", "must be a mapping with keys allowedRegions, enforcement, policies, waivers");
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!TOP_KEYS.includes(k)) fail(shown, k, `is not a policy config key; valid keys: ${TOP_KEYS.join(", ")}`);

  let allowedRegions: readonly string[] = DEFAULT_ALLOWED_REGIONS;
  if (d.allowedRegions !== undefined) {
    const err = checkSchema(d.allowedRegions, { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", pattern: "^[a-z]{2}(-gov)?-[a-z]+-\\d$" } });
    if (err) fail(shown, `allowedRegions${err.path}`, `${err.message} (e.g. [ap-southeast-2, ap-southeast-4])`);
    allowedRegions = d.allowedRegions as string[];
  }

  const enforcement: Record<string, EnforcementLevel> = {};
  if (d.enforcement !== undefined) {
    if (typeof d.enforcement !== "object" || d.enforcement === null || Array.isArray(d.enforcement)) fail(shown, "enforcement", "must map <pack>, <pack>/<policy> or <policy> to a level");
    for (const [k, v] of Object.entries(d.enforcement as Record<string, unknown>)) {
      if (resolvePolicyKey(k, packs).length === 0) fail(shown, `enforcement.${k}`, `names no pack or policy; known: ${allPolicyNames(packs)}`);
      if (!LEVELS.includes(v as EnforcementLevel)) fail(shown, `enforcement.${k}`, `is ${JSON.stringify(v)}; use one of ${LEVELS.join(", ")}`);
      enforcement[k] = v as EnforcementLevel;
    }
  }

  const policies: Record<string, Record<string, unknown>> = {};
  if (d.policies !== undefined) {
    if (typeof d.policies !== "object" || d.policies === null || Array.isArray(d.policies)) fail(shown, "policies", "must map <pack>/<policy> to that policy's options");
    for (const [k, v] of Object.entries(d.policies as Record<string, unknown>)) {
      const found = resolvePolicyKey(k, packs).filter((f) => f.policy);
      if (found.length === 0) fail(shown, `policies.${k}`, `names no policy; known: ${allPolicyNames(packs)}`);
      if (typeof v !== "object" || v === null || Array.isArray(v)) fail(shown, `policies.${k}`, "must be a mapping of option -> value");
      for (const { policy } of found) {
        const props = policy!.configSchema?.properties ?? {};
        for (const [opt, val] of Object.entries(v as Record<string, unknown>)) {
          if (opt === "waivers" || opt === "enforcementLevel") fail(shown, `policies.${k}.${opt}`, `set ${opt === "waivers" ? "waivers under the top-level waivers key" : "levels under enforcement"}`);
          const schema = props[opt];
          if (!schema) fail(shown, `policies.${k}.${opt}`, `is not an option of ${policy!.name}; options: ${Object.keys(props).filter((o) => o !== "waivers").join(", ") || "none"}`);
          const err = checkSchema(val, schema);
          if (err) fail(shown, `policies.${k}.${opt}${err.path}`, err.message);
        }
      }
      policies[k] = v as Record<string, unknown>;
    }
  }

  const waivers: Waiver[] = [];
  if (d.waivers !== undefined && d.waivers !== null) {
    if (!Array.isArray(d.waivers)) fail(shown, "waivers", "must be a list of {resource, policy, reason, approvedBy, expires}");
    d.waivers.forEach((w, i) => {
      const key = `waivers[${i}]`;
      if (typeof w !== "object" || w === null || Array.isArray(w)) fail(shown, key, "must be a mapping with resource, policy, reason, approvedBy, expires");
      const o = w as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!["resource", "policy", "reason", "approvedBy", "expires"].includes(k)) fail(shown, `${key}.${k}`, "is not a waiver key; keys: resource, policy, reason, approvedBy, expires");
      for (const k of ["resource", "policy", "reason", "approvedBy"]) {
        if (typeof o[k] !== "string" || (o[k] as string).trim() === "") fail(shown, `${key}.${k}`, `is required: a non-empty string${k === "resource" ? " (a URN glob starting urn: or a logical-name glob)" : k === "policy" ? " (<pack>/<policy>)" : ""}`);
      }
      // YAML reads an unquoted 2026-06-30 as a string in YAML 1.2 (the yaml package's default).
      const expires = o.expires instanceof Date ? o.expires.toISOString().slice(0, 10) : o.expires;
      if (typeof expires !== "string" || Number.isNaN(expiryTime({ expires } as Waiver))) fail(shown, `${key}.expires`, `is ${JSON.stringify(o.expires)}; give the last valid day as YYYY-MM-DD`);
      const policy = o.policy as string;
      if (!resolvePolicyKey(policy, packs).some((f) => f.policy)) fail(shown, `${key}.policy`, `names no policy: ${JSON.stringify(policy)}; known: ${allPolicyNames(packs)}`);
      waivers.push({ resource: o.resource as string, policy, reason: o.reason as string, approvedBy: o.approvedBy as string, expires: expires as string });
    });
  }
  return { file: shown, allowedRegions, enforcement, policies, waivers };
}

/** The enforcement level of one policy: most specific config key first, then the policy, then the pack. */
export function enforcementOf(cfg: PolicyConfigFile, pack: PackDefinition, policy: LzPolicy): EnforcementLevel {
  const own = cfg.enforcement[`${pack.name}/${policy.name}`] ?? cfg.enforcement[policy.name];
  // An expired waiver stays mandatory when a whole pack is made advisory: name the policy to change it.
  if (policy.name === "waiver-expiry") return own ?? "mandatory";
  return own ?? cfg.enforcement[pack.name] ?? policy.enforcementLevel ?? pack.enforcementLevel;
}

/** What `args.getConfig()` returns for one policy: the shape `--policy-pack-config` gives it. */
export function policyOptions(cfg: PolicyConfigFile, pack: PackDefinition, policy: LzPolicy): Record<string, unknown> {
  const props = policy.configSchema?.properties ?? {};
  const out: Record<string, unknown> = {};
  if ("allowedRegions" in props) out.allowedRegions = [...cfg.allowedRegions];
  Object.assign(out, cfg.policies[policy.name] ?? {}, cfg.policies[`${pack.name}/${policy.name}`] ?? {});
  if (policy.name === "waiver-expiry") {
    out.waivers = cfg.waivers.filter((w) => resolvePolicyKey(w.policy!, [pack]).some((f) => f.policy));
  } else {
    out.waivers = cfg.waivers.filter((w) => waiverMatchesPolicy(w, pack.name, policy.name));
  }
  return out;
}

/**
 * The `--policy-pack-config` JSON for one pack under the Pulumi CLI, from the same file:
 * `pulumi preview --policy-pack policies/<pack> --policy-pack-config <this>`.
 */
export function pulumiPackConfig(cfg: PolicyConfigFile, pack: PackDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const policy of pack.policies) {
    const entry: Record<string, unknown> = { enforcementLevel: enforcementOf(cfg, pack, policy), ...policyOptions(cfg, pack, policy) };
    out[policy.name] = entry;
  }
  return out;
}
