import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

/**
 * Bucket policies of the log archive. Every log bucket gets the same three denies (TLS only,
 * principals of the organisation only, services only on behalf of the organisation), then allows
 * for exactly the services that deliver into it. Pure functions: tests evaluate the documents with
 * a real IAM policy evaluator.
 */

const OWNER_FULL_CONTROL = { "s3:x-amz-acl": "bucket-owner-full-control" };

function both(bucketArn: string): string[] {
  return [bucketArn, `${bucketArn}/*`];
}

/** The denies every log bucket carries, whatever it holds. */
export function logBucketDenies(bucketArn: string, organizationId: string): PolicyStatement[] {
  return [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: both(bucketArn),
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    // People and roles: only principals of this organisation, whatever their IAM policies say.
    {
      Sid: "DenyPrincipalsOutsideOrganization",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: both(bucketArn),
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": organizationId },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
    // Services (which have no PrincipalOrgID): only when acting for a resource of this organisation,
    // so another organisation's trail or flow log cannot be pointed at this bucket.
    {
      Sid: "DenyServicesActingForOtherOrganizations",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: both(bucketArn),
      Condition: {
        StringNotEqualsIfExists: { "aws:SourceOrgID": organizationId },
        Null: { "aws:SourceAccount": "false" },
        Bool: { "aws:PrincipalIsAWSService": "true" },
      },
    },
  ];
}

/** The organisation trail writes under `AWSLogs/<org id>/` (member accounts) and `AWSLogs/<management account>/`. */
export function cloudTrailDelivery(p: { bucketArn: string; trailArn: string; organizationId: string; managementAccountId: string }): PolicyStatement[] {
  const fromTrail = { "aws:SourceArn": p.trailArn };
  return [
    { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: p.bucketArn, Condition: { StringEquals: fromTrail } },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: [`${p.bucketArn}/AWSLogs/${p.organizationId}/*`, `${p.bucketArn}/AWSLogs/${p.managementAccountId}/*`],
      Condition: { StringEquals: { ...fromTrail, ...OWNER_FULL_CONTROL } },
    },
  ];
}

/**
 * A service that delivers for every account of the organisation: it may check the bucket's ACL and
 * list it, and write under `objects` with the bucket owner in full control.
 */
function orgServiceDelivery(sid: string, service: string, p: { bucketArn: string; organizationId: string }, objects: string): PolicyStatement[] {
  const fromOrg = { "aws:SourceOrgID": p.organizationId };
  return [
    { Sid: `${sid}AclCheck`, Effect: "Allow", Principal: { Service: service }, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: p.bucketArn, Condition: { StringEquals: fromOrg } },
    {
      Sid: `${sid}Write`,
      Effect: "Allow",
      Principal: { Service: service },
      Action: "s3:PutObject",
      Resource: `${p.bucketArn}/${objects}`,
      Condition: { StringEquals: { ...fromOrg, ...OWNER_FULL_CONTROL } },
    },
  ];
}

/** AWS Config delivery channels of every account of the organisation. */
export function configDelivery(p: { bucketArn: string; organizationId: string }): PolicyStatement[] {
  return orgServiceDelivery("Config", "config.amazonaws.com", p, "AWSLogs/*/Config/*");
}

/** VPC and Transit Gateway flow logs of every account of the organisation (the log delivery service). */
export function flowLogDelivery(p: { bucketArn: string; organizationId: string }): PolicyStatement[] {
  return orgServiceDelivery("LogDelivery", "delivery.logs.amazonaws.com", p, "AWSLogs/*");
}

/** S3 server access logs of the log-archive buckets themselves (all in the log-archive account). */
export function accessLogDelivery(p: { bucketArn: string; sourceAccountId: string; sourceBucketArnPattern: string }): PolicyStatement[] {
  return [
    {
      Sid: "S3ServerAccessLogs",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${p.bucketArn}/*`,
      Condition: { StringEquals: { "aws:SourceAccount": p.sourceAccountId }, ArnLike: { "aws:SourceArn": p.sourceBucketArnPattern } },
    },
  ];
}

/** A log bucket's whole policy: the common denies, then the deliveries it accepts. */
export function logBucketPolicy(bucketArn: string, organizationId: string, deliveries: readonly PolicyStatement[]): PolicyDocument {
  return policyDocument([...logBucketDenies(bucketArn, organizationId), ...deliveries]);
}
