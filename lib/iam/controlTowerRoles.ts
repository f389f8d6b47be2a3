import { PolicyDocument, policyDocument } from "./policyDocument";
import { serviceTrustPolicy } from "./trustPolicy";

/** One IAM role Control Tower needs in the management account before a landing zone is created through the API. */
export interface ControlTowerRoleSpec {
  readonly name: string;
  readonly trustPolicy: PolicyDocument;
  readonly managedPolicyArns: readonly string[];
  readonly inlinePolicy?: PolicyDocument;
}

/** The AWS managed policy AWSControlTowerCloudTrailRole carries (created 2025-11-05), instead of the older inline policy. */
export const CLOUDTRAIL_ROLE_MANAGED_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSControlTowerCloudTrailRolePolicy";

/**
 * The service roles of "Launch your landing zone with the API" (Control Tower User Guide): the
 * console creates them itself, the API does not. They live under the `/service-role/` path.
 * AWSControlTowerCloudTrailRole carries the managed policy AWSControlTowerCloudTrailRolePolicy, not
 * an inline one, at every version: upgrading to 4.0 through the API requires it ("Key changes",
 * landing zone 4.0), and making the change while still on 3.x keeps it out of the upgrade itself.
 */
export function controlTowerRoles(): ControlTowerRoleSpec[] {
  return [
    {
      name: "AWSControlTowerAdmin",
      trustPolicy: serviceTrustPolicy("controltower.amazonaws.com"),
      managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy"],
      inlinePolicy: policyDocument([{ Effect: "Allow", Action: "ec2:DescribeAvailabilityZones", Resource: "*" }]),
    },
    {
      name: "AWSControlTowerCloudTrailRole",
      trustPolicy: serviceTrustPolicy("cloudtrail.amazonaws.com"),
      managedPolicyArns: [CLOUDTRAIL_ROLE_MANAGED_POLICY_ARN],
    },
    {
      name: "AWSControlTowerStackSetRole",
      trustPolicy: serviceTrustPolicy("cloudformation.amazonaws.com"),
      managedPolicyArns: [],
      inlinePolicy: policyDocument([{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/AWSControlTowerExecution" }]),
    },
    {
      name: "AWSControlTowerConfigAggregatorRoleForOrganizations",
      trustPolicy: serviceTrustPolicy("config.amazonaws.com"),
      managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"],
    },
  ];
}

/** Trust of AWSControlTowerExecution in a member account: the management account, where Control Tower runs. */
export function memberExecutionTrust(managementAccountId: string): Record<string, unknown> {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: "sts:AssumeRole" }] };
}
