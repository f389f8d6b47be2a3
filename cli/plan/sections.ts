import { PlanResult } from "../../lib/plan";

/**
 * Extra sections of the `lz plan` text summary, each computed from the plan alone (the
 * reachability matrix, the tenants). A section returns undefined when it does not apply.
 */
export interface SummarySection {
  readonly title: string;
  /** `all`: every plan of the run, `plan` among them (renderSummary sees to it). */
  render(plan: PlanResult, all: readonly PlanResult[]): string | undefined;
}

export const SUMMARY_SECTIONS: SummarySection[] = [];
