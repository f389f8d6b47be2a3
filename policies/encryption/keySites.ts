import { flag, json, obj, Props, str } from "../lib/values";
import type { KeySite } from "./cmkTable";

/**
 * Key sites of the data-holding types added from the Checkov / Security Hub coverage table
 * (docs/POLICIES.md, "Coverage against Checkov and Security Hub"). Most of these services always
 * encrypt (FSx, MQ, Keyspaces, Timestream, QLDB, MemoryDB snapshots, Kinesis Video, DMS), so the
 * customer-managed-key tier is what is left to judge. Property names checked against @pulumi/aws 7.48.
 */

/** `extra` for services that pick an AWS-owned key with a flag or an enum rather than an absent key. */
function notAwsOwned(path: string, bad: (p: Props) => boolean, fix: string): (p: Props) => string | undefined {
  return (p) => (bad(p) ? `${path} selects an AWS-owned key; ${fix}` : undefined);
}

/** An OpenSearch Serverless encryption policy names a key (`KmsARN`) or takes an AWS-owned one (`AWSOwnedKey: true`). */
function serverlessEncryption(p: Props): string | undefined {
  if (str(p.type) !== "encryption") return undefined;
  const doc = obj(json(p.policy));
  if (!doc) return undefined; // unknown at preview, or not JSON: the service validates the document
  if (flag(doc.AWSOwnedKey) === true || !str(doc.KmsARN)) return `policy sets AWSOwnedKey: true (no KmsARN), so the collections it covers use an AWS-owned key; set "KmsARN" to a customer-managed key ARN and AWSOwnedKey to false.`;
  return undefined;
}

