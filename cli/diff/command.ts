import { parseFlags } from "../args";
import { EXIT_OK, EXIT_VIOLATION, Io, UsageError } from "../io";
import { readPlanFile } from "../report/planFile";
import { diffPlans } from "./compare";
import { renderDiff } from "./render";

export const DIFF_USAGE = "lz diff <old.json> <new.json>   (files written by `lz plan --json`, one stack or --all)";

/**
 * `lz diff`: what a change does to the landing zone, as Markdown for a pull-request comment.
 * Exit 0; 1 when a protected or stateful resource would be deleted or replaced; 2 for bad input.
 */
export async function diffCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags("diff", argv, { help: { type: "boolean", short: "h" } }, DIFF_USAGE);
  if (values.help) {
    io.out(`usage: ${DIFF_USAGE}`);
    return EXIT_OK;
  }
  if (positionals.length !== 2) throw new UsageError(`give the old plan and the new plan, not ${positionals.length} file${positionals.length === 1 ? "" : "s"}\nusage: ${DIFF_USAGE}`);
  const [before, after] = positionals.map(readPlanFile);
  const d = diffPlans(before, after);
  io.out(renderDiff(d));
  const blocking = d.hazards.filter((h) => h.blocking);
  if (blocking.length) {
    io.err(`lz diff: ${blocking.length} protected or stateful resource(s) would be deleted or replaced; see the top of the diff`);
    return EXIT_VIOLATION;
  }
  return EXIT_OK;
}
