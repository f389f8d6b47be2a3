import * as pulumi from "@pulumi/pulumi";
import { LogArchive } from "../components/logArchive/logArchive";
import { OrganizationTrail } from "../components/logArchive/organizationTrail";
import { TrailAlerting } from "../components/logArchive/trailAlerting";
import { LogArchiveConfig } from "../config";
import { LOG_BUCKET_PREFIX } from "../lib/logArchiveNames";
import { TENANT_BUCKET_PREFIX } from "../lib/tenants/names";
import { accountBaseline } from "./baseline";
import { StackContext } from "./context";

/**
 * The log-archive role: the log key and buckets, and the organisation trail. The trail is created
 * here, as CloudTrail's delegated administrator (registered by the management stack), because it
 * needs this stack's bucket and key and the management stack must not read this one: the
 * dependency runs one way, management -> log-archive, and this stack reads the organisation id and
 * the management account from the management stack's outputs.
 */
export async function logArchive(ctx: StackContext<LogArchiveConfig>): Promise<Record<string, unknown>> {
  const { cfg } = ctx;
  const opts = { provider: ctx.aws };
  const management = ctx.ref("management");
  const organizationId = management.requireOutput("organizationId") as pulumi.Output<string>;
  const managementAccountId = management.requireOutput("managementAccountId") as pulumi.Output<string>;
  const securityAccountId = management.requireOutput("securityAccountId") as pulumi.Output<string>;
  const la = cfg.logArchive;

  const archive = new LogArchive(
    "log-archive",
    {
      accountId: cfg.account.id,
      region: cfg.account.region,
      organizationId,
      managementAccountId,
      securityAccountId,
      trailName: la.trailName,
      objectLock: la.objectLock,
      lifecycle: la.lifecycle,
      accessLogExpireAfterDays: la.accessLogExpireAfterDays,
      keyDeletionWindowDays: la.keyDeletionWindowDays,
    },
    opts,
  );
  // In this account, not the management account: CloudTrail delivers only to a log group of the
  // account that configures the trail, and the delegated administrator configures it by API.
  const alerting = new TrailAlerting(
    "organization-trail-alerting",
    {
      accountId: cfg.account.id,
      region: cfg.account.region,
      organizationId,
      managementAccountId,
      retentionDays: la.cloudWatchLogsRetentionDays,
      keyDeletionWindowDays: la.keyDeletionWindowDays,
    },
    opts,
  );
  const trail = new OrganizationTrail(
    "organization-trail",
    {
      trailName: la.trailName,
      bucketName: archive.cloudTrail.bucketName,
      kmsKeyArn: archive.keyArn,
      dependsOn: [archive.cloudTrail.bucketPolicy, ...alerting.deliveryReady],
      cloudWatchLogs: { groupArn: alerting.cloudWatchLogsGroupArn, roleArn: alerting.cloudWatchLogsRoleArn },
      // Tenant buckets (lib/tenants/names.ts) and the log buckets (lib/logArchiveNames.ts), in every account.
      dataEventBucketArnPrefixes: [`arn:aws:s3:::${TENANT_BUCKET_PREFIX}`, `arn:aws:s3:::${LOG_BUCKET_PREFIX}`],
    },
    opts,
  );
  accountBaseline(ctx, { configDelivery: { bucketName: archive.awsConfig.bucketName, kmsKeyArn: archive.keyArn, dependsOn: [archive.awsConfig.bucketPolicy] } });

  return {
    accountId: cfg.account.id,
    region: cfg.account.region,
    organizationId,
    logKeyArn: archive.keyArn,
    cloudTrailBucketName: archive.cloudTrail.bucketName,
    cloudTrailBucketArn: archive.cloudTrail.bucketArn,
    configBucketName: archive.awsConfig.bucketName,
    configBucketArn: archive.awsConfig.bucketArn,
    configArchiveBucketName: archive.config.bucketName,
    configArchiveBucketArn: archive.config.bucketArn,
    flowLogBucketName: archive.flowLogs.bucketName,
    flowLogBucketArn: archive.flowLogs.bucketArn,
    accessLogBucketName: archive.accessLogs.bucketName,
    organizationTrailArn: trail.trailArn,
    trailAlarmTopicArn: alerting.topicArn,
  };
}
