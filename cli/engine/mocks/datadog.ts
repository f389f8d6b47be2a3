import { registerInvokes } from "../invokes";
import { registerMockState } from "../mockState";
import { alnum, digits, hex, uuid } from "../fakeIds";

/**
 * Mock state for the Datadog resources the observability component makes, and offline answers for
 * the data sources it calls. Monitor ids are integers, synthetic tests have public ids like
 * `abc-123-xyz`, the AWS external id is 32-character hex.
 */

registerMockState({
  "datadog:aws/integrationExternalId:IntegrationExternalId": (_c, seed) => ({ id: hex(seed, 32) }),
  "datadog:aws/integrationAccount:IntegrationAccount": (_c, seed) => ({ id: uuid(seed) }),
  "datadog:index/monitor:Monitor": (_c, seed) => ({ id: digits(seed, 9) }),
  "datadog:index/syntheticsTest:SyntheticsTest": (_c, seed) => ({ id: `${alnum(seed, 3)}-${alnum(`${seed}:2`, 3)}-${alnum(`${seed}:3`, 3)}`, state: { monitorId: Number(digits(`${seed}:monitor`, 9)) } }),
  "datadog:index/syntheticsGlobalVariable:SyntheticsGlobalVariable": (_c, seed) => ({ id: uuid(seed) }),
});

/**
 * What `datadog.aws.getIntegrationIamPermissionsStandard` returns: the read-only actions of Datadog's
 * standard AWS integration policy (metrics, tags and service metadata).
 */
export const DATADOG_STANDARD_IAM_PERMISSIONS = [
  "apigateway:GET",
  "autoscaling:Describe*",
  "backup:List*",
  "budgets:ViewBudget",
  "cloudfront:GetDistributionConfig",
  "cloudfront:ListDistributions",
  "cloudtrail:DescribeTrails",
  "cloudtrail:GetTrailStatus",
  "cloudtrail:LookupEvents",
  "cloudwatch:Describe*",
  "cloudwatch:Get*",
  "cloudwatch:List*",
  "codedeploy:BatchGet*",
  "codedeploy:List*",
  "directconnect:Describe*",
  "dynamodb:Describe*",
  "dynamodb:List*",
  "ec2:Describe*",
  "ec2:GetTransitGatewayPrefixListReferences",
  "ec2:SearchTransitGatewayRoutes",
  "ecs:Describe*",
  "ecs:List*",
  "elasticache:Describe*",
  "elasticache:List*",
  "elasticfilesystem:DescribeAccessPoints",
  "elasticfilesystem:DescribeFileSystems",
  "elasticfilesystem:DescribeTags",
  "elasticloadbalancing:Describe*",
  "elasticmapreduce:Describe*",
  "elasticmapreduce:List*",
  "es:DescribeElasticsearchDomains",
  "es:ListDomainNames",
  "es:ListTags",
  "events:CreateEventBus",
  "fsx:DescribeFileSystems",
  "fsx:ListTagsForResource",
  "health:DescribeAffectedEntities",
  "health:DescribeEventDetails",
  "health:DescribeEvents",
  "iam:ListAccountAliases",
  "kinesis:Describe*",
  "kinesis:List*",
  "lambda:List*",
  "logs:DeleteSubscriptionFilter",
  "logs:DescribeLogGroups",
  "logs:DescribeLogStreams",
  "logs:DescribeSubscriptionFilters",
  "logs:FilterLogEvents",
  "logs:PutSubscriptionFilter",
  "logs:TestMetricFilter",
  "oam:ListAttachedLinks",
  "oam:ListSinks",
  "organizations:Describe*",
  "organizations:List*",
  "rds:Describe*",
  "rds:List*",
  "redshift:DescribeClusters",
  "redshift:DescribeLoggingStatus",
  "route53:List*",
  "s3:GetBucketLocation",
  "s3:GetBucketLogging",
  "s3:GetBucketNotification",
  "s3:GetBucketTagging",
  "s3:ListAllMyBuckets",
  "s3:PutBucketNotification",
  "ses:Get*",
  "sns:GetSubscriptionAttributes",
  "sns:List*",
  "sns:Publish",
  "sqs:ListQueues",
  "states:DescribeStateMachine",
  "states:ListStateMachines",
  "support:DescribeTrustedAdvisor*",
  "support:RefreshTrustedAdvisorCheck",
  "tag:GetResources",
  "tag:GetTagKeys",
  "tag:GetTagValues",
  "wafv2:ListLoggingConfigurations",
  "xray:BatchGetTraces",
  "xray:GetTraceSummaries",
];

registerInvokes({
  "datadog:aws/getIntegrationIamPermissionsStandard:getIntegrationIamPermissionsStandard": () => ({ id: "standard", iamPermissions: [...DATADOG_STANDARD_IAM_PERMISSIONS] }),
});
