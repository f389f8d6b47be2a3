import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogDelivery, cloudTrailDelivery, configDelivery, flowLogDelivery, logBucketPolicy } from "../../lib/iam/logBucketPolicy";
import { logKeyPolicy, organizationTrailArn } from "../../lib/iam/logKeyPolicy";
import { logReplicationKeyStatement, logReplicationRolePolicy, securityReadStatement } from "../../lib/iam/logReplicationPolicy";
import { minifiedPolicy, PolicyStatement } from "../../lib/iam/policyDocument";
import { serviceTrustPolicy } from "../../lib/iam/trustPolicy";
import { bucketArn, LOG_BUCKET_PREFIX, logBucketName, LogBucketKind } from "../../lib/logArchiveNames";
import { LogBucket, LogBucketLifecycle } from "./logBucket";

export interface LogArchiveArgs {
  /** The log-archive account (owns the key and the buckets; part of the bucket names). */
  readonly accountId: string;
  /** The home region (part of the bucket names; S3 reads decrypt through it). */
  readonly region: string;
  /** The organisation whose services may deliver, and whose principals may read. */
  readonly organizationId: pulumi.Input<string>;
  /** The management account, which owns the organisation trail. */
  readonly managementAccountId: pulumi.Input<string>;
  /** The security account, which may read (never write or delete) every archived log. Default: no such grant. */
  readonly securityAccountId?: pulumi.Input<string>;
  /** The organisation trail's name (its ARN is in the key and bucket policies). */
  readonly trailName: string;
  /**
   * Object Lock of the archived buckets. The organisation trail's bucket is always COMPLIANCE,
   * whatever `mode` says: in GOVERNANCE mode anyone allowed s3:BypassGovernanceRetention could
   * delete the audit trail.
   */
  readonly objectLock: { readonly mode: "GOVERNANCE" | "COMPLIANCE"; readonly retentionDays: number };
  readonly lifecycle: LogBucketLifecycle;
  /** Days the S3 access logs are kept. */
  readonly accessLogExpireAfterDays: number;
  /** Days a scheduled deletion of the key waits. Default 30. */
  readonly keyDeletionWindowDays?: number;
}

/**
 * The organisation's log archive: one customer-managed key (rotated; usable only by the delivering
 * services for this organisation, and readable only by its principals through S3), and the buckets
 * for the organisation trail, AWS Config and VPC/Transit Gateway flow logs, plus an access-log
 * bucket that records every request to them.
 */
export class LogArchive extends pulumi.ComponentResource {
  readonly keyArn: pulumi.Output<string>;
  readonly cloudTrail: LogBucket;
  /** The write-once archive of AWS Config's files (a replica: Config cannot deliver to an object-locked bucket). */
  readonly config: LogBucket;
  /** Where AWS Config delivers: unlocked, replicated into `config` as files arrive. */
  readonly awsConfig: LogBucket;
  readonly flowLogs: LogBucket;
  readonly accessLogs: LogBucket;

