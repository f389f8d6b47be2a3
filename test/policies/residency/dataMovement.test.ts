import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { copyResidency } from "../../../policies/residency/copies";
import { deliveryResidency } from "../../../policies/residency/delivery";
import { apiGatewayEndpointResidency, cloudfrontResidency, regionalSettingsResidency } from "../../../policies/residency/edge";
import { kmsMultiRegionKeys, kmsReplicaResidency, replicaResidency } from "../../../policies/residency/keysAndReplicas";
import { dynamodbResidency, s3ReplicationResidency } from "../../../policies/residency/storageReplication";
import { cloudflareRegionalHostnames } from "../../../policies/residency/cloudflare";
import { messages, policyCases, StackFixture, UNKNOWN_VALUE } from "../helpers";

function replication(destRegion: string | undefined, destArn = "arn:aws:s3:::replica"): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  s.awsProvider("other", { region: destRegion });
  s.add(aws.s3.Bucket, "source", { bucket: "source" });
  s.add(aws.s3.Bucket, "replica", { bucket: "replica" }, { provider: "other", outputs: { bucket: "replica", arn: "arn:aws:s3:::replica" } });
  s.add(aws.s3.BucketReplicationConfig, "source-replication", { bucket: "source", role: "r", rules: [{ status: "Enabled", destination: { bucket: destArn } }] });
  return s;
}

