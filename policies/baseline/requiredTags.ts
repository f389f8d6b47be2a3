import { resourcePolicy } from "../lib/policy";
import { isTaggable, tagValue } from "../lib/tags";
import { isUnknown } from "../lib/unknown";
import { Props, str } from "../lib/values";

/** Every taggable AWS resource carries owner, dataClassification and environment (own tag or provider default). */

interface TagConfig {
  readonly requiredTags: readonly string[];
}

/** Messages by provider view (or none) and missing keys; the message names only the provider and the keys. */
const messages = new WeakMap<object, Map<string, string>>();

export const DEFAULT_REQUIRED_TAGS = ["owner", "dataClassification", "environment"];

export const requiredTags = resourcePolicy<Props, TagConfig>({
  name: "required-tags",
  description: "Taggable AWS resources must carry the owner, dataClassification and environment tags (their own or the provider's defaultTags).",
  types: isTaggable,
  fix: "Set the tags on the stack's AWS provider defaultTags.tags (or on the resource's tags).",
  config: { requiredTags: { type: "array", items: { type: "string" }, default: DEFAULT_REQUIRED_TAGS, description: "Tag keys every taggable resource must carry" } },
  defaults: { requiredTags: DEFAULT_REQUIRED_TAGS },
  validate(p, ctx, report) {
    const missing: string[] = [];
    for (const key of ctx.config.requiredTags) {
      const v = tagValue(p, ctx.provider, key);
      if (isUnknown(v)) continue;
      if (!str(v)) missing.push(key);
    }
    if (missing.length === 0) return;
    // Most findings repeat one message per provider (a provider without the defaultTags): build it once.
    const owner = ctx.provider ?? messages;
    let byMissing = messages.get(owner);
    if (!byMissing) messages.set(owner, (byMissing = new Map()));
    const mk = missing.join("\0");
    const hit = byMissing.get(mk);
    if (hit !== undefined) {
      report(hit);
      return;
    }
    const keys = missing.map((m) => JSON.stringify(m)).join(", ");
    const them = missing.length > 1 ? "them" : "it";
    const message = `tags ${keys} ${missing.length > 1 ? "are" : "is"} missing: neither the resource's tags nor ${ctx.provider ? `provider ${ctx.provider.name}'s defaultTags` : "a provider's defaultTags"} set ${them}; add ${them} to the provider's defaultTags.tags or the resource's tags.`;
    byMissing.set(mk, message);
    report(message);
  },
});
