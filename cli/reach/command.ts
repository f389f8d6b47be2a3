import { loadAllStackConfigs, projectRoot } from "../../config";
import { evaluateFlow, FlowHop, FlowPath, FlowResult, StandingFlow } from "../../lib/network/flows";
import { flowContext, FLOW_ROLES, FlowNameError, isBroken, resolveDestination, resolveSource, standingFlows } from "../../lib/network/flowQueries";
import type { Input, REACH_OPTIONS } from "../commands";
import { EXIT_OK, EXIT_VIOLATION, Io, UsageError, writeOutput } from "../io";
import { planStacks } from "../plan/command";
import { renderStandingFlows } from "../plan/reachability";

const USAGE = "lz reach <stack> [--from SOURCE --to HOST[:PORT][/tcp|udp]] [--json FILE]";

/**
 * `lz reach`: flow queries over the plans, as VPC Reachability Analyzer would answer them. With
 * `--from` and `--to`, one flow, every AZ's path with each hop's verdict, both directions; without,
 * the standing flows of the stack. It plans the stack with the stacks it references (the network
 * stack behind a workload stack), so the firewall and the return paths are observed. Exit 0 when
 * the flow (every standing flow) is as expected, 1 when not, 2 for bad names.
 */
export async function reachCommand({ values, positionals }: Input<typeof REACH_OPTIONS>, io: Io): Promise<number> {
  if (positionals.length !== 1) throw new UsageError(`lz reach: name one workload stack (e.g. \`lz reach dev\`)\nusage: ${USAGE}`);
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError(`lz reach: give --from and --to together (or neither, for the standing flows)\nusage: ${USAGE}`);
  const stack = positionals[0];
  const configs = loadAllStackConfigs(projectRoot());
  const cfg = configs.find((c) => c.stack === stack);
  if (!cfg) throw new UsageError(`lz reach: no stack "${stack}"; stacks: ${configs.map((c) => c.stack).join(", ")}`);
  if (cfg.role !== "workload" && cfg.role !== "tenant-cell") throw new UsageError(`lz reach: ${stack} is a ${cfg.role} stack; flows start in a workload stack's VPC (${configs.filter((c) => c.role === "workload" || c.role === "tenant-cell").map((c) => c.stack).join(", ")})`);

  const run = await planStacks([stack]);
  const plans = [...run.planned.values()].map((p) => p.result).filter((p) => FLOW_ROLES.has(p.role));
  const ctx = flowContext(plans);
  try {
    if (values.from !== undefined && values.to !== undefined) {
      const result = evaluateFlow(ctx, resolveSource(ctx, stack, values.from), resolveDestination(ctx, stack, values.to));
      io.out(renderFlow(result));
      if (values.json) writeJson(values.json, result, io);
      return result.verdict === "blocked" ? EXIT_VIOLATION : EXIT_OK;
    }
    const flows = standingFlows(ctx, stack);
    io.out(`Standing flows of ${stack}:`);
    io.out(renderStandingFlows(flows));
    if (values.json) writeJson(values.json, flows, io);
    const broken = flows.filter(isBroken);
    if (broken.length) io.err(`lz reach: ${broken.length} standing flow(s) not as the program needs them`);
    return broken.length ? EXIT_VIOLATION : EXIT_OK;
  } catch (err) {
    if (err instanceof FlowNameError) throw new UsageError(`lz reach: ${err.message}`);
    throw err;
  }
}

function writeJson(file: string, doc: FlowResult | readonly StandingFlow[], io: Io): void {
  const text = JSON.stringify(doc, (k, v) => (k === "subnet" && v && typeof v === "object" ? v.id : v), 2) + "\n";
  writeOutput("json", file, text, io);
}

const MARK = { allow: "ok  ", deny: "DENY", unknown: "?   " } as const;

export function renderFlow(r: FlowResult): string {
  const lines = [`${r.from} -> ${r.to}: ${r.verdict}`, `  decided by: ${r.decidedBy}`];
  for (const p of r.paths) lines.push(...renderPath(p));
  return lines.join("\n");
}

/** A subnet's default ACL allows everything: one line says so instead of one per crossing. */
const DEFAULT_ACL = "the VPC's default ACL (allows all)";

function renderHops(hops: readonly FlowHop[]): string[] {
  const shown = hops.filter((h) => h.why !== DEFAULT_ACL).map((h) => `    ${MARK[h.verdict]} ${h.hop}: ${h.why}`);
  const defaults = hops.length - shown.length;
  return defaults ? [...shown, `    ok   ${defaults} crossing(s) of subnets with the default ACL (allows all)`] : shown;
}

function renderPath(p: FlowPath): string[] {
  const lines = [``, `  from ${p.az}${p.applianceAz ? `, through the egress VPC in ${p.applianceAz}` : ""}: ${p.verdict === "allow" ? "allowed" : p.verdict === "deny" ? "blocked" : "unknown"}`];
  lines.push(...renderHops(p.forward));
  if (p.back.length) lines.push("    replies:", ...renderHops(p.back));
  return lines;
}
