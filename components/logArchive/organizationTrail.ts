import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface OrganizationTrailArgs {
  /** The trail's name; the key and bucket policies name its ARN. */
  readonly trailName: string;
  /** The log-archive CloudTrail bucket. */
  readonly bucketName: pulumi.Input<string>;
  /** The log-archive key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** What the trail must wait for: the bucket policy (CloudTrail checks it on creation). */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** S3 object-level (data) events are recorded for buckets whose ARN starts with one of these. Default none. */
  readonly dataEventBucketArnPrefixes?: readonly string[];
  /** CloudWatch Logs delivery (components/logArchive/trailAlerting.ts): the log group ARN ending `:*`, and the role CloudTrail assumes. */
  readonly cloudWatchLogs?: { readonly groupArn: pulumi.Input<string>; readonly roleArn: pulumi.Input<string> };
}

/**
 * Management events of every account and Region, plus S3 data events (reads, writes, deletes of
 * objects) on the tenant and log buckets only: every access to tenant data and to the audit trail
 * itself is recorded, without paying for data events of every bucket.
 */
export function trailEventSelectors(prefixes: readonly string[]): { name: string; fieldSelectors: { field: string; equals?: string[]; startsWith?: string[] }[] }[] {
  const selectors: { name: string; fieldSelectors: { field: string; equals?: string[]; startsWith?: string[] }[] }[] = [{ name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }];
  if (prefixes.length) {
    selectors.push({
      name: "S3 data events on tenant and log buckets",
      fieldSelectors: [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: ["AWS::S3::Object"] },
        { field: "resources.ARN", startsWith: [...prefixes] },
      ],
    });
  }
  return selectors;
}

/**
 * The organisation trail: every account of the organisation, every region, global service events,
 * log file validation, encrypted with the log-archive key. Created from the log-archive account as
 * CloudTrail's delegated administrator (registered by the management stack); AWS records it as
 * owned by the management account.
 */
export class OrganizationTrail extends pulumi.ComponentResource {
  readonly trailArn: pulumi.Output<string>;

  constructor(name: string, args: OrganizationTrailArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:logArchive:OrganizationTrail", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("OrganizationTrail needs an explicit AWS provider (default providers are disabled)", this);
    const trail = new aws.cloudtrail.Trail(
      `${name}`,
      {
        name: args.trailName,
        s3BucketName: args.bucketName,
        kmsKeyId: args.kmsKeyArn,
        isOrganizationTrail: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        advancedEventSelectors: trailEventSelectors(args.dataEventBucketArnPrefixes ?? []),
        ...(args.cloudWatchLogs ? { cloudWatchLogsGroupArn: args.cloudWatchLogs.groupArn, cloudWatchLogsRoleArn: args.cloudWatchLogs.roleArn } : {}),
      },
      { parent: this, provider, protect: true, retainOnDelete: true, dependsOn: [...(args.dependsOn ?? [])] },
    );
    this.trailArn = trail.arn;
    this.registerOutputs({ trailArn: this.trailArn });
  }
}
