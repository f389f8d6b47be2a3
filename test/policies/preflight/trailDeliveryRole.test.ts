import * as aws from "@pulumi/aws";
import { trailDeliveryRoleTrust } from "../../../policies/preflight/trailDeliveryRole";
import { ACCOUNT, ruleCases, stack } from "./rules";

const ROLE = `arn:aws:iam::${ACCOUNT}:role/lz-organization-trail-cloudwatch`;
const TRAIL_ARN = `arn:aws:cloudtrail:ap-southeast-2:${ACCOUNT}:trail/lz-organization-trail`;

/** A trail delivering to CloudWatch Logs through a role of the stack that trusts CloudTrail under `condition`. */
function trailWithRole(condition?: Record<string, unknown>, principal = "cloudtrail.amazonaws.com") {
  const s = stack();
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: principal }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }] };
  s.add(aws.iam.Role, "trail-role", { name: "lz-organization-trail-cloudwatch", assumeRolePolicy: JSON.stringify(trust) }, { outputs: { arn: ROLE } });
  s.add(aws.cloudtrail.Trail, "trail", {
    name: "lz-organization-trail",
    s3BucketName: "lz-logs-cloudtrail",
    isOrganizationTrail: true,
    cloudWatchLogsGroupArn: `arn:aws:logs:ap-southeast-2:${ACCOUNT}:log-group:/lz/organization-trail:*`,
    cloudWatchLogsRoleArn: ROLE,
  });
  return s;
}

describe("preflight: the CloudWatch Logs delivery role's trust", () => {
  ruleCases(
    trailDeliveryRoleTrust,
    {
      "a trust without conditions": () => trailWithRole(),
      "conditions that pass when the keys are absent (IfExists, Null true)": () => trailWithRole({ StringEqualsIfExists: { "aws:SourceArn": TRAIL_ARN }, Null: { "aws:SourceAccount": "true" } }),
      "a condition on another key": () => trailWithRole({ StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } }),
      "a source condition on another service's statement": () => trailWithRole({ StringEquals: { "aws:SourceAccount": ACCOUNT } }, "logs.amazonaws.com"),
    },
    [
      {
        title: "aws:SourceArn and aws:SourceAccount required (the confused-deputy pattern of other services)",
        build: () => trailWithRole({ StringEquals: { "aws:SourceArn": TRAIL_ARN, "aws:SourceAccount": ACCOUNT } }),
        expect: /trail-role, the CloudWatch Logs role of trail, lets CloudTrail assume it only with StringEquals aws:SourceArn and StringEquals aws:SourceAccount/,
      },
      { title: "aws:SourceArn required by ArnLike", build: () => trailWithRole({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*" } }), expect: /only with ArnLike aws:SourceArn/ },
      { title: "Null false on aws:SourceAccount", build: () => trailWithRole({ Null: { "aws:SourceAccount": "false" } }), expect: /only with Null aws:SourceAccount/ },
    ],
  );
});