  constructor(name: string, args: LogArchiveArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:logArchive:LogArchive", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("LogArchive needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };
    const keep = { ...child, protect: true, retainOnDelete: true };
    const names = (kind: LogBucketKind) => logBucketName(kind, args.accountId, args.region);
    const trailArn = pulumi.output(args.managementAccountId).apply((m) => organizationTrailArn(args.region, m, args.trailName));
    const replicationRoleName = "lz-log-archive-config-replication";
    const replicationRoleArn = `arn:aws:iam::${args.accountId}:role/${replicationRoleName}`;

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "Encrypts the organisation's log archive (CloudTrail, Config, flow logs)",
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: args.keyDeletionWindowDays ?? 30,
        policy: pulumi
          .all([args.organizationId, args.managementAccountId, trailArn])
          .apply(([organizationId, managementAccountId, arn]) =>
            minifiedPolicy(logKeyPolicy({ keyAccountId: args.accountId, region: args.region, organizationId, managementAccountId, trailArn: arn, extraStatements: [logReplicationKeyStatement(replicationRoleArn, args.region)] })),
          ),
      },
      keep,
    );
    new aws.kms.Alias(`${name}-key-alias`, { name: "alias/lz-log-archive", targetKeyId: key.keyId }, child);
    this.keyArn = key.arn;

    const policy = (kind: LogBucketKind, deliveries: (arn: string, organizationId: string, managementAccountId: string, trail: string) => PolicyStatement[]) =>
      pulumi
        .all([args.organizationId, args.managementAccountId, trailArn, args.securityAccountId])
        .apply(([organizationId, managementAccountId, trail, security]) => {
          const arn = bucketArn(names(kind));
          const reads = security && kind !== "accesslogs" ? [securityReadStatement(arn, security)] : [];
          return minifiedPolicy(logBucketPolicy(arn, organizationId, [...deliveries(arn, organizationId, managementAccountId, trail), ...reads]));
        });

    // S3 cannot write server access logs to an SSE-KMS bucket, nor to one with an Object Lock
    // default retention: this bucket is SSE-S3, versioned, and only S3 logging may write to it.
    this.accessLogs = new LogBucket(
      `${name}-accesslogs`,
      {
        bucketName: names("accesslogs"),
        encryption: "AES256",
        lifecycle: { expireAfterDays: args.accessLogExpireAfterDays, noncurrentExpireAfterDays: Math.min(30, args.accessLogExpireAfterDays) },
        policy: policy("accesslogs", (arn) => accessLogDelivery({ bucketArn: arn, sourceAccountId: args.accountId, sourceBucketArnPattern: `arn:aws:s3:::${LOG_BUCKET_PREFIX}*` })),
      },
      child,
    );
    const archived = (kind: "cloudtrail" | "config" | "flowlogs", deliveries: Parameters<typeof policy>[1], mode = args.objectLock.mode) =>
      new LogBucket(
        `${name}-${kind}`,
        {
          bucketName: names(kind),
          encryption: { kmsKeyArn: key.arn },
          objectLock: { mode, retentionDays: args.objectLock.retentionDays },
          lifecycle: args.lifecycle,
          accessLogs: { targetBucket: this.accessLogs.bucketName, targetPrefix: `${names(kind)}/` },
          policy: policy(kind, deliveries),
        },
        child,
      );
    this.cloudTrail = archived("cloudtrail", (arn, organizationId, managementAccountId, trail) => cloudTrailDelivery({ bucketArn: arn, trailArn: trail, organizationId, managementAccountId }), "COMPLIANCE");
    // The archive copy: only the replication role writes here (an IAM grant; the bucket policy's denies still hold).
    this.config = archived("config", () => []);
    this.flowLogs = archived("flowlogs", (arn, organizationId) => flowLogDelivery({ bucketArn: arn, organizationId }));

    const replicationRole = new aws.iam.Role(`${name}-config-replication-role`, { name: replicationRoleName, assumeRolePolicy: JSON.stringify(serviceTrustPolicy("s3.amazonaws.com", args.accountId)) }, child);
    const replicationPolicy = new aws.iam.RolePolicy(
      `${name}-config-replication-policy`,
      {
        role: replicationRole.name,
        policy: key.arn.apply((keyArn) => minifiedPolicy(logReplicationRolePolicy({ sourceBucketArn: bucketArn(names("awsconfig")), destinationBucketArn: bucketArn(names("config")), keyArn, region: args.region }))),
      },
      child,
    );
    this.awsConfig = new LogBucket(
      `${name}-awsconfig`,
      {
        bucketName: names("awsconfig"),
        encryption: { kmsKeyArn: key.arn },
        lifecycle: args.lifecycle,
        accessLogs: { targetBucket: this.accessLogs.bucketName, targetPrefix: `${names("awsconfig")}/` },
        policy: policy("awsconfig", (arn, organizationId) => configDelivery({ bucketArn: arn, organizationId })),
        replication: { roleArn: replicationRole.arn, destinationBucketArn: this.config.bucketArn, kmsKeyArn: key.arn, dependsOn: [this.config.versioning, replicationPolicy] },
      },
      child,
    );

    this.registerOutputs({
      keyArn: this.keyArn,
      cloudTrailBucketName: this.cloudTrail.bucketName,
      configBucketName: this.awsConfig.bucketName,
      configArchiveBucketName: this.config.bucketName,
      flowLogBucketName: this.flowLogs.bucketName,
      accessLogBucketName: this.accessLogs.bucketName,
    });
  }
}
