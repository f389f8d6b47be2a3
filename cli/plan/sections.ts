import { PlanResult } from "../../lib/plan";

/**
 * Extra sections of the `lz plan` text summary, each computed from the plan alone (the
 * reachability matrix, the tenants). A section returns undefined when it does not apply.
 */
export interface SummarySection {
  readonly title: string;
  render(plan: PlanResult, all: readonly PlanResult[]): string | undefined;
}

export const SUMMARY_SECTIONS: SummarySection[] = [];
