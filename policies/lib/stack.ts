import type { PolicyResource } from "@pulumi/policy";
import { parseArn } from "./arn";
import { effectiveRegion, EffectiveRegion, ProviderView, providerView } from "./region";
import { isUnknown, raw } from "./unknown";
import { arr, collect, Props, str } from "./values";

/**
 * The stack as stack policies see it: resources indexed by type and URN once, plus the joins that
 * split resources need (an SSE configuration to its bucket, a listener to its certificate). A
 * reference is followed through `propertyDependencies` first (what the engine recorded), then by
 * value: ids, names and ARNs the referenced resource carries.
 */

export interface ViewResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The id, when known apart from the props (the offline runner's PlanResource id). */
  readonly id?: string;
  /** Raw props (outputs under the CLI; the offline runner's outputs completed with inputs). */
  readonly props: Props;
  readonly provider?: ProviderView;
  readonly protect: boolean;
  readonly retainOnDelete?: boolean;
  readonly parent?: string;
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** URNs of the resources this one waits for (dependsOn and inputs), when the source records them. */
  readonly dependencies?: readonly string[];
  region(): EffectiveRegion;
}

export interface StackView {
  readonly resources: readonly ViewResource[];
  ofType(...types: string[]): readonly ViewResource[];
  /** The distinct resource types present. */
  typeNames(): readonly string[];
  byUrn(urn: string): ViewResource | undefined;
  /**
   * Resources of `types` that `from.<prop>` refers to; `prop` may be a path (`accessLogs.bucket`,
   * `rules[].destination.bucket`). Give `value` to resolve one value found at the path.
   */
  refs(from: ViewResource, prop: string, types: readonly string[], value?: unknown): ViewResource[];
  /** Resources of `types` whose `<prop>` refers to `target`. */
  referrers(target: ViewResource, types: readonly string[], prop: string): ViewResource[];
}

/** Identifier props: what another resource's reference may hold. */
const ID_PROPS = ["id", "arn", "url", "bucket", "bucketDomainName", "bucketRegionalDomainName", "dnsName", "name", "keyId", "functionName", "qualifiedArn", "domainName", "zoneId", "identifier", "clusterIdentifier"];

/** One string per list of types, by the list's identity: policies pass the same constant lists on every call. */
const typeKeys = new WeakMap<readonly string[], string>();
function typesKey(types: readonly string[]): string {
  if (types.length === 1) return types[0];
  let k = typeKeys.get(types);
  if (k === undefined) typeKeys.set(types, (k = types.join(",")));
  return k;
}

