import { isCmk, keyProblem } from "../lib/kms";
import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { ALGORITHMS } from "../lib/s3";
import { isUnknown } from "../lib/unknown";
import { at, collect, flag, isSet, obj, Props, str } from "../lib/values";

/**
 * AWS Cloud Control (`aws-native:<module>:<Type>`, CloudFormation's property names in camelCase) for
 * the types that hold data: the same bar as their bridged twins, encrypted at rest, and a customer-
 * managed key where the bridged pack requires one (DynamoDB, Secrets Manager). Type tokens are
 * matched case-insensitively: aws-native 0.x spelled `rds:DBInstance`, 1.x `rds:DbInstance`.
 */

type Check = (p: Props, report: (m: string) => void) => void;

const needTrue = (path: string, why = ""): Check => (p, report) => {
  const v = at(p, path);
  if (flag(v) !== true) report(wrong(path, v, `true${why}`));
};

const needKey = (path: string): Check => (p, report) => {
  const v = at(p, path);
  if (!isCmk(v)) report(keyProblem(path, v));
};

const all = (...checks: Check[]): Check => (p, report) => {
  for (const c of checks) c(p, report);
};

/** RDS instances: replicas inherit the source's encryption; Aurora members store nothing themselves. */
const rdsInstance: Check = (p, report) => {
  if (isSet(p.sourceDbInstanceIdentifier) || isSet(p.dbClusterIdentifier) || /^aurora/.test(str(p.engine) ?? "")) return;
  needTrue("storageEncrypted", " (RDS defaults to unencrypted)")(p, report);
};

/** S3 encrypts every new object (SSE-S3) since 2023; a rule that is set must name a real algorithm. */
const bucket: Check = (p, report) => {
  for (const f of collect(p, "bucketEncryption.serverSideEncryptionConfiguration[].serverSideEncryptionByDefault.sseAlgorithm")) {
    if (isUnknown(f.value) || !ALGORITHMS.includes(String(f.value))) report(wrong(f.path, f.value, '"aws:kms" with a customer-managed kmsMasterKeyId'));
  }
};

/** SQS-managed encryption is on by default; only an explicit false with no key leaves messages in the clear. */
const queue: Check = (p, report) => {
  if (flag(p.sqsManagedSseEnabled) === false && !isSet(p.kmsMasterKeyId)) {
    report(`sqsManagedSseEnabled is false and kmsMasterKeyId is ${show(p.kmsMasterKeyId)}, so messages are stored unencrypted; set kmsMasterKeyId to a customer-managed key ARN.`);
  }
};

const dynamodb: Check = (p, report) => {
  const sse = obj(p.sseSpecification);
  if (flag(sse?.sseEnabled) !== true || str(sse?.sseType) === "AES256") {
    report(`sseSpecification is ${show(sse)}, so the table uses an AWS-owned key; set sseSpecification = { sseEnabled: true, sseType: "KMS", kmsMasterKeyId: <customer-managed key ARN> }.`);
    return;
  }
  needKey("sseSpecification.kmsMasterKeyId")(p, report);
};

const kinesisStream: Check = (p, report) => {
  const v = at(p, "streamEncryption.encryptionType");
  if (str(v) !== "KMS") report(wrong("streamEncryption.encryptionType", v, '"KMS" with keyId a customer-managed key'));
};

/** Symmetric keys rotate; asymmetric, HMAC, imported and custom or external key store keys cannot. */
const kmsKey: Check = (p, report) => {
  const spec = str(p.keySpec) ?? "SYMMETRIC_DEFAULT";
  const usage = str(p.keyUsage) ?? "ENCRYPT_DECRYPT";
  const origin = str(p.origin) ?? "AWS_KMS";
  if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT" || origin !== "AWS_KMS") return;
  if (flag(p.enableKeyRotation) !== true) report(wrong("enableKeyRotation", p.enableKeyRotation, "true for this symmetric ENCRYPT_DECRYPT key"));
};

/** Lower-cased token -> check. */
export const NATIVE_CHECKS: ReadonlyMap<string, Check> = new Map(
  Object.entries<Check>({
    "aws-native:s3:Bucket": bucket,
    "aws-native:rds:DbInstance": rdsInstance,
    "aws-native:rds:DbCluster": needTrue("storageEncrypted", " (Aurora and Multi-AZ clusters default to unencrypted)"),
    "aws-native:docdb:DbCluster": needTrue("storageEncrypted"),
    "aws-native:neptune:DbCluster": needTrue("storageEncrypted"),
    "aws-native:redshift:Cluster": needTrue("encrypted"),
    "aws-native:efs:FileSystem": needTrue("encrypted", " (EFS defaults to unencrypted)"),
    "aws-native:ec2:Volume": needTrue("encrypted"),
    "aws-native:dynamodb:Table": dynamodb,
    "aws-native:dynamodb:GlobalTable": dynamodb,
    "aws-native:sqs:Queue": queue,
    "aws-native:sns:Topic": needKey("kmsMasterKeyId"),
    "aws-native:kinesis:Stream": kinesisStream,
    "aws-native:logs:LogGroup": needKey("kmsKeyId"),
    "aws-native:secretsmanager:Secret": needKey("kmsKeyId"),
    "aws-native:opensearchservice:Domain": needTrue("encryptionAtRestOptions.enabled"),
    "aws-native:elasticache:ReplicationGroup": all(needTrue("atRestEncryptionEnabled"), needTrue("transitEncryptionEnabled")),
    "aws-native:kms:Key": kmsKey,
  }).map(([k, v]) => [k.toLowerCase(), v]),
);

export const nativeEncryption = resourcePolicy<Props>({
  name: "native-encryption",
  description: "AWS Cloud Control (aws-native) resources that hold data must be encrypted at rest (and with a customer-managed key where the bridged twin requires one).",
  types: (t) => t.startsWith("aws-native:") && NATIVE_CHECKS.has(t.toLowerCase()),
  fix: "Set the encryption property CloudFormation documents for the type (storageEncrypted, encrypted, sseSpecification, kmsKeyId...) to true or a customer-managed key ARN.",
  validate(p, ctx, report) {
    NATIVE_CHECKS.get(ctx.type.toLowerCase())?.(p, report);
  },
});
