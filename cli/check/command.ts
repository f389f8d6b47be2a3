import { isBlocking } from "../../lib/plan";
import { parseFlags } from "../args";
import { EXIT_OK, EXIT_VIOLATION, Io, readUserFile, UsageError } from "../io";
import { loadPolicyConfig } from "../policy/config";
import { allPacks } from "../policy/packs";
import { runPolicies } from "../policy/runner";
import { parseStackExport } from "./export";
import { formatJson, formatText } from "./formats";
import { formatSarif } from "./sarif";

export const CHECK_USAGE = "lz check <stack-export.json> [--format text|json|sarif] [--policy-config FILE]";

const FORMATS = ["text", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

/**
 * `lz check`: runs the policy packs over a `pulumi stack export`, offline. Exit 0 when nothing
 * mandatory is violated (advisory findings and waived ones allowed), 1 otherwise, 2 for bad input.
 */
export async function checkCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(
    "check",
    argv,
    { format: { type: "string", short: "f" }, "policy-config": { type: "string" }, help: { type: "boolean", short: "h" } },
    CHECK_USAGE,
  );
  if (values.help) {
    io.out(`usage: ${CHECK_USAGE}`);
    return EXIT_OK;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`${positionals.length === 0 ? "give the stack export to check" : `give one stack export, not ${positionals.length}`}\nusage: ${CHECK_USAGE}`);
  }
  const format = (values.format ?? "text") as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format is ${JSON.stringify(values.format)}; use text, json or sarif\nusage: ${CHECK_USAGE}`);
  const file = positionals[0];
  const exp = parseStackExport(readUserFile(file, "a stack export"), file);
  const packs = allPacks();
  const config = loadPolicyConfig(values["policy-config"], packs);
  const result = runPolicies(exp.resources, packs, config, { stack: exp.stack });

  if (format === "json") io.out(formatJson(exp, result));
  else if (format === "sarif") io.out(formatSarif(file, exp, result, packs, config));
  else io.out(formatText(file, exp, result, config));
  return result.violations.some(isBlocking) ? EXIT_VIOLATION : EXIT_OK;
}
