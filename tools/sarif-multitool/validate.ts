import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * `npm run sarif:validate [-- FILE.sarif ...]`: Microsoft's SARIF Multitool (`validate`) over the
 * given SARIF files, or, with none, over the two lz writes: `lz check --format sarif` of
 * test/fixtures/violations.stack.json and `lz plan --all --sarif` (the PR gate's upload). Exit 0
 * when the Multitool reports no error and no warning (its notes, such as "no snippet", are
 * suggestions and are counted, not failed on), 1 otherwise, 2 when it is not installed or cannot run.
 *
 * The Multitool is a self-contained .NET binary, one npm package per platform (linux, darwin,
 * win32): no .NET runtime is needed and nothing is downloaded at run time. It is installed apart
 * from the product (`npm run sarif:setup`, this folder's package.json and lockfile; ~44 MB) and
 * with --ignore-scripts, so the package's own postinstall (a chmod) is done here.
 */

export const TOOLS_DIR = __dirname;
const ROOT = path.join(__dirname, "..", "..");

export class SetupError extends Error {}

/** The Multitool binary installed under `toolsDir`, executable. */
export function multitoolBinary(toolsDir: string = TOOLS_DIR): string {
  const platform = process.platform === "win32" ? "win32" : process.platform === "darwin" ? "darwin" : "linux";
  const dir = path.join(toolsDir, "node_modules", "@microsoft", `sarif-multitool-${platform}`);
  const bin = path.join(dir, platform === "win32" ? "Sarif.Multitool.exe" : "Sarif.Multitool");
  if (!fs.existsSync(bin)) throw new SetupError(`the SARIF Multitool is not installed (no ${path.relative(process.cwd(), bin)}): run \`npm run sarif:setup\` once`);
  if (platform !== "win32" && (fs.statSync(bin).mode & 0o100) === 0) fs.chmodSync(bin, fs.statSync(bin).mode | 0o700);
  return bin;
}

export interface Finding {
  readonly level: string;
  readonly ruleId: string;
  readonly text: string;
}

/** Runs `Sarif.Multitool validate` on `file` and returns what it reported, notes included. */
export function multitoolValidate(bin: string, file: string): { version: string; findings: Finding[] } {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-multitool-")), "validation.sarif");
  try {
    const run = spawnSync(bin, ["validate", file, "--output", out, "--log", "ForceOverwrite", "--level", "Error;Warning;Note"], { encoding: "utf8" });
    if (run.error || !fs.existsSync(out)) throw new SetupError(`the SARIF Multitool did not run (${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout ?? ""}${run.stderr ?? ""}`);
    const log = JSON.parse(fs.readFileSync(out, "utf8"));
    const r = log.runs[0];
    const rules = new Map<string, { messageStrings?: Record<string, { text: string }> }>((r.tool.driver.rules ?? []).map((x: { id: string }) => [x.id, x]));
    const findings: Finding[] = (r.results ?? []).map((x: { level?: string; ruleId: string; message: { text?: string; id?: string; arguments?: string[] } }) => {
      const template = x.message.text ?? rules.get(x.ruleId)?.messageStrings?.[x.message.id ?? ""]?.text ?? "";
      return { level: x.level ?? "warning", ruleId: x.ruleId, text: template.replace(/\{(\d+)\}/g, (_, i: string) => x.message.arguments?.[Number(i)] ?? "") };
    });
    return { version: String(r.tool.driver.version ?? r.tool.driver.semanticVersion ?? "?"), findings };
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

/** The SARIF lz writes, for a run with no files named. */
async function lzSarifFiles(dir: string): Promise<string[]> {
  process.env.LZ_PROJECT_ROOT ??= ROOT;
  const { main } = await import("../../cli/main");
  const { bufferIo } = await import("../../cli/io");
  const check = path.join(dir, "lz-check.sarif");
  const io = bufferIo();
  const code = await main(["check", path.join(ROOT, "test", "fixtures", "violations.stack.json"), "--format", "sarif"], io);
  if (code > 1) throw new SetupError(`lz check failed (exit ${code}): ${io.stderr}`);
  fs.writeFileSync(check, io.stdout);
  const plan = path.join(dir, "lz-plan.sarif");
  const pio = bufferIo();
  const pcode = await main(["plan", "--all", "--sarif", plan], pio);
  if (pcode > 1) throw new SetupError(`lz plan failed (exit ${pcode}): ${pio.stderr}`);
  return [check, plan];
}

export async function validateMain(argv: readonly string[], print: (s: string) => void = (s) => process.stdout.write(`${s}\n`), toolsDir: string = TOOLS_DIR): Promise<number> {
  try {
    const bin = multitoolBinary(toolsDir);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-sarif-"));
    try {
      const files = argv.length ? [...argv] : await lzSarifFiles(dir);
      let failed = 0;
      for (const f of files) {
        const { version, findings } = multitoolValidate(bin, f);
        const bad = findings.filter((x) => x.level === "error" || x.level === "warning");
        const notes = new Map<string, number>();
        for (const x of findings.filter((y) => y.level === "note")) notes.set(x.ruleId, (notes.get(x.ruleId) ?? 0) + 1);
        print(`${path.basename(f)}: SARIF Multitool ${version}: ${bad.filter((x) => x.level === "error").length} errors, ${bad.filter((x) => x.level === "warning").length} warnings, ${[...notes.values()].reduce((a, b) => a + b, 0)} notes${notes.size ? ` (${[...notes].map(([k, n]) => `${k} x${n}`).join(", ")})` : ""}`);
        for (const x of bad) print(`  ${x.level} ${x.ruleId}: ${x.text}`);
        if (bad.length) failed++;
      }
      return failed ? 1 : 0;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } catch (err) {
    if (err instanceof SetupError) {
      print(`sarif:validate: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  validateMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
