import type { Io } from "./io";

/**
 * Every `lz` command, as data: cli/program.ts turns this table into a commander program (parsing,
 * `--help` per command, suggestions, exit 2 for usage errors). This module imports nothing at run
 * time, and each command's code loads only when it runs, so `lz tenant list` or `lz plan --help`
 * never pays for the Pulumi SDK.
 *
 * Adding a command is one entry in COMMANDS below (or in a group's `subcommands`):
 *
 *   { name: "reach", summary: "...", args: "<from> <to>", options: { json: { type: "string", value: "FILE", help: "..." } },
 *     run: async () => (await import("./reach/command")).reachCommand },
 *
 * where `reachCommand({ values, positionals }: Input<...>, io)` gets the parsed flags (by their dashed
 * names) and the positionals, and returns the exit code. A module still written as
 * `(argv: string[], io: Io) => Promise<number>` with `parseFlags` (cli/args.ts) is wired with
 * `argv:` instead of `run:`: it gets its arguments untouched.
 */

export interface OptionDef {
  readonly type: "string" | "boolean";
  /** One line for `--help`. */
  readonly help: string;
  /** The value's placeholder in `--help` (string options): FILE, STACK... */
  readonly value?: string;
  readonly short?: string;
  /** Repeatable: the values come as a list. */
  readonly multiple?: boolean;
  /** The only values allowed; anything else is exit 2 with the list and a did-you-mean. */
  readonly choices?: readonly string[];
}

export type Options = Readonly<Record<string, OptionDef>>;

/** One flag's parsed value: a boolean, a string, or one of its choices (a list when repeatable). */
type ValueOf<D extends OptionDef> = D["type"] extends "boolean"
  ? boolean
  : D["choices"] extends readonly (infer C extends string)[]
    ? D["multiple"] extends true
      ? C[]
      : C
    : D["multiple"] extends true
      ? string[]
      : string;

/** The parsed flags of a command with options `O`, by their dashed names (as `util.parseArgs` gives them). */
export type Values<O extends Options> = {
  -readonly [K in keyof O]?: ValueOf<O[K]>;
};

export interface Input<O extends Options = Options> {
  readonly values: Values<O>;
  readonly positionals: string[];
}

export type Handler<O extends Options = Options> = (input: Input<O>, io: Io) => Promise<number>;
export type ArgvHandler = (argv: string[], io: Io) => Promise<number>;

export interface CommandDef {
  readonly name: string;
  /** One line: what `lz --help` lists. */
  readonly summary: string;
  /** More, shown by the command's own `--help` under the summary. */
  readonly description?: string;
  /** Positionals in commander's notation: `<stack>`, `[stack]`, `<old.json> <new.json>`, `[files...]`. */
  readonly args?: string;
  readonly options?: Options;
  /** Shown after the options in the command's `--help`: examples, exit codes. */
  readonly details?: string;
  readonly run?: () => Promise<Handler<any>>;
  readonly argv?: () => Promise<ArgvHandler>;
  readonly subcommands?: readonly CommandDef[];
}

export const PLAN_OPTIONS = {
  all: { type: "boolean", help: "plan every stack, in dependency order" },
  json: { type: "string", value: "FILE", help: "write the plan as JSON (`-` for stdout); with --all, { stacks: [...] }" },
  markdown: { type: "string", value: "FILE", help: "write the Markdown report (the pull-request comment)" },
  diagram: { type: "string", value: "FILE", help: "write the organisation and network diagram: .svg (rendered) or .mmd (Mermaid)" },
  sarif: { type: "string", value: "FILE", help: "write the findings as SARIF 2.1.0 for code scanning, each at a file and line" },
  "policy-config": { type: "string", value: "FILE", help: "policy pack config (enforcement levels, waivers); default policies/policy-config.yaml" },
  progress: { type: "boolean", help: "a line per stack as it finishes, on stderr (default: with --all at a terminal, not in CI)" },
} as const satisfies Options;

export const CHECK_FORMATS = ["text", "json", "sarif"] as const;
export const CHECK_OPTIONS = {
  format: { type: "string", short: "f", value: "FORMAT", choices: CHECK_FORMATS, help: "text (default), json, or sarif for GitHub code scanning" },
  "policy-config": { type: "string", value: "FILE", help: "policy pack config (enforcement levels, waivers); default policies/policy-config.yaml" },
} as const satisfies Options;

