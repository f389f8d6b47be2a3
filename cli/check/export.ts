import { PlanResource, providerUrnOf, SECRET_MARKER } from "../../lib/plan";
import { UsageError } from "../io";
import { shapeProblem } from "./shapes";

/**
 * Reads a `pulumi stack export` (deployment version 3, or 4 when newer features are used) into the
 * resources `lz plan` would have produced: secrets become "[secret]", the bridge's `__defaults` and
 * `__meta` bookkeeping is dropped, and each resource's region is its own `region` input or its
 * provider's (`provider` is `<provider urn>::<provider id>`, split on the last `::`).
 */

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export interface StackExport {
  readonly version: number;
  /** The stack name, from the URNs (`urn:pulumi:<stack>::<project>::...`). */
  readonly stack: string;
  readonly project: string;
  readonly resources: PlanResource[];
}

/**
 * Deeper nesting than any provider's state has (WAF rule statements, the deepest, stay under 20
 * levels): beyond it the export is refused rather than walked, since policies read values recursively.
 */
export const MAX_DEPTH = 128;

class TooDeep extends Error {
  constructor(readonly path: string) {
    super(path);
  }
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A copy of `o` without the bridge's bookkeeping keys. Copied, not `delete`d: deleting a key that is
 * not the last one added turns the object into a slow hash table, and every policy reads these
 * objects many times (the bookkeeping keys sort first in an export, so they are never the last).
 */
function without(o: Record<string, unknown>, a: string, b?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    if (k === a || k === b) continue;
    // An own `__proto__` key (JSON.parse makes one) stays a key; assigning it would set the prototype.
    if (k === "__proto__") Object.defineProperty(out, k, { value: o[k], writable: true, enumerable: true, configurable: true });
    else out[k] = o[k];
  }
  return out;
}

/**
 * Normalises one top-level property (the parsed JSON is ours, so containers are changed in place):
 * secrets become "[secret]", resource references their id (or URN), assets "[asset]", and
 * `__defaults` keys go (the object holding one is replaced by a copy without it, see `without`).
 * With an explicit stack, so a deeply nested value is reported instead of overflowing the call
 * stack. Returns the replacement value and whether a secret was seen.
 */
function normalise(root: object, key: string): { value: unknown; secret: boolean } {
  let secret = false;
  const replace = (v: object): unknown => {
    if (Array.isArray(v)) return undefined;
    const sig = (v as Record<string, unknown>)[SIG];
    if (sig === undefined) return undefined;
    if (sig === SECRET_SIG) {
      secret = true;
      return SECRET_MARKER;
    }
    const o = v as Record<string, unknown>;
    if (sig === RESOURCE_SIG) return typeof o.id === "string" && o.id !== "" ? o.id : o.urn;
    return "[asset]";
  };
  const top = replace(root);
  if (top !== undefined) return { value: top, secret };
  const plain = (x: object): object => (!Array.isArray(x) && hasOwn(x, "__defaults") ? without(x as Record<string, unknown>, "__defaults") : x);
  root = plain(root);
  // Each entry: a container and its depth; paths are rebuilt only for the error message.
  const stack: [object, number, string][] = [[root, 1, key]];
  while (stack.length > 0) {
    const [c, depth, path] = stack.pop()!;
    if (depth > MAX_DEPTH) throw new TooDeep(path);
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        const x = c[i];
        if (x === null || typeof x !== "object") continue;
        const r = replace(x);
        if (r !== undefined) c[i] = r;
        else {
          const y = plain(x);
          if (y !== x) c[i] = y;
          stack.push([y, depth + 1, depth < 8 ? `${path}[${i}]` : path]);
        }
      }
      continue;
    }
    const o = c as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x === null || typeof x !== "object") continue;
      const r = replace(x);
      if (r !== undefined) o[k] = r;
      else {
        const y = plain(x);
        if (y !== x) o[k] = y;
        stack.push([y, depth + 1, depth < 8 ? `${path}.${k}` : path]);
      }
    }
  }
  return { value: root, secret };
}

/** Normalises a top-level property bag; returns the names of properties that held secrets. */
function normaliseBag(given: Record<string, unknown>, label: "inputs" | "outputs"): { props: Record<string, unknown>; secrets: string[] } {
  const secrets: string[] = [];
  const meta = label === "outputs" && hasOwn(given, "__meta");
  const bag = meta || hasOwn(given, "__defaults") ? without(given, "__defaults", meta ? "__meta" : undefined) : given;
  for (const k in bag) {
    const x = bag[k];
    if (x !== null && typeof x === "object") {
      const n = normalise(x, `${label}.${k}`);
      bag[k] = n.value;
      if (n.secret) secrets.push(k);
    }
  }
  return { props: bag, secrets };
}

