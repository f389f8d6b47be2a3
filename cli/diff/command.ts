import type { DIFF_OPTIONS, Input } from "../commands";
import { EXIT_OK, EXIT_VIOLATION, Io, UsageError } from "../io";
import { readPlanFile } from "../report/planFile";
import { diffPlans } from "./compare";
import { DiffFormat, renderDiff } from "./render";

/**
 * `lz diff`: what a change does to the landing zone, as Markdown for a pull-request comment (or text,
 * or JSON), from two `lz plan --json` files or from `--base <git ref>` and the working tree.
 * Exit 0; 1 when a protected or stateful resource would be deleted or replaced; 2 for bad input.
 */
export async function diffCommand({ values, positionals }: Input<typeof DIFF_OPTIONS>, io: Io): Promise<number> {
  // commander has checked the value against DIFF_FORMATS.
  const format = (values.format ?? "markdown") as DiffFormat;
  let before, after;
  if (values.base !== undefined) {
    if (positionals.length) throw new UsageError(`lz diff: --base plans ${values.base} and the working tree itself; give no plan files (got ${positionals.join(" ")})`);
    const base = await import("./base");
    before = await base.plansOfBase(values.base, values.stack, io);
    after = await base.plansOfWorkingTree(values.stack, io);
  } else {
    if (values.stack) throw new UsageError("lz diff: --stack goes with --base; two plan files are diffed whole");
    if (positionals.length !== 2) throw new UsageError(`lz diff: give the old plan and the new plan (files written by \`lz plan --json\`), or --base <git ref>; got ${positionals.length} file${positionals.length === 1 ? "" : "s"}`);
    [before, after] = positionals.map(readPlanFile);
  }
  const d = diffPlans(before, after);
  io.out(renderDiff(d, format));
  const blocking = d.hazards.filter((h) => h.blocking);
  if (blocking.length) {
    io.err(`lz diff: ${blocking.length} protected or stateful resource(s) would be deleted or replaced; see the top of the diff`);
    return EXIT_VIOLATION;
  }
  return EXIT_OK;
}
