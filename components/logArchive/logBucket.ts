import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface LogBucketLifecycle {
  /** Days until objects move to S3 Glacier Flexible Retrieval. Default: never. */
  readonly glacierAfterDays?: number;
  /** Days until they move to S3 Glacier Deep Archive. Default: never. */
  readonly deepArchiveAfterDays?: number;
  /** Days until they are deleted. */
  readonly expireAfterDays: number;
  /** Days after a version stops being current until it is deleted. */
  readonly noncurrentExpireAfterDays: number;
}

export interface LogBucketArgs {
  /** The bucket's name, from lib/logArchiveNames.ts (plain: it decides the bucket's identity). */
  readonly bucketName: string;
  /**
   * Default encryption: a customer-managed KMS key, or `"AES256"` (SSE-S3) only for a bucket that
   * receives S3 server access logs, which S3 cannot deliver to an SSE-KMS bucket.
   */
  readonly encryption: { readonly kmsKeyArn: pulumi.Input<string> } | "AES256";
  /** Object Lock default retention. Default none (S3 access logging refuses a target with one). */
  readonly objectLock?: { readonly mode: "GOVERNANCE" | "COMPLIANCE"; readonly retentionDays: number };
  readonly lifecycle: LogBucketLifecycle;
  /** Where this bucket's own S3 access logs go. Default: not logged. */
  readonly accessLogs?: { readonly targetBucket: pulumi.Input<string>; readonly targetPrefix: string };
  /** The bucket policy (JSON), from lib/iam/logBucketPolicy.ts. */
  readonly policy: pulumi.Input<string>;
  /** Replicate every new object version, as it arrives, into another (object-locked) bucket. Default none. */
  readonly replication?: { readonly roleArn: pulumi.Input<string>; readonly destinationBucketArn: pulumi.Input<string>; readonly kmsKeyArn: pulumi.Input<string>; readonly dependsOn?: readonly pulumi.Resource[] };
}

/**
 * One log-archive bucket with every protection as its own resource (the aws 7 split): owner-enforced
 * ownership, public access blocked, versioning, default encryption, Object Lock, lifecycle to cold
 * storage, access logging and a TLS-only, organisation-only policy. The bucket and each of its
 * settings are protected and retained: a log bucket is never deleted or weakened by a config change.
 */
export class LogBucket extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** The bucket resource, for `dependsOn` (a trail waits for its policy, see `policy`). */
  readonly bucket: aws.s3.Bucket;
  readonly bucketPolicy: aws.s3.BucketPolicy;
  /** The versioning resource, for what must wait for it (a replication into this bucket). */
  readonly versioning: aws.s3.BucketVersioning;

  constructor(name: string, args: LogBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:logArchive:LogBucket", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("LogBucket needs an explicit AWS provider (default providers are disabled)", this);
    const lc = args.lifecycle;
    if (args.objectLock && (lc.expireAfterDays < args.objectLock.retentionDays || lc.noncurrentExpireAfterDays < args.objectLock.retentionDays)) {
      throw new pulumi.ResourceError(`lifecycle expiry (${lc.expireAfterDays}/${lc.noncurrentExpireAfterDays} days) is shorter than the Object Lock retention (${args.objectLock.retentionDays} days)`, this);
    }
    const keep = { parent: this, provider, protect: true, retainOnDelete: true };

    this.bucket = new aws.s3.Bucket(`${name}`, { bucket: args.bucketName, objectLockEnabled: args.objectLock !== undefined, forceDestroy: false }, keep);
    const bucket = this.bucket.bucket;
    const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, keep);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      keep,
    );
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, keep);
    this.versioning = versioning;
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          args.encryption === "AES256"
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption.kmsKeyArn }, bucketKeyEnabled: true },
        ],
      },
      keep,
    );
    if (args.objectLock) {
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        { bucket, rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.retentionDays } } },
        { ...keep, dependsOn: [versioning] },
      );
    }
    const transitions = [
      ...(lc.glacierAfterDays !== undefined ? [{ days: lc.glacierAfterDays, storageClass: "GLACIER" }] : []),
      ...(lc.deepArchiveAfterDays !== undefined ? [{ days: lc.deepArchiveAfterDays, storageClass: "DEEP_ARCHIVE" }] : []),
    ];
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        rules: [
          {
            id: "archive-then-expire",
            status: "Enabled",
            filter: {},
            transitions,
            noncurrentVersionTransitions: transitions.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass })).filter((t) => t.noncurrentDays < lc.noncurrentExpireAfterDays),
            expiration: { days: lc.expireAfterDays },
            noncurrentVersionExpiration: { noncurrentDays: lc.noncurrentExpireAfterDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      { ...keep, dependsOn: [versioning] },
    );
    if (args.accessLogs) {
      new aws.s3.BucketLogging(`${name}-access-logging`, { bucket, targetBucket: args.accessLogs.targetBucket, targetPrefix: args.accessLogs.targetPrefix }, keep);
    }
    this.bucketPolicy = new aws.s3.BucketPolicy(`${name}-policy`, { bucket, policy: args.policy }, { ...keep, dependsOn: [publicAccess, ownership] });
    if (args.replication) {
      const r = args.replication;
      // Deletes are not replicated: a delete marker in the source never hides the archived copy.
      new aws.s3.BucketReplicationConfig(
        `${name}-replication`,
        {
          bucket,
          role: r.roleArn,
          rules: [
            {
              id: "write-once-archive",
              status: "Enabled",
              filter: {},
              deleteMarkerReplication: { status: "Disabled" },
              sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
              destination: { bucket: r.destinationBucketArn, encryptionConfiguration: { replicaKmsKeyId: r.kmsKeyArn } },
            },
          ],
        },
        { ...keep, dependsOn: [versioning, ...(r.dependsOn ?? [])] },
      );
    }

    this.bucketName = bucket;
    this.bucketArn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
