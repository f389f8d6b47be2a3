import { execFileSync, spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT, projectRoot } from "../../config";
import type { PlanResult } from "../../lib/plan";
import { Io, UsageError } from "../io";
import { readPlanFile } from "../report/planFile";

/**
 * `lz diff --base <ref>`: the plans of a git ref and of the working tree, so a reviewer need not
 * run `lz plan` twice by hand. The ref's files are extracted with `git archive` (read-only on the
 * repository: no worktree, no checkout) into a temporary folder that borrows this checkout's
 * node_modules, and planned by its own `lz` in a child process (its program, its stack files, its
 * tenants); the working tree is planned in this process.
 */
export async function plansOfBase(ref: string, stack: string | undefined, io: Io): Promise<PlanResult[]> {
  const repo = git(PROJECT_ROOT, ["rev-parse", "--show-toplevel"], `lz diff --base: ${PROJECT_ROOT} is not in a git repository`).trim();
  const sha = git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], `lz diff --base ${ref}: not a commit of ${repo}; give a branch, tag or commit, e.g. --base main or --base origin/main`).trim();
  // One folder per repository, so the transpile cache (keyed by file path) is reused run after run.
  const tree = path.join(os.tmpdir(), "lz-diff-base", createHash("sha1").update(repo).digest("hex").slice(0, 12));
  fs.rmSync(tree, { recursive: true, force: true });
  fs.mkdirSync(tree, { recursive: true });
  try {
    try {
      execFileSync("sh", ["-c", 'git archive --format=tar "$1" | tar -x -C "$2"', "sh", sha, tree], { cwd: repo, stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      throw new UsageError(`lz diff --base ${ref}: cannot extract ${sha.slice(0, 12)} with git archive: ${String((err as { stderr?: unknown }).stderr ?? err).trim()}`);
    }
    fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(tree, "node_modules"), "dir");
    const out = path.join(tree, "lz-base-plan.json");
    io.err(`lz diff: planning ${ref} (${sha.slice(0, 12)})...`);
    const run = await lzIn(tree, ["plan", ...(stack ? [stack] : ["--all"]), "--json", out]);
    if (!fs.existsSync(out) || run.code > 1) {
      const tail = run.stderr.trim().split("\n").slice(-6).join("\n");
      throw new UsageError(`lz diff --base ${ref}: \`lz plan\` of ${ref} failed (exit ${run.code}):\n${tail}`);
    }
    return readPlanFile(out);
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
}

/** The working tree's plans (the program and the config this `lz` runs on). */
export async function plansOfWorkingTree(stack: string | undefined, io: Io): Promise<PlanResult[]> {
  const { planStacks } = await import("../plan/command");
  io.err(`lz diff: planning the working tree${projectRoot() !== PROJECT_ROOT ? ` (config from ${projectRoot()})` : ""}...`);
  const run = await planStacks(stack ? [stack] : "all");
  return run.plans.map((p) => p.result);
}

function git(cwd: string, args: string[], failure: string): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const why = (err as { stderr?: string }).stderr?.trim();
    throw new UsageError(why ? `${failure}\n${why}` : failure);
  }
}

function lzIn(tree: string, args: string[]): Promise<{ code: number; stderr: string }> {
  // The ref's own config, not an LZ_PROJECT_ROOT meant for the working tree.
  const env = { ...process.env };
  delete env.LZ_PROJECT_ROOT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(tree, "bin", "lz.js"), ...args], { cwd: tree, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b) => (stderr += b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 3, stderr }));
  });
}
