import * as aws from "@pulumi/aws";
import { athenaEncryption, glueEncryption } from "../../../policies/encryption/analytics";
import { cacheEncryption } from "../../../policies/encryption/caches";
import { codebuildEncryption, containerEncryption, lambdaEnvironmentEncryption, sagemakerEncryption } from "../../../policies/encryption/compute";
import { databaseEncryption } from "../../../policies/encryption/databases";
import { kmsKeyRotation } from "../../../policies/encryption/kms";
import { logEncryption } from "../../../policies/encryption/logs";
import { ssmSecureParameters } from "../../../policies/encryption/parameters";
import { storageEncryption } from "../../../policies/encryption/storage";
import { messagingEncryption, streamingEncryption } from "../../../policies/encryption/streaming";
import { policyCases, UNKNOWN_VALUE } from "../helpers";

const KEY = "arn:aws:kms:ap-southeast-2:555555555555:key/abcd";

describe("encryption at rest", () => {
  describe("database-encryption", () => {
    policyCases(databaseEncryption, aws.rds.Instance, { instanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: true }, [
      { title: "storageEncrypted omitted fails (RDS default off)", change: { storageEncrypted: undefined }, expect: /^storageEncrypted is not set; set storageEncrypted to true/ },
      { title: "storageEncrypted false fails", change: { storageEncrypted: false }, expect: /storageEncrypted is false/ },
      { title: "an unknown flag fails closed", change: { storageEncrypted: UNKNOWN_VALUE }, expect: /unknown until deployment/ },
      { title: "a read replica inherits (its source is judged)", change: { storageEncrypted: undefined, replicateSourceDb: "primary" } },
      { title: "an Aurora instance stores nothing itself", change: { storageEncrypted: undefined, engine: "aurora-postgresql", clusterIdentifier: "c" } },
    ]);
    policyCases(databaseEncryption, aws.rds.Cluster, { engine: "aurora-postgresql", storageEncrypted: true }, [{ title: "unencrypted cluster fails", change: { storageEncrypted: false }, expect: /storageEncrypted is false/ }]);
    policyCases(databaseEncryption, aws.rds.GlobalCluster, { globalClusterIdentifier: "g", storageEncrypted: true }, [
      { title: "no flag and no source fails", change: { storageEncrypted: undefined }, expect: /storageEncrypted is not set/ },
      { title: "built from an existing cluster passes", change: { storageEncrypted: undefined, sourceDbClusterIdentifier: "arn:aws:rds:ap-southeast-2:5:cluster:c" } },
    ]);
    policyCases(databaseEncryption, aws.redshift.Cluster, { clusterIdentifier: "r", nodeType: "ra3.xlplus", encrypted: "true" }, [
      { title: "encrypted omitted fails", change: { encrypted: undefined }, expect: /encrypted is not set/ },
      { title: 'the string "false" fails', change: { encrypted: "false" }, expect: /encrypted is "false"/ },
    ]);
    policyCases(databaseEncryption, aws.dax.Cluster, { clusterName: "d", iamRoleArn: "arn:aws:iam::5:role/d", nodeType: "dax.r5.large", replicationFactor: 1, serverSideEncryption: { enabled: true } }, [
      { title: "no serverSideEncryption fails", change: { serverSideEncryption: undefined }, expect: /serverSideEncryption.enabled is not set/ },
    ]);
    policyCases(databaseEncryption, aws.docdb.Cluster, { storageEncrypted: true }, [{ title: "unencrypted DocumentDB fails", change: { storageEncrypted: undefined }, expect: /storageEncrypted/ }]);
    policyCases(databaseEncryption, aws.neptune.Cluster, { storageEncrypted: true }, [{ title: "unencrypted Neptune fails", change: { storageEncrypted: false }, expect: /storageEncrypted is false/ }]);
  });

  describe("storage-encryption", () => {
    policyCases(storageEncryption, aws.efs.FileSystem, { encrypted: true, kmsKeyId: KEY }, [{ title: "unencrypted EFS fails", change: { encrypted: undefined }, expect: /^encrypted is not set; set encrypted to true/ }]);
    policyCases(storageEncryption, aws.opensearch.Domain, { encryptAtRest: { enabled: true } }, [{ title: "encryptAtRest off fails", change: { encryptAtRest: { enabled: false } }, expect: /encryptAtRest.enabled is false/ }]);
    policyCases(storageEncryption, aws.backup.Vault, { kmsKeyArn: KEY }, [
      { title: "no key fails", change: { kmsKeyArn: undefined }, expect: /kmsKeyArn is not set/ },
      { title: "an unknown key passes", change: { kmsKeyArn: UNKNOWN_VALUE } },
    ]);
    policyCases(storageEncryption, aws.rds.SnapshotCopy, { sourceDbSnapshotIdentifier: "s", kmsKeyId: KEY }, [{ title: "no key fails", change: { kmsKeyId: undefined }, expect: /kmsKeyId is not set/ }]);
  });

  describe("cache-encryption", () => {
    policyCases(cacheEncryption, aws.elasticache.ReplicationGroup, { description: "c", atRestEncryptionEnabled: true }, [
      { title: "the engine default is not trusted", change: { atRestEncryptionEnabled: undefined }, expect: /atRestEncryptionEnabled is not set/ },
    ]);
  });

  describe("streaming-encryption and messaging-encryption", () => {
    policyCases(streamingEncryption, aws.kinesis.Stream, { encryptionType: "KMS", kmsKeyId: KEY }, [
      { title: "NONE fails", change: { encryptionType: "NONE" }, expect: /encryptionType is "NONE"/ },
      { title: "KMS without a key fails", change: { kmsKeyId: undefined }, expect: /kmsKeyId is not set/ },
    ]);
    policyCases(streamingEncryption, aws.kinesis.FirehoseDeliveryStream, { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY } }, [
      { title: "server-side encryption off fails", change: { serverSideEncryption: { enabled: false } }, expect: /serverSideEncryption.enabled is false/ },
      { title: "with a Kinesis source the stream is judged", change: { serverSideEncryption: undefined, kinesisSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:ap-southeast-2:5:stream/s", roleArn: "r" } } },
    ]);
    policyCases(messagingEncryption, aws.sqs.Queue, { kmsMasterKeyId: KEY }, [
      { title: "SQS-managed SSE passes", change: { kmsMasterKeyId: undefined, sqsManagedSseEnabled: true } },
      { title: "SSE turned off with no key fails", change: { kmsMasterKeyId: undefined, sqsManagedSseEnabled: false }, expect: /sqsManagedSseEnabled is false and kmsMasterKeyId is not set/ },
    ]);
    policyCases(messagingEncryption, aws.sns.Topic, { kmsMasterKeyId: KEY }, [{ title: "an unencrypted topic fails", change: { kmsMasterKeyId: undefined }, expect: /kmsMasterKeyId is not set/ }]);
  });

  describe("log-encryption", () => {
    policyCases(logEncryption, aws.cloudwatch.LogGroup, { kmsKeyId: KEY }, [
      { title: "no key fails", change: { kmsKeyId: undefined }, expect: /kmsKeyId is not set/ },
      { title: "an AWS-managed alias fails", change: { kmsKeyId: "arn:aws:kms:ap-southeast-2:5:alias/aws/logs" }, expect: /AWS-managed key/ },
    ]);
    policyCases(logEncryption, aws.cloudtrail.Trail, { s3BucketName: "trail", kmsKeyId: KEY }, [{ title: "an unencrypted trail fails", change: { kmsKeyId: undefined }, expect: /kmsKeyId is not set/ }]);
  });

  describe("ssm-secure-parameters", () => {
    policyCases(ssmSecureParameters, aws.ssm.Parameter, { name: "/app/db-password", type: "SecureString", keyId: KEY }, [
      { title: "a String parameter fails", change: { type: "String" }, expect: /type is "String"; set type to "SecureString"/ },
      { title: "a String parameter listed as non-secret passes", change: { type: "String", name: "/platform/vpc-id" }, options: { nonSecretParameters: ["/platform/*"] } },
    ]);
  });

  describe("compute", () => {
    policyCases(containerEncryption, aws.ecr.Repository, { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }] }, [
      { title: "the AES256 default fails", change: { encryptionConfigurations: undefined }, expect: /encryptionConfigurations is not set/ },
      { title: "AES256 fails", change: { encryptionConfigurations: [{ encryptionType: "AES256" }] }, expect: /encryptionConfigurations\[0\]\.encryptionType is "AES256"/ },
    ]);
    policyCases(containerEncryption, aws.eks.Cluster, { roleArn: "r", vpcConfig: { subnetIds: ["s"] }, encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY } } }, [
      { title: "no secrets encryption fails", change: { encryptionConfig: undefined }, expect: /encryptionConfig.resources is not set/ },
    ]);
    policyCases(lambdaEnvironmentEncryption, aws.lambda.Function, { role: "r", environment: { variables: { A: "1" } }, kmsKeyArn: KEY }, [
      { title: "variables without a CMK fail", change: { kmsKeyArn: undefined }, expect: /environment.variables \(A\) are set and kmsKeyArn is not set/ },
      { title: "no variables, no key needed", change: { kmsKeyArn: undefined, environment: undefined } },
    ]);
    policyCases(codebuildEncryption, aws.codebuild.Project, { artifacts: { type: "S3" }, environment: { computeType: "c", image: "i", type: "LINUX_CONTAINER" }, serviceRole: "r", source: { type: "NO_SOURCE" } }, [
      { title: "encryptionDisabled on artifacts fails", change: { artifacts: { type: "S3", encryptionDisabled: true } }, expect: /artifacts.encryptionDisabled is true/ },
      { title: "encryptionDisabled on S3 logs fails", change: { logsConfig: { s3Logs: { status: "ENABLED", encryptionDisabled: true } } }, expect: /logsConfig.s3Logs.encryptionDisabled/ },
    ]);
    policyCases(sagemakerEncryption, aws.sagemaker.NotebookInstance, { instanceType: "ml.t3.medium", roleArn: "r", kmsKeyId: KEY }, [{ title: "no key fails", change: { kmsKeyId: undefined }, expect: /kmsKeyId is not set/ }]);
    policyCases(sagemakerEncryption, aws.sagemaker.EndpointConfiguration, { productionVariants: [], kmsKeyArn: KEY }, [{ title: "no key fails", change: { kmsKeyArn: undefined }, expect: /kmsKeyArn is not set/ }]);
  });

  describe("analytics", () => {
    policyCases(
      glueEncryption,
      aws.glue.DataCatalogEncryptionSettings,
      { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: KEY }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: KEY } } },
      [
        { title: "catalog not encrypted fails", change: { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "DISABLED" }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: KEY } } }, expect: /catalogEncryptionMode is "DISABLED"/ },
        { title: "passwords returned in clear fail", change: { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: KEY }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: false } } }, expect: /returnConnectionPasswordEncrypted is false/ },
      ],
    );
    policyCases(
      glueEncryption,
      aws.glue.SecurityConfiguration,
      { encryptionConfiguration: { s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: KEY }, cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: KEY }, jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY } } },
      [{ title: "S3 DISABLED fails", change: { encryptionConfiguration: { s3Encryption: { s3EncryptionMode: "DISABLED" }, cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS" }, jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS" } } }, expect: /s3EncryptionMode is "DISABLED"/ }],
    );
    policyCases(glueEncryption, aws.glue.Job, { command: { scriptLocation: "s3://x" }, roleArn: "r", securityConfiguration: "secure" }, [{ title: "a job without a security configuration fails", change: { securityConfiguration: undefined }, expect: /securityConfiguration is not set/ }]);
    policyCases(athenaEncryption, aws.athena.Workgroup, { configuration: { enforceWorkgroupConfiguration: true, resultConfiguration: { encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: KEY } } } }, [
      { title: "no result encryption fails", change: { configuration: { enforceWorkgroupConfiguration: true } }, expect: /encryptionOption is not set/ },
      { title: "not enforced fails", change: { configuration: { enforceWorkgroupConfiguration: false, resultConfiguration: { encryptionConfiguration: { encryptionOption: "SSE_KMS" } } } }, expect: /enforceWorkgroupConfiguration is false/ },
    ]);
    policyCases(athenaEncryption, aws.athena.Database, { bucket: "b", encryptionConfiguration: { encryptionOption: "SSE_KMS" } }, [{ title: "no encryption fails", change: { encryptionConfiguration: undefined }, expect: /encryptionConfiguration.encryptionOption is not set/ }]);
  });

  describe("kms-key-rotation", () => {
    policyCases(kmsKeyRotation, aws.kms.Key, { enableKeyRotation: true }, [
      { title: "rotation off fails", change: { enableKeyRotation: undefined }, expect: /enableKeyRotation is not set; set enableKeyRotation to true/ },
      { title: "asymmetric keys cannot rotate (not judged)", change: { enableKeyRotation: undefined, customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" } },
    ]);
  });
});