export const DIFF_FORMATS = ["markdown", "text", "json"] as const;

export const DIFF_OPTIONS = {
  format: { type: "string", short: "f", value: "FORMAT", choices: DIFF_FORMATS, help: "markdown (default: the pull-request comment), text for a terminal, or json" },
  base: { type: "string", value: "REF", help: "plan the git ref REF and the working tree, and diff them (instead of two plan files)" },
  stack: { type: "string", value: "STACK", help: "with --base: plan this stack only (default: every stack)" },
} as const satisfies Options;

export const REACH_OPTIONS = {
  from: { type: "string", value: "SOURCE", help: "a tier (app, dmz, data), an ECS service (cloudflared), or <vpc>.<tier>" },
  to: { type: "string", value: "DEST", help: "host[:port][/tcp|udp] (default 443/tcp), an address, a VPC endpoint (ecr.dkr), or <vpc>.<tier>[:port]" },
  json: { type: "string", value: "FILE", help: "write the answer as JSON (`-` for stdout)" },
} as const satisfies Options;

/** Mirrors config/schema/tenant.ts's DATA_CLASSIFICATIONS (test/cli/commands.test.ts keeps them equal). */
export const TENANT_CLASSIFICATIONS = ["internal", "confidential", "restricted"] as const;

export const TENANT_ADD_OPTIONS = {
  stack: { type: "string", value: "STACK", help: "the workload stack that hosts the tenant (required)" },
  cell: { type: "string", value: "CELL", help: "the tenant cell that holds it, a cell of --stack (default: its least-filled cell)" },
  hostname: { type: "string", value: "FQDN", help: "the tenant's host name, one label under the stack's zone (required)" },
  "okta-group": { type: "string", value: "GROUP", multiple: true, help: "an Okta group that may sign in (repeatable; default <slug>-users)" },
  classification: { type: "string", value: "CLASS", choices: TENANT_CLASSIFICATIONS, help: "the data classification (default confidential)" },
  "display-name": { type: "string", value: "NAME", help: "the name users see (default: the slug in title case)" },
  "retention-days": { type: "string", value: "N", help: "how long the tenant's data is kept (default 2555, seven years)" },
  contact: { type: "string", value: '"[role:]Name <email>"', multiple: true, help: "a contact; role is technical (default), business, security or billing (repeatable)" },
  "custom-hostname": { type: "string", value: "FQDN", help: "the tenant's own domain, served through Cloudflare for SaaS" },
  origin: { type: "string", value: "URL", help: "the tenant's private https origin behind the tunnel" },
} as const satisfies Options;

export const TENANT_MOVE_OPTIONS = {
  to: { type: "string", value: "CELL", help: "the cell the tenant moves to, a cell of its environment (required)" },
  export: { type: "string", value: "FILE", help: "the source stack's `pulumi stack export`: check the move against it first" },
  "dest-export": { type: "string", value: "FILE", help: "with --export: the destination cell's export, to check for conflicts" },
  write: { type: "boolean", help: "set the tenant file's cell to --to" },
  json: { type: "boolean", help: "print the move as JSON (URNs, commands, what the check found)" },
} as const satisfies Options;

export const TENANT_LIST_OPTIONS = {
  stack: { type: "string", value: "STACK", help: "only this stack's tenants" },
  json: { type: "boolean", help: "print JSON instead of tables" },
} as const satisfies Options;

export const STACKS_OPTIONS = {
  json: { type: "boolean", help: "print JSON (what the deploy and PR workflows read): stacks, waves, a matrix per wave" },
  changed: { type: "string", value: "FILE", help: "a list of changed paths, one a line (git diff --name-only): add the stacks the change can affect" },
  base: { type: "string", value: "DIR", help: "with --changed: the base checkout, to find where changed tenants lived before" },
} as const satisfies Options;

export const EXIT_CODES = `Exit codes: 0 success (advisory findings allowed), 1 a mandatory policy violation (lz diff: a
protected or stateful resource would be deleted or replaced), 2 bad input or usage, 3 a bug in lz.`;

export const BOOTSTRAP_OPTIONS = {
  stack: { type: "string", value: "STACK", help: "the management stack (default: the one stack with landing-zone:role management)" },
  repo: { type: "string", value: "OWNER/REPO", help: "the GitHub repository whose deploy environments may assume the deploy role" },
  json: { type: "string", value: "FILE", help: "also write the `pulumi import --file` document" },
} as const satisfies Options;

