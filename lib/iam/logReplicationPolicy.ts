import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

/**
 * The write-once copy of AWS Config's files: Config cannot deliver to a bucket with Object Lock, so
 * it delivers to an unlocked bucket that S3 replicates, as it arrives, into the object-locked
 * archive. The replication role may read the source's versions and write replicas, nothing else.
 */
export function logReplicationRolePolicy(p: { sourceBucketArn: string; destinationBucketArn: string; keyArn: string; region: string }): PolicyDocument {
  const viaS3 = { StringEquals: { "kms:ViaService": `s3.${p.region}.amazonaws.com` } };
  return policyDocument([
    { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: p.sourceBucketArn },
    { Sid: "ReadSourceVersions", Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${p.sourceBucketArn}/*` },
    { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateTags"], Resource: `${p.destinationBucketArn}/*` },
    { Sid: "UseTheLogKeyThroughS3", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: p.keyArn, Condition: viaS3 },
  ]);
}

/** The key-policy statement that lets the replication role encrypt replicas with the log key (through S3 only). */
export function logReplicationKeyStatement(roleArn: string, region: string): PolicyStatement {
  return {
    Sid: "ConfigReplicaEncrypt",
    Effect: "Allow",
    Principal: { AWS: roleArn },
    Action: ["kms:Encrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
  };
}

/** The security account reads the archive (investigations, Security Lake, detective tooling); it can never write or delete. */
export function securityReadStatement(bucketArn: string, securityAccountId: string): PolicyStatement {
  return {
    Sid: "SecurityAccountReads",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${securityAccountId}:root` },
    Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation"],
    Resource: [bucketArn, `${bucketArn}/*`],
  };
}
