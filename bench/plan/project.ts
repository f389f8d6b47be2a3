import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { copyProjectConfig, PROJECT_ROOT } from "../../config/files";

/**
 * A temporary copy of the project's configuration (copyProjectConfig: the stack files, the tenant
 * registry and the policy config, as the tests' TempProject), that the engine plans instead of the
 * checkout (`planStack(..., { root })` and `LZ_PROJECT_ROOT` for child processes). The program
 * itself is still the checkout's. The real tenants/ is never touched.
 */
export class BenchProject {
  readonly root: string;

  constructor() {
    this.root = copyProjectConfig("lz-bench-");
  }

  get tenantsDir(): string {
    return path.join(this.root, "tenants");
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * `lz plan <args>` in a process of its own over the project at `root` (LZ_PROJECT_ROOT), with the
 * modules in `preload` required first (`node -r`) and `env` added; its wall milliseconds. Exit 1 (a
 * finding) is a plan too; anything else throws with the end of its output.
 */
export function lzPlanProcess(root: string, args: readonly string[], opts: { preload?: readonly string[]; env?: Readonly<Record<string, string>> } = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...(opts.preload ?? []).flatMap((m) => ["-r", m]), path.join(PROJECT_ROOT, "bin", "lz.js"), "plan", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...opts.env, LZ_PROJECT_ROOT: root },
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`lz plan ${args.join(" ")} (in ${root}) exited ${r.status ?? r.signal}:\n${(r.stderr || r.stdout).slice(-3000)}`);
  return ms;
}
