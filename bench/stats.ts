import { performance } from "perf_hooks";

/**
 * Timing helpers. Every figure in results.json is the median of `runs` timed runs taken after one
 * untimed warm-up. Measurements that are compared (plan against floor, the packs against awsguard)
 * are interleaved run by run, so a burst of load from another process on this shared machine
 * lands on both sides of a ratio rather than on one.
 */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Collects garbage before a timed run when node runs with --expose-gc (npm run bench does). */
export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  settle();
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export interface Side<T> {
  readonly name: string;
  readonly run: () => Promise<T> | T;
  /** Already warmed up by the caller: no warm-up run. */
  readonly warm?: boolean;
}

export interface SideResult<T> {
  readonly name: string;
  /** Each timed run, in order (the warm-ups excluded). */
  readonly samples: number[];
  /** Each warm-up run's time, in order (none for a side the caller warmed up). */
  readonly warmups: number[];
  readonly medianMs: number;
  /** What the last timed run returned. */
  readonly last: T;
}

/**
 * `warmups` warm-up rounds of every side (one by default; none for a side the caller warmed up),
 * then `runs` rounds in which each side runs once, in turn. The order within a round alternates so
 * neither side always runs right after the other. Warm-up rounds are timed too (`warmups` of the result).
 */
export async function interleave<T>(sides: readonly Side<T>[], runs: number, onRun?: (side: string, round: number, ms: number) => void, warmups = 1): Promise<SideResult<T>[]> {
  const samples = sides.map(() => [] as number[]);
  const warm = sides.map(() => [] as number[]);
  const last: T[] = new Array(sides.length);
  for (let w = 0; w < warmups; w++) {
    const order = sides.map((_, i) => i);
    if (w % 2 === 1) order.reverse();
    for (const i of order) {
      if (sides[i].warm) continue;
      const t = await timed(sides[i].run);
      last[i] = t.value;
      warm[i].push(t.ms);
      onRun?.(sides[i].name, -w, t.ms);
    }
  }
  for (let round = 1; round <= runs; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2 === 0) order.reverse();
    for (const i of order) {
      const t = await timed(sides[i].run);
      samples[i].push(t.ms);
      last[i] = t.value;
      onRun?.(sides[i].name, round, t.ms);
    }
  }
  return sides.map((s, i) => ({ name: s.name, samples: samples[i], warmups: warm[i], medianMs: median(samples[i]), last: last[i] }));
}

export function round(x: number, digits = 0): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
