import { CommandDef, COMMANDS } from "./commands";
import { EXIT_USAGE, Io, processIo, UsageError } from "./io";
import { buildProgram, Finished, Ran } from "./program";

/**
 * `lz <command> ...`: cli/commands.ts says which commands exist and what they take, cli/program.ts
 * parses with commander; the command's module loads only once its arguments are valid.
 */
export async function main(argv: string[], io: Io = processIo, commands: readonly CommandDef[] = COMMANDS): Promise<number> {
  const ran: Ran = {};
  try {
    await buildProgram(io, ran, commands).parseAsync(argv, { from: "user" });
    return ran.code ?? EXIT_USAGE;
  } catch (err) {
    if (err instanceof Finished) return err.code;
    // config/errors extends the Pulumi SDK's RunError: importing it here would make every command
    // (lz check, lz tenant list) load the SDK (~0.8 s), so its errors are recognised by name.
    if (err instanceof UsageError || isConfigErrorLike(err)) {
      const message = (err as Error).message;
      io.err(/^lz[ :]/.test(message) ? message : `lz ${ran.command ?? ""}: ${message}`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

/** The shape of config/errors' ConfigError (see its isConfigError), without importing the Pulumi SDK. */
function isConfigErrorLike(err: unknown): boolean {
  return err instanceof Error && err.name === "ConfigError" && Array.isArray((err as { issues?: unknown }).issues);
}
