import * as fs from "fs";
import { UsageError } from "../io";
import { readPlanFile } from "./planFile";
import { planToSarif } from "./sarif";

const USAGE = "node -r ./bin/register.js cli/report/planSarif.ts <plan.json> <out.sarif> [policy-config.yaml]";

/**
 * Converts a plan file (`lz plan --json`, one stack or --all) to SARIF for code scanning. A CI
 * helper, not an `lz` command: the `lz` contract stays as designed (see docs/PR-GATING.md).
 * Returns the exit code: 0, or 2 for bad input.
 */
export function planSarifMain(argv: readonly string[], err: (s: string) => void = (s) => process.stderr.write(s + "\n")): number {
  try {
    if (argv.length < 2 || argv.length > 3) throw new UsageError(`usage: ${USAGE}`);
    const [planFile, out, policyConfig] = argv;
    const doc = planToSarif(readPlanFile(planFile), policyConfig);
    fs.writeFileSync(out, JSON.stringify(doc, null, 2) + "\n");
    err(`wrote ${out}`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`planSarif: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = planSarifMain(process.argv.slice(2));
