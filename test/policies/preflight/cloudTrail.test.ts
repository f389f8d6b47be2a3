import * as aws from "@pulumi/aws";
import { trailLogGroupInTrailAccount } from "../../../policies/preflight/cloudTrail";
import { ACCOUNT, ruleCases, stack } from "./rules";

const GROUP = (account: string, region = "ap-southeast-2") => `arn:aws:logs:${region}:${account}:log-group:/lz/organization-trail`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/lz-organization-trail-cloudwatch`;

function trailTo(opts: { groupAccount?: string; groupRegion?: string; suffix?: string; role?: boolean; inStack?: boolean } = {}) {
  const s = stack();
  const account = opts.groupAccount ?? ACCOUNT;
  const region = opts.groupRegion ?? "ap-southeast-2";
  if (opts.inStack !== false) {
    if (account !== ACCOUNT || region !== "ap-southeast-2") s.awsProvider("other", { region, allowedAccountIds: JSON.stringify([account]) });
    s.add(aws.cloudwatch.LogGroup, "trail-log-group", { name: "/lz/organization-trail" }, { outputs: { arn: GROUP(account, region) }, provider: account !== ACCOUNT || region !== "ap-southeast-2" ? "other" : undefined });
  }
  s.add(aws.cloudtrail.Trail, "trail", {
    name: "lz-organization-trail",
    s3BucketName: "lz-logs-cloudtrail",
    isOrganizationTrail: true,
    cloudWatchLogsGroupArn: `${GROUP(account, region)}${opts.suffix ?? ":*"}`,
    ...(opts.role === false ? {} : { cloudWatchLogsRoleArn: ROLE }),
  }, { provider: "aws" });
  return s;
}

describe("preflight: CloudTrail", () => {
  ruleCases(
    trailLogGroupInTrailAccount,
    {
      "a log group of the trail's account and Region, in the stack": () => trailTo(),
      "a literal ARN of the trail's account and Region": () => trailTo({ inStack: false }),
      "a trail without CloudWatch Logs": () => {
        const s = stack();
        s.add(aws.cloudtrail.Trail, "trail", { name: "t", s3BucketName: "b" });
        return s;
      },
    },
    [
      { title: "a log group in another account (the management account, say)", build: () => trailTo({ groupAccount: "999999999999" }), expect: /trail is configured from account 111111111111 but the log group trail-log-group is in account 999999999999/ },
      { title: "a literal ARN in another account", build: () => trailTo({ groupAccount: "999999999999", inStack: false }), expect: /but the log group arn:aws:logs:ap-southeast-2:999999999999:log-group:\/lz\/organization-trail:\* is in account 999999999999/ },
      { title: "a log group in another Region", build: () => trailTo({ groupRegion: "ap-southeast-4", inStack: false }), expect: /home Region is ap-southeast-2 but the log group .* is in ap-southeast-4/ },
      { title: "no delivery role", build: () => trailTo({ role: false }), expect: /sets no cloudWatchLogsRoleArn/ },
      { title: "the ARN without :*", build: () => trailTo({ suffix: "" }), expect: /does not end with ":\*"/ },
    ],
  );
});
