import { Violation } from "../../lib/plan";
import { PolicyConfigFile } from "../policy/config";
import { PolicyRunResult } from "../policy/runner";
import { StackExport } from "./export";

/** `lz check --format json`: the contract's `{ resources, violations }` plus stack, checks and waivers used. */
export function formatJson(exp: StackExport, result: PolicyRunResult): string {
  return JSON.stringify(
    {
      resources: exp.resources.length,
      violations: result.violations,
      stack: exp.stack,
      checks: result.checks,
      waivers: result.waivers,
    },
    null,
    2,
  );
}

function line(v: Violation): string {
  const mark = v.waiver ? "waived   " : v.enforcementLevel === "mandatory" ? "MANDATORY" : "advisory ";
  const head = `  ${mark} ${v.pack}/${v.policy}  ${v.urn}`;
  const body = v.message
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");
  const waiver = v.waiver ? `\n      waived until ${v.waiver.expires} by ${v.waiver.approvedBy}: ${v.waiver.reason}` : "";
  return `${head}\n${body}${waiver}`;
}

/** `lz check` (text): a summary line, then the findings, mandatory first. */
export function formatText(file: string, exp: StackExport, result: PolicyRunResult, config: PolicyConfigFile): string {
  const rank = (v: Violation) => (v.waiver ? 2 : v.enforcementLevel === "mandatory" ? 0 : 1);
  const sorted = [...result.violations].sort((a, b) => rank(a) - rank(b));
  const mandatory = sorted.filter((v) => rank(v) === 0).length;
  const advisory = sorted.filter((v) => rank(v) === 1).length;
  const waived = sorted.filter((v) => rank(v) === 2).length;
  const out = [
    `lz check ${file}: stack ${exp.stack}, ${exp.resources.length} resources, ${result.checks} checks${config.file ? ` (policy config ${config.file})` : ""}`,
    `  ${mandatory} mandatory, ${advisory} advisory, ${waived} waived`,
  ];
  for (const v of sorted) out.push(line(v));
  out.push(mandatory > 0 ? `FAIL: ${mandatory} mandatory violation(s).` : "OK: no mandatory violations.");
  return out.join("\n");
}
