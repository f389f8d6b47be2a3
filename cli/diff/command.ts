import type { DIFF_OPTIONS, Input } from "../commands";
import { EXIT_OK, EXIT_VIOLATION, Io } from "../io";
import { readPlanFile } from "../report/planFile";
import { diffPlans } from "./compare";
import { renderDiff } from "./render";

/**
 * `lz diff`: what a change does to the landing zone, as Markdown for a pull-request comment.
 * Exit 0; 1 when a protected or stateful resource would be deleted or replaced; 2 for bad input.
 */
export async function diffCommand({ positionals }: Input<typeof DIFF_OPTIONS>, io: Io): Promise<number> {
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
