/**
 * The tenant bucket's lifecycle, from the tenant's retention. Objects live `retentionDays`; an
 * overwritten or deleted object stays recoverable as an older version for `retentionDays` more; then
 * S3 expires it. Storage classes step down while the data ages, but only where the retention leaves
 * the data long enough in a class to be worth its minimum storage charge.
 */
export interface TenantLifecycle {
  /** Current objects expire (become a delete marker) this many days after creation. */
  readonly expireAfterDays: number;
  /** Older versions are removed this many days after they stop being current. */
  readonly noncurrentExpireAfterDays: number;
  /** Move to STANDARD_IA after this many days; absent when the retention is too short (under 60 days). */
  readonly infrequentAccessAfterDays?: number;
  /** Move to GLACIER_IR after this many days; absent when the retention is under 180 days. */
  readonly glacierInstantAfterDays?: number;
  /** Abort multipart uploads left incomplete this many days. */
  readonly abortIncompleteUploadsAfterDays: number;
}

/** STANDARD_IA bills at least 30 days; GLACIER_IR at least 90. */
const IA_AFTER = 30;
const GLACIER_IR_AFTER = 90;

export function tenantLifecycle(retentionDays: number): TenantLifecycle {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error(`retentionDays must be a positive whole number, not ${retentionDays}`);
  return {
    expireAfterDays: retentionDays,
    noncurrentExpireAfterDays: retentionDays,
    infrequentAccessAfterDays: retentionDays >= IA_AFTER + 30 ? IA_AFTER : undefined,
    glacierInstantAfterDays: retentionDays >= GLACIER_IR_AFTER + 90 ? GLACIER_IR_AFTER : undefined,
    abortIncompleteUploadsAfterDays: 7,
  };
}
