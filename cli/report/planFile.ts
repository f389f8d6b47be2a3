import { PlanResource, PlanResult, Violation } from "../../lib/plan";
import { readUserFile, UsageError } from "../io";

/**
 * Reads what `lz plan --json` writes, in either shape: one PlanResult (`lz plan <stack>`) or
 * `{ "stacks": [PlanResult, ...] }` (`lz plan --all`). Anything else is a UsageError (exit 2) that
 * names the file and the first thing wrong, so CI fails with a message rather than a stack trace.
 */
export function readPlanFile(file: string): PlanResult[] {
  return parsePlanDocument(readUserFile(file, "a plan file"), file);
}

export function parsePlanDocument(text: string, file: string): PlanResult[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not JSON (${(err as Error).message}); give the file \`lz plan --json FILE\` wrote`);
  }
  const fail = (where: string, why: string): never => {
    throw new UsageError(`${file}: ${where || "the plan"}${why}; expected what \`lz plan <stack> --json\` writes (one plan) or \`lz plan --all --json\` writes ({"stacks": [...]})`);
  };
  if (!isObject(doc)) return fail("the top level", ` is ${kindOf(doc)}, not an object`);
  const plans = Array.isArray(doc.stacks) ? doc.stacks : "stacks" in doc ? fail('"stacks"', ` is ${kindOf(doc.stacks)}, not a list`) : [doc];
  const seen = new Set<string>();
  return plans.map((p: unknown, i: number) => {
    const at = Array.isArray(doc.stacks) ? `stacks[${i}]` : "";
    const plan = toPlan(p, at, fail);
    if (seen.has(plan.stack)) fail(at, ` repeats stack "${plan.stack}"`);
    seen.add(plan.stack);
    return plan;
  });
}

type Fail = (where: string, why: string) => never;

function toPlan(p: unknown, at: string, fail: Fail): PlanResult {
  const here = (k: string) => (at ? `${at}.${k}` : k);
  if (!isObject(p)) return fail(at, ` is ${kindOf(p)}, not a plan object`);
  if (typeof p.stack !== "string" || !p.stack) return fail(here("stack"), " is missing or not a string");
  if (!Array.isArray(p.resources)) return fail(here("resources"), ` is ${kindOf(p.resources)}, not a list`);
  if (p.violations !== undefined && !Array.isArray(p.violations)) return fail(here("violations"), ` is ${kindOf(p.violations)}, not a list`);
  const resources = p.resources.map((r: unknown, i: number) => toResource(r, here(`resources[${i}]`), fail));
  const violations = ((p.violations as unknown[] | undefined) ?? []).map((v: unknown, i: number) => toViolation(v, here(`violations[${i}]`), fail));
  return {
    stack: p.stack,
    role: typeof p.role === "string" ? p.role : "",
    resources,
    outputs: isObject(p.outputs) ? p.outputs : {},
    violations,
  };
}

function toResource(r: unknown, at: string, fail: Fail): PlanResource {
  if (!isObject(r)) return fail(at, ` is ${kindOf(r)}, not a resource`);
  for (const k of ["urn", "type"]) if (typeof r[k] !== "string" || !r[k]) fail(`${at}.${k}`, " is missing or not a string");
  for (const k of ["inputs", "outputs"]) if (r[k] !== undefined && !isObject(r[k])) fail(`${at}.${k}`, ` is ${kindOf(r[k])}, not an object`);
  const urn = r.urn as string;
  const s = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : null);
  return {
    urn,
    type: r.type as string,
    name: s("name") ?? urn.slice(urn.lastIndexOf("::") + 2),
    id: s("id"),
    parent: s("parent"),
    provider: s("provider"),
    region: s("region"),
    inputs: (r.inputs as Record<string, unknown> | undefined) ?? {},
    outputs: (r.outputs as Record<string, unknown> | undefined) ?? {},
    protect: r.protect === true,
    retainOnDelete: r.retainOnDelete === true,
    ...(typeof r.custom === "boolean" ? { custom: r.custom } : {}),
  };
}

function toViolation(v: unknown, at: string, fail: Fail): Violation {
  if (!isObject(v)) return fail(at, ` is ${kindOf(v)}, not a finding`);
  for (const k of ["urn", "pack", "policy", "message"]) if (typeof v[k] !== "string") fail(`${at}.${k}`, " is missing or not a string");
  if (v.enforcementLevel !== "mandatory" && v.enforcementLevel !== "advisory") fail(`${at}.enforcementLevel`, ` is ${JSON.stringify(v.enforcementLevel)}, not "mandatory" or "advisory"`);
  const w = isObject(v.waiver) ? v.waiver : undefined;
  return {
    urn: v.urn as string,
    type: typeof v.type === "string" ? v.type : "",
    pack: v.pack as string,
    policy: v.policy as string,
    enforcementLevel: v.enforcementLevel as "mandatory" | "advisory",
    message: v.message as string,
    ...(w ? { waiver: { reason: String(w.reason ?? ""), approvedBy: String(w.approvedBy ?? ""), expires: String(w.expires ?? "") } } : {}),
  };
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "a list" : v === undefined ? "missing" : typeof v === "object" ? "an object" : `a ${typeof v}`;
}
