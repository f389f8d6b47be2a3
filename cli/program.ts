import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { didYouMean } from "../config/schema/zodIssues";
import { CommandDef, COMMANDS, EXIT_CODES, Input, OptionDef, Options } from "./commands";
import { EXIT_OK, EXIT_USAGE, Io, lzVersion, UsageError } from "./io";

/** The help, the version or a usage error was printed: nothing runs, and lz exits with `code`. */
export class Finished extends Error {
  constructor(readonly code: number) {
    super(`finished with ${code}`);
    this.name = "Finished";
  }
}

function listOf(values: readonly string[]): string {
  return values.length < 2 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/** `--flag VALUE` checked against its choices, with the valid ones and a did-you-mean when it is not one. */
export function choiceError(flag: string, value: string, choices: readonly string[]): string {
  const hint = didYouMean(value, choices);
  return `--${flag} ${JSON.stringify(value)} is not one of ${listOf(choices)}${hint ? `; did you mean ${hint}?` : ""}`;
}

function toOption(name: string, def: OptionDef): Option {
  const flags = `${def.short ? `-${def.short}, ` : ""}--${name}${def.type === "string" ? ` <${def.value ?? "VALUE"}>` : ""}`;
  const o = new Option(flags, def.help);
  if (def.choices) o.choices(def.choices);
  // After choices(): our own check replaces commander's, keeping its "(choices: ...)" in the help.
  const check = (v: string) => {
    if (def.choices && !def.choices.includes(v)) throw new InvalidArgumentError(choiceError(name, v, def.choices));
    return v;
  };
  if (def.type === "string" && def.multiple) o.argParser((v: string, prev?: string[]) => [...(prev ?? []), check(v)]);
  else if (def.type === "string") o.argParser(check);
  return o;
}

/** Commander's message in lz's style: `lz plan: unknown option '--jsn'; did you mean --json?` and the usage. */
function usageMessage(cmd: Command, err: CommanderError): string {
  const pathOf = commandPath(cmd);
  let msg = err.message.replace(/^error: /, "").replace(/\n\(Did you mean (.+)\?\)$/, "; did you mean $1?");
  // commander repeats the option's flags; for our own choice errors the message already names the flag.
  msg = msg.replace(/^option '.*?' argument '.*?' is invalid\. (--\S+ .*)$/s, "$1");
  return `${pathOf}: ${msg}\nusage: ${pathOf} ${cmd.usage()}\n(\`${pathOf} --help\` says more)`;
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Flags by their dashed names, whatever commander calls them internally. */
function valuesOf(cmd: Command, options: Options): Record<string, unknown> {
  const opts = cmd.opts();
  const values: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(options)) {
    const v = opts[toOption(name, def).attributeName()];
    if (v !== undefined) values[name] = v;
  }
  return values;
}

function configure(cmd: Command, io: Io): Command {
  return cmd
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, "")), writeErr: (s) => io.err(s.replace(/\n$/, "")), outputError: () => undefined })
    .exitOverride((err) => {
      // `commander.help` with a non-zero code is a group named without its subcommand (`lz`,
      // `lz tenant`): its help went to stderr, and that is a usage error.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") throw new Finished(err.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
      throw new UsageError(usageMessage(cmd, err));
    });
}

/** Filled in as a command runs: which one (`tenant add`, for its error messages) and its exit code. */
export interface Ran {
  command?: string;
  code?: number;
}

function addCommand(parent: Command, def: CommandDef, io: Io, ran: Ran): void {
  const cmd = configure(parent.command(def.name), io).summary(def.summary).description(def.description ? `${def.summary}\n\n${def.description}` : def.summary);
  if (def.details) cmd.addHelpText("after", `\n${def.details}`);
  for (const sub of def.subcommands ?? []) addCommand(cmd, sub, io, ran);
  if (def.argv) {
    // An `(argv, io)` module parses its own flags (and its own --help) with cli/args.ts.
    const load = def.argv;
    cmd.helpOption(false).allowUnknownOption().allowExcessArguments().argument("[args...]");
    cmd.action(async () => {
      ran.command = commandPath(cmd).replace(/^lz /, "");
      ran.code = await (await load())(cmd.args, io);
    });
    return;
  }
  if (!def.run) return;
  const options = def.options ?? {};
  for (const [name, o] of Object.entries(options)) cmd.addOption(toOption(name, o));
  for (const a of (def.args ?? "").split(/\s+/).filter(Boolean)) cmd.argument(a);
  const load = def.run;
  cmd.action(async () => {
    ran.command = commandPath(cmd).replace(/^lz /, "");
    const input: Input = { values: valuesOf(cmd, options) as Input["values"], positionals: cmd.processedArgs.flat().filter((a): a is string => typeof a === "string") };
    ran.code = await (await load())(input, io);
  });
}

/** The `lz` program for one run (commander keeps parsed values on the objects, so a new one each time). */
export function buildProgram(io: Io, ran: Ran, commands: readonly CommandDef[] = COMMANDS): Command {
  const program = configure(new Command("lz"), io)
    .description("lz: plan, check and manage the landing zone offline, with no cloud credentials")
    .version(lzVersion(), "-V, --version", "print lz's version")
    .helpCommand("help [command]", "the help of a command")
    .addHelpText("after", `\n${EXIT_CODES}`);
  for (const def of commands) addCommand(program, def, io, ran);
  return program;
}
