import { resourcePolicy } from "../lib/policy";
import { ProviderView } from "../lib/region";
import { isTaggable, tagValue } from "../lib/tags";
import { isUnknown } from "../lib/unknown";
import { Props, str } from "../lib/values";

/** Every taggable AWS resource carries owner, dataClassification and environment (own tag or provider default). */

interface TagConfig {
  readonly requiredTags: readonly string[];
}

/**
 * Messages by provider view (or none), required keys (the config's list) and which of them are
 * missing (a bit per key); the message names only the provider and the keys.
 */
const messages = new WeakMap<object, WeakMap<readonly string[], Map<number, string>>>();

function missingMessage(missing: readonly string[], provider: ProviderView | undefined): string {
  const keys = missing.map((m) => JSON.stringify(m)).join(", ");
  const them = missing.length > 1 ? "them" : "it";
  return `tags ${keys} ${missing.length > 1 ? "are" : "is"} missing: neither the resource's tags nor ${provider ? `provider ${provider.name}'s defaultTags` : "a provider's defaultTags"} set ${them}; add ${them} to the provider's defaultTags.tags or the resource's tags.`;
}

export const DEFAULT_REQUIRED_TAGS = ["owner", "dataClassification", "environment"];

export const requiredTags = resourcePolicy<Props, TagConfig>({
  name: "required-tags",
  description: "Taggable AWS resources must carry the owner, dataClassification and environment tags (their own or the provider's defaultTags).",
  types: isTaggable,
  fix: "Set the tags on the stack's AWS provider defaultTags.tags (or on the resource's tags).",
  config: { requiredTags: { type: "array", items: { type: "string" }, default: DEFAULT_REQUIRED_TAGS, description: "Tag keys every taggable resource must carry" } },
  defaults: { requiredTags: DEFAULT_REQUIRED_TAGS },
  validate(p, ctx, report) {
    const required = ctx.config.requiredTags;
    // Which keys are missing, a bit each (keys past the 30th are listed, and such messages built each time).
    let mask = 0;
    let missing: string[] | undefined;
    for (let i = 0; i < required.length; i++) {
      const v = tagValue(p, ctx.provider, required[i]);
      if (isUnknown(v) || str(v)) continue;
      if (i < 30) mask |= 1 << i;
      else (missing ??= []).push(required[i]);
    }
    if (mask === 0 && !missing) return;
    if (missing) {
      report(missingMessage([...required.slice(0, 30).filter((_, i) => mask & (1 << i)), ...missing], ctx.provider));
      return;
    }
    // Most findings repeat one message per provider (a provider without the defaultTags): build it once.
    const owner = ctx.provider ?? messages;
    let byList = messages.get(owner);
    if (!byList) messages.set(owner, (byList = new WeakMap()));
    let byMissing = byList.get(required);
    if (!byMissing) byList.set(required, (byMissing = new Map()));
    let m = byMissing.get(mask);
    if (m === undefined) byMissing.set(mask, (m = missingMessage(required.filter((_, i) => mask & (1 << i)), ctx.provider)));
    report(m);
  },
});
