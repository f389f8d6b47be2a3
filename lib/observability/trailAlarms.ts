/**
 * The CIS AWS Foundations monitoring controls (section "Monitoring", Security Hub CloudWatch.1 to
 * CloudWatch.14): a metric filter on the organisation trail's log group and an alarm on each. The
 * patterns follow the benchmark's; the metric counts matching events (value 1 each).
 */
export interface TrailAlarm {
  /** Stable id: the filter, metric and alarm names derive from it (never rename: it changes URNs). */
  readonly id: string;
  readonly description: string;
  /** The CloudWatch Logs filter pattern (JSON event syntax). */
  readonly pattern: string;
  /** The CIS / Security Hub control it implements. */
  readonly control: string;
}

const anyEvent = (names: readonly string[]) => names.map((n) => `($.eventName = ${n})`).join(" || ");

export const TRAIL_ALARM_NAMESPACE = "LandingZone/OrganizationTrail";

export const TRAIL_ALARMS: readonly TrailAlarm[] = [
  { id: "root-usage", control: "CloudWatch.1", description: "The root user was used", pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }' },
  { id: "unauthorized-api-calls", control: "CloudWatch.2", description: "API calls were refused (unauthorised)", pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }' },
  {
    id: "console-signin-without-mfa",
    control: "CloudWatch.3",
    description: "An IAM user signed in to the console without MFA",
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: "iam-policy-changes",
    control: "CloudWatch.4",
    description: "An IAM policy was changed",
    pattern: `{ ${anyEvent(["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"])} }`,
  },
  { id: "cloudtrail-changes", control: "CloudWatch.5", description: "A CloudTrail trail was changed, stopped or deleted", pattern: `{ ${anyEvent(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])} }` },
  { id: "console-signin-failures", control: "CloudWatch.6", description: "Console sign-in failed", pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }' },
  { id: "kms-key-disable-or-deletion", control: "CloudWatch.7", description: "A KMS key was disabled or scheduled for deletion", pattern: "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }" },
  {
    id: "s3-bucket-policy-changes",
    control: "CloudWatch.8",
    description: "An S3 bucket's policy, ACL, CORS, lifecycle or replication was changed",
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent(["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"])}) }`,
  },
  {
    id: "config-changes",
    control: "CloudWatch.9",
    description: "AWS Config recording or delivery was changed",
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"])}) }`,
  },
  {
    id: "security-group-changes",
    control: "CloudWatch.10",
    description: "A security group was changed",
    pattern: `{ ${anyEvent(["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"])} }`,
  },
  { id: "nacl-changes", control: "CloudWatch.11", description: "A network ACL was changed", pattern: `{ ${anyEvent(["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"])} }` },
  { id: "network-gateway-changes", control: "CloudWatch.12", description: "A network gateway was changed", pattern: `{ ${anyEvent(["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"])} }` },
  {
    id: "route-table-changes",
    control: "CloudWatch.13",
    description: "A route table was changed",
    pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent(["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"])}) }`,
  },
  {
    id: "vpc-changes",
    control: "CloudWatch.14",
    description: "A VPC or its peering was changed",
    pattern: `{ ${anyEvent(["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink"])} }`,
  },
  {
    id: "organizations-changes",
    control: "CIS 4.15",
    description: "The organisation, its accounts, OUs or policies (SCPs, RCPs) were changed",
    pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${anyEvent(["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"])}) }`,
  },
];
