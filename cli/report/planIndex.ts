import { PlanResource, PlanResult } from "../../lib/plan";

/** A resource with the stack whose plan holds it. */
export interface Located {
  readonly stack: string;
  readonly r: PlanResource;
}

/**
 * Lookups over one or more plans: by type, by URN, by any id or ARN a resource is known by (so a
 * value one resource passes to another, even across stacks through a StackReference, can be
 * followed), and parent -> children.
 */
export class PlanIndex {
  private readonly byType = new Map<string, Located[]>();
  private readonly byRef = new Map<string, Located>();
  private readonly byUrn = new Map<string, Located>();
  private readonly children = new Map<string, Located[]>();
  private readonly fromOutputs = new Map<string, { stack: string; path: string }>();

  constructor(readonly results: readonly PlanResult[]) {
    for (const plan of results) {
      for (const r of plan.resources) {
        const l: Located = { stack: plan.stack, r };
        push(this.byType, r.type, l);
        this.byUrn.set(r.urn, l);
        if (r.parent) push(this.children, r.parent, l);
        for (const ref of refsOf(r)) if (!this.byRef.has(ref)) this.byRef.set(ref, l);
        if (r.type === "pulumi:pulumi:StackReference") this.indexOutputs(r);
      }
    }
  }

  ofType(...types: string[]): Located[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Every resource whose type token matches. */
  matching(test: (type: string) => boolean): Located[] {
    return [...this.byType.entries()].filter(([t]) => test(t)).flatMap(([, l]) => l);
  }

  urn(urn: string | null | undefined): Located | undefined {
    return urn ? this.byUrn.get(urn) : undefined;
  }

  /** The resource known by this id or ARN, if any plan holds it. */
  resolve(ref: unknown): Located | undefined {
    return typeof ref === "string" && ref ? this.byRef.get(ref) : undefined;
  }

  /**
   * Where a value no plan holds as a resource came from: the referenced stack's output it was read
   * from (`{ stack: "network", path: "transitGatewayRouteTableIds.nonprod" }`), if any.
   */
  output(ref: unknown): { stack: string; path: string } | undefined {
    return typeof ref === "string" ? this.fromOutputs.get(ref) : undefined;
  }

  private indexOutputs(r: PlanResource): void {
    const stack = r.name.split("/").pop() ?? r.name;
    const walk = (v: unknown, path: string) => {
      if (typeof v === "string") {
        if (!this.fromOutputs.has(v)) this.fromOutputs.set(v, { stack, path });
      } else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) walk(x, path ? (Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`) : k);
      }
    };
    walk(r.outputs.outputs, "");
  }

  /** Every resource below `urn` in the parent tree. */
  descendants(urn: string): Located[] {
    const out: Located[] = [];
    const stack = [...(this.children.get(urn) ?? [])];
    while (stack.length) {
      const l = stack.pop()!;
      out.push(l);
      stack.push(...(this.children.get(l.r.urn) ?? []));
    }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function refsOf(r: PlanResource): string[] {
  const out: string[] = [];
  for (const v of [r.id, r.outputs.id, r.outputs.arn]) if (typeof v === "string" && v) out.push(v);
  return out;
}

/** A string input or output (inputs first), or undefined. */
export function str(r: PlanResource, key: string): string | undefined {
  const v = r.inputs[key] ?? r.outputs[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The resource's own tags (inputs, else outputs), without the provider's default tags. */
export function tagsOf(r: PlanResource): Record<string, string> {
  const t = r.inputs.tags ?? r.outputs.tags;
  if (!t || typeof t !== "object" || Array.isArray(t)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) if (typeof v === "string") out[k] = v;
  return out;
}

/** A tag by case-insensitive key. */
export function tag(r: PlanResource, key: string): string | undefined {
  const want = key.toLowerCase();
  for (const [k, v] of Object.entries(tagsOf(r))) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** What a person calls the resource: its Name tag, else its logical name. */
export function displayName(r: PlanResource): string {
  return tag(r, "Name") ?? r.name;
}
