import { Command, CommanderError } from "commander";
import type { OptionDef } from "./commands";
import { UsageError } from "./io";

type FlagSpec = Pick<OptionDef, "type" | "short" | "multiple" | "choices"> & { help?: string; value?: string };

/**
 * For a command module still written as `(argv, io)` and wired with `argv:` in cli/commands.ts:
 * parses its flags with the same commander rules as the table's commands (unknown flag with a
 * did-you-mean, missing value: a UsageError, exit 2). Prefer declaring the options in the table.
 */
export function parseFlags<O extends Record<string, FlagSpec>>(command: string, argv: string[], options: O, usage: string) {
  const cmd = new Command(`lz ${command}`).helpOption(false).allowExcessArguments().argument("[args...]").configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
  cmd.exitOverride((err: CommanderError) => {
    throw new UsageError(`lz ${command}: ${err.message.replace(/^error: /, "").replace(/\n\(Did you mean (.+)\?\)$/, "; did you mean $1?")}\nusage: ${usage}`);
  });
  const names = new Map<string, string>();
  for (const [name, def] of Object.entries(options)) {
    const flags = `${def.short ? `-${def.short}, ` : ""}--${name}${def.type === "string" ? " <value>" : ""}`;
    if (def.multiple) cmd.option(flags, def.help ?? "", (v: string, prev?: string[]) => [...(prev ?? []), v]);
    else cmd.option(flags, def.help ?? "");
    names.set(name, cmd.options[cmd.options.length - 1].attributeName());
  }
  cmd.parse(argv, { from: "user" });
  const opts = cmd.opts();
  const values: Record<string, unknown> = {};
  for (const [name, key] of names) if (opts[key] !== undefined) values[name] = opts[key];
  return { values: values as { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : O[K]["multiple"] extends true ? string[] : string }, positionals: cmd.args };
}