export const COMMANDS: readonly CommandDef[] = [
  {
    name: "plan",
    summary: "plan stacks offline under Pulumi's mock engine and run the policy packs",
    args: "[stacks...]",
    options: PLAN_OPTIONS,
    details: "Examples:\n  lz plan dev\n  lz plan prod-cell-01          (a tenant cell, with the stacks it reads)\n  lz plan prod prod-cell-01     (several: --json writes { stacks: [...] })\n  lz plan --all --markdown report.md --diagram org.svg\n  lz plan dev --json - | jq .violations",
    run: async () => (await import("./plan/command")).planCommand,
  },
  {
    name: "check",
    summary: "run the policy packs over a real `pulumi stack export`",
    args: "<stack-export.json>",
    options: CHECK_OPTIONS,
    run: async () => (await import("./check/command")).checkCommand,
  },
  {
    name: "tenant",
    summary: "manage the tenant registry (tenants/<slug>.yaml)",
    subcommands: [
      {
        name: "add",
        summary: "write tenants/<slug>.yaml after checking it with the rest of the registry",
        args: "<slug>",
        options: TENANT_ADD_OPTIONS,
        details: 'Example:\n  lz tenant add acme --stack dev --hostname acme.example.net --contact "security:Acme SecOps <secops@acme.example>"',
        run: async () => (await import("./tenant/add")).tenantAdd,
      },
      {
        name: "move",
        summary: "print the `pulumi state move` that carries a tenant into another cell, keeping its data",
        args: "<slug>",
        options: TENANT_MOVE_OPTIONS,
        details: "Example:\n  pulumi stack export --stack prod --file prod.json\n  lz tenant move contoso-bank --to prod-cell-02 --export prod.json --write\nSee docs/CELLS.md (moving tenants, migrating an environment to cells).",
        run: async () => (await import("./tenant/move")).tenantMove,
      },
      {
        name: "list",
        summary: "list the tenants per stack and status",
        options: TENANT_LIST_OPTIONS,
        run: async () => (await import("./tenant/list")).tenantList,
      },
      {
        name: "validate",
        summary: "check every tenant file with the rules lz plan and pulumi up apply",
        run: async () => (await import("./tenant/validate")).tenantValidate,
      },
    ],
  },
  {
    name: "reach",
    summary: "can a flow get there and back? security groups, ACLs, the firewall, every AZ (offline Reachability Analyzer)",
    args: "<stack>",
    options: REACH_OPTIONS,
    details: "Without --from/--to: the stack's standing flows (cloudflared to Cloudflare, app to each VPC endpoint, each tier to the internet, prod <-> nonprod).\nExamples:\n  lz reach dev --from cloudflared --to quic.cftunnel.com:7844/udp\n  lz reach prod --from data --to ecr.dkr\n  lz reach dev",
    run: async () => (await import("./reach/command")).reachCommand,
  },
  {
    name: "diff",
    summary: "what a change adds, removes and changes, from two `lz plan --json` files or a git ref and the working tree",
    args: "[old.json] [new.json]",
    details: "Examples:\n  lz diff base.json head.json > diff.md\n  lz diff --base main --format text\n  lz diff --base origin/main --stack dev --format json",
    options: DIFF_OPTIONS,
    run: async () => (await import("./diff/command")).diffCommand,
  },
  {
    name: "bootstrap",
    summary: "print the manual steps before the management stack's first pulumi up: its roles, and the exact pulumi import of an existing organisation",
    options: BOOTSTRAP_OPTIONS,
    details: "Examples:\n  lz bootstrap --repo example-org/landing-zone\n  lz bootstrap --json bootstrap-import.json",
    run: async () => (await import("./bootstrap/command")).bootstrapCommand,
  },
  {
    name: "stacks",
    summary: "the deploy graph: every stack, its role, account, StackReferences and wave",
    options: STACKS_OPTIONS,
    details: "Examples:\n  lz stacks\n  lz stacks --json | jq -c '.matrix[0]'\n  git diff --name-only origin/main... > changed.txt && lz stacks --changed changed.txt",
    run: async () => (await import("./stacks/command")).stacksCommand,
  },
];
