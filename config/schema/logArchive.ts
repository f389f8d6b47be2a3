import { z } from "zod";
import { defineRole } from "./role";

const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const days = (max: number) => z.number({ message: "must be a whole number of days" }).int().min(1).max(max);

/** `landing-zone:logArchive`: the log buckets, their key, retention and the organisation trail. */
export const logArchiveSchema = z.strictObject({
  /** S3 Object Lock on the trail, Config and flow-log buckets: every object is kept at least this long. */
  objectLock: z
    .strictObject({
      /** `GOVERNANCE` (break-glass with s3:BypassGovernanceRetention can shorten it) or `COMPLIANCE` (nobody can, not even root). Default `GOVERNANCE`. */
      mode: z.enum(["GOVERNANCE", "COMPLIANCE"], { message: 'must be "GOVERNANCE" or "COMPLIANCE"' }).default("GOVERNANCE"),
      /** Default retention of each object version. Default 365. */
      retentionDays: days(36500).default(365),
    })
    .prefault({}),
  /** Lifecycle of the log buckets: to cold storage, then expiry. */
  lifecycle: z
    .strictObject({
      /** Move objects to S3 Glacier Flexible Retrieval after this many days. Default 90. */
      glacierAfterDays: days(36500).default(90),
      /** Move them on to S3 Glacier Deep Archive after this many days. Default 365. */
      deepArchiveAfterDays: days(36500).default(365),
      /** Delete them after this many days; at least objectLock.retentionDays. Default 2557 (7 years). */
      expireAfterDays: days(36500).default(2557),
      /** Delete superseded versions this many days after they stop being current. Default 365. */
      noncurrentExpireAfterDays: days(36500).default(365),
    })
    .prefault({}),
  /** Days the S3 access logs of the log buckets are kept. Default 365. */
  accessLogExpireAfterDays: days(36500).default(365),
  /** The organisation trail's name. Default `lz-organization-trail`. */
  trailName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, { message: "must be 3–128 letters, digits, periods, underscores or hyphens, starting with a letter or digit" }).default("lz-organization-trail"),
  /** Days the trail's CloudWatch Logs copy (alarm source) is kept; one of the values CloudWatch Logs accepts. Default 365 (the S3 archive keeps events for years). */
  cloudWatchLogsRetentionDays: z
    .number()
    .refine((n) => LOG_RETENTION_DAYS.includes(n), { message: `must be one of ${LOG_RETENTION_DAYS.join(", ")} (PutRetentionPolicy)` })
    .default(365),
  /** Days a scheduled deletion of the log key waits (7–30). Default 30. */
  keyDeletionWindowDays: z.number().int().min(7).max(30).default(30),
});

export type LogArchiveSettings = z.infer<typeof logArchiveSchema>;

export const logArchiveRole = defineRole({
  role: "log-archive",
  shape: {
    logArchive: logArchiveSchema.prefault({}),
  },
  requiredSecrets: [],
  refs: { management: "management" },
  check: (cfg) => {
    const la: LogArchiveSettings = cfg.logArchive;
    const lc = la.lifecycle;
    const issues: { path: string; message: string }[] = [];
    if (lc.deepArchiveAfterDays <= lc.glacierAfterDays) {
      issues.push({ path: "logArchive.lifecycle.deepArchiveAfterDays", message: `is ${lc.deepArchiveAfterDays}, not after glacierAfterDays (${lc.glacierAfterDays}); objects move to Glacier first, then to Deep Archive` });
    }
    if (lc.expireAfterDays <= lc.deepArchiveAfterDays) {
      issues.push({ path: "logArchive.lifecycle.expireAfterDays", message: `is ${lc.expireAfterDays}, not after deepArchiveAfterDays (${lc.deepArchiveAfterDays}); expiry comes last` });
    }
    for (const key of ["expireAfterDays", "noncurrentExpireAfterDays"] as const) {
      if (lc[key] < la.objectLock.retentionDays) {
        issues.push({ path: `logArchive.lifecycle.${key}`, message: `is ${lc[key]} days, shorter than objectLock.retentionDays (${la.objectLock.retentionDays}); locked objects cannot expire before their retention ends, so make it at least ${la.objectLock.retentionDays}` });
      }
    }
    return issues;
  },
});
