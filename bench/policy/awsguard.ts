import * as fs from "fs";
import * as path from "path";
import type { PlanResource } from "../../lib/plan";
import { BenchSetupError } from "../plan/tenants";

/**
 * @pulumi/awsguard's resource policies, run as plain functions the way its own tests run them
 * (`validation(args, report)` with a hand-made args object), over the same resources the packs judge.
 * awsguard is installed only under bench/awsguard (its own package.json and lockfile; it pulls in
 * @pulumi/aws 4 and aws-sdk 2), and loaded from there by absolute path.
 *
 * Which functions run for which resource follows the CrossGuard policy server: a policy whose
 * single validation carries a `__pulumiType` (what `validateResourceOfType` attaches) is skipped
 * for other types without a call; otherwise every validation is called, and one that calls
 * `args.notApplicable()` did not apply. awsguard predates `notApplicable`, but the @pulumi/policy it
 * resolves (1.21) calls it for a type mismatch, so the args supply it. A check is one policy applied
 * to one resource (the same unit the packs' runner counts).
 *
 * Left out: awsguard's stack policies (ACM expiry, access-key age) and `mfa-enabled-for-iam-console-access`,
 * which call AWS APIs and so cannot run offline; none of their types are in the export either.
 */

export const AWSGUARD_DIR = path.join(__dirname, "..", "awsguard");
const pkgIn = (dir: string) => path.join(dir, "node_modules", "@pulumi", "awsguard");
const AREAS = ["apiGateway", "compute", "database", "elasticsearch", "network", "security", "storage"];
const NEEDS_AWS = new Set(["mfa-enabled-for-iam-console-access"]);

type Validation = ((args: unknown, report: (message: string) => void) => unknown) & { __pulumiType?: string };

export interface AwsguardPolicy {
  readonly name: string;
  readonly validations: readonly Validation[];
  /** Only set when the policy has a single typed validation (the server's fast path). */
  readonly onlyType?: string;
  readonly config: Record<string, unknown>;
}

export interface Awsguard {
  readonly version: string;
  readonly policies: readonly AwsguardPolicy[];
  /** Policies not run, with why. */
  readonly excluded: readonly string[];
}

export interface AwsguardRun {
  readonly checks: number;
  /** Violations reported, plus validations that threw (counted as failures). */
  readonly violations: number;
}

class NotApplicable extends Error {}
function notApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

/** Config defaults from each policy's schema, as the CLI would pass them with no pack config. */
function defaultsOf(schema: { properties?: Record<string, { default?: unknown }> } | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema?.properties ?? {})) if (v && v.default !== undefined) out[k] = v.default;
  return out;
}

export function loadAwsguard(dir: string = AWSGUARD_DIR): Awsguard {
  const PKG = pkgIn(dir);
  if (!fs.existsSync(path.join(PKG, "package.json"))) {
    throw new BenchSetupError(`@pulumi/awsguard is not installed for the bench: run \`npm run bench:setup\` once (it installs bench/awsguard from its own package.json and lockfile, apart from the product's)`);
  }
  const version = String(JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8")).version).replace(/^v/, "");
  const policies: AwsguardPolicy[] = [];
  const excluded: string[] = [];
  for (const area of AREAS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod: Record<string, any> = require(path.join(PKG, `${area}.js`));
    for (const p of Object.values(mod)) {
      if (!p || typeof p !== "object" || typeof p.name !== "string") continue;
      if (!p.validateResource) {
        excluded.push(`${p.name} (a stack policy that calls AWS APIs)`);
        continue;
      }
      if (NEEDS_AWS.has(p.name)) {
        excluded.push(`${p.name} (calls the IAM API for each user)`);
        continue;
      }
      const validations: Validation[] = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
      const onlyType = validations.length === 1 ? validations[0].__pulumiType : undefined;
      policies.push({ name: p.name, validations, onlyType, config: defaultsOf(p.configSchema) });
    }
  }
  return { version, policies, excluded };
}

const EMPTY_OPTIONS = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

/** Runs every loaded policy over `resources`; returns how many checks ran and violations were reported. */
export async function runAwsguard(guard: Awsguard, resources: readonly PlanResource[]): Promise<AwsguardRun> {
  let checks = 0;
  let violations = 0;
  const report = () => {
    violations++;
  };
  for (const r of resources) {
    if (r.custom === false) continue;
    const type = r.type;
    let config: Record<string, unknown> = {};
    const args = {
      type,
      props: r.inputs,
      urn: r.urn,
      name: r.name,
      opts: EMPTY_OPTIONS,
      isType: (cls: { __pulumiType?: string }) => cls.__pulumiType === type,
      asType: (cls: { __pulumiType?: string }) => (cls.__pulumiType === type ? r.inputs : undefined),
      getConfig: () => config,
      notApplicable,
    };
    for (const p of guard.policies) {
      if (p.onlyType !== undefined && p.onlyType !== type) continue;
      config = p.config;
      let applied = false;
      for (const v of p.validations) {
        try {
          const out = v(args, report);
          if (out && typeof (out as Promise<unknown>).then === "function") await out;
          applied = true;
        } catch (err) {
          if (err instanceof NotApplicable) continue;
          // An exception is a failed check, as under the CrossGuard server (and the packs' runner).
          applied = true;
          violations++;
        }
      }
      if (applied) checks++;
    }
  }
  return { checks, violations };
}
