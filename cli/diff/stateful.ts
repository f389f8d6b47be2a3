import { PlanResource } from "../../lib/plan";

/** What a stateful type is, what deleting it loses, and what retaining it keeps: whole sentences for the hazards. */
export interface StatefulKind {
  /** A noun phrase: `an S3 bucket`. */
  readonly what: string;
  /** What a deletion destroys, after "deletes": `an S3 bucket and its objects`. */
  readonly loses: string;
  /** What happens when it leaves the stack with retainOnDelete. */
  readonly kept: string;
}

const kind = (what: string, loses: string, kept: string): StatefulKind => ({ what, loses, kept });
const DATA_KEPT = "it stays in the account with its data, and only leaves the stack (no data is deleted)";

/**
 * Types whose deletion loses something that cannot be recreated from code: data, an AWS account,
 * key material (everything it encrypted), or the organisation's detection (GuardDuty, Security Hub,
 * Config, Access Analyzer, CloudTrail and their delegated administrators). Every S3 bucket counts
 * (log, tenant and data buckets alike).
 */
export const STATEFUL_TYPES: Readonly<Record<string, StatefulKind>> = {
  "aws:organizations/account:Account": kind("an AWS account", "an AWS account and everything in it", "the account stays open in the organisation, with everything in it, and only leaves the stack"),
  "aws:kms/key:Key": kind("a KMS key", "a KMS key, and whatever it encrypted becomes unreadable", "the key stays in the account and enabled, so what it encrypted stays readable; it only leaves the stack (it is still billed: schedule its deletion by hand once nothing needs it)"),
  "aws:kms/replicaKey:ReplicaKey": kind("a KMS replica key", "a KMS replica key, and what it encrypted in its region becomes unreadable there", "the replica key stays in its region and enabled, and only leaves the stack"),
  "aws:s3/bucket:Bucket": kind("an S3 bucket", "an S3 bucket and its objects", DATA_KEPT),
  "aws:s3/bucketV2:BucketV2": kind("an S3 bucket", "an S3 bucket and its objects", DATA_KEPT),
  "aws:dynamodb/table:Table": kind("a DynamoDB table", "a DynamoDB table and its items", DATA_KEPT),
  "aws:rds/instance:Instance": kind("a database", "a database and its data", DATA_KEPT),
  "aws:rds/cluster:Cluster": kind("a database cluster", "a database cluster and its data", DATA_KEPT),
  "aws:efs/fileSystem:FileSystem": kind("a file system", "a file system and its files", DATA_KEPT),
  "aws:ebs/volume:Volume": kind("a disk", "a disk and its data", DATA_KEPT),
  "aws:secretsmanager/secret:Secret": kind("a secret", "a secret and its value", "the secret stays in the account with its value, and only leaves the stack"),
  "aws:cloudwatch/logGroup:LogGroup": kind("a log group", "a log group and its logs", DATA_KEPT),
  "aws:backup/vault:Vault": kind("a backup vault", "a backup vault and its recovery points", DATA_KEPT),
  // Security services: deleting one blinds the organisation and loses its findings and history.
  "aws:guardduty/detector:Detector": kind("a GuardDuty detector", "a GuardDuty detector and its findings, and threat detection stops in that account and region", "GuardDuty keeps running in the account, and the detector only leaves the stack"),
  "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount": kind("the GuardDuty delegated administrator", "the GuardDuty delegated administrator registration, and the organisation's GuardDuty loses its administrator", "the registration stays, and only leaves the stack"),
  "aws:guardduty/organizationConfiguration:OrganizationConfiguration": kind("GuardDuty's organisation configuration", "GuardDuty's organisation configuration, and member accounts are no longer enabled", "the configuration stays, and only leaves the stack"),
  "aws:securityhub/account:Account": kind("a Security Hub subscription", "a Security Hub subscription and its findings", "Security Hub stays enabled in the account, and only leaves the stack"),
  "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount": kind("the Security Hub delegated administrator", "the Security Hub delegated administrator registration, and the organisation's Security Hub loses its administrator", "the registration stays, and only leaves the stack"),
  "aws:securityhub/organizationConfiguration:OrganizationConfiguration": kind("Security Hub's organisation configuration", "Security Hub's organisation configuration (it falls back to local configuration, auto-enable off)", "the configuration stays, and only leaves the stack"),
  "aws:securityhub/configurationPolicy:ConfigurationPolicy": kind("a Security Hub configuration policy", "a Security Hub configuration policy, and the accounts it configured lose their standards", "the policy stays, and only leaves the stack"),
  "aws:securityhub/findingAggregator:FindingAggregator": kind("the Security Hub finding aggregator", "the Security Hub finding aggregator (and with it central configuration)", "the aggregator stays, and only leaves the stack"),
  "aws:cfg/recorder:Recorder": kind("an AWS Config recorder", "an AWS Config recorder, and configuration history stops", "the recorder stays and keeps recording, and only leaves the stack"),
  "aws:cfg/deliveryChannel:DeliveryChannel": kind("an AWS Config delivery channel", "an AWS Config delivery channel, and configuration history stops reaching the log archive", "the channel stays, and only leaves the stack"),
  "aws:cfg/configurationAggregator:ConfigurationAggregator": kind("an AWS Config aggregator", "the organisation's AWS Config aggregator and its aggregated view", "the aggregator stays, and only leaves the stack"),
  "aws:accessanalyzer/analyzer:Analyzer": kind("an IAM Access Analyzer", "an IAM Access Analyzer and its findings", "the analyzer stays, and only leaves the stack"),
  "aws:organizations/delegatedAdministrator:DelegatedAdministrator": kind("a delegated administrator registration", "a delegated administrator registration, and that service loses its administrator", "the registration stays, and only leaves the stack"),
  "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount": kind("CloudTrail's delegated administrator", "CloudTrail's delegated administrator registration", "the registration stays, and only leaves the stack"),
  "aws:cloudtrail/trail:Trail": kind("a CloudTrail trail", "a CloudTrail trail, and the audit log stops", "the trail stays and keeps logging, and only leaves the stack"),
};

