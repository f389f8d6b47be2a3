import { keyAdministrationStatement, logGroupArn, logGroupKeyStatement } from "./keyAdministration";
import { PolicyDocument, policyDocument } from "./policyDocument";

/**
 * Policies of the organisation trail's CloudWatch Logs delivery. AWS documents that CloudTrail
 * delivers only to a log group of the account that configures the trail (CreateTrail,
 * CloudWatchLogsLogGroupArn: "You must use a log group that exists in your account"; for a trail
 * the management account creates, that is the management account), and that the delegated
 * administrator configures it through the API (CreateTrail/UpdateTrail), not the console. So the
 * log group, the role CloudTrail assumes and the alarms all live in the log-archive account (the
 * delegated administrator, which creates the trail), while the trail itself is owned by the
 * management account: the log stream names carry the management account and the organisation id.
 */

export interface TrailAlertingInput {
  /** The log-archive account: owns the log group, the role and the alert key. */
  readonly accountId: string;
  readonly region: string;
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** The log group's name. */
  readonly logGroupName: string;
}

/**
 * The trust of the role CloudTrail assumes to write: CloudTrail, with no condition. AWS documents
 * that confused deputy prevention does not apply to this role: it "doesn't support the use of
 * aws:SourceArn and aws:SourceAccount" (CloudTrail User Guide, Role policy document for CloudTrail
 * to use CloudWatch Logs for monitoring), so a condition on either key could never be met and
 * CloudTrail could not assume the role (the preflight rule `trail-delivery-role-trust` refuses one).
 * What bounds the role is its permissions: this log group's trail streams only.
 */
export function trailDeliveryTrustPolicy(): PolicyDocument {
  return policyDocument([
    {
      Sid: "CloudTrailDelivery",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "sts:AssumeRole",
    },
  ]);
}

/**
 * What the role may do: create its log streams and put events in them, and nothing else. Streams of
 * an organisation trail are named `<organization id>_<account>_CloudTrail_<region>`, and those of the
 * owning account `<management account>_CloudTrail_<region>` (CloudTrail User Guide, role policy
 * document for organisation trails).
 */
export function trailDeliveryRolePolicy(p: TrailAlertingInput): PolicyDocument {
  const group = logGroupArn(p);
  const streams = [`${group}:log-stream:${p.managementAccountId}_CloudTrail_${p.region}*`, `${group}:log-stream:${p.organizationId}_*`];
  return policyDocument([
    { Sid: "CreateTrailLogStreams", Effect: "Allow", Action: "logs:CreateLogStream", Resource: streams },
    { Sid: "PutTrailLogEvents", Effect: "Allow", Action: "logs:PutLogEvents", Resource: streams },
  ]);
}

/**
 * The alert key, for the trail's log group and the alarm topic: CloudWatch Logs may use it for
 * this log group only (its encryption context), CloudWatch (alarms publishing to the encrypted
 * topic) only for alarms of this account.
 */
export function trailAlertKeyPolicy(p: TrailAlertingInput): PolicyDocument {
  return policyDocument([
    keyAdministrationStatement(p.accountId),
    logGroupKeyStatement("CloudWatchLogsTrailLogGroup", p),
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": p.accountId } },
    },
  ]);
}

/** The alarm topic's policy: CloudWatch alarms of this account may publish, and nobody without TLS. */
export function trailAlertTopicPolicy(p: { readonly accountId: string; readonly region: string; readonly topicArn: string }): PolicyDocument {
  return policyDocument([
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: p.topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": p.accountId }, ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${p.region}:${p.accountId}:alarm:*` } },
    },
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sns:*", Resource: p.topicArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
  ]);
}