describe("residency: data movement", () => {
  describe("s3-replication-residency", () => {
    it("replication to a bucket in Melbourne passes (the ARN has no region: the bucket is resolved)", () => {
      assert.deepStrictEqual(messages(s3ReplicationResidency, replication("ap-southeast-4").resources), []);
    });
    it("replication to a bucket in another region fails, naming the region", () => {
      const m = messages(s3ReplicationResidency, replication("us-west-2").resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /replication destination bucket rules\[0\]\.destination\.bucket = "arn:aws:s3:::replica" is in us-west-2 \(from replica's region\)/);
    });
    it("a bucket outside the stack fails unless declared in knownLocations", () => {
      const s = replication("ap-southeast-4", "arn:aws:s3:::elsewhere");
      assert.match(messages(s3ReplicationResidency, s.resources)[0], /cannot be located.*knownLocations/);
      const cfg = { policies: { "s3-replication-residency": { knownLocations: [{ resource: "arn:aws:s3:::elsewhere", region: "ap-southeast-2" }] } } };
      assert.deepStrictEqual(messages(s3ReplicationResidency, s.resources, { config: cfg }), []);
    });
    it("an unknown destination is followed through propertyDependencies", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.awsProvider("oregon", { region: "us-west-2" });
      const dest = s.add(aws.s3.Bucket, "replica", {}, { provider: "oregon" });
      s.add(aws.s3.BucketReplicationConfig, "rep", { bucket: "source", role: "r", rules: [{ status: "Enabled", destination: { bucket: UNKNOWN_VALUE } }] }, { propertyDependencies: { rules: [dest.urn] } });
      assert.match(messages(s3ReplicationResidency, s.resources)[0], /is in us-west-2 \(from replica's region\)/);
    });
  });

  describe("dynamodb-residency", () => {
    policyCases(dynamodbResidency, aws.dynamodb.Table, { hashKey: "id", replicas: [{ regionName: "ap-southeast-4" }] }, [
      { title: "a replica abroad fails", change: { replicas: [{ regionName: "ap-southeast-4" }, { regionName: "eu-west-1" }] }, expect: /replica of subject: replicas\[1\]\.regionName is "eu-west-1", outside ap-southeast-2, ap-southeast-4/ },
      { title: "an unknown replica region fails closed", change: { replicas: [{ regionName: UNKNOWN_VALUE }] }, expect: /fail closed/ },
    ]);
  });

  describe("copy-residency", () => {
    policyCases(copyResidency, aws.rds.SnapshotCopy, { sourceDbSnapshotIdentifier: "s", destinationRegion: "ap-southeast-4" }, [{ title: "a copy to us-east-1 fails", change: { destinationRegion: "us-east-1" }, expect: /destinationRegion is "us-east-1"/ }]);
    policyCases(copyResidency, aws.ebs.SnapshotCopy, { sourceRegion: "ap-southeast-2", sourceSnapshotId: "snap" }, [{ title: "a copy from Singapore fails", change: { sourceRegion: "ap-southeast-1" }, expect: /sourceRegion is "ap-southeast-1"/ }]);
    policyCases(copyResidency, aws.rds.Instance, { instanceClass: "db.t4g.micro", replicateSourceDb: "primary" }, [
      { title: "a cross-region replica source (ARN) abroad fails", change: { replicateSourceDb: "arn:aws:rds:us-east-1:5:db:primary" }, expect: /replica source replicateSourceDb .* is in us-east-1 \(from the ARN\)/ },
    ]);
    policyCases(copyResidency, aws.backup.Plan, { rules: [{ ruleName: "daily", targetVaultName: "v", copyActions: [{ destinationVaultArn: "arn:aws:backup:ap-southeast-4:5:backup-vault:dr" }] }] }, [
      { title: "a copy action to Virginia fails", change: { rules: [{ ruleName: "daily", targetVaultName: "v", copyActions: [{ destinationVaultArn: "arn:aws:backup:us-east-1:5:backup-vault:dr" }] }] }, expect: /backup copy vault rules\[0\]\.copyActions\[0\]\.destinationVaultArn/ },
    ]);
  });

  describe("kms", () => {
    policyCases(kmsReplicaResidency, aws.kms.ReplicaKey, { primaryKeyArn: "arn:aws:kms:ap-southeast-2:5:key/mrk-1" }, [{ title: "a primary abroad fails", change: { primaryKeyArn: "arn:aws:kms:eu-west-1:5:key/mrk-1" }, expect: /primary key primaryKeyArn .* is in eu-west-1/ }]);
    it("kms-multi-region-keys: a multi-region key with no replica in the stack is reported (advisory)", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.kms.Key, "mrk", { multiRegion: true, enableKeyRotation: true }, { outputs: { arn: "arn:aws:kms:ap-southeast-2:5:key/mrk-1" } });
      assert.match(messages(kmsMultiRegionKeys, s.resources)[0], /multiRegion is true but no replica of mrk is declared/);
      s.awsProvider("melbourne", { region: "ap-southeast-4" });
      s.add(aws.kms.ReplicaKey, "mrk-melb", { primaryKeyArn: "arn:aws:kms:ap-southeast-2:5:key/mrk-1" }, { provider: "melbourne" });
      assert.deepStrictEqual(messages(kmsMultiRegionKeys, s.resources), []);
    });
  });

  describe("replica-residency", () => {
    policyCases(replicaResidency, aws.secretsmanager.Secret, { replicas: [{ region: "ap-southeast-4" }] }, [{ title: "a secret replica in Oregon fails", change: { replicas: [{ region: "us-west-2" }] }, expect: /replicas\[0\]\.region is "us-west-2"/ }]);
    policyCases(replicaResidency, aws.ec2.VpcPeeringConnection, { peerVpcId: "vpc-1" }, [{ title: "a peer in Tokyo fails", change: { peerRegion: "ap-northeast-1" }, expect: /peerRegion is "ap-northeast-1"/ }]);
    policyCases(replicaResidency, aws.ecr.ReplicationConfiguration, { replicationConfiguration: { rules: [{ destinations: [{ region: "ap-southeast-4", registryId: "5" }] }] } }, [
      { title: "ECR replication abroad fails", change: { replicationConfiguration: { rules: [{ destinations: [{ region: "eu-west-2", registryId: "5" }] }] } }, expect: /destinations\[0\]\.region is "eu-west-2"/ },
    ]);
    policyCases(replicaResidency, aws.efs.ReplicationConfiguration, { sourceFileSystemId: "fs-1", destination: { region: "ap-southeast-4" } }, [{ title: "EFS replication abroad fails", change: { destination: { region: "us-east-2" } }, expect: /destination.region is "us-east-2"/ }]);
  });

  describe("delivery-residency", () => {
    it("a subscription filter to a stream in Sydney passes; an SNS e-mail subscription needs the allow-list", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.cloudwatch.LogSubscriptionFilter, "sub", { logGroup: "g", filterPattern: "", destinationArn: "arn:aws:kinesis:ap-southeast-2:5:stream/s" });
      s.add(aws.sns.TopicSubscription, "mail", { topic: "t", protocol: "email", endpoint: "ops@example.com" });
      const m = messages(deliveryResidency, s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /"ops@example.com", an external endpoint whose location cannot be verified/);
      const cfg = { policies: { "delivery-residency": { allowedExternalEndpoints: ["*@example.com"] } } };
      assert.deepStrictEqual(messages(deliveryResidency, s.resources, { config: cfg }), []);
    });
    it("a Firehose HTTP endpoint abroad and a trail bucket abroad fail", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.awsProvider("virginia", { region: "us-east-1" });
      s.add(aws.s3.Bucket, "trail-bucket", { bucket: "trail-bucket" }, { provider: "virginia" });
      s.add(aws.cloudtrail.Trail, "trail", { s3BucketName: "trail-bucket" });
      s.add(aws.kinesis.FirehoseDeliveryStream, "fh", { destination: "http_endpoint", httpEndpointConfiguration: { url: "https://intake.example.io/v1", s3Configuration: { bucketArn: "b", roleArn: "r" } } });
      const m = messages(deliveryResidency, s.resources);
      assert.strictEqual(m.length, 2);
      assert.match(m.join("\n"), /trail bucket s3BucketName = "trail-bucket" is in us-east-1/);
      assert.match(m.join("\n"), /httpEndpointConfiguration.url is "https:\/\/intake.example.io\/v1"/);
    });
  });

  describe("cloudfront-residency", () => {
    const base = { enabled: true, defaultCacheBehavior: { targetOriginId: "o", viewerProtocolPolicy: "https-only", allowedMethods: [], cachedMethods: [] }, restrictions: { geoRestriction: { restrictionType: "none" } }, viewerCertificate: { cloudfrontDefaultCertificate: true } };
    policyCases(cloudfrontResidency, aws.cloudfront.Distribution, { ...base, origins: [{ originId: "o", domainName: "app.ap-southeast-2.elb.amazonaws.com" }] }, [
      { title: "an origin in Oregon fails", change: { origins: [{ originId: "o", domainName: "app.us-west-2.elb.amazonaws.com" }] }, expect: /origin origins\[0\]\.domainName = "app.us-west-2.elb.amazonaws.com" is in us-west-2/ },
      { title: "Origin Shield outside Australia fails", change: { origins: [{ originId: "o", domainName: "app.ap-southeast-2.elb.amazonaws.com", originShield: { enabled: true, originShieldRegion: "us-east-1" } }] }, expect: /originShieldRegion is "us-east-1"/ },
      { title: "a non-AWS origin needs the allow-list", change: { origins: [{ originId: "o", domainName: "origin.example.com" }] }, expect: /not an AWS regional host/ },
      { title: "an allow-listed origin host passes", change: { origins: [{ originId: "o", domainName: "origin.example.com" }] }, options: { allowedOriginHosts: ["*.example.com"] } },
    ]);
  });

  describe("api-gateway-endpoint-residency", () => {
    policyCases(apiGatewayEndpointResidency, aws.apigateway.RestApi, { endpointConfiguration: { types: "REGIONAL" } }, [
      { title: "omitted = EDGE fails", change: { endpointConfiguration: undefined }, expect: /endpointConfiguration.types is not set \(EDGE, the default\)/ },
      { title: "EDGE fails", change: { endpointConfiguration: { types: "EDGE" } }, expect: /types is "EDGE"/ },
    ]);
    policyCases(apiGatewayEndpointResidency, aws.apigateway.DomainName, { domainName: "api.example.com", regionalCertificateArn: "c", endpointConfiguration: { types: "REGIONAL" } }, [
      { title: "an edge certificate fails", change: { certificateArn: "arn:aws:acm:us-east-1:5:certificate/x" }, expect: /certificateArn is set, which makes this an edge-optimised domain/ },
    ]);
  });

  describe("regional-settings-residency", () => {
    policyCases(regionalSettingsResidency, aws.cfg.ConfigurationAggregator, { organizationAggregationSource: { roleArn: "r", regions: ["ap-southeast-2", "ap-southeast-4"] } }, [
      { title: "allRegions fails", change: { organizationAggregationSource: { roleArn: "r", allRegions: true } }, expect: /allRegions is true/ },
      { title: "a foreign region fails", change: { organizationAggregationSource: { roleArn: "r", regions: ["us-east-1"] } }, expect: /regions\[0\] is "us-east-1"/ },
    ]);
    policyCases(regionalSettingsResidency, aws.notifications.NotificationHub, { notificationHubRegion: "ap-southeast-2" }, [{ title: "a hub in Virginia fails", change: { notificationHubRegion: "us-east-1" }, expect: /notificationHubRegion is "us-east-1"/ }]);
    policyCases(regionalSettingsResidency, aws.bedrock.InferenceProfile, { modelSource: { copyFrom: "arn:aws:bedrock:ap-southeast-2:5:inference-profile/au.anthropic.claude" } }, [
      { title: "a global profile fails", change: { modelSource: { copyFrom: "arn:aws:bedrock:ap-southeast-2:5:inference-profile/global.anthropic.claude" } }, expect: /global profile/ },
    ]);
  });

  describe("cloudflare-regional-hostnames", () => {
    function zone(regionKey: string | undefined, localiseAll = false): StackFixture {
      const s = new StackFixture();
      s.provider("pulumi:providers:cloudflare", "cf", {});
      s.push("cloudflare:index/zone:Zone", "example", { account: { id: "a" }, name: "example.com" }, { id: "zone-1" });
      s.push("cloudflare:index/dnsRecord:DnsRecord", "app", { zoneId: "zone-1", name: "app.example.com", type: "CNAME", ttl: 1, proxied: true, content: "t.cfargotunnel.com" });
      s.push("cloudflare:index/dnsRecord:DnsRecord", "mail", { zoneId: "zone-1", name: "mail", type: "A", ttl: 1, proxied: false, content: "10.0.0.1" });
      if (regionKey) s.push("cloudflare:index/regionalHostname:RegionalHostname", "app-au", { zoneId: "zone-1", hostname: "app.example.com", regionKey });
      void localiseAll;
      return s;
    }
    it("a proxied record with an au regional hostname passes", () => assert.deepStrictEqual(messages(cloudflareRegionalHostnames, zone("au").resources), []));
    it("a regional hostname outside au fails", () => assert.match(messages(cloudflareRegionalHostnames, zone("us").resources)[0], /regionKey is "us"; set regionKey to "au"/));
    it("with localisation on for every zone, a proxied record without a regional hostname fails", () => {
      const s = zone(undefined);
      assert.deepStrictEqual(messages(cloudflareRegionalHostnames, s.resources), []);
      const m = messages(cloudflareRegionalHostnames, s.resources, { config: { policies: { "cloudflare-regional-hostnames": { cloudflareDataLocalisation: true } } } });
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /proxied record "app.example.com" has no regional hostname/);
    });
  });
});
