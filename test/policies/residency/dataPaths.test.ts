import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { dataPathResidency, dataPathUnverified, s3UrlBucket } from "../../../policies/residency/dataPaths";
import { messages, policyCases, StackFixture, UNKNOWN_VALUE } from "../helpers";

const SYD_BUCKET = "arn:aws:s3:::syd-backup";

/** A stack with a Sydney bucket and an Oregon bucket, for destinations to point at. */
function withBuckets(s: StackFixture): void {
  s.awsProvider("oregon", { region: "us-west-2" });
  s.add(aws.s3.Bucket, "syd-backup", { bucket: "syd-backup" }, { provider: "aws", outputs: { bucket: "syd-backup", arn: SYD_BUCKET } });
  s.add(aws.s3.Bucket, "us-backup", { bucket: "us-backup" }, { provider: "oregon", outputs: { bucket: "us-backup", arn: "arn:aws:s3:::us-backup" } });
}

describe("residency: data paths", () => {
  it("s3UrlBucket reads the bucket of an s3:// URL", () => {
    assert.strictEqual(s3UrlBucket("s3://results/athena/"), "results");
    assert.strictEqual(s3UrlBucket("plain"), "plain");
  });

  describe("Firehose backup destinations", () => {
    const firehose = (backup: string) => ({
      destination: "extended_s3",
      extendedS3Configuration: { bucketArn: SYD_BUCKET, roleArn: "r", s3BackupMode: "Enabled", s3BackupConfiguration: { bucketArn: backup, roleArn: "r" } },
    });
    policyCases(dataPathResidency, aws.kinesis.FirehoseDeliveryStream, firehose(SYD_BUCKET), [
      { title: "a backup bucket in Oregon fails", change: firehose("arn:aws:s3:::us-backup"), expect: /Firehose backup bucket extendedS3Configuration\.s3BackupConfiguration\.bucketArn .* is in us-west-2 \(from us-backup's region\)/ },
      { title: "a backup bucket nobody can locate fails", change: firehose("arn:aws:s3:::nowhere"), expect: /cannot be located/ },
    ], withBuckets);
    const http = (backup: string) => ({ destination: "http_endpoint", httpEndpointConfiguration: { url: "https://in.example.com.au", roleArn: "r", s3Configuration: { bucketArn: backup, roleArn: "r" } } });
    it("a destination block that is a secret fails closed, once per block", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.push("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "to-partner", { destination: "http_endpoint", httpEndpointConfiguration: "[secret]" });
      const m = messages(dataPathResidency, s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /httpEndpointConfiguration is a Pulumi secret, so where it sends data .* cannot be read \(fail closed\)/);
    });
    policyCases(dataPathResidency, aws.kinesis.FirehoseDeliveryStream, http(SYD_BUCKET), [
      { title: "an HTTP destination's failure bucket abroad fails", change: http("arn:aws:s3:::us-backup"), expect: /httpEndpointConfiguration\.s3Configuration\.bucketArn/ },
    ], withBuckets);
  });

  describe("Athena output locations", () => {
    const wg = (outputLocation: string) => ({ configuration: { resultConfiguration: { outputLocation } } });
    policyCases(dataPathResidency, aws.athena.Workgroup, wg("s3://syd-backup/athena/"), [
      { title: "results written to an Oregon bucket fail", change: wg("s3://us-backup/athena/"), expect: /Athena result location configuration\.resultConfiguration\.outputLocation = "s3:\/\/us-backup\/athena\/" is in us-west-2/ },
    ], withBuckets);
    policyCases(dataPathResidency, aws.athena.Database, { name: "db", bucket: "syd-backup" }, [{ title: "a database result bucket abroad fails", change: { bucket: "us-backup" }, expect: /Athena result bucket bucket = "us-backup" is in us-west-2/ }], withBuckets);
  });

  describe("EventBridge API destinations, pipes and schedules", () => {
    policyCases(dataPathResidency, aws.cloudwatch.EventApiDestination, { connectionArn: "c", httpMethod: "POST", invocationEndpoint: "https://abc.execute-api.ap-southeast-2.amazonaws.com/prod" }, [
      { title: "an unlisted external endpoint fails", change: { invocationEndpoint: "https://hooks.example.com/x" }, expect: /external endpoint whose location cannot be verified/ },
      { title: "an endpoint in allowedExternalEndpoints passes", change: { invocationEndpoint: "https://hooks.example.com/x" }, options: { allowedExternalEndpoints: ["https://hooks.example.com/*"] } },
      { title: "an unknown endpoint fails closed", change: { invocationEndpoint: UNKNOWN_VALUE }, expect: /unknown until deployment/ },
    ]);
    policyCases(dataPathResidency, aws.pipes.Pipe, { roleArn: "r", source: "arn:aws:sqs:ap-southeast-2:5:q", target: "arn:aws:sqs:ap-southeast-4:5:q2" }, [
      { title: "a pipe into Frankfurt fails", change: { target: "arn:aws:events:eu-central-1:5:event-bus/b" }, expect: /pipe target target = .* is in eu-central-1 \(from the ARN\)/ },
    ]);
    policyCases(dataPathResidency, aws.scheduler.Schedule, { flexibleTimeWindow: { mode: "OFF" }, scheduleExpression: "rate(1 hour)", target: { arn: "arn:aws:lambda:ap-southeast-2:5:function:f", roleArn: "r" } }, [
      { title: "a schedule targeting Virginia fails", change: { target: { arn: "arn:aws:lambda:us-east-1:5:function:f", roleArn: "r" } }, expect: /schedule target target\.arn/ },
    ]);
  });

  describe("Transfer connectors", () => {
    policyCases(dataPathResidency, aws.transfer.Connector, { accessRole: "r", url: "sftp://s-1234.server.transfer.ap-southeast-2.amazonaws.com" }, [
      { title: "an SFTP partner outside the allow-list fails", change: { url: "sftp://files.partner.example.com" }, expect: /Transfer connector url is "sftp:\/\/files\.partner\.example\.com", an external endpoint/ },
      { title: "a Transfer server in Ireland fails", change: { url: "sftp://s-1.server.transfer.eu-west-1.amazonaws.com" }, expect: /its host names eu-west-1/ },
    ]);
  });

  describe("log delivery destinations", () => {
    policyCases(dataPathResidency, aws.cloudwatch.LogDeliveryDestination, { deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:logs:ap-southeast-2:5:log-group:vended" } }, [
      { title: "a vended-log destination in Ohio fails", change: { deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:logs:us-east-2:5:log-group:vended" } }, expect: /log delivery destination .* is in us-east-2/ },
    ]);
    policyCases(dataPathResidency, aws.ec2.FlowLog, { vpcId: "vpc-1", logDestinationType: "s3", logDestination: SYD_BUCKET }, [
      { title: "flow logs to an Oregon bucket fail", change: { logDestination: "arn:aws:s3:::us-backup/flow" }, expect: /flow log destination logDestination .* is in us-west-2/ },
    ], withBuckets);
    policyCases(dataPathResidency, aws.cfg.DeliveryChannel, { s3BucketName: "syd-backup" }, [
      { title: "Config delivering to an Oregon bucket fails", change: { s3BucketName: "us-backup" }, expect: /Config delivery bucket/ },
      { title: "a topic in another region fails", change: { snsTopicArn: "arn:aws:sns:us-west-2:5:config" }, expect: /Config delivery topic snsTopicArn/ },
    ], withBuckets);
    policyCases(dataPathResidency, aws.cloudwatch.MetricStream, { firehoseArn: "arn:aws:firehose:ap-southeast-2:5:deliverystream/m", outputFormat: "json", roleArn: "r" }, [
      { title: "a metric stream into Virginia fails", change: { firehoseArn: "arn:aws:firehose:us-east-1:5:deliverystream/m" }, expect: /metric stream firehoseArn/ },
    ]);

    it("a log destination nobody can locate is advisory; a Firehose backup bucket nobody can locate fails", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.ec2.FlowLog, "vpc-flow", { vpcId: "vpc-1", logDestinationType: "s3", logDestination: "arn:aws:s3:::archive" });
      assert.deepStrictEqual(messages(dataPathResidency, s.resources), []);
      assert.match(messages(dataPathUnverified, s.resources)[0], /is a log destination outside this stack/);
    });
    it("a destination from another stack's outputs is advisory, and knownLocations settles it", () => {
      const s = new StackFixture();
      s.awsProvider();
      const ref = s.push("pulumi:pulumi:StackReference", "org/landing-zone/log-archive", { name: "org/landing-zone/log-archive" }, { provider: null });
      s.add(aws.ec2.FlowLog, "vpc-flow", { vpcId: "vpc-1", logDestinationType: "s3", logDestination: "arn:aws:s3:::central-logs" }, { propertyDependencies: { logDestination: [ref.urn] } });
      assert.deepStrictEqual(messages(dataPathResidency, s.resources), []);
      assert.match(messages(dataPathUnverified, s.resources)[0], /comes from another stack's outputs, so its region cannot be verified here/);
      const known = { knownLocations: [{ resource: "arn:aws:s3:::central-logs", region: "eu-west-1" }] };
      assert.match(messages(dataPathResidency, s.resources, { config: { policies: { "data-path-residency": known } } })[0], /is in eu-west-1 \(from knownLocations\)/);
      assert.deepStrictEqual(messages(dataPathUnverified, s.resources, { config: { policies: { "data-path-unverified": known } } }), [], "located: no longer unverified");
    });
  });

  describe("migration, exports and other regions", () => {
    policyCases(dataPathResidency, aws.dms.Endpoint, { endpointId: "t", endpointType: "target", engineName: "postgres", serverName: "db.abc.ap-southeast-2.rds.amazonaws.com" }, [
      { title: "a target database in Singapore fails", change: { serverName: "db.abc.ap-southeast-1.rds.amazonaws.com" }, expect: /DMS target serverName .* \(its host names ap-southeast-1\)/ },
      { title: "a source anywhere is not data leaving", change: { endpointType: "source", serverName: "db.abc.ap-southeast-1.rds.amazonaws.com" } },
    ]);
    policyCases(dataPathResidency, aws.rds.ExportTask, { exportTaskIdentifier: "e", iamRoleArn: "r", kmsKeyId: "k", sourceArn: "arn:aws:rds:ap-southeast-2:5:snapshot:s", s3BucketName: "syd-backup" }, [
      { title: "a snapshot export to Oregon fails", change: { s3BucketName: "us-backup" }, expect: /snapshot export bucket/ },
    ], withBuckets);
    policyCases(dataPathResidency, aws.fsx.LustreFileSystem, { subnetIds: "s", importPath: "s3://syd-backup/data" }, [{ title: "a Lustre import from Oregon fails", change: { importPath: "s3://us-backup/data" }, expect: /Lustre import path importPath/ }], withBuckets);
    policyCases(dataPathResidency, aws.ssm.ResourceDataSync, { s3Destination: { bucketName: "syd-backup", region: "ap-southeast-2" } }, [
      { title: "a data sync to London fails", change: { s3Destination: { bucketName: "syd-backup", region: "eu-west-2" } }, expect: /resource data sync: s3Destination\.region is "eu-west-2"/ },
    ], withBuckets);
    policyCases(dataPathResidency, aws.dynamodb.KinesisStreamingDestination, { tableName: "t", streamArn: "arn:aws:kinesis:ap-southeast-2:5:stream/s" }, [
      { title: "a change stream abroad fails", change: { streamArn: "arn:aws:kinesis:us-west-2:5:stream/s" }, expect: /table change stream streamArn/ },
    ]);
    policyCases(dataPathResidency, aws.imagebuilder.DistributionConfiguration, { distributions: [{ region: "ap-southeast-2" }, { region: "ap-southeast-4" }] }, [
      { title: "distributing images to Virginia fails", change: { distributions: [{ region: "ap-southeast-2" }, { region: "us-east-1" }] }, expect: /image distribution: distributions\[1\]\.region is "us-east-1"/ },
    ]);
  });
});
