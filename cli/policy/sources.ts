import { PlanResource } from "../../lib/plan";

/**
 * Facts known only after creation. A stack export holds each resource's outputs (the provider's
 * state: what it computed or defaulted) as well as its inputs, and the runner judges the outputs
 * where they are present (the inputs fill in what the state lacks). A finding about a value that
 * came from the outputs says so, so a reader does not look for it in the program.
 */

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The properties a message is about: `key is`, `key = `, `key.sub[0].x is` (how messages name a property). */
const SUBJECT = /(?:^|[^\w.])([a-z][A-Za-z0-9_]*)(?:\[\d*\])?(?:\.[\w.[\]]+)? (?:is|=) /g;

function subjects(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(SUBJECT)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** The message, with which of inputs and outputs it was read from when that was the outputs. */
export function withSource(r: PlanResource | undefined, message: string): string {
  if (!r) return message;
  const { inputs, outputs } = r;
  let anyOutput = false;
  for (const _ in outputs) {
    anyOutput = true;
    break;
  }
  if (!anyOutput) return message;
  let anyInput = false;
  for (const _ in inputs) {
    anyInput = true;
    break;
  }
  if (!anyInput && r.custom !== false) return `${message} (Judged from the resource's outputs, the provider's state: the export has no inputs for it.)`;
  const keys: string[] = [];
  for (const k of subjects(message)) {
    if (!(k in outputs) || (k in inputs && same(inputs[k], outputs[k]))) continue;
    keys.push(k);
  }
  if (keys.length === 0) return message;
  const what = keys.map((k) => `${k} ${k in inputs ? "differs from its input" : "is not in the inputs"}`).join(", ");
  return `${message} (Read from the outputs, the provider's state after creation: ${what}.)`;
}
