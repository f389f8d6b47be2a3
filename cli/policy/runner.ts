// Placeholder until the policy runner (issue #5) lands; it is overwritten by that work.
import { PlanResource, Violation } from "../../lib/plan";
export interface PolicyRunOptions { readonly stack: string; readonly policyConfigFile?: string; readonly now?: Date }
export interface WaiverUse { readonly urn: string; readonly policy: string; readonly reason: string; readonly approvedBy: string; readonly expires: string }
export interface PolicyRunResult { readonly violations: Violation[]; readonly checks: number; readonly waivers: WaiverUse[] }
export async function runPacks(_resources: readonly PlanResource[], _opts: PolicyRunOptions): Promise<PolicyRunResult> {
  return { violations: [], checks: 0, waivers: [] };
}
