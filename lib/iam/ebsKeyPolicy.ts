import { keyAdministrationStatement } from "./keyAdministration";
import { PolicyDocument, policyDocument } from "./policyDocument";

/**
 * The account's EBS default key: any principal of the account may use it, but only through EC2 in
 * the key's region (the same rule as the AWS-managed aws/ebs key, with a key the account controls).
 */
export function ebsDefaultKeyPolicy(accountId: string, region: string): PolicyDocument {
  const throughEc2 = { "kms:CallerAccount": accountId, "kms:ViaService": `ec2.${region}.amazonaws.com` };
  return policyDocument([
    keyAdministrationStatement(accountId),
    {
      Sid: "UseThroughEc2",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { StringEquals: throughEc2 },
    },
    {
      Sid: "GrantsForAttachedVolumes",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { StringEquals: throughEc2, Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ]);
}
