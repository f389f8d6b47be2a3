import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { glueEncryption } from "../../../policies/encryption/analytics";
import { cmkRecommended } from "../../../policies/encryption/cmk";
import { lambdaEnvironmentEncryption } from "../../../policies/encryption/compute";
import { ebsEncryption } from "../../../policies/encryption/ebs";
import { serviceEncryption } from "../../../policies/encryption/services";
import { memorydbAuthentication, serviceTransitEncryption, targetGroupPlaintext } from "../../../policies/encryption/serviceTls";
import { snapshotEncryption, snapshotEncryptionUnverified } from "../../../policies/encryption/snapshots";
import { messages, policyCases, StackFixture, UNKNOWN_VALUE } from "../helpers";

const KEY = "arn:aws:kms:ap-southeast-2:555555555555:key/abcd";
const EMR_OK = JSON.stringify({ EncryptionConfiguration: { EnableAtRestEncryption: true, EnableInTransitEncryption: true } });

describe("encryption: services from the coverage table", () => {
  describe("service-encryption", () => {
    policyCases(serviceEncryption, aws.workspaces.Workspace, { bundleId: "b", directoryId: "d", userName: "u", rootVolumeEncryptionEnabled: true, userVolumeEncryptionEnabled: true, volumeEncryptionKey: KEY }, [
      { title: "an unencrypted root volume fails", change: { rootVolumeEncryptionEnabled: undefined }, expect: /rootVolumeEncryptionEnabled is not set/ },
      { title: "an unencrypted user volume fails", change: { userVolumeEncryptionEnabled: false }, expect: /userVolumeEncryptionEnabled is false/ },
    ]);
    policyCases(serviceEncryption, aws.apigateway.MethodSettings, { restApi: "api", stageName: "prod", methodPath: "*/*", settings: { cachingEnabled: true, cacheDataEncrypted: true } }, [
      { title: "a cache without encryption fails", change: { settings: { cachingEnabled: true } }, expect: /settings\.cacheDataEncrypted is not set/ },
      { title: "no caching needs no cache encryption", change: { settings: { cachingEnabled: false } } },
      { title: "caching unknown at preview fails closed without encryption", change: { settings: { cachingEnabled: UNKNOWN_VALUE } }, expect: /cacheDataEncrypted/ },
    ]);
    const exec = (log: Record<string, unknown>) => ({ configuration: { executeCommandConfiguration: { kmsKeyId: KEY, logging: "OVERRIDE", logConfiguration: log } } });
    policyCases(serviceEncryption, aws.ecs.Cluster, exec({ s3BucketName: "exec-logs", s3BucketEncryptionEnabled: true, cloudWatchLogGroupName: "exec", cloudWatchEncryptionEnabled: true }), [
      { title: "an ECS Exec S3 log without encryption fails", change: exec({ s3BucketName: "exec-logs" }), expect: /s3BucketEncryptionEnabled is not set/ },
      { title: "an ECS Exec log group without encryption fails", change: exec({ cloudWatchLogGroupName: "exec", cloudWatchEncryptionEnabled: false }), expect: /cloudWatchEncryptionEnabled is false/ },
      { title: "a cluster without ECS Exec logging passes", change: { configuration: undefined } },
    ]);
    policyCases(serviceEncryption, aws.imagebuilder.ImageRecipe, { name: "r", parentImage: "ami", version: "1.0.0", components: [], blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY } }] }, [
      { title: "an image volume without encryption fails", change: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8 } }] }, expect: /blockDeviceMappings\[0\]\.ebs\.encrypted is not set/ },
    ]);
    const dlm = (encrypted: boolean) => ({ description: "d", executionRoleArn: "r", policyDetails: { schedules: [{ name: "s", createRule: { interval: 24 }, retainRule: { count: 7 }, crossRegionCopyRules: [{ target: "ap-southeast-4", encrypted, cmkArn: KEY }] }] } });
    policyCases(serviceEncryption, aws.dlm.LifecyclePolicy, dlm(true), [{ title: "an unencrypted cross-region copy fails", change: dlm(false), expect: /crossRegionCopyRules\[0\]\.encrypted is false/ }]);
    policyCases(serviceEncryption, aws.emr.SecurityConfiguration, { configuration: EMR_OK }, [
      { title: "at-rest encryption off fails", change: { configuration: JSON.stringify({ EncryptionConfiguration: { EnableAtRestEncryption: false, EnableInTransitEncryption: true } }) }, expect: /EnableAtRestEncryption is false/ },
      { title: "a document unknown at preview is judged at update", change: { configuration: UNKNOWN_VALUE } },
    ]);
    policyCases(serviceEncryption, aws.ec2.Ami, { name: "golden", rootDeviceName: "/dev/xvda", ebsBlockDevices: [{ deviceName: "/dev/xvda", snapshotId: "snap-1", encrypted: true }] }, [
      { title: "a device registered unencrypted fails", change: { ebsBlockDevices: [{ deviceName: "/dev/xvda", snapshotId: "snap-1" }] }, expect: /ebsBlockDevices\[0\]\.encrypted is not set/ },
    ]);
    policyCases(serviceEncryption, aws.emr.Cluster, { releaseLabel: "emr-7.0.0", serviceRole: "r", securityConfiguration: "sc" }, [{ title: "a cluster without a security configuration fails", change: { securityConfiguration: undefined }, expect: /securityConfiguration is not set/ }]);
  });

  describe("lambda-environment-encryption: a secret environment", () => {
    policyCases(lambdaEnvironmentEncryption, aws.lambda.Function, { role: "r", environment: "[secret]" as never, kmsKeyArn: KEY }, [
      { title: "without a key it fails: the variables are there even if unreadable", change: { kmsKeyArn: undefined }, expect: /environment is set \(a secret, so its variables cannot be listed\) and kmsKeyArn is not set/ },
    ]);
  });

  describe("glue-encryption: development endpoints", () => {
    policyCases(glueEncryption, aws.glue.DevEndpoint, { roleArn: "r", securityConfiguration: "sc" }, [{ title: "no security configuration fails", change: { securityConfiguration: undefined }, expect: /development endpoint writes unencrypted/ }]);
  });

  describe("service-transit-encryption", () => {
    policyCases(serviceTransitEncryption, aws.dms.Endpoint, { endpointId: "e", endpointType: "target", engineName: "postgres", sslMode: "verify-full" }, [
      { title: "sslMode omitted (none) fails", change: { sslMode: undefined }, expect: /sslMode is not set.*"verify-full"/ },
      { title: 'sslMode "none" fails', change: { sslMode: "none" }, expect: /sslMode is "none"/ },
      { title: "an S3 engine has no sslMode to set", change: { engineName: "s3", sslMode: undefined } },
      { title: "Redis in plaintext fails", change: { engineName: "redis", redisSettings: { authType: "none", port: 6379, serverName: "r", sslSecurityProtocol: "plaintext" } }, expect: /redisSettings\.sslSecurityProtocol is "plaintext"/ },
      { title: "Kafka without TLS fails (plaintext default)", change: { engineName: "kafka", kafkaSettings: { broker: "b:9092" } }, expect: /kafkaSettings\.securityProtocol is not set/ },
    ]);
    policyCases(serviceTransitEncryption, aws.appsync.ApiCache, { apiId: "a", apiCachingBehavior: "FULL_REQUEST_CACHING", ttl: 60, type: "SMALL", atRestEncryptionEnabled: true, transitEncryptionEnabled: true }, [
      { title: "transit encryption off fails", change: { transitEncryptionEnabled: undefined }, expect: /transitEncryptionEnabled is not set/ },
    ]);
    const msk = (encryptionType?: string) => ({
      capacity: { provisionedCapacity: { workerCount: 1 } },
      connectorConfiguration: {},
      kafkaCluster: { apacheKafkaCluster: { bootstrapServers: "b:9094", vpc: { securityGroups: [], subnets: [] } } },
      kafkaClusterClientAuthentication: { authenticationType: "NONE" },
      kafkaClusterEncryptionInTransit: encryptionType ? { encryptionType } : {},
      kafkaconnectVersion: "2.7.1",
      plugins: [],
      serviceExecutionRoleArn: "r",
    });
    policyCases(serviceTransitEncryption, aws.mskconnect.Connector, msk("TLS"), [{ title: "PLAINTEXT (the default) fails", change: msk(), expect: /encryptionType is not set.*PLAINTEXT/ }]);
    policyCases(serviceTransitEncryption, aws.glue.Connection, { connectionType: "JDBC", connectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db:5432/x", JDBC_ENFORCE_SSL: "true" } }, [
      { title: "JDBC without enforced SSL fails", change: { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db:5432/x" } }, expect: /JDBC_ENFORCE_SSL is not set/ },
      { title: "a secret (unreadable) property map is not judged", change: { connectionProperties: "[secret]" } },
    ]);
    policyCases(serviceTransitEncryption, aws.transfer.Connector, { accessRole: "r", url: "https://as2.partner.example.com", as2Config: { compression: "ZLIB", encryptionAlgorithm: "NONE", localProfileId: "l", mdnResponse: "NONE", partnerProfileId: "p", signingAlgorithm: "SHA256" } }, [
      { title: "AS2 over plain HTTP without message encryption fails", change: { url: "http://as2.partner.example.com" }, expect: /plain HTTP.*AS2 messages travel in clear/ },
    ]);
    policyCases(serviceTransitEncryption, aws.emr.SecurityConfiguration, { configuration: EMR_OK }, [
      { title: "in-transit encryption off fails", change: { configuration: JSON.stringify({ EncryptionConfiguration: { EnableAtRestEncryption: true } }) }, expect: /EnableInTransitEncryption is not set/ },
    ]);
  });

  describe("service-transit-encryption: SageMaker monitoring jobs", () => {
    const job = (enc?: boolean) => ({ roleArn: "r", dataQualityAppSpecification: { imageUri: "i" }, dataQualityJobInput: {}, dataQualityJobOutputConfig: { monitoringOutputs: { s3Output: { s3Uri: "s3://b/o" } } }, jobResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5.large", volumeSizeInGb: 20 } }, networkConfig: enc === undefined ? undefined : { enableInterContainerTrafficEncryption: enc } });
    policyCases(serviceTransitEncryption, aws.sagemaker.DataQualityJobDefinition, job(true), [{ title: "no inter-container encryption fails", change: job(), expect: /enableInterContainerTrafficEncryption is not set/ }]);
  });

  describe("service-transit-encryption: CloudSearch and private HTTP API integrations", () => {
    policyCases(serviceTransitEncryption, aws.cloudsearch.Domain, { endpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } }, [
      { title: "no endpoint options fails (TLS 1.0 allowed, HTTP accepted)", change: { endpointOptions: undefined }, expect: /endpointOptions\.(enforceHttps|tlsSecurityPolicy) is not set/ },
    ]);
    policyCases(serviceTransitEncryption, aws.apigatewayv2.Integration, { apiId: "a", integrationType: "HTTP_PROXY", connectionType: "VPC_LINK", integrationUri: "arn:aws:elasticloadbalancing:ap-southeast-2:5:listener/app/x", tlsConfig: { serverNameToVerify: "api.internal.example.com" } }, [
      { title: "a private integration without tlsConfig fails", change: { tlsConfig: undefined }, expect: /over plain HTTP/ },
      { title: "a public integration needs no tlsConfig", change: { connectionType: "INTERNET", tlsConfig: undefined } },
    ]);
  });

  describe("service-transit-encryption: MemoryDB multi-Region clusters", () => {
    policyCases(serviceTransitEncryption, aws.memorydb.MultiRegionCluster, { multiRegionClusterNameSuffix: "m", nodeType: "db.r7g.xlarge" }, [{ title: "TLS turned off fails", change: { tlsEnabled: false }, expect: /tlsEnabled is false/ }]);
  });

  describe("load-balancer-target-plaintext (advisory)", () => {
    policyCases(targetGroupPlaintext, aws.lb.TargetGroup, { protocol: "HTTPS", port: 443, vpcId: "vpc-1" }, [{ title: "HTTP to the targets is reported", change: { protocol: "HTTP" }, expect: /plaintext inside the VPC/ }]);
  });

  describe("memorydb-authentication", () => {
    policyCases(memorydbAuthentication, aws.memorydb.Cluster, { aclName: "app-users", nodeType: "db.t4g.small" }, [{ title: "the open-access ACL fails", change: { aclName: "open-access" }, expect: /open-access/ }]);
  });

  describe("snapshot-encryption", () => {
    function snapshotOf(sourceEncrypted: unknown, outputs: Record<string, unknown> = {}): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.rds.Instance, "db", { identifier: "orders", instanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: sourceEncrypted as boolean });
      s.add(aws.rds.Snapshot, "db-snap", { dbInstanceIdentifier: "orders", dbSnapshotIdentifier: "orders-1" }, { outputs });
      return s;
    }
    it("a snapshot of an encrypted instance in the stack passes", () => {
      assert.deepStrictEqual(messages(snapshotEncryption, snapshotOf(true).resources), []);
    });
    it("a snapshot of an unencrypted instance is itself unencrypted", () => {
      assert.match(messages(snapshotEncryption, snapshotOf(false).resources)[0], /db-snap snapshots db \(dbInstanceIdentifier\), whose storageEncrypted is false/);
    });
    it("the state's encrypted output is read first, and named", () => {
      assert.match(messages(snapshotEncryption, snapshotOf(true, { encrypted: false }).resources)[0], /output encrypted is false \(read from the stack state\)/);
      assert.deepStrictEqual(messages(snapshotEncryption, snapshotOf(false, { encrypted: true }).resources), []);
    });
    it("a source in the stack leaves nothing unverified", () => {
      assert.deepStrictEqual(messages(snapshotEncryptionUnverified, snapshotOf(true).resources), []);
    });
    it("a Redshift snapshot takes its cluster's encrypted flag", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.redshift.Cluster, "wh", { clusterIdentifier: "wh", nodeType: "ra3.xlplus" });
      s.add(aws.redshift.ClusterSnapshot, "wh-snap", { clusterIdentifier: "wh", snapshotIdentifier: "wh-1" });
      assert.match(messages(snapshotEncryption, s.resources)[0], /wh-snap snapshots wh \(clusterIdentifier\), whose encrypted is not set/);
    });
    it("a source outside the stack is advisory, never guessed", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.neptune.ClusterSnapshot, "graph-snap", { dbClusterIdentifier: "elsewhere", dbClusterSnapshotIdentifier: "g1" });
      assert.deepStrictEqual(messages(snapshotEncryption, s.resources), []);
      assert.match(messages(snapshotEncryptionUnverified, s.resources)[0], /dbClusterIdentifier names "elsewhere", which is not a resource of this stack/);
    });
    it("an EBS snapshot follows its volume through propertyDependencies when the id is unknown", () => {
      const s = new StackFixture();
      s.awsProvider();
      const vol = s.add(aws.ebs.Volume, "data", { availabilityZone: "ap-southeast-2a", size: 10, encrypted: false });
      s.add(aws.ebs.Snapshot, "data-snap", { volumeId: UNKNOWN_VALUE }, { propertyDependencies: { volumeId: [vol.urn] } });
      assert.match(messages(snapshotEncryption, s.resources).join("\n"), /data-snap snapshots data \(volumeId\), whose encrypted is false/);
    });
    policyCases(snapshotEncryption, aws.ebs.SnapshotImport, { diskContainer: { format: "VHD", userBucket: { s3Bucket: "b", s3Key: "k" } }, encrypted: true, kmsKeyId: KEY }, [
      { title: "an unencrypted import fails", change: { encrypted: undefined }, expect: /encrypted is not set/ },
    ]);
  });

  describe("ebs-encryption: launch templates", () => {
    policyCases(ebsEncryption, aws.ec2.LaunchTemplate, { imageId: "ami-1", blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }, [
      { title: "no block device mapping and no default encryption fails", change: { blockDeviceMappings: undefined }, expect: /blockDeviceMappings \(no ebs mapping: the AMI's root volume keeps its snapshot's encryption\) is not set, and EBS encryption by default is not proven/ },
      { title: "no block device mapping with default encryption proven passes", change: { blockDeviceMappings: undefined }, options: { ebsDefaultEncryptionRegions: ["ap-southeast-2"] } },
    ]);
  });

  describe("cmk-recommended: the added key sites", () => {
    policyCases(cmkRecommended, aws.mq.Broker, { engineType: "ActiveMQ", engineVersion: "5.18", hostInstanceType: "mq.t3.micro", users: [], encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: KEY } }, [
      { title: "the AWS-owned key (the default) is reported", change: { encryptionOptions: undefined }, expect: /useAwsOwnedKey \(default true\) selects an AWS-owned key/ },
    ]);
    policyCases(cmkRecommended, aws.fsx.WindowsFileSystem, { subnetIds: ["s"], throughputCapacity: 8, kmsKeyId: KEY }, [{ title: "no key is reported", change: { kmsKeyId: undefined }, expect: /kmsKeyId is not set/ }]);
    policyCases(cmkRecommended, aws.keyspaces.Table, { keyspaceName: "k", tableName: "t", schemaDefinition: { columns: [], partitionKeys: [] }, encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: KEY } }, [
      { title: "the AWS-owned key is reported", change: { encryptionSpecification: { type: "AWS_OWNED_KMS_KEY" } }, expect: /encryptionSpecification\.type selects an AWS-owned key/ },
    ]);
    policyCases(cmkRecommended, aws.dms.ReplicationInstance, { replicationInstanceClass: "dms.t3.micro", replicationInstanceId: "r", kmsKeyArn: KEY }, [{ title: "the default key is reported", change: { kmsKeyArn: undefined }, expect: /kmsKeyArn is not set/ }]);
    policyCases(cmkRecommended, aws.codegurureviewer.RepositoryAssociation, { repository: { codecommit: { name: "r" } }, kmsKeyDetails: { encryptionOption: "CUSTOMER_MANAGED_CMK", kmsKeyId: KEY } }, [
      { title: "the AWS-owned key is reported", change: { kmsKeyDetails: { encryptionOption: "AWS_OWNED_CMK" } }, expect: /encryptionOption selects an AWS-owned key/ },
    ]);
    policyCases(cmkRecommended, aws.opensearch.ServerlessSecurityPolicy, { name: "logs", type: "encryption", policy: JSON.stringify({ Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }], AWSOwnedKey: false, KmsARN: KEY }) }, [
      { title: "an AWS-owned key is reported", change: { policy: JSON.stringify({ Rules: [], AWSOwnedKey: true }) }, expect: /AWSOwnedKey: true/ },
      { title: "a network policy is not about keys", change: { type: "network", policy: "[]" } },
    ]);
    policyCases(cmkRecommended, aws.memorydb.Snapshot, { clusterName: "c", kmsKeyArn: KEY }, [{ title: "an AWS-managed key is reported", change: { kmsKeyArn: "alias/aws/memorydb" }, expect: /AWS-managed key/ }]);
  });
});