export function isStateful(r: Pick<PlanResource, "type">): boolean {
  return r.type in STATEFUL_TYPES;
}

/** What a destructive change does, and whether it fails `lz diff` (exit 1). */
export interface Hazard {
  readonly action: "delete" | "replace" | "retain" | "unprotect" | "delete-data";
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
  const k = STATEFUL_TYPES[old.type];
  if (old.protect) {
    return { ...base, action: "delete", blocking: true, why: `protected${k ? ` (${k.loses})` : ""}: \`pulumi up\` refuses to delete it; if the deletion is intended, unprotect it in a separate change first` };
  }
  if (!k) return undefined;
  if (!old.retainOnDelete) return { ...base, action: "delete", blocking: true, why: `stateful and not retained: \`pulumi up\` deletes ${k.loses}` };
  return { ...base, action: "retain", blocking: false, why: `retainOnDelete: ${k.kept}` };
}

/**
 * The verdict on a replacement (delete and create again) of a protected or stateful resource, or
 * of any resource that others are replaced with (`dependents`): the latter is reported, not failed.
 */
export function replacementHazard(stack: string, old: PlanResource, reasons: readonly string[], dependents: readonly { readonly type: string }[] = []): Hazard | undefined {
  const k = STATEFUL_TYPES[old.type];
  const base = { stack, urn: old.urn, type: old.type, name: old.name, action: "replace" as const };
  const forced = `${reasons.map((r) => `\`${r}\``).join(", ")} changed, which forces a replacement${zoneSwitchNote(old, reasons)}`;
  const takesDown = dependents.length ? `; ${dependents.length} resource${dependents.length === 1 ? " that depends on it is" : "s that depend on it are"} replaced with it (${byType(dependents)}): whatever runs there is down until they are back` : "";
  if (!k && !old.protect) {
    return dependents.length ? { ...base, blocking: false, why: `${forced}${takesDown}` } : undefined;
  }
  const flags = [old.protect ? "protected" : "", old.retainOnDelete ? "retained on delete, so the old one is orphaned" : ""].filter(Boolean).join(", ");
  const loses = k && !old.retainOnDelete ? `: \`pulumi up\` deletes the old one (${k.loses})` : "";
  return { ...base, blocking: true, why: `${forced} of ${k?.what ?? "a protected resource"}${flags ? ` (${flags})` : ""}${loses}${takesDown}` };
}

/**
 * A subnet moved from its AZ name to an AZ ID (docs/NETWORK.md, "A stack deployed with AZ names") is
 * replaced only if the ID is not the zone the name was in its account, which a plan cannot know.
 */
function zoneSwitchNote(old: PlanResource, reasons: readonly string[]): string {
  if (old.type !== "aws:ec2/subnet:Subnet" || reasons.length !== 2 || !reasons.includes("availabilityZone") || !reasons.includes("availabilityZoneId")) return "";
  if (typeof old.inputs.availabilityZone !== "string" || old.inputs.availabilityZoneId !== undefined) return "";
  return ` unless the new availabilityZoneId is the zone ${old.inputs.availabilityZone} is in that account (the move from AZ names to IDs; \`pulumi preview\` decides, docs/NETWORK.md)`;
}

/** `8 Subnet, 4 RouteTable, 1 FlowLog`: the most numerous type first. */
function byType(list: readonly { readonly type: string }[]): string {
  const count = new Map<string, number>();
  for (const r of list) {
    const t = r.type.split(":").pop()!;
    count.set(t, (count.get(t) ?? 0) + 1);
  }
  return [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${n} ${t}`).join(", ");
}

/** Switching protection off on a stateful resource is how a deletion starts: worth a line, not a failure. */
export function unprotectHazard(stack: string, old: PlanResource, now: PlanResource): Hazard | undefined {
  const lost = [old.protect && !now.protect ? "protect" : "", old.retainOnDelete && !now.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
  if (lost.length === 0 || !(isStateful(old) || old.protect)) return undefined;
  return { stack, urn: old.urn, type: old.type, name: old.name, action: "unprotect", blocking: false, why: `${lost.join(" and ")} switched off: a later removal would delete it` };
}
