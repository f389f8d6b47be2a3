import { LzStackPolicy, RunnerExtension, stackPolicy } from "./policy";
import { isExpired, waiverMatchesResource } from "./waivers";

/**
 * Each pack's `waiver-expiry` policy (mandatory): an expired waiver waives nothing and is reported
 * itself, so exceptions are renewed or removed rather than forgotten. Its config holds every waiver
 * of the pack.
 */
export function waiverExpiryPolicy(): LzStackPolicy {
  return stackPolicy({
    name: "waiver-expiry",
    description: "Waivers in the policy config must not have expired.",
    enforcementLevel: "mandatory",
    types: [],
    fix: "Renew the waiver with a new expires date and approval, or fix the finding and delete the waiver.",
    validate(stack, ctx, report) {
      const now = (ctx.args as unknown as { lz?: RunnerExtension }).lz?.now ?? new Date();
      for (const w of ctx.config.waivers ?? []) {
        if (!isExpired(w, now)) continue;
        const target = stack.resources.find((r) => waiverMatchesResource(w, r.urn, r.name));
        report(
          target?.urn ?? "",
          `the waiver of ${w.policy ?? "this pack's policies"} for ${JSON.stringify(w.resource)} (approved by ${w.approvedBy}: ${w.reason}) expired on ${w.expires}; it no longer waives anything. Renew it with a new expires date and approval, or fix the finding and delete the waiver.`,
        );
      }
    },
  });
}