export const MORE_KEY_SITES: readonly KeySite[] = [
  // Databases and their copies.
  { type: "aws:rds/clusterInstance:ClusterInstance", keys: ["performanceInsightsKmsKeyId"], when: (p) => flag(p.performanceInsightsEnabled) === true },
  { type: "aws:memorydb/snapshot:Snapshot", keys: ["kmsKeyArn"] },
  { type: "aws:rds/exportTask:ExportTask", keys: ["kmsKeyId"] },
  { type: "aws:rds/integration:Integration", keys: ["kmsKeyId"] },
  { type: "aws:ebs/snapshotImport:SnapshotImport", keys: ["kmsKeyId"] },
  {
    type: "aws:keyspaces/table:Table",
    keys: ["encryptionSpecification.kmsKeyIdentifier"],
    extra: notAwsOwned("encryptionSpecification.type", (p) => str(obj(p.encryptionSpecification)?.type) !== "CUSTOMER_MANAGED_KMS_KEY", 'set encryptionSpecification = { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: <customer-managed key ARN> }.'),
  },
  { type: "aws:timestreamwrite/database:Database", keys: ["kmsKeyId"] },
  { type: "aws:redshift/snapshotCopyGrant:SnapshotCopyGrant", keys: ["kmsKeyId"] },
  { type: "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy", keys: [], extra: serverlessEncryption },
  { type: "aws:qldb/ledger:Ledger", keys: ["kmsKey"] },
  // File systems.
  { type: "aws:fsx/windowsFileSystem:WindowsFileSystem", keys: ["kmsKeyId"] },
  { type: "aws:fsx/lustreFileSystem:LustreFileSystem", keys: ["kmsKeyId"], when: (p) => /^PERSISTENT/.test(str(p.deploymentType) ?? "") },
  { type: "aws:fsx/ontapFileSystem:OntapFileSystem", keys: ["kmsKeyId"] },
  { type: "aws:fsx/openZfsFileSystem:OpenZfsFileSystem", keys: ["kmsKeyId"] },
  { type: "aws:fsx/fileCache:FileCache", keys: ["kmsKeyId"] },
  { type: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", keys: ["encryptionKeyArn"] },
  // Messaging, streams, events.
  {
    type: "aws:mq/broker:Broker",
    keys: ["encryptionOptions.kmsKeyId"],
    extra: notAwsOwned("encryptionOptions.useAwsOwnedKey (default true)", (p) => flag(obj(p.encryptionOptions)?.useAwsOwnedKey) !== false, "set encryptionOptions = { useAwsOwnedKey: false, kmsKeyId: <customer-managed key ARN> }."),
  },
  { type: "aws:kinesis/videoStream:VideoStream", keys: ["kmsKeyId"] },
  { type: "aws:cloudwatch/eventBus:EventBus", keys: ["kmsKeyIdentifier"] },
  { type: "aws:sfn/stateMachine:StateMachine", keys: ["encryptionConfiguration.kmsKeyId"] },
  { type: "aws:pipes/pipe:Pipe", keys: ["kmsKeyIdentifier"] },
  { type: "aws:scheduler/schedule:Schedule", keys: ["kmsKeyArn"] },
  // Migration and integration.
  { type: "aws:dms/replicationInstance:ReplicationInstance", keys: ["kmsKeyArn"] },
  { type: "aws:dms/endpoint:Endpoint", keys: ["kmsKeyArn"] },
  { type: "aws:dms/s3Endpoint:S3Endpoint", keys: ["kmsKeyArn"] },
  { type: "aws:dms/s3Endpoint:S3Endpoint", keys: ["serverSideEncryptionKmsKeyId"], when: (p) => str(p.encryptionMode) === "SSE_KMS" },
  { type: "aws:appflow/flow:Flow", keys: ["kmsArn"] },
  { type: "aws:appflow/connectorProfile:ConnectorProfile", keys: ["kmsArn"] },
  { type: "aws:ssm/resourceDataSync:ResourceDataSync", keys: ["s3Destination.kmsKeyArn"] },
  { type: "aws:dynamodb/tableExport:TableExport", keys: ["s3SseKmsKeyId"] },
  // Audit, traces, code and artifacts.
  { type: "aws:cloudtrail/eventDataStore:EventDataStore", keys: ["kmsKeyId"] },
  { type: "aws:xray/encryptionConfig:EncryptionConfig", keys: ["keyId"], extra: notAwsOwned("type", (p) => str(p.type) !== "KMS", 'set type "KMS" with keyId a customer-managed key.') },
  { type: "aws:codeartifact/domain:Domain", keys: ["encryptionKey"] },
  { type: "aws:codecommit/repository:Repository", keys: ["kmsKeyId"] },
  { type: "aws:codepipeline/pipeline:Pipeline", keys: ["artifactStores[].encryptionKey.id"] },
  { type: "aws:s3/bucketObjectv2:BucketObjectv2", keys: ["kmsKeyId"] },
  { type: "aws:s3/bucketObject:BucketObject", keys: ["kmsKeyId"] },
  { type: "aws:s3/objectCopy:ObjectCopy", keys: ["kmsKeyId"] },
  {
    type: "aws:codegurureviewer/repositoryAssociation:RepositoryAssociation",
    keys: ["kmsKeyDetails.kmsKeyId"],
    extra: notAwsOwned("kmsKeyDetails.encryptionOption", (p) => str(obj(p.kmsKeyDetails)?.encryptionOption) !== "CUSTOMER_MANAGED_CMK", 'set kmsKeyDetails = { encryptionOption: "CUSTOMER_MANAGED_CMK", kmsKeyId: <customer-managed key ARN> }.'),
  },
  { type: "aws:dlm/lifecyclePolicy:LifecyclePolicy", keys: ["policyDetails.schedules[].crossRegionCopyRules[].cmkArn", "policyDetails.action.crossRegionCopies[].encryptionConfiguration.cmkArn"] },
  { type: "aws:imagebuilder/component:Component", keys: ["kmsKeyId"] },
  { type: "aws:imagebuilder/imageRecipe:ImageRecipe", keys: ["blockDeviceMappings[].ebs.kmsKeyId"] },
  { type: "aws:imagebuilder/distributionConfiguration:DistributionConfiguration", keys: ["distributions[].amiDistributionConfiguration.kmsKeyId"] },
  { type: "aws:ecs/cluster:Cluster", keys: ["configuration.executeCommandConfiguration.kmsKeyId"], when: (p) => !!obj(obj(p.configuration)?.executeCommandConfiguration) },
  // Analytics and machine learning.
  { type: "aws:sagemaker/featureGroup:FeatureGroup", keys: ["offlineStoreConfig.s3StorageConfig.kmsKeyId"], when: (p) => !!obj(p.offlineStoreConfig) },
  { type: "aws:sagemaker/featureGroup:FeatureGroup", keys: ["onlineStoreConfig.securityConfig.kmsKeyId"], when: (p) => flag(obj(p.onlineStoreConfig)?.enableOnlineStore) === true },
  { type: "aws:kendra/index:Index", keys: ["serverSideEncryptionConfiguration.kmsKeyId"] },
  { type: "aws:comprehend/entityRecognizer:EntityRecognizer", keys: ["modelKmsKeyId", "volumeKmsKeyId"] },
  { type: "aws:comprehend/documentClassifier:DocumentClassifier", keys: ["modelKmsKeyId", "volumeKmsKeyId"] },
  { type: "aws:emr/cluster:Cluster", keys: ["logEncryptionKmsKeyId"], when: (p) => str(p.logUri) !== undefined },
  { type: "aws:mwaa/environment:Environment", keys: ["kmsKey"] },
  { type: "aws:amp/workspace:Workspace", keys: ["kmsKeyArn"] },
  { type: "aws:location/tracker:Tracker", keys: ["kmsKeyId"] },
  { type: "aws:apprunner/service:Service", keys: ["encryptionConfiguration.kmsKey"] },
  { type: "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition", keys: ["dataQualityJobOutputConfig.kmsKeyId", "jobResources.clusterConfig.volumeKmsKeyId"] },
  { type: "aws:bedrock/agentAgent:AgentAgent", keys: ["customerEncryptionKeyArn"] },
  { type: "aws:connect/instanceStorageConfig:InstanceStorageConfig", keys: ["storageConfig.s3Config.encryptionConfig.keyId", "storageConfig.kinesisVideoStreamConfig.encryptionConfig.keyId"], when: (p) => /^(S3|KINESIS_VIDEO_STREAM)$/.test(str(obj(p.storageConfig)?.storageType) ?? "") },
  { type: "aws:workspaces/workspace:Workspace", keys: ["volumeEncryptionKey"], when: (p) => flag(p.rootVolumeEncryptionEnabled) === true || flag(p.userVolumeEncryptionEnabled) === true },
];
