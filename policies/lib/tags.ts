import taggable from "./taggableTypes.json";
import { ProviderView } from "./region";
import { isUnknown } from "./unknown";
import { obj, Props, str } from "./values";

/**
 * Tags a resource ends up with: the provider's `defaultTags.tags` under its own `tags` (resource tags
 * win). Provider config arrives JSON-encoded; ProviderView decodes it once per provider.
 */

const TAGGABLE = new Set<string>();
for (const [mod, entries] of Object.entries((taggable as { modules: Record<string, string[]> }).modules)) {
  for (const e of entries) TAGGABLE.add(`aws:${mod}/${e}`);
}

/** Whether an AWS resource type has a `tags` input in the pinned provider. */
export function isTaggable(type: string): boolean {
  return TAGGABLE.has(type);
}

const NO_TAGS: Props = Object.freeze({});
/** Per provider view: required-tags asks for every taggable resource, once per required key. */
const defaults = new WeakMap<ProviderView, Props>();

export function defaultTagsOf(provider: ProviderView | undefined): Props {
  if (!provider) return NO_TAGS;
  let t = defaults.get(provider);
  if (!t) defaults.set(provider, (t = obj(obj(provider.setting("defaultTags"))?.tags) ?? NO_TAGS));
  return t;
}

/** The tag value a resource carries for `key`: its own tag, else the provider default; unknown stays unknown. */
export function tagValue(props: Props, provider: ProviderView | undefined, key: string): unknown {
  const own = obj(props.tags);
  if (own && own[key] !== undefined) return own[key];
  if (isUnknown(props.tags)) return props.tags;
  return defaultTagsOf(provider)[key];
}

/** The resource's own tag (no provider defaults): `tier`, `tenant`. */
export function ownTag(props: Props, key: string): string | undefined {
  return str(obj(props.tags)?.[key]);
}
