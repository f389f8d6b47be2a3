import { parseArn } from "../lib/arn";
import { LzPolicy } from "../lib/policy";
import { ViewResource } from "../lib/stack";
import { str } from "../lib/values";
import { accountOfProvider, knownRegionOf } from "./account";
import { preflightStack } from "./constraint";

/** CloudTrail: a trail's CloudWatch Logs delivery. */

const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** Where a resource is deployed: its provider's account and its region, each when the plan says. */
function placeOf(r: ViewResource): { account?: string; region?: string } {
  return { account: accountOfProvider(r.provider), region: knownRegionOf(r) };
}

export const trailLogGroupInTrailAccount = preflightStack({
  name: "trail-log-group-in-trail-account",
  description: "A trail's CloudWatch Logs log group must be in the account that configures the trail and in the trail's home Region, named by its ARN ending `:*`, with a delivery role.",
  types: [TRAIL, LOG_GROUP],
  fix: "Create the log group (and the role CloudTrail assumes to write to it) with the provider the trail uses, in the trail's Region; set cloudWatchLogsGroupArn to `${logGroup.arn}:*` and cloudWatchLogsRoleArn to the role.",
  constraint: {
    rule: "to deliver events to a CloudWatch Logs log group you must choose a log group that exists in your current account (the delegated administrator configures it with CreateTrail/UpdateTrail, not the console), and CloudWatchLogsRoleArn is required with CloudWatchLogsLogGroupArn (InvalidCloudWatchLogsLogGroupArnException, InvalidCloudWatchLogsRoleArnException)",
    source: "AWS CloudTrail User Guide, Creating a trail for an organization in the console and Sending events to CloudWatch Logs; CloudTrail API Reference, CreateTrail",
  },
  validate(stack, _ctx, report) {
    for (const trail of stack.ofType(TRAIL)) {
      const value = str(trail.props.cloudWatchLogsGroupArn);
      if (!value) continue;
      if (!str(trail.props.cloudWatchLogsRoleArn)) report(trail.urn, `${trail.name} delivers to CloudWatch Logs but sets no cloudWatchLogsRoleArn`);
      if (!value.endsWith(":*")) report(trail.urn, `${trail.name}'s cloudWatchLogsGroupArn ${value} does not end with ":*" (CloudTrail takes the log group ARN with the log-stream wildcard)`);
      const here = placeOf(trail);
      const group = stack.refs(trail, "cloudWatchLogsGroupArn", [LOG_GROUP], value.replace(/:\*$/, ""))[0];
      const there = group ? placeOf(group) : (() => {
        const arn = parseArn(value);
        return arn && arn.service === "logs" ? { account: arn.account || undefined, region: arn.region || undefined } : {};
      })();
      const what = group ? `the log group ${group.name}` : `the log group ${value}`;
      if (here.account && there.account && here.account !== there.account) report(trail.urn, `${trail.name} is configured from account ${here.account} but ${what} is in account ${there.account}`);
      if (here.region && there.region && here.region !== there.region) report(trail.urn, `${trail.name}'s home Region is ${here.region} but ${what} is in ${there.region}`);
    }
  },
});

export const cloudTrailPolicies: readonly LzPolicy[] = [trailLogGroupInTrailAccount];
