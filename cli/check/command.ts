import { isBlocking } from "../../lib/plan";
import type { CHECK_OPTIONS, Input } from "../commands";
import { EXIT_OK, EXIT_VIOLATION, Io, readUserFile } from "../io";
import { loadPolicyConfig } from "../policy/config";
import { allPacks } from "../policy/packs";
import { runPolicies } from "../policy/runner";
import { parseStackExport } from "./export";
import { formatJson, formatText } from "./formats";
import { checkSarif } from "../report/sarif";

/**
 * `lz check`: runs the policy packs over a `pulumi stack export`, offline. Exit 0 when nothing
 * mandatory is violated (advisory findings and waived ones allowed), 1 otherwise, 2 for bad input.
 */
export async function checkCommand({ values, positionals }: Input<typeof CHECK_OPTIONS>, io: Io): Promise<number> {
  const format = values.format ?? "text";
  const file = positionals[0];
  const text = readUserFile(file, "a stack export");
  const exp = parseStackExport(text, file);
  const packs = allPacks();
  const config = loadPolicyConfig(values["policy-config"], packs);
  const result = runPolicies(exp.resources, packs, config, { stack: exp.stack });

  if (format === "json") io.out(formatJson(exp, result));
  else if (format === "sarif") io.out(JSON.stringify(checkSarif({ file, text, stack: exp.stack, resources: exp.resources.length, checks: result.checks, violations: result.violations, packs, config }), null, 2));
  else io.out(formatText(file, exp, result, config));
  return result.violations.some(isBlocking) ? EXIT_VIOLATION : EXIT_OK;
}
