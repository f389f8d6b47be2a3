import { LzPolicy } from "../lib/policy";
import { ViewResource } from "../lib/stack";
import { arr, flag, obj, str } from "../lib/values";
import { accountOfProvider, knownRegionOf } from "./account";
import { OPT_IN_OUTPUT, OPT_IN_REGIONS } from "../../lib/optInRegions";
import { preflightStack } from "./constraint";
import { referencedOutputs, waitsFor } from "./graph";

/** Opt-in Regions (lib/optInRegions.ts): disabled in every account until enabled for it. */
export { OPT_IN_REGIONS };

const REGION = "aws:account/region:Region";

interface OptInConfig {
  readonly optInRegions: readonly string[];
}

export const optInRegionEnabled = preflightStack<OptInConfig>({
  name: "opt-in-region-enabled",
  description: "Resources in an opt-in Region need that Region enabled for their account first: in the same stack and waited for, or by a stack this one reads.",
  types: () => true,
  config: { optInRegions: { type: "array", items: { type: "string" }, uniqueItems: true, default: [...OPT_IN_REGIONS], description: "Regions that are disabled by default (launched after 20 March 2019)" } },
  defaults: { optInRegions: OPT_IN_REGIONS },
  fix: "Enable the Region with aws.account.Region (the management stack does it for every account, with trusted access for account.amazonaws.com) and make the Region's resources depend on it; a member stack reads the management stack's optInRegions output.",
  constraint: {
    rule: "Regions launched after March 20, 2019 are disabled by default; you cannot create or manage resources in an opt-in Region until it is enabled for the account, and enabling can take minutes to hours",
    source: "AWS Account Management Reference Guide, Enable or disable AWS Regions in your account",
  },
  validate(stack, ctx, report) {
    const optIn = new Set(ctx.config.optInRegions);
    const enablements = stack.ofType(REGION).filter((r) => flag(r.props.enabled) !== false && optIn.has(str(r.props.regionName) ?? ""));
    const enabledFor = (region: string, account: string | undefined) =>
      enablements.filter((e) => str(e.props.regionName) === region && (str(e.props.accountId) ?? accountOfProvider(e.provider)) === account);
    const byReference = new Map<string, Set<string>>();
    for (const ref of referencedOutputs(stack)) {
      for (const [account, regions] of Object.entries(obj(ref.outputs[OPT_IN_OUTPUT]) ?? {})) {
        const set = byReference.get(account) ?? new Set<string>();
        for (const r of arr(regions)) if (typeof r === "string") set.add(r);
        byReference.set(account, set);
      }
    }
    const missing = new Map<string, ViewResource[]>();
    const unordered = new Map<string, ViewResource[]>();
    for (const r of stack.resources) {
      if (!r.type.startsWith("aws:") || r.type === REGION) continue;
      const region = knownRegionOf(r);
      if (!region || !optIn.has(region)) continue;
      const account = accountOfProvider(r.provider);
      const here = enabledFor(region, account);
      const key = `${region}|${account ?? "the stack's account"}`;
      if (here.length) {
        if (!waitsFor(stack, r, new Set(here.map((e) => e.urn)))) unordered.set(key, [...(unordered.get(key) ?? []), r]);
        continue;
      }
      if (account && byReference.get(account)?.has(region)) continue;
      missing.set(key, [...(missing.get(key) ?? []), r]);
    }
    const names = (rs: ViewResource[]) => `${rs.slice(0, 3).map((x) => x.name).join(", ")}${rs.length > 3 ? ` and ${rs.length - 3} more` : ""}`;
    for (const [key, rs] of missing) {
      const [region, account] = key.split("|");
      report(rs[0].urn, `${rs.length} resource(s) in the opt-in Region ${region} (${names(rs)}) for account ${account}, but nothing in this stack enables ${region} for that account (aws.account.Region) and no stack it reads lists it in ${OPT_IN_OUTPUT}`);
    }
    for (const [key, rs] of unordered) {
      const [region, account] = key.split("|");
      report(rs[0].urn, `${rs.length} resource(s) in ${region} for account ${account} (${names(rs)}) do not wait for the stack's enablement of ${region}, so they may be created before the Region is enabled; add it to their dependsOn`);
    }
  },
});

export const regionPolicies: readonly LzPolicy[] = [optInRegionEnabled];
