import { PlanResource } from "../../lib/plan";

/**
 * Types whose deletion loses something that cannot be recreated from code: data, an AWS account,
 * key material (everything it encrypted). Every S3 bucket counts (log, tenant and data buckets
 * alike). The value is what is lost, for the message.
 */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  "aws:organizations/account:Account": "an AWS account and everything in it",
  "aws:kms/key:Key": "a KMS key: whatever it encrypted becomes unreadable",
  "aws:kms/replicaKey:ReplicaKey": "a KMS replica key",
  "aws:s3/bucket:Bucket": "an S3 bucket and its objects",
  "aws:s3/bucketV2:BucketV2": "an S3 bucket and its objects",
  "aws:dynamodb/table:Table": "a DynamoDB table and its items",
  "aws:rds/instance:Instance": "a database",
  "aws:rds/cluster:Cluster": "a database cluster",
  "aws:efs/fileSystem:FileSystem": "a file system",
  "aws:ebs/volume:Volume": "a disk",
  "aws:secretsmanager/secret:Secret": "a secret",
  "aws:cloudwatch/logGroup:LogGroup": "a log group and its logs",
  "aws:backup/vault:Vault": "a backup vault",
};

export function isStateful(r: Pick<PlanResource, "type">): boolean {
  return r.type in STATEFUL_TYPES;
}

/** What a destructive change does, and whether it fails `lz diff` (exit 1). */
export interface Hazard {
  readonly action: "delete" | "replace" | "retain" | "unprotect";
  readonly stack: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** One sentence: what happens and why it matters. */
  readonly why: string;
  /** Fails the diff: a protected or stateful resource would be deleted or replaced. */
  readonly blocking: boolean;
}

/**
 * The verdict on removing `old` from the program. The engine honours the flags of the state, so
 * the old plan's flags decide:
 * - protected: `pulumi up` stops (blocking, whatever else is set);
 * - stateful and not retainOnDelete: deleted with its data (blocking);
 * - stateful and retainOnDelete: kept in the account, only dropped from the stack (reported);
 * - anything else: an ordinary removal.
 */
export function removalHazard(stack: string, old: PlanResource): Hazard | undefined {
  const base = { stack, urn: old.urn, type: old.type, name: old.name };
  const what = STATEFUL_TYPES[old.type];
  if (old.protect) {
    return { ...base, action: "delete", blocking: true, why: `protected${what ? ` (${what})` : ""}: \`pulumi up\` refuses to delete it; if the deletion is intended, unprotect it in a separate change first` };
  }
  if (!what) return undefined;
  if (!old.retainOnDelete) return { ...base, action: "delete", blocking: true, why: `stateful and not retained: \`pulumi up\` deletes ${what}` };
  return { ...base, action: "retain", blocking: false, why: `retainOnDelete: ${what} stays in the account and leaves the stack (no data is deleted)` };
}

/** The verdict on a replacement (delete and create again) of a protected or stateful resource. */
export function replacementHazard(stack: string, old: PlanResource, reasons: readonly string[]): Hazard | undefined {
  const what = STATEFUL_TYPES[old.type];
  if (!what && !old.protect) return undefined;
  const flags = [old.protect ? "protected" : "", old.retainOnDelete ? "retained on delete, so the old one is orphaned" : ""].filter(Boolean).join(", ");
  return {
    stack,
    urn: old.urn,
    type: old.type,
    name: old.name,
    action: "replace",
    blocking: true,
    why: `${reasons.map((r) => `\`${r}\``).join(", ")} changed, which forces a replacement of ${what ?? "a protected resource"}${flags ? ` (${flags})` : ""}`,
  };
}

/** Switching protection off on a stateful resource is how a deletion starts: worth a line, not a failure. */
export function unprotectHazard(stack: string, old: PlanResource, now: PlanResource): Hazard | undefined {
  const lost = [old.protect && !now.protect ? "protect" : "", old.retainOnDelete && !now.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
  if (lost.length === 0 || !(isStateful(old) || old.protect)) return undefined;
  return { stack, urn: old.urn, type: old.type, name: old.name, action: "unprotect", blocking: false, why: `${lost.join(" and ")} switched off: a later removal would delete it` };
}
