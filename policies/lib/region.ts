import type { PolicyProviderResource } from "@pulumi/policy";
import { isUnknown, raw } from "./unknown";
import { json, Props, str } from "./values";

/**
 * The effective region: the resource's own `region` input (aws 7 gives most regional resources one),
 * else its provider's `region`. Provider config arrives as the provider's inputs, where structured
 * values (defaultTags, assumeRoles) are JSON-encoded strings.
 */

export interface ProviderView {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Props;
  /** A provider setting with JSON-encoded values decoded (parsed once per provider). */
  setting(key: string): unknown;
}

const views = new WeakMap<object, ProviderView>();

export function providerView(p: PolicyProviderResource): ProviderView {
  let v = views.get(p);
  if (!v) {
    const props = raw<Props>(p.props) ?? {};
    const decoded = new Map<string, unknown>();
    v = {
      type: p.type,
      urn: p.urn,
      name: p.name,
      props,
      setting(key: string) {
        if (!decoded.has(key)) decoded.set(key, json(props[key]));
        return decoded.get(key);
      },
    };
    views.set(p, v);
  }
  return v;
}

export type RegionSource = "resource" | "provider";

export interface EffectiveRegion {
  /** The region; "unknown" when not known until deployment; undefined when nothing sets one. */
  readonly region: string | "unknown" | undefined;
  readonly source: RegionSource | undefined;
}

export function effectiveRegion(props: Props, provider: ProviderView | undefined): EffectiveRegion {
  const own = props.region;
  if (isUnknown(own)) return { region: "unknown", source: "resource" };
  const o = str(own);
  if (o) return { region: o, source: "resource" };
  if (!provider) return { region: undefined, source: undefined };
  const p = provider.props.region;
  if (isUnknown(p)) return { region: "unknown", source: "provider" };
  return { region: str(p), source: str(p) ? "provider" : undefined };
}

/** Where a region came from, for messages: `region` or `provider <name>'s region`. */
export function describeSource(r: EffectiveRegion, provider: ProviderView | undefined): string {
  return r.source === "resource" ? "its own region input" : `the region of its provider ${provider?.name ?? "(none)"}`;
}

export function isAllowedRegion(region: string | undefined, allowed: readonly string[]): boolean {
  return region !== undefined && allowed.includes(region);
}
