import { parseArgs, ParseArgsConfig } from "util";
import { didYouMean } from "../config/schema/zodIssues";
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
    const raw = err instanceof Error ? err.message : String(err);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(raw);
    let msg: string;
    if (unknown) {
      const hint = didYouMean(unknown[1].replace(/^-+/, ""), Object.keys(options));
      msg = `unknown flag ${unknown[1]}${hint ? `; did you mean --${hint}?` : ""}`;
    } else {
      msg = raw.replace(/^.*?: /, "");
    }
    throw new UsageError(`lz ${command}: ${msg}\nusage: ${usage}`);
  }
}
