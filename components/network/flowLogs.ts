import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What a flow log watches: a VPC or a Transit Gateway. */
export type FlowLogSource = { readonly vpcId: pulumi.Input<string> } | { readonly transitGatewayId: pulumi.Input<string> };

/**
 * A flow log delivered to the log-archive account's flow-log bucket, as hourly-partitioned Parquet
 * (cheaper to query with Athena than text). S3 rather than CloudWatch Logs: the logs land in the
 * archive account, encrypted with its key, with no log group to keep in each account. Transit
 * Gateway flow logs only take a 60-second aggregation interval; VPCs use the same for consistency.
 */
export function flowLogToS3(name: string, source: FlowLogSource, bucketArn: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.ec2.FlowLog {
  const vpc = "vpcId" in source;
  return new aws.ec2.FlowLog(
    name,
    {
      ...(vpc ? { vpcId: source.vpcId, trafficType: "ALL" } : { transitGatewayId: source.transitGatewayId }),
      logDestinationType: "s3",
      logDestination: bucketArn,
      maxAggregationInterval: 60,
      destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
      tags: { Name: name },
    },
    opts,
  );
}
