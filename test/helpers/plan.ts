import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { copyProjectConfig } from "../../config/files";
import { listStacks, PROJECT_ROOT } from "../../config/raw";
import type { StackPlan } from "../../cli/engine/planner";
import type { PlanResource, PlanResult } from "../../lib/plan";

/**
 * Plans of the sample stacks, shared by every test in the process: each stack is planned once
 * (with the stacks it references), so the suite stays fast.
 */
const cache = new Map<string, StackPlan>();

export async function planCached(stack: string): Promise<StackPlan> {
  const { planStack } = await import("../../cli/engine/planner");
  return planStack(stack, { root: PROJECT_ROOT, cache });
}

export async function planStack(stack: string): Promise<PlanResult> {
  return (await planCached(stack)).result;
}

/** The real program of the project (what `pulumi up` runs), for tests that wrap it with a deliberate defect. */
export function realProgram(): () => Promise<Record<string, unknown>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(PROJECT_ROOT, "stacks", "index"));
  return typeof mod === "function" ? mod : mod.default;
}

export function sampleStacks(): string[] {
  return listStacks(PROJECT_ROOT);
}

/** A temporary copy of the project's configuration (stack files, tenants, policy config) to edit. */
export class TempProject {
  readonly root: string;
  constructor() {
    this.root = copyProjectConfig("lz-test-");
  }

  /** Edits `Pulumi.<stack>.yaml`'s `config:` map in place (keys with their namespace). */
  editStack(stack: string, edit: (config: Record<string, any>) => void): this {
    const file = path.join(this.root, `Pulumi.${stack}.yaml`);
    const doc = fs.existsSync(file) ? YAML.parse(fs.readFileSync(file, "utf8")) ?? {} : {};
    doc.config = doc.config ?? {};
    edit(doc.config);
    fs.writeFileSync(file, YAML.stringify(doc));
    return this;
  }

  readFile(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), "utf8");
  }

  writeFile(rel: string, text: string): this {
    fs.mkdirSync(path.dirname(path.join(this.root, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.root, rel), text);
    return this;
  }

  removeFile(rel: string): this {
    fs.rmSync(path.join(this.root, rel), { force: true });
    return this;
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export interface LzRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `lz <args>` in-process against `root` (default: the checkout). */
export async function runLz(args: string[], root?: string): Promise<LzRun> {
  const { main } = await import("../../cli/main");
  const { bufferIo } = await import("../../cli/io");
  const io = bufferIo();
  const saved = process.env.LZ_PROJECT_ROOT;
  if (root) process.env.LZ_PROJECT_ROOT = root;
  try {
    const code = await main(args, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  } finally {
    if (saved === undefined) delete process.env.LZ_PROJECT_ROOT;
    else process.env.LZ_PROJECT_ROOT = saved;
  }
}

/** Plans `stack` of a temp project after `edit`, and returns the lz run (for bad-config cases). */
export async function planEdited(stack: string, edit: (p: TempProject) => void): Promise<LzRun> {
  const p = new TempProject();
  try {
    edit(p);
    return await runLz(["plan", stack], p.root);
  } finally {
    p.cleanup();
  }
}

/** One bad stack-config case: the edit, and the file and `landing-zone:` key `lz plan` must name. */
export interface BadConfigCase {
  readonly name: string;
  readonly stack: string;
  readonly edit: (p: TempProject) => void;
  readonly file: string;
  readonly key: string;
  readonly says?: RegExp;
}

/** `stackEdit("dev")(c => ...)`: a TempProject edit of one stack file's config map. */
export const stackEdit = (stack: string) => (edit: (c: Record<string, any>) => void) => (p: TempProject) => p.editStack(stack, edit);

/** A line of a Node stack trace (`    at fn (file:1:2)`): never in what a user's mistake prints. */
export const STACK_TRACE_LINE = /^\s+at .+:\d+:\d+\)?$/m;

export function byType(plan: PlanResult, type: string): PlanResource[] {
  return plan.resources.filter((r) => r.type === type);
}

export function one(plan: PlanResult, type: string, name?: string): PlanResource {
  const found = plan.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${type}${name ? ` named ${name}` : ""} in ${plan.stack}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0];
}
