import * as path from "path";

/**
 * One reading of the project's config files for the length of a plan.
 *
 * `lz plan` runs the program once per stack, and each run validates the whole project (loadStack:
 * every stack file and the 1,000-file tenant registry), the network and workload programs once more
 * for their network views (loadNetworkView.ts), and the planner and the runtime read the stack file
 * again: at 1,000 tenants, reading the same files was a fifth of planning a small stack. Inside
 * `withConfigSnapshot` each of those reads (a stack file, the list of stack files, Pulumi.yaml's
 * provider keys, the tenant files) is made once and served again from here, so every program of
 * one plan sees the same config, even if a file is edited while it runs; outside it (pulumi up,
 * `lz tenant`, a test that edits a file between two plans) every call reads the files afresh.
 * The scope ends, and everything read is dropped, when the outermost `withConfigSnapshot` returns.
 * A read that throws is not kept (the next call reads, and throws, again).
 *
 * What is handed out is shared between the calls of one scope: callers treat it as read-only.
 */

let depth = 0;
const kept = new Map<string, unknown>();

/** Runs `fn` with the config files read once (see above). Scopes nest; the outermost one clears. */
export async function withConfigSnapshot<T>(fn: () => Promise<T>): Promise<T> {
  depth++;
  try {
    return await fn();
  } finally {
    if (--depth === 0) kept.clear();
  }
}

/** Whether a snapshot is open: reads are being kept. */
export function inConfigSnapshot(): boolean {
  return depth > 0;
}

/**
 * `read()`, or inside a snapshot what it returned the first time for this `kind` and `root` (and
 * `key`). `root` is resolved, so `./x` and `/abs/x` are one project.
 */
export function snapshotted<T>(kind: string, root: string, key: string, read: () => T): T {
  if (depth === 0) return read();
  const k = `${kind}\0${path.resolve(root)}\0${key}`;
  if (kept.has(k)) return kept.get(k) as T;
  const value = read();
  kept.set(k, value);
  return value;
}
