import { parseArgs, ParseArgsConfig } from "util";
import { UsageError } from "./io";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Strict flag parsing: an unknown flag or a missing value is a UsageError (exit 2) that says
 * what the command accepts.
 */
export function parseFlags<O extends Options>(command: string, argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message.replace(/^.*?: /, "") : String(err);
    throw new UsageError(`lz ${command}: ${msg}\nusage: ${usage}`);
  }
}
