import { flag, obj, Props, str } from "../lib/values";
import { MORE_KEY_SITES } from "./keySites";

/**
 * Where each resource type names its encryption key (POLICY-COVERAGE.md section 2, the "CMK:" part).
 * `required` marks the customer-managed-key tier the data classification demands (DynamoDB,
 * Secrets Manager); any listed resource tagged with a `tenant` is tenant data and joins that tier.
 */
export interface KeySite {
  readonly type: string;
  /** Key paths; `[]` expands lists (`replicas[].kmsKeyArn`). */
  readonly keys: readonly string[];
  /** When the key applies (e.g. only with Performance Insights on); default always. */
  readonly when?: (p: Props) => boolean;
  /** Extra condition for a CMK (e.g. DynamoDB needs `serverSideEncryption.enabled`): a message, or undefined. */
  readonly extra?: (p: Props) => string | undefined;
  readonly required?: boolean;
}

const ddbEnabled = (p: Props): string | undefined => {
  const sse = obj(p.serverSideEncryption);
  const e = flag(sse?.enabled);
  return e === true ? undefined : `serverSideEncryption.enabled is ${e === undefined ? "not set" : e === "unknown" ? "unknown until deployment" : "false"} (the table uses an AWS-owned key); set serverSideEncryption = { enabled: true, kmsKeyArn: <customer-managed key ARN> }.`;
};

export const KEY_SITES: readonly KeySite[] = [
  { type: "aws:ebs/volume:Volume", keys: ["kmsKeyId"] },
  { type: "aws:ec2/instance:Instance", keys: ["rootBlockDevice.kmsKeyId", "ebsBlockDevices[].kmsKeyId"] },
  { type: "aws:ec2/launchTemplate:LaunchTemplate", keys: ["blockDeviceMappings[].ebs.kmsKeyId"] },
  { type: "aws:ebs/defaultKmsKey:DefaultKmsKey", keys: ["keyArn"] },
  { type: "aws:ebs/snapshotCopy:SnapshotCopy", keys: ["kmsKeyId"] },
  { type: "aws:ec2/amiCopy:AmiCopy", keys: ["kmsKeyId"] },
  { type: "aws:rds/instance:Instance", keys: ["kmsKeyId"], when: (p) => !str(p.replicateSourceDb) && !str(p.clusterIdentifier) },
  { type: "aws:rds/instance:Instance", keys: ["performanceInsightsKmsKeyId"], when: (p) => flag(p.performanceInsightsEnabled) === true },
  { type: "aws:rds/cluster:Cluster", keys: ["kmsKeyId"] },
  { type: "aws:rds/cluster:Cluster", keys: ["performanceInsightsKmsKeyId"], when: (p) => flag(p.performanceInsightsEnabled) === true },
  { type: "aws:docdb/cluster:Cluster", keys: ["kmsKeyId"] },
  { type: "aws:neptune/cluster:Cluster", keys: ["kmsKeyArn"] },
  { type: "aws:redshift/cluster:Cluster", keys: ["kmsKeyId"] },
  { type: "aws:redshiftserverless/namespace:Namespace", keys: ["kmsKeyId"] },
  { type: "aws:dynamodb/table:Table", keys: ["serverSideEncryption.kmsKeyArn", "replicas[].kmsKeyArn"], extra: ddbEnabled, required: true },
  { type: "aws:dynamodb/tableReplica:TableReplica", keys: ["kmsKeyArn"], required: true },
  { type: "aws:efs/fileSystem:FileSystem", keys: ["kmsKeyId"] },
  { type: "aws:elasticache/replicationGroup:ReplicationGroup", keys: ["kmsKeyId"] },
  { type: "aws:elasticache/serverlessCache:ServerlessCache", keys: ["kmsKeyId"] },
  { type: "aws:memorydb/cluster:Cluster", keys: ["kmsKeyArn"] },
  { type: "aws:kinesis/stream:Stream", keys: ["kmsKeyId"] },
  {
    type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    keys: ["serverSideEncryption.keyArn"],
    when: (p) => !obj(p.kinesisSourceConfiguration),
    extra: (p) =>
      str(obj(p.serverSideEncryption)?.keyType) === "CUSTOMER_MANAGED_CMK"
        ? undefined
        : `serverSideEncryption.keyType is ${JSON.stringify(obj(p.serverSideEncryption)?.keyType ?? null)}; set it to "CUSTOMER_MANAGED_CMK" with keyArn a customer-managed key ARN.`,
  },
  { type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", keys: ["extendedS3Configuration.kmsKeyArn"], when: (p) => !!obj(p.extendedS3Configuration) },
  { type: "aws:sqs/queue:Queue", keys: ["kmsMasterKeyId"] },
  { type: "aws:sns/topic:Topic", keys: ["kmsMasterKeyId"] },
  { type: "aws:secretsmanager/secret:Secret", keys: ["kmsKeyId", "replicas[].kmsKeyId"], required: true },
  { type: "aws:ssm/parameter:Parameter", keys: ["keyId"], when: (p) => p.type === "SecureString" },
  { type: "aws:opensearch/domain:Domain", keys: ["encryptAtRest.kmsKeyId"] },
  { type: "aws:elasticsearch/domain:Domain", keys: ["encryptAtRest.kmsKeyId"] },
  { type: "aws:msk/cluster:Cluster", keys: ["encryptionInfo.encryptionAtRestKmsKeyArn"] },
  { type: "aws:ecr/repository:Repository", keys: ["encryptionConfigurations[].kmsKey"] },
  { type: "aws:eks/cluster:Cluster", keys: ["encryptionConfig.provider.keyArn"] },
  { type: "aws:codebuild/project:Project", keys: ["encryptionKey"] },
  { type: "aws:athena/workgroup:Workgroup", keys: ["configuration.resultConfiguration.encryptionConfiguration.kmsKeyArn"] },
  ...MORE_KEY_SITES,
];

export const KEY_SITE_TYPES: readonly string[] = [...new Set(KEY_SITES.map((s) => s.type))];

const byType = new Map<string, KeySite[]>();
for (const s of KEY_SITES) {
  const list = byType.get(s.type) ?? [];
  list.push(s);
  byType.set(s.type, list);
}

export function keySitesOf(type: string): readonly KeySite[] {
  return byType.get(type) ?? [];
}

/** Tenant data: the resource carries a `tenant` tag of its own. */
export function isTenantData(p: Props): boolean {
  return str(obj(p.tags)?.tenant) !== undefined;
}
