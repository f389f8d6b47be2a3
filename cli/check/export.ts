import { PlanResource, SECRET_MARKER } from "../../lib/plan";
import { UsageError } from "../io";
import { providerUrnOf } from "../policy/runner";

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

/** Set by normalise when it replaces a secret (cheaper than returning pairs for every object). */
let sawSecret = false;

/**
 * Normalises a value in place (the parsed JSON is ours): secrets become "[secret]", resource
 * references their id (or URN), assets "[asset]", and `__defaults` keys go. In place, because
 * copying 10,000 resources' state costs more than parsing it.
 */
function normalise(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === "object") v[i] = normalise(x);
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  const sig = o[SIG];
  if (sig !== undefined) {
    if (sig === SECRET_SIG) {
      sawSecret = true;
      return SECRET_MARKER;
    }
    if (sig === RESOURCE_SIG) return typeof o.id === "string" && o.id !== "" ? o.id : o.urn;
    return "[asset]";
  }
  for (const k in o) {
    if (k === "__defaults") {
      delete o[k];
      continue;
    }
    const x = o[k];
    if (x !== null && typeof x === "object") o[k] = normalise(x);
  }
  return o;
}

/** Normalises a top-level property bag; returns the names of properties that held secrets. */
function normaliseBag(bag: unknown, dropMeta: boolean): { props: Record<string, unknown>; secrets: string[] } {
  if (bag === null || typeof bag !== "object" || Array.isArray(bag)) return { props: {}, secrets: [] };
  const o = bag as Record<string, unknown>;
  const secrets: string[] = [];
  for (const k in o) {
    if (k === "__defaults" || (dropMeta && k === "__meta")) {
      delete o[k];
      continue;
    }
    const x = o[k];
    if (x !== null && typeof x === "object") {
      sawSecret = false;
      o[k] = normalise(x);
      if (sawSecret) secrets.push(k);
    }
  }
  return { props: o, secrets };
}

function bad(file: string, why: string): never {
  throw new UsageError(`${file} is not a Pulumi stack export (deployment version 3 or 4): ${why}. Make one with \`pulumi stack export --file ${file}\`.`);
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export function parseStackExport(text: string, file: string): StackExport {
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
  if (dep === null || typeof dep !== "object" || Array.isArray(dep)) bad(file, "deployment is not an object");
  const list = dep.resources ?? [];
  if (!Array.isArray(list)) bad(file, "deployment.resources is not a list");

  const raw: Record<string, unknown>[] = [];
  list.forEach((r, i) => {
    if (r === null || typeof r !== "object" || typeof (r as any).urn !== "string" || typeof (r as any).type !== "string") {
      bad(file, `deployment.resources[${i}] has no urn and type`);
    }
    // Resources pending deletion (old copies of replaced resources) are not part of the stack's desired state.
    if ((r as any).delete === true) return;
    raw.push(r as Record<string, unknown>);
  });

  const providerInputs = new Map<string, Record<string, unknown>>();
  const resources: PlanResource[] = raw.map((r) => {
    const urn = r.urn as string;
    const type = r.type as string;
    const { props: inputs, secrets: secretInputs } = normaliseBag(r.inputs, false);
    const { props: outputs } = normaliseBag(r.outputs, true);
    if (type.startsWith("pulumi:providers:")) providerInputs.set(urn, inputs);
    const pd: Record<string, string[]> = {};
    for (const [k, v] of Object.entries((r.propertyDependencies as Record<string, unknown>) ?? {})) {
      pd[k] = Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    }
    return {
      urn,
      type,
      name: urn.slice(urn.lastIndexOf("::") + 2),
      id: r.custom === false ? null : str(r.id),
      parent: str(r.parent),
      provider: str(r.provider),
      region: null,
      inputs,
      outputs,
      protect: r.protect === true,
      retainOnDelete: r.retainOnDelete === true,
      custom: r.custom !== false,
      dependencies: Array.isArray(r.dependencies) ? (r.dependencies as unknown[]).filter((x): x is string => typeof x === "string") : [],
      propertyDependencies: pd,
      secretInputs,
    };
  });
  for (const r of resources) {
    if (!r.type.startsWith("aws:") && r.type !== "pulumi:providers:aws") continue;
    const own = str(r.inputs.region) ?? (r.type.startsWith("aws:") ? str(r.outputs.region) : null);
    const prov = providerInputs.get(providerUrnOf(r.provider) ?? "");
    (r as { region: string | null }).region = own ?? str(prov?.region) ?? null;
  }
  const first = resources[0]?.urn ?? "";
  const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(first);
  return { version: d.version as number, stack: m?.[1] ?? "stack", project: m?.[2] ?? "", resources };
}
