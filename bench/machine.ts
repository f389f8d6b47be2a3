import { execFileSync } from "child_process";
import * as os from "os";

export interface Machine {
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly cpu: string;
  readonly platform: string;
  /** The 1-minute load average when the run started and ended: how busy the shared machine was. */
  readonly loadStart: number;
  loadEnd?: number;
  readonly date: string;
  /** The commit the tree was at (the tree may hold uncommitted work). */
  readonly commit: string | null;
}

function gitHead(root: string): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || null;
  } catch {
    return null;
  }
}

export function describeMachine(root: string): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadStart: Math.round(os.loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
    commit: gitHead(root),
  };
}
