import { z } from "zod";
import { ConfigIssue } from "../errors";
import { auRegionList } from "./common";

/**
 * `landing-zone:baseline`: the account baseline every stack applies to its own account (EBS
 * default encryption with a customer key, S3 account public access block, IAM password policy,
 * IAM Access Analyzer, AWS Config). A key of every role (config/schema/base.ts).
 */
export const baselineSchema = z.strictObject({
  /** Regions the regional settings are applied in; Australian only, including the home region. Default both. */
  regions: auRegionList,
  /**
   * Run an AWS Config recorder delivering to the log archive. Default true. Must be false when the
   * management stack's controlTower.enabled is true: Control Tower runs Config in enrolled accounts,
   * and an account has one recorder per region.
   */
  configRecorder: z.boolean().default(true),
  /** The IAM password policy (for the rare IAM user; people sign in through Identity Center). */
  passwordPolicy: z
    .strictObject({
      /** Default 14. */
      minimumLength: z.number().int().min(14).max(128).default(14),
      /** Previous passwords that cannot be reused. Default 24. */
      reusePrevention: z.number().int().min(1).max(24).default(24),
      /** Days before a password expires. Default 90. */
      maxAgeDays: z.number().int().min(1).max(1095).default(90),
    })
    .prefault({}),
  /** Days a scheduled deletion of the EBS default key waits (7–30). Default 30. */
  keyDeletionWindowDays: z.number().int().min(7).max(30).default(30),
});

export type BaselineConfig = z.infer<typeof baselineSchema>;

interface BaselineView {
  readonly file: string;
  readonly role: string;
  readonly account: { readonly region: string };
  readonly baseline: BaselineConfig;
  readonly controlTower?: { readonly enabled: boolean };
}

/**
 * Checks of the baseline that need more than one stack file: each stack's regions include its home
 * region, and no stack runs its own Config recorder when the management stack turns Control Tower on.
 */
export function baselineCrossStackIssues(configs: readonly BaselineView[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const management = configs.find((c) => c.role === "management");
  const controlTower = management?.controlTower?.enabled === true;
  for (const c of configs) {
    if (!(c.baseline.regions as readonly string[]).includes(c.account.region)) {
      issues.push({ file: c.file, path: "landing-zone:baseline.regions", message: `must include the home region ${c.account.region} (account.region)` });
    }
    if (controlTower && c.baseline.configRecorder) {
      issues.push({
        file: c.file,
        path: "landing-zone:baseline.configRecorder",
        message: `must be false: ${management!.file} sets landing-zone:controlTower.enabled, and Control Tower runs AWS Config in its accounts (one recorder per region)`,
      });
    }
  }
  return issues;
}