function bad(file: string, why: string): never {
  throw new UsageError(`${file} is not a Pulumi stack export (deployment version 3 or 4): ${why}. Make one with \`pulumi stack export --file ${file}\`.`);
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

/** What JSON calls a value, for "is a string; expected an object" messages. */
function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/**
 * Text that JSON.parse would misread: a byte-order mark, or UTF-16 (what PowerShell's `>` writes),
 * which read as UTF-8 shows as replacement characters and NULs.
 */
function encodingProblem(text: string): string | undefined {
  if (text.charCodeAt(0) === 0xfeff) return "it starts with a UTF-8 byte-order mark";
  const head = text.slice(0, 64);
  if (head.startsWith("\ufffd\ufffd") || head.includes("\u0000")) {
    return "it is UTF-16 text (as PowerShell's `>` and Out-File write), not UTF-8";
  }
  return undefined;
}

/** A type token: `<package>:<module>:<Type>` (the module may hold slashes: `aws:s3/bucket:Bucket`). */
const TYPE_TOKEN = /^[A-Za-z][\w-]*:[\w./-]*:[A-Za-z_][\w.-]*$/;

/**
 * A URN's parts: `urn:pulumi:<stack>::<project>::<parent types $ type>::<name>`. Undefined when the
 * URN does not have that shape.
 */
export function urnParts(urn: string): { stack: string; project: string; type: string; name: string } | undefined {
  if (!urn.startsWith("urn:pulumi:")) return undefined;
  const parts = urn.slice("urn:pulumi:".length).split("::");
  if (parts.length < 4 || parts[0] === "" || parts[1] === "" || parts[2] === "") return undefined;
  const qualified = parts[2];
  return { stack: parts[0], project: parts[1], type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

const BOOLEAN_FIELDS = ["custom", "delete", "protect", "retainOnDelete", "external", "pendingReplacement"];
const STRING_FIELDS = ["id", "parent", "provider"];

/** The field-level checks of one resource entry; the first problem, for the message. */
function entryProblem(r: Record<string, unknown>): string | undefined {
  for (const k of ["inputs", "outputs"]) {
    const v = r[k];
    if (v !== undefined && v !== null && kind(v) !== "an object") return `${k} is ${kind(v)}; expected an object`;
  }
  for (const k of BOOLEAN_FIELDS) if (r[k] !== undefined && typeof r[k] !== "boolean") return `${k} is ${kind(r[k])}; expected true or false`;
  for (const k of STRING_FIELDS) if (r[k] !== undefined && r[k] !== null && typeof r[k] !== "string") return `${k} is ${kind(r[k])}; expected a string`;
  const deps = r.dependencies;
  if (deps !== undefined && deps !== null && (!Array.isArray(deps) || deps.some((d) => typeof d !== "string"))) return "dependencies is not a list of URNs";
  const pd = r.propertyDependencies;
  if (pd !== undefined && pd !== null) {
    if (kind(pd) !== "an object") return `propertyDependencies is ${kind(pd)}; expected an object of URN lists`;
    for (const [k, v] of Object.entries(pd as Record<string, unknown>)) {
      if (v !== null && (!Array.isArray(v) || v.some((d) => typeof d !== "string"))) return `propertyDependencies.${k} is not a list of URNs`;
    }
  }
  return undefined;
}

export function parseStackExport(text: string, file: string): StackExport {
  const encoding = encodingProblem(text);
  if (encoding) {
    throw new UsageError(`${file} cannot be read: ${encoding}. Write the export as UTF-8 without a byte-order mark: \`pulumi stack export --file ${file}\` (in PowerShell, not \`>\`).`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not JSON (${err instanceof Error ? err.message : String(err)}); give the output of \`pulumi stack export\`.`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) bad(file, "the document is not an object");
  const d = doc as Record<string, unknown>;
  if (d.version === undefined || d.deployment === undefined) bad(file, "it has no top-level version and deployment");
  if (d.version !== 3 && d.version !== 4) bad(file, `its version is ${JSON.stringify(d.version)}`);
  const dep = d.deployment as Record<string, unknown> | null;
  if (dep === null || typeof dep !== "object" || Array.isArray(dep)) bad(file, `deployment is ${kind(dep)}, not an object`);
  const list = dep.resources;
  // An export that holds nothing must not pass as "no violations": fail closed.
  if (list === undefined || list === null) {
    throw new UsageError(`${file} holds no resources (deployment.resources is ${list === null ? "null" : "missing"}), so there is nothing to check; export a stack that has been deployed (\`pulumi stack export --file ${file}\`), or check the plan with \`lz plan\`.`);
  }
  if (!Array.isArray(list)) bad(file, `deployment.resources is ${kind(list)}, not a list`);

  const raw: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  let stackName: string | undefined;
  let project: string | undefined;
  list.forEach((r, i) => {
    const where = `deployment.resources[${i}]`;
    if (r === null || typeof r !== "object" || Array.isArray(r)) bad(file, `${where} is ${kind(r)}, not a resource`);
    const e = r as Record<string, unknown>;
    if (typeof e.urn !== "string" || typeof e.type !== "string") bad(file, `${where} has no urn and type`);
    const urn = e.urn;
    const type = e.type;
    const parts = urnParts(urn);
    if (!parts) bad(file, `${where}.urn ${JSON.stringify(urn)} is not a URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
    if (!TYPE_TOKEN.test(type)) bad(file, `${where}.type ${JSON.stringify(type)} is not a type token (<package>:<module>:<Type>)`);
    if (parts.type !== type) bad(file, `${where}.urn names type ${JSON.stringify(parts.type)} but its type is ${JSON.stringify(type)}`);
    if (stackName === undefined) {
      stackName = parts.stack;
      project = parts.project;
    } else if (parts.stack !== stackName || parts.project !== project) {
      bad(file, `${where}.urn belongs to stack ${parts.stack} of project ${parts.project}, not ${stackName} of ${project}: one export holds one stack`);
    }
    const problem = entryProblem(e);
    if (problem) bad(file, `${where} (${urn}): ${problem}`);
    // Resources pending deletion (old copies of replaced resources) are not part of the stack's desired state.
    if (e.delete === true) return;
    const first = seen.get(urn);
    if (first !== undefined) bad(file, `deployment.resources[${first}] and ${where} have the same urn ${urn}; each resource appears once (an entry pending deletion has delete: true)`);
    seen.set(urn, i);
    raw.push(e);
  });
  if (!raw.some((r) => r.type !== "pulumi:pulumi:Stack")) {
    throw new UsageError(`${file} holds no resources besides the stack itself, so there is nothing to check (an empty or destroyed stack); export a stack that has been deployed, or check the plan with \`lz plan\`.`);
  }

  const providerInputs = new Map<string, Record<string, unknown>>();
  const resources: PlanResource[] = raw.map((r) => {
    const urn = r.urn as string;
    const type = r.type as string;
    let inputs: Record<string, unknown>;
    let secretInputs: string[];
    let outputs: Record<string, unknown>;
    try {
      ({ props: inputs, secrets: secretInputs } = normaliseBag((r.inputs as Record<string, unknown>) ?? {}, "inputs"));
      ({ props: outputs } = normaliseBag((r.outputs as Record<string, unknown>) ?? {}, "outputs"));
    } catch (err) {
      if (err instanceof TooDeep) bad(file, `${urn}: ${err.path} is nested deeper than ${MAX_DEPTH} levels, which no provider's state is`);
      throw err;
    }
    if (type.startsWith("pulumi:providers:")) providerInputs.set(urn, Object.keys(inputs).length > 0 ? inputs : outputs);
    const pd: Record<string, string[]> = {};
    for (const [k, v] of Object.entries((r.propertyDependencies as Record<string, unknown>) ?? {})) pd[k] = Array.isArray(v) ? (v as string[]) : [];
    return {
      urn,
      type,
      name: urnParts(urn)!.name,
      id: r.custom === false ? null : str(r.id),
      parent: str(r.parent),
      provider: str(r.provider),
      region: null,
      inputs,
      outputs,
      protect: r.protect === true,
      retainOnDelete: r.retainOnDelete === true,
      custom: r.custom !== false,
      dependencies: Array.isArray(r.dependencies) ? (r.dependencies as string[]) : [],
      propertyDependencies: pd,
      secretInputs,
    };
  });
  for (const r of resources) {
    if (!r.provider) continue;
    const target = providerUrnOf(r.provider)!;
    if (!providerInputs.has(target)) {
      bad(file, `${r.urn} names provider ${JSON.stringify(r.provider)}, ${seen.has(target) ? "which is not a provider" : "which is not in the export"}; a provider reference is <provider urn>::<provider id> of a pulumi:providers:* resource of the same stack`);
    }
  }
  for (const r of resources) {
    if (!isRegional(r.type)) continue;
    const own = str(r.inputs.region) ?? (r.type.startsWith("pulumi:providers:") ? null : str(r.outputs.region));
    const prov = providerInputs.get(providerUrnOf(r.provider) ?? "");
    (r as { region: string | null }).region = own ?? str(prov?.region) ?? null;
  }
  const shape = shapeProblem(resources);
  if (shape) bad(file, shape);
  return { version: d.version as number, stack: stackName ?? "stack", project: project ?? "", resources };
}

/** Types whose region `lz check` works out: AWS and AWS Cloud Control (aws-native) resources and their providers. */
function isRegional(type: string): boolean {
  return type.startsWith("aws:") || type.startsWith("aws-native:") || type === "pulumi:providers:aws" || type === "pulumi:providers:aws-native";
}
