import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { parseFlags } from "../../cli/args";
import { CommandDef, COMMANDS, Input, TENANT_CLASSIFICATIONS } from "../../cli/commands";
import { bufferIo, Io, UsageError } from "../../cli/io";
import { main } from "../../cli/main";
import { DATA_CLASSIFICATIONS } from "../../config/schema/tenant";

const PROJECT_ROOT = path.join(__dirname, "..", "..");

async function lz(args: string[], commands?: readonly CommandDef[]) {
  const io = bufferIo();
  const code = await main(args, io, commands);
  return { code, out: io.stdout, err: io.stderr };
}

/** Every command path of the table: ["plan"], ["tenant"], ["tenant", "add"]... */
function paths(defs: readonly CommandDef[], prefix: string[] = []): string[][] {
  return defs.flatMap((d) => [[...prefix, d.name], ...paths(d.subcommands ?? [], [...prefix, d.name])]);
}

describe("lz's command line (commander, from cli/commands.ts)", () => {
  it("lz --help lists every command with its one-line summary, exit 0", async () => {
    const r = await lz(["--help"]);
    assert.equal(r.code, 0, r.err);
    for (const d of COMMANDS) {
      assert.match(r.out, new RegExp(`^  ${d.name}\\b`, "m"), d.name);
      assert.ok(r.out.replace(/\s+/g, " ").includes(d.summary), `${d.name}'s summary`);
    }
    assert.match(r.out, /Exit codes: 0 success/);
  });

  for (const p of paths(COMMANDS)) {
    it(`lz ${p.join(" ")} --help exits 0 with its usage and flags`, async () => {
      const r = await lz([...p, "--help"]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, new RegExp(`^Usage: lz ${p.join(" ")}\\b`, "m"));
      assert.match(r.out, /-h, --help/);
    });
  }

  it("lz help <command> is the command's help", async () => {
    const r = await lz(["help", "plan"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: lz plan \[options\] \[stacks\.\.\.\]/m);
    assert.match(r.out, /--policy-config <FILE>/);
  });

  it("lz --version prints package.json's version", async () => {
    const r = await lz(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), require("../../package.json").version);
  });

  it("lz alone or a group without its subcommand prints the help and exits 2", async () => {
    for (const args of [[], ["tenant"]]) {
      const r = await lz(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.err, /^Usage: lz/m);
    }
  });

  const typos: [string[], RegExp][] = [
    [["plna", "dev"], /^lz: unknown command 'plna'; did you mean plan\?\nusage: lz /],
    [["tenant", "lsit"], /^lz tenant: unknown command 'lsit'; did you mean list\?/],
    [["tenant", "list", "--stak", "dev"], /^lz tenant list: unknown option '--stak'; did you mean --stack\?/],
    [["check", "x.json", "--format", "sarf"], /^lz check: --format "sarf" is not one of text, json or sarif; did you mean sarif\?/],
    [["tenant", "add", "acme", "--stack", "dev", "--hostname", "a.example.net", "--classification", "restriced"], /--classification "restriced" is not one of internal, confidential or restricted; did you mean restricted\?/],
    [["diff", "a.json", "b.json", "--format", "jsno"], /--format "jsno" is not one of markdown, text or json; did you mean json\?/],
  ];
  for (const [args, says] of typos) {
    it(`lz ${args.join(" ")}: exit 2 with a suggestion and the usage, no stack trace`, async () => {
      const r = await lz(args);
      assert.equal(r.code, 2);
      assert.match(r.err, says);
      assert.match(r.err, /\(`lz [\w ]*--help` says more\)/);
      assert.doesNotMatch(r.err, /^\s+at /m);
    });
  }

  it("a mistyped stack name gets a did-you-mean too", async () => {
    const r = await lz(["tenant", "list", "--stack", "prdo"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /there is no stack "prdo"; did you mean prod\?; stacks: /);
  });

  it("the table's classifications are the tenant schema's", () => {
    assert.deepEqual([...TENANT_CLASSIFICATIONS], [...DATA_CLASSIFICATIONS]);
  });

  it("a new command is one table entry: flags by their dashed names, positionals, its exit code", async () => {
    const seen: Input[] = [];
    const options = { "dry-run": { type: "boolean", help: "say only" }, to: { type: "string", value: "STACK", help: "where", choices: ["dev", "prod"] }, tag: { type: "string", multiple: true, help: "a tag" } } as const;
    const table: CommandDef[] = [
      ...COMMANDS,
      { name: "move", summary: "move a tenant", args: "<slug>", options, run: async () => async (input: Input, _io: Io) => (seen.push(input), 7) },
    ];
    const r = await lz(["move", "acme", "--dry-run", "--to", "prod", "--tag", "a", "--tag", "b"], table);
    assert.equal(r.code, 7, r.err);
    assert.deepEqual(seen, [{ values: { "dry-run": true, to: "prod", tag: ["a", "b"] }, positionals: ["acme"] }]);
    assert.match((await lz(["--help"], table)).out, /move \[options\] <slug> +move a tenant/);
    assert.equal((await lz(["move"], table)).code, 2, "a missing positional");
    assert.equal(seen.length, 1, "nothing runs on a usage error");
  });

  it("an (argv, io) module with parseFlags still works, wired with argv:", async () => {
    const probe = async (argv: string[], io: Io) => {
      const { values, positionals } = parseFlags("probe", argv, { json: { type: "boolean" }, from: { type: "string" } }, "lz probe <to> [--from X] [--json]");
      io.out(JSON.stringify({ values, positionals }));
      return 0;
    };
    const table: CommandDef[] = [...COMMANDS, { name: "probe", summary: "who answers a probe", argv: async () => probe }];
    const r = await lz(["probe", "db", "--from", "web", "--json"], table);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { values: { from: "web", json: true }, positionals: ["db"] });
    const bad = await lz(["probe", "db", "--jsn"], table);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^lz probe: unknown option '--jsn'; did you mean --json\?\nusage: lz probe/);
    assert.throws(() => parseFlags("probe", ["--from"], { from: { type: "string" } }, "u"), UsageError);
  });

  it("--help and the usage errors load no Pulumi SDK", () => {
    const script = `
      const { main } = require("./cli/main");
      const { bufferIo } = require("./cli/io");
      (async () => {
        const codes = [];
        for (const args of [["plan", "--help"], ["--help"], ["plan", "dev", "--jsn", "x"], ["check", "x", "--format", "xml"]]) codes.push(await main(args, bufferIo()));
        const sdk = Object.keys(require.cache).filter((k) => k.includes("@pulumi"));
        console.log(JSON.stringify({ codes, sdk: sdk.length }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ["-r", "./bin/register.js", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim());
    assert.deepEqual(out, { codes: [0, 0, 2, 2], sdk: 0 });
  });

  it("bin/lz.js: --version and a typo, as a user runs them", () => {
    const run = (args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ["bin/lz.js", ...args], { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
      } catch (e) {
        const err = e as { status: number; stderr: string };
        return { code: err.status, out: err.stderr };
      }
    };
    assert.deepEqual(run(["--version"]), { code: 0, out: `${require("../../package.json").version}\n` });
    const typo = run(["tenant", "valdate"]);
    assert.equal(typo.code, 2);
    assert.match(typo.out, /did you mean validate\?/);
  });
});
