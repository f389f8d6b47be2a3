import { parseArn } from "../lib/arn";
import { ProviderView } from "../lib/region";
import { ViewResource } from "../lib/stack";
import { arr, obj, str } from "../lib/values";

/**
 * The AWS account a provider deploys into, from what it is configured with: its first
 * `allowedAccountIds` entry, else the account of the role it assumes. Undefined when neither says.
 */
export function accountOfProvider(p: ProviderView | undefined): string | undefined {
  if (!p) return undefined;
  const allowed = arr(p.setting("allowedAccountIds")).map(str).filter((x): x is string => !!x);
  if (allowed.length) return allowed[0];
  for (const r of arr(p.setting("assumeRoles"))) {
    const account = parseArn(obj(r)?.roleArn)?.account;
    if (account) return account;
  }
  return undefined;
}

/** The role a provider ends up as (the last of its role chain: the principal that calls AWS), when it says. */
export function roleOfProvider(p: ProviderView | undefined): string | undefined {
  if (!p) return undefined;
  const chain = arr(p.setting("assumeRoles")).map((r) => str(obj(r)?.roleArn)).filter((x): x is string => !!x);
  return chain[chain.length - 1];
}

/** The region a resource is deployed in, when the plan knows it (undefined when unset or not known until deployment). */
export function knownRegionOf(r: ViewResource): string | undefined {
  const region = r.region().region;
  return region && region !== "unknown" ? region : undefined;
}

/** The region a resource is deployed in, for messages and grouping: "(unknown region)" when the plan does not say. */
export function regionOf(r: ViewResource): string {
  return knownRegionOf(r) ?? "(unknown region)";
}
