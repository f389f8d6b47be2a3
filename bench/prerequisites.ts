import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../config/raw";
import { AWSGUARD_DIR, loadAwsguard } from "./policy/awsguard";
import { BenchSetupError, registry } from "./plan/tenants";

/**
 * Everything `npm run bench` needs, checked before the first measurement: a run that lacks one
 * used to fail minutes in, with a stack trace. Each problem says what to run.
 */

export interface PrerequisiteOptions {
  readonly skipPlan: boolean;
  readonly skipPolicy: boolean;
  readonly skipTests: boolean;
  /** The results file the run will write. */
  readonly out: string;
  /** The stack the plan-scaling step gives synthetic tenants. */
  readonly stack: string;
  /** Where awsguard is installed (default bench/awsguard). */
  readonly awsguardDir?: string;
  /** The npm to spawn for the test loop (default npm). */
  readonly npm?: string;
}

/** The problems, one line each with its fix; empty when the bench can run. */
export function prerequisiteProblems(opts: PrerequisiteOptions): string[] {
  const problems: string[] = [];
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 20) problems.push(`Node.js ${process.versions.node}: the project needs Node.js 20 or later`);
  if (!opts.skipPolicy) {
    try {
      const guard = loadAwsguard(opts.awsguardDir ?? AWSGUARD_DIR);
      if (guard.policies.length === 0) problems.push("@pulumi/awsguard loaded no resource policy: reinstall it with `npm run bench:setup`");
    } catch (err) {
      problems.push(err instanceof BenchSetupError ? err.message : `@pulumi/awsguard does not load (${(err as Error).message.split("\n")[0]}): reinstall it with \`npm run bench:setup\``);
    }
  }
  if (!opts.skipPlan) {
    try {
      const zone = registry().readStackZones(PROJECT_ROOT).get(opts.stack)?.zone;
      if (!zone) problems.push(`Pulumi.${opts.stack}.yaml has no Cloudflare zone (landing-zone:cloudflare.zoneName): the plan-scaling step's synthetic tenants need one for their host names`);
    } catch (err) {
      problems.push(err instanceof BenchSetupError ? err.message : `the tenant registry cannot read the stack files (${(err as Error).message.split("\n")[0]}): run \`npx lz tenant validate\``);
    }
    if (!fs.existsSync(path.join(__dirname, "plan", "rssProbe.js"))) problems.push("bench/plan/rssProbe.js is missing: restore it with `git checkout bench/plan/rssProbe.js`");
  }
  if (!opts.skipTests) {
    const npm = opts.npm ?? (process.platform === "win32" ? "npm.cmd" : "npm");
    const r = spawnSync(npm, ["--version"], { encoding: "utf8" });
    if (r.error || r.status !== 0) problems.push(`\`${npm}\` does not run (${r.error?.message ?? `exit ${r.status}`}): the test-loop step spawns \`npm test\`; put npm on the PATH or pass --skip-tests`);
  }
  const dir = path.dirname(opts.out);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    problems.push(`cannot write ${opts.out}: the folder ${dir} does not exist or is not writable; pass --out FILE`);
  }
  return problems;
}

export function checkPrerequisites(opts: PrerequisiteOptions): void {
  const problems = prerequisiteProblems(opts);
  if (problems.length) {
    throw new BenchSetupError(`cannot start: ${problems.length === 1 ? "a prerequisite is missing" : `${problems.length} prerequisites are missing`} (nothing was measured):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}
