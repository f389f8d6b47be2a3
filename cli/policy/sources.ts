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

/** `[\w.[\]]`, by character code: every finding's message is scanned. */
function isPathChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 91 || c === 93;
}

/** `[A-Za-z0-9_]`, by character code. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The properties a message is about: the root of each property path written before " is " or " = "
 * (`storageEncrypted is false`, `rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is ...`),
 * found by scanning for those words, not with a regular expression over every position.
 */
let lastMessage: string | undefined;
let lastSubjects: readonly string[] = [];

function subjects(message: string): readonly string[] {
  // Findings of one policy often repeat one message (required-tags across a stack): scan it once.
  if (message === lastMessage) return lastSubjects;
  lastSubjects = scan(message);
  lastMessage = message;
  return lastSubjects;
}

function scan(message: string): string[] {
  const out: string[] = [];
  for (const sep of [" is ", " = "]) {
    for (let i = message.indexOf(sep); i > 0; i = message.indexOf(sep, i + sep.length)) {
      let j = i;
      while (j > 0 && isPathChar(message.charCodeAt(j - 1))) j--;
      // The root: a lower-case letter, then letters, digits and `_` (what /^[a-z][A-Za-z0-9_]*/ matches).
      const first = message.charCodeAt(j);
      if (j >= i || first < 97 || first > 122) continue;
      let k = j + 1;
      while (k < i && isWordChar(message.charCodeAt(k))) k++;
      const root = message.slice(j, k);
      if (!out.includes(root)) out.push(root);
    }
  }
  return out;
}

/** Which of inputs and outputs a resource has, once per resource (one resource may get many findings). */
const sides = new WeakMap<PlanResource, { readonly inputs: boolean; readonly outputs: boolean }>();
function sidesOf(r: PlanResource): { readonly inputs: boolean; readonly outputs: boolean } {
  let s = sides.get(r);
  if (!s) sides.set(r, (s = { inputs: hasKeys(r.inputs), outputs: hasKeys(r.outputs) }));
  return s;
}
function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}

/** The message, with which of inputs and outputs it was read from when that was the outputs. */
export function withSource(r: PlanResource | undefined, message: string): string {
  if (!r) return message;
  const { inputs, outputs } = r;
  const has = sidesOf(r);
  if (!has.outputs) return message;
  if (!has.inputs && r.custom !== false) return `${message} (Judged from the resource's outputs, the provider's state: the export has no inputs for it.)`;
  // Values are compared only for the properties the message names (most name none that differ: no list).
  let about: string[] | undefined;
  const subs = subjects(message);
  for (let i = 0; i < subs.length; i++) {
    const k = subs[i];
    if (k in outputs && (!(k in inputs) || !same(inputs[k], outputs[k]))) (about ??= []).push(k);
  }
  if (!about) return message;
  const what = about.map((k) => `${k} ${k in inputs ? "differs from its input" : "is not in the inputs"}`).join(", ");
  return `${message} (Read from the outputs, the provider's state after creation: ${what}.)`;
}
