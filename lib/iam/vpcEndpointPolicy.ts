import { awsOwnedBuckets, AWS_OWNED_BUCKET_ACTIONS } from "../scp/dataPerimeter";
import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

/**
 * The policy of every VPC endpoint of a workload VPC when the perimeter is on: through this
 * VPC's endpoints, only the organisation's principals reach only the organisation's resources.
 * Credentials of another organisation, or a request for another organisation's bucket, stop at
 * the endpoint even if IAM would allow them. An endpoint policy never grants anything (IAM and
 * the resource policies still must); it only filters what may pass.
 *
 * A VPC endpoint policy holds at most 20,480 characters (AWS PrivateLink quotas); these are a few
 * hundred.
 */

export interface EndpointPolicyArgs {
  readonly organizationId: string;
  /** The region: the S3 gateway endpoint lets the region's AWS-owned buckets through. */
  readonly region: string;
}

function organizationStatements(organizationId: string): PolicyStatement[] {
  return [
    {
      Sid: "OrganizationPrincipalsOnOrganizationResources",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId, "aws:ResourceOrgID": organizationId } },
    },
    {
      // Calls that name no resource of any account (sts:GetCallerIdentity, kms:GenerateRandom,
      // the SSM agent's message channels): there is no resource outside the organisation to reach.
      Sid: "OrganizationPrincipalsOnNoResource",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId }, Null: { "aws:ResourceOrgID": "true" } },
    },
  ];
}

/** Interface endpoints (KMS, STS, Secrets Manager, SSM, Logs, ECR...). */
export function interfaceEndpointPolicy(a: EndpointPolicyArgs): PolicyDocument {
  return policyDocument(organizationStatements(a.organizationId));
}

/**
 * The S3 gateway endpoint: the organisation's statements, plus reading the AWS-owned buckets the
 * VPC's tasks need (lib/scp/dataPerimeter.ts awsOwnedBuckets), whose requests are presigned by the
 * service's account or anonymous, so carry no PrincipalOrgID of ours.
 */
export function s3GatewayEndpointPolicy(a: EndpointPolicyArgs): PolicyDocument {
  return policyDocument([
    ...organizationStatements(a.organizationId),
    { Sid: "ReadAwsOwnedBuckets", Effect: "Allow", Principal: "*", Action: [...AWS_OWNED_BUCKET_ACTIONS], Resource: awsOwnedBuckets(a.region).map((b) => b.arn) },
  ]);
}

/** The DynamoDB gateway endpoint: DynamoDB has no AWS-owned tables anyone here reads. */
export function dynamoDbGatewayEndpointPolicy(a: EndpointPolicyArgs): PolicyDocument {
  return policyDocument(organizationStatements(a.organizationId));
}
