import type { ConfigIssue } from "../../config/errors";
import { EXIT_USAGE, Io } from "../io";

/**
 * Prints registry problems the way a ConfigError would (`file: key: message`), and returns exit
 * code 2. ConfigError itself is not used here: constructing one loads the Pulumi SDK.
 */
export function reportIssues(command: string, issues: readonly ConfigIssue[], io: Io): number {
  const lines = issues.map((i) => (i.path ? `${i.file}: ${i.path}: ${i.message}` : `${i.file}: ${i.message}`));
  if (lines.length === 1) io.err(`lz tenant ${command}: invalid tenant file: ${lines[0]}`);
  else io.err(`lz tenant ${command}: ${lines.length} problems in tenant files:\n${lines.map((l) => `  - ${l}`).join("\n")}`);
  return EXIT_USAGE;
}
