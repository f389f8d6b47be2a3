/**
 * Inputs whose change makes the AWS provider replace the resource (delete and create again) rather
 * than update it in place, for the types where a replacement loses something: data, an account, a
 * key, an address plan. A small table, not the provider schema: it covers the stateful types of
 * stateful.ts and the network's fixed points. Add a row when a new stateful type appears.
 *
 * A change of the effective `region` replaces every AWS resource (the resource moves), and is
 * checked separately.
 */
export const REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
  "aws:organizations/account:Account": ["email", "iamUserAccessToBilling", "roleName", "createGovcloud"],
  "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
  "aws:kms/replicaKey:ReplicaKey": ["primaryKeyArn"],
  "aws:kms/alias:Alias": ["name", "namePrefix"],
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:dynamodb/table:Table": ["name", "hashKey", "rangeKey"],
  "aws:rds/instance:Instance": ["identifier", "identifierPrefix", "engine", "storageEncrypted", "kmsKeyId", "dbName", "characterSetName", "availabilityZone"],
  "aws:rds/cluster:Cluster": ["clusterIdentifier", "clusterIdentifierPrefix", "engine", "storageEncrypted", "kmsKeyId", "databaseName"],
  "aws:efs/fileSystem:FileSystem": ["creationToken", "encrypted", "kmsKeyId", "performanceMode"],
  "aws:ebs/volume:Volume": ["availabilityZone", "encrypted", "kmsKeyId", "snapshotId"],
  "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix"],
  "aws:cloudtrail/trail:Trail": ["name"],
  "aws:backup/vault:Vault": ["name", "kmsKeyArn"],
  "aws:ec2/vpc:Vpc": ["cidrBlock", "ipv4IpamPoolId"],
  "aws:ec2/subnet:Subnet": ["cidrBlock", "vpcId", "availabilityZone", "availabilityZoneId"],
  "aws:ec2transitgateway/transitGateway:TransitGateway": ["amazonSideAsn"],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ["transitGatewayId", "vpcId"],
};

/** True when `path` (`a.b[0].c`) is `key` or lies below it. */
function under(path: string, key: string): boolean {
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

/** The changed input paths (and a region move) that force `type` to be replaced. */
export function replacementReasons(type: string, changedPaths: readonly string[], regionMoved: boolean): string[] {
  const keys = REPLACE_ON[type] ?? [];
  const out = changedPaths.filter((p) => keys.some((k) => under(p, k)));
  if (regionMoved && type.startsWith("aws:")) out.push("region");
  return out;
}
