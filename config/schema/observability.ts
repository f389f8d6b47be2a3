import { z } from "zod";
import { DATADOG_SITE_NAMES, DEFAULT_DATADOG_SITE } from "../../lib/observability/datadogSites";

/**
 * Datadog keys of the workload role (issue #6): `landing-zone:datadog`, and the secrets
 * `datadogApiKey` and `datadogAppKey`. Merged into the workload role by config/schema/workload.ts.
 */

/** `landing-zone:datadog.monitors`: alert thresholds. */
export const monitorThresholdsSchema = z.strictObject({
  /** Load-balancer 5xx responses (ELB and targets) in 5 minutes that page. Default 10. */
  loadBalancer5xx: z.number().int().min(1).default(10),
  /** Transit Gateway packets dropped (blackhole or no route) in 10 minutes that page. Default 0 (any). */
  tgwPacketDrops: z.number().int().min(0).default(0),
});

/** `landing-zone:datadog`: monitoring for the environment. */
export const datadogSchema = z.strictObject({
  /** The Datadog site. Default `ap2.datadoghq.com` (Australia); any other site sends data offshore. */
  site: z.enum(DATADOG_SITE_NAMES, { message: `is not a Datadog site; use one of ${DATADOG_SITE_NAMES.join(", ")} (ap2.datadoghq.com keeps data in Australia)` }).default(DEFAULT_DATADOG_SITE),
  /**
   * Where alerts go: a Datadog notification handle such as `pagerduty-platform`,
   * `slack-platform-alerts` or `oncall@example.com`, with or without the leading `@` (it is added).
   */
  notificationHandle: z
    .string()
    .regex(/^@?[A-Za-z0-9][\w.+@-]{0,99}$/, { message: "must be a Datadog notification handle, e.g. pagerduty-platform, slack-platform-alerts or oncall@example.com" })
    .transform((h) => (h.startsWith("@") ? h : `@${h}`)),
  /** Seconds between synthetic test runs. Default 300. */
  syntheticsIntervalSeconds: z.union([z.literal(60), z.literal(300), z.literal(900), z.literal(1800), z.literal(3600)], { message: "must be one of 60, 300, 900, 1800, 3600" }).default(300),
  /**
   * How many IAM policies carry the integration role's permissions. The list comes from the Datadog
   * provider at deploy time and IAM caps a policy at 6,144 characters; raise this if a deploy says so.
   * Default 2.
   */
  permissionPolicies: z.number().int().min(1).max(10).default(2),
  monitors: monitorThresholdsSchema.prefault({}),
});
export type DatadogConfig = z.infer<typeof datadogSchema>;

export const observabilityShape = {
  datadog: datadogSchema,
};

export const observabilityRequiredSecrets: readonly string[] = [
  /** The Datadog API key. */
  "datadogApiKey",
  /** A Datadog application key with monitors, synthetics and AWS integration scopes. */
  "datadogAppKey",
];
export const observabilityOptionalSecrets: readonly string[] = [];

/**
 * No cross-key checks: an unknown site fails the enum above, and a known site outside Australia is
 * valid config on purpose, because the residency pack reports it (and a waiver can accept it).
 */
export function observabilityCheck(_cfg: Record<string, any>): { path: string; message: string }[] {
  return [];
}

export type _ObservabilityKeys = z.infer<z.ZodObject<typeof observabilityShape>>;
