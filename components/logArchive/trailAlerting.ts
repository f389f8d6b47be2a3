import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { minifiedPolicy } from "../../lib/iam/policyDocument";
import { TrailAlertingInput, trailAlertKeyPolicy, trailAlertTopicPolicy, trailDeliveryRolePolicy, trailDeliveryTrustPolicy } from "../../lib/iam/trailAlerting";
import { TRAIL_ALARM_NAMESPACE, TRAIL_ALARMS } from "../../lib/observability/trailAlarms";

export interface TrailAlertingArgs {
  /** The log-archive account (CloudTrail's delegated administrator), where the log group must be. */
  readonly accountId: string;
  /** The trail's home region (the log group must be in it). */
  readonly region: string;
  readonly organizationId: pulumi.Input<string>;
  readonly managementAccountId: pulumi.Input<string>;
  /** Days CloudWatch Logs keeps the trail's events (the S3 archive keeps them for years). */
  readonly retentionDays: number;
  readonly keyDeletionWindowDays?: number;
}

export const TRAIL_LOG_GROUP_NAME = "/lz/organization-trail";
export const TRAIL_DELIVERY_ROLE_NAME = "lz-organization-trail-cloudwatch";

/**
 * The organisation trail's CloudWatch Logs delivery and its alarms: a KMS-encrypted log group kept
 * for `retentionDays`, the role CloudTrail assumes to write to it, one metric filter and alarm per
 * CIS monitoring control, and the encrypted topic the alarms notify. All in the log-archive account:
 * CloudTrail delivers only to a log group of the account that configures the trail.
 */
export class TrailAlerting extends pulumi.ComponentResource {
  /** The value of the trail's `cloudWatchLogsGroupArn`: the log group ARN with the `:*` CloudTrail requires. */
  readonly cloudWatchLogsGroupArn: pulumi.Output<string>;
  readonly cloudWatchLogsRoleArn: pulumi.Output<string>;
  readonly topicArn: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  /** What the trail must wait for: CreateTrail checks the role can write (InvalidCloudWatchLogsRoleArnException). */
  readonly deliveryReady: pulumi.Resource[];

  constructor(name: string, args: TrailAlertingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:logArchive:TrailAlerting", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("TrailAlerting needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };
    const keep = { ...child, protect: true, retainOnDelete: true };
    const input = pulumi.all([args.organizationId, args.managementAccountId]).apply(
      ([organizationId, managementAccountId]): TrailAlertingInput => ({
        accountId: args.accountId,
        region: args.region,
        organizationId,
        managementAccountId,
        logGroupName: TRAIL_LOG_GROUP_NAME,
      }),
    );

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "Encrypts the organisation trail's CloudWatch Logs copy and its alarm topic",
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: args.keyDeletionWindowDays ?? 30,
        policy: input.apply((p) => minifiedPolicy(trailAlertKeyPolicy(p))),
      },
      keep,
    );
    new aws.kms.Alias(`${name}-key-alias`, { name: "alias/lz-trail-alerts", targetKeyId: key.keyId }, child);

    // CloudWatch Logs checks the key policy when the group is created with kmsKeyId.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-log-group`,
      { name: TRAIL_LOG_GROUP_NAME, retentionInDays: args.retentionDays, kmsKeyId: key.arn },
      keep,
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: TRAIL_DELIVERY_ROLE_NAME,
        description: "Assumed by CloudTrail to deliver the organisation trail to CloudWatch Logs",
        assumeRolePolicy: minifiedPolicy(trailDeliveryTrustPolicy()),
      },
      child,
    );
    const rolePolicy = new aws.iam.RolePolicy(`${name}-role-policy`, { role: role.name, policy: input.apply((p) => minifiedPolicy(trailDeliveryRolePolicy(p))) }, child);

    const topic = new aws.sns.Topic(`${name}-topic`, { name: "lz-organization-trail-alarms", kmsMasterKeyId: key.arn }, child);
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      { arn: topic.arn, policy: topic.arn.apply((topicArn) => minifiedPolicy(trailAlertTopicPolicy({ accountId: args.accountId, region: args.region, topicArn }))) },
      child,
    );

    for (const a of TRAIL_ALARMS) {
      const metricName = a.id;
      new aws.cloudwatch.LogMetricFilter(
        `${name}-${a.id}`,
        {
          name: `lz-${a.id}`,
          logGroupName: logGroup.name,
          pattern: a.pattern,
          metricTransformation: { name: metricName, namespace: TRAIL_ALARM_NAMESPACE, value: "1", defaultValue: "0" },
        },
        child,
      );
      new aws.cloudwatch.MetricAlarm(
        `${name}-${a.id}-alarm`,
        {
          name: `lz-${a.id}`,
          alarmDescription: `${a.description} (${a.control}), anywhere in the organisation`,
          namespace: TRAIL_ALARM_NAMESPACE,
          metricName,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [topic.arn],
        },
        child,
      );
    }

    this.cloudWatchLogsGroupArn = pulumi.interpolate`${logGroup.arn}:*`;
    this.cloudWatchLogsRoleArn = role.arn;
    this.topicArn = topic.arn;
    this.keyArn = key.arn;
    this.deliveryReady = [logGroup, rolePolicy];
    this.registerOutputs({ cloudWatchLogsGroupArn: this.cloudWatchLogsGroupArn, cloudWatchLogsRoleArn: this.cloudWatchLogsRoleArn, topicArn: this.topicArn });
  }
}