/** The property a path starts at (`accessLogs` of `accessLogs.bucket`); paths are the policies' constants. */
const roots = new Map<string, string>();
function rootOf(path: string): string {
  let r = roots.get(path);
  if (r === undefined) roots.set(path, (r = path.split(/[.[]/)[0]));
  return r;
}

/** Whether a property is a path (`accessLogs.bucket`, `rules[].destination.bucket`) rather than a key. */
function isPath(prop: string): boolean {
  return prop.indexOf(".") >= 0 || prop.indexOf("[") >= 0;
}

class View implements StackView {
  readonly resources: ViewResource[];
  private readonly types = new Map<string, ViewResource[]>();
  private readonly urns = new Map<string, ViewResource>();
  private readonly idIndex = new Map<string, Map<string, ViewResource[]>>();
  /** types key -> prop -> target type -> target URN -> referrers. */
  private readonly referrerIndex = new Map<string, Map<string, Map<string, Map<string, ViewResource[]>>>>();

  constructor(resources: ViewResource[]) {
    this.resources = resources;
    for (const r of resources) {
      this.urns.set(r.urn, r);
      let list = this.types.get(r.type);
      if (!list) this.types.set(r.type, (list = []));
      list.push(r);
    }
  }

  ofType(...types: string[]): readonly ViewResource[] {
    if (types.length === 1) return this.types.get(types[0]) ?? [];
    const out: ViewResource[] = [];
    for (const t of types) out.push(...(this.types.get(t) ?? []));
    return out;
  }

  byUrn(urn: string): ViewResource | undefined {
    return this.urns.get(urn);
  }

  typeNames(): readonly string[] {
    return [...this.types.keys()];
  }

  /** identifier value -> resources of one type. */
  private ids(type: string): Map<string, ViewResource[]> {
    let m = this.idIndex.get(type);
    if (!m) {
      m = new Map();
      for (const r of this.types.get(type) ?? []) {
        for (const p of ID_PROPS) {
          const v = str(r.props[p]);
          if (!v) continue;
          const list = m.get(v);
          if (!list) m.set(v, [r]);
          else if (!list.includes(r)) list.push(r);
        }
        if (r.id && !m.has(r.id)) m.set(r.id, [r]);
        m.set(r.urn, [r]);
      }
      this.idIndex.set(type, m);
    }
    return m;
  }

  /** What one value names, by types: the same ARNs and names are looked up by many resources and policies. */
  private readonly valueCache = new Map<string, Map<string, readonly ViewResource[]>>();

  private byValue(v: string, types: readonly string[]): readonly ViewResource[] {
    const tk = typesKey(types);
    let cache = this.valueCache.get(tk);
    if (!cache) this.valueCache.set(tk, (cache = new Map()));
    const hit = cache.get(v);
    if (hit) return hit;
    const out: ViewResource[] = [];
    const keys = [v];
    const a = parseArn(v);
    if (a) {
      const res = a.resource;
      const slash = res.indexOf("/");
      const bucket = a.service === "s3" ? (slash < 0 ? res : res.slice(0, slash)) : undefined;
      if (bucket && bucket !== v) keys.push(bucket);
      // What follows the last "/" or ":" (the last piece of res split on either).
      const last = res.slice(Math.max(res.lastIndexOf("/"), res.lastIndexOf(":")) + 1);
      if (last) keys.push(last);
    }
    for (const t of types) {
      const m = this.ids(t);
      for (const k of keys) {
        for (const r of m.get(k) ?? []) if (!out.includes(r)) out.push(r);
      }
      if (out.length) break;
    }
    cache.set(v, out);
    return out;
  }

  refs(from: ViewResource, prop: string, types: readonly string[], value?: unknown): ViewResource[] {
    const nested = isPath(prop);
    const v = value !== undefined ? value : nested ? collect(from.props, prop).map((f) => f.value) : from.props[prop];
    const out: ViewResource[] = [];
    if (Array.isArray(v)) for (const item of v) this.addByValue(out, item, types);
    else this.addByValue(out, v, types);
    if (out.length === 0 && (value === undefined || isUnknown(value))) {
      for (const urn of from.propertyDependencies[nested ? rootOf(prop) : prop] ?? []) {
        const r = this.urns.get(urn);
        if (r && types.includes(r.type) && !out.includes(r)) out.push(r);
      }
    }
    return out;
  }

  private addByValue(out: ViewResource[], item: unknown, types: readonly string[]): void {
    const s = str(item);
    if (!s) return;
    const found = this.byValue(s, types);
    for (let i = 0; i < found.length; i++) if (!out.includes(found[i])) out.push(found[i]);
  }

  referrers(target: ViewResource, types: readonly string[], prop: string): ViewResource[] {
    const tk = typesKey(types);
    let byProp = this.referrerIndex.get(tk);
    if (!byProp) this.referrerIndex.set(tk, (byProp = new Map()));
    let byTarget = byProp.get(prop);
    if (!byTarget) byProp.set(prop, (byTarget = new Map()));
    let m = byTarget.get(target.type);
    if (!m) {
      m = new Map();
      const to = [target.type];
      for (const r of this.ofType(...types)) {
        for (const t of this.refs(r, prop, to)) {
          const list = m.get(t.urn);
          if (!list) m.set(t.urn, [r]);
          else if (!list.includes(r)) list.push(r);
        }
      }
      byTarget.set(target.type, m);
    }
    return m.get(target.urn) ?? [];
  }
}

/** Builds a view of CLI stack-policy resources (props are proxied; providers decoded lazily). */
export function stackViewOf(resources: readonly PolicyResource[]): StackView {
  return new View(
    resources.map((r) => {
      const props = raw<Props>(r.props) ?? {};
      const provider = r.provider ? providerView(r.provider) : undefined;
      const deps: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(r.propertyDependencies ?? {})) deps[k] = arr(v).map((d) => (d as PolicyResource).urn);
      const opts = r.opts as unknown as { protect?: boolean; retainOnDelete?: boolean };
      let region: EffectiveRegion | undefined;
      return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        props,
        provider,
        protect: opts?.protect === true,
        retainOnDelete: opts?.retainOnDelete,
        parent: r.parent?.urn,
        propertyDependencies: deps,
        dependencies: arr(r.dependencies).map((d) => (d as PolicyResource).urn),
        region: () => (region ??= effectiveRegion(props, provider)),
      };
    }),
  );
}

/** Builds a view from resources the offline runner prepared (no proxies, URNs as strings). */
export function stackViewOfPlain(resources: ViewResource[]): StackView {
  return new View(resources);
}
