import { EXIT_USAGE, Io, processIo, UsageError } from "./io";

export const USAGE = `lz: plan, check and manage the landing zone offline

usage:
  lz plan <stack> [--json FILE] [--markdown FILE] [--diagram FILE.svg|FILE.mmd]
  lz plan --all   [--json FILE] [--markdown FILE] [--diagram FILE.svg|FILE.mmd]
  lz check <stack-export.json> [--format text|json|sarif] [--policy-config FILE]
  lz tenant add <slug> --stack <stack> --hostname <fqdn> [--okta-group G ...] [--classification C]
  lz tenant list | lz tenant validate
  lz diff <old.json> <new.json>
  lz stacks [--json] [--changed FILE [--base DIR]]

exit codes: 0 success (advisory findings allowed), 1 a mandatory policy violation,
            2 bad input or usage`;

type Command = (argv: string[], io: Io) => Promise<number>;

/** Commands load lazily: `lz tenant list` must not pay for importing the Pulumi SDK. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  plan: async () => (await import("./plan/command")).planCommand,
  check: async () => (await import("./check/command")).checkCommand,
  tenant: async () => (await import("./tenant/command")).tenantCommand,
  diff: async () => (await import("./diff/command")).diffCommand,
  stacks: async () => (await import("./stacks/command")).stacksCommand,
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return name ? 0 : EXIT_USAGE;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`lz: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (err) {
    // config/errors extends the Pulumi SDK's RunError: importing it here would make every command
    // (lz check, lz tenant list) load the SDK (~0.8 s), so its errors are recognised by name.
    if (err instanceof UsageError || isConfigErrorLike(err)) {
      const message = (err as Error).message;
      io.err(message.startsWith("lz ") ? message : `lz ${name}: ${message}`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

/** The shape of config/errors' ConfigError (see its isConfigError), without importing the Pulumi SDK. */
function isConfigErrorLike(err: unknown): boolean {
  return err instanceof Error && err.name === "ConfigError" && Array.isArray((err as { issues?: unknown }).issues);
}
