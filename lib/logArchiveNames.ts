/**
 * Names of the log-archive buckets. They are derived, not configured, because three places must
 * agree on them without reading each other: the log-archive stack creates the buckets, the
 * management stack's SCP protects them by name pattern (it may not read the log-archive stack: no
 * cycles), and the management account's Config delivery points at one of them.
 */

/**
 * `awsconfig` is where AWS Config delivers (Config refuses a bucket with Object Lock); it replicates
 * to `config`, the write-once archive of the same files (the bucket Config delivered to before
 * Object Lock was found to be unsupported: its lock cannot be turned off, so it became the replica).
 */
export const LOG_BUCKET_KINDS = ["cloudtrail", "config", "awsconfig", "flowlogs", "accesslogs"] as const;
export type LogBucketKind = (typeof LOG_BUCKET_KINDS)[number];

/** Every log-archive bucket name starts with this; the protect-log-archive guardrail matches it. */
export const LOG_BUCKET_PREFIX = "lz-logs-";

/**
 * `lz-logs-<kind>-<log-archive account id>-<region>`: globally unique (the account id), at most 46
 * characters (S3 allows 63), and stable for the life of the account.
 */
export function logBucketName(kind: LogBucketKind, logArchiveAccountId: string, region: string): string {
  return `${LOG_BUCKET_PREFIX}${kind}-${logArchiveAccountId}-${region}`;
}

/** The ARN of a bucket from its name (S3 bucket ARNs carry no region or account). */
export function bucketArn(bucketName: string): string {
  return `arn:aws:s3:::${bucketName}`;
}
