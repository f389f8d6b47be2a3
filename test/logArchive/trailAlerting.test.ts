import * as assert from "assert";
import { organizationId } from "../../cli/engine/fakeIds";
import { TRAIL_DELIVERY_ROLE_NAME, TRAIL_LOG_GROUP_NAME } from "../../components/logArchive/trailAlerting";
import { PlanResult } from "../../lib/plan";
import { TRAIL_ALARM_NAMESPACE, TRAIL_ALARMS } from "../../lib/observability/trailAlarms";
import { simulate } from "../lib/iamSimulation";
import { byType, LzRun, one, planEdited, planStack } from "../helpers/plan";

const ACCOUNT = "222222222222";
const MANAGEMENT = "111111111111";
const REGION = "ap-southeast-2";
const ORG = organizationId(MANAGEMENT);
const GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${TRAIL_LOG_GROUP_NAME}`;

describe("the organisation trail's CloudWatch Logs delivery and alarms (#13 item 10)", () => {
  let plan: PlanResult;
  before(async () => {
    plan = await planStack("log-archive");
  });
  const key = () => one(plan, "aws:kms/key:Key", "organization-trail-alerting-key");
  const group = () => one(plan, "aws:cloudwatch/logGroup:LogGroup", "organization-trail-alerting-log-group");
  const role = () => one(plan, "aws:iam/role:Role", "organization-trail-alerting-role");
  const topic = () => one(plan, "aws:sns/topic:Topic", "organization-trail-alerting-topic");
  const doc = (r: { inputs: Record<string, unknown> }, prop: string) => JSON.parse(r.inputs[prop] as string);

  it("keeps the trail's events in a KMS-encrypted log group of the log-archive account, for the configured retention, protected and retained", () => {
    const g = group();
    assert.strictEqual(g.inputs.name, TRAIL_LOG_GROUP_NAME);
    assert.strictEqual(g.inputs.retentionInDays, 365);
    assert.strictEqual(g.inputs.kmsKeyId, key().outputs.arn);
    assert.strictEqual(g.region, REGION);
    assert.ok(g.protect && g.retainOnDelete);
    const k = key();
    assert.ok(k.protect && k.retainOnDelete);
    assert.strictEqual(k.inputs.enableKeyRotation, true);
  });

  it("lets CloudWatch Logs use the key for this log group only, and CloudWatch alarms of this account publish through it", () => {
    const policy = doc(key(), "policy");
    const logs = policy.Statement.find((s: any) => s.Sid === "CloudWatchLogsTrailLogGroup");
    assert.deepStrictEqual(logs.Principal, { Service: `logs.${REGION}.amazonaws.com` });
    assert.deepStrictEqual(logs.Condition, { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": GROUP_ARN } });
    const alarms = policy.Statement.find((s: any) => s.Sid === "CloudWatchAlarmsPublish");
    assert.deepStrictEqual(alarms.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT } });
  });

  it("points the trail at the log group (with the :* CloudTrail requires) and the delivery role, and creates it after both", () => {
    const trail = one(plan, "aws:cloudtrail/trail:Trail");
    assert.strictEqual(trail.inputs.cloudWatchLogsGroupArn, `${group().outputs.arn}:*`);
    assert.strictEqual(trail.inputs.cloudWatchLogsRoleArn, role().outputs.arn);
    const rolePolicy = one(plan, "aws:iam/rolePolicy:RolePolicy", "organization-trail-alerting-role-policy");
    assert.ok(trail.dependencies?.includes(group().urn), "trail waits for the log group");
    assert.ok(trail.dependencies?.includes(rolePolicy.urn), "trail waits for the role's permissions");
  });

  it("trusts CloudTrail without aws:SourceArn / aws:SourceAccount conditions, which AWS says this role does not support", async () => {
    const r = role();
    assert.strictEqual(r.inputs.name, TRAIL_DELIVERY_ROLE_NAME);
    const trust = doc(r, "assumeRolePolicy");
    const assume = (context: Record<string, string>, principal = "cloudtrail.amazonaws.com") =>
      simulate({ principal, action: "sts:AssumeRole", resource: `arn:aws:iam::${ACCOUNT}:role/${TRAIL_DELIVERY_ROLE_NAME}`, resourceAccount: ACCOUNT, resourcePolicy: trust, context });
    // CloudTrail assumes the role with no source keys in the request: the trust must allow it.
    assert.strictEqual((await assume({})).result, "Allowed");
    assert.notStrictEqual((await assume({}, "logs.amazonaws.com")).result, "Allowed");
    assert.deepStrictEqual(trust.Statement.map((s: any) => s.Condition), [undefined]);
  });

  it("lets the role create and write the organisation trail's log streams of this log group, nothing else", async () => {
    const policy = doc(one(plan, "aws:iam/rolePolicy:RolePolicy", "organization-trail-alerting-role-policy"), "policy");
    const principal = `arn:aws:sts::${ACCOUNT}:assumed-role/${TRAIL_DELIVERY_ROLE_NAME}/cloudtrail`;
    const write = (action: string, resource: string) => simulate({ principal, action, resource, resourceAccount: ACCOUNT, identity: [policy] });
    for (const action of ["logs:CreateLogStream", "logs:PutLogEvents"]) {
      assert.strictEqual((await write(action, `${GROUP_ARN}:log-stream:${ORG}_333333333333_CloudTrail_${REGION}`)).result, "Allowed", action);
      assert.strictEqual((await write(action, `${GROUP_ARN}:log-stream:${MANAGEMENT}_CloudTrail_${REGION}_1`)).result, "Allowed", action);
      assert.notStrictEqual((await write(action, `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/other:log-stream:${ORG}_x`)).result, "Allowed", action);
    }
    assert.notStrictEqual((await write("logs:DeleteLogGroup", GROUP_ARN)).result, "Allowed");
  });

  it("has one metric filter on the trail's log group and one alarm on its metric per CIS monitoring control", () => {
    const filters = byType(plan, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
    const alarms = byType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.strictEqual(filters.length, TRAIL_ALARMS.length);
    assert.strictEqual(alarms.length, TRAIL_ALARMS.length);
    const ids = TRAIL_ALARMS.map((a) => a.id);
    for (const must of ["root-usage", "unauthorized-api-calls", "console-signin-without-mfa", "iam-policy-changes", "cloudtrail-changes", "kms-key-disable-or-deletion", "s3-bucket-policy-changes", "organizations-changes"]) assert.ok(ids.includes(must), must);
    for (const a of TRAIL_ALARMS) {
      const f = filters.find((x) => x.inputs.name === `lz-${a.id}`)!;
      assert.ok(f, a.id);
      assert.strictEqual(f.inputs.logGroupName, TRAIL_LOG_GROUP_NAME);
      assert.strictEqual(f.inputs.pattern, a.pattern);
      const m = f.inputs.metricTransformation as { name: string; namespace: string; value: string };
      assert.deepStrictEqual([m.namespace, m.value], [TRAIL_ALARM_NAMESPACE, "1"]);
      const alarm = alarms.find((x) => x.inputs.name === `lz-${a.id}`)!;
      assert.deepStrictEqual([alarm.inputs.namespace, alarm.inputs.metricName], [m.namespace, m.name], `alarm ${a.id} watches its filter's metric`);
      assert.deepStrictEqual([alarm.inputs.threshold, alarm.inputs.comparisonOperator, alarm.inputs.statistic], [1, "GreaterThanOrEqualToThreshold", "Sum"]);
      assert.deepStrictEqual(alarm.inputs.alarmActions, [topic().outputs.arn]);
    }
    assert.match(TRAIL_ALARMS.find((a) => a.id === "root-usage")!.pattern, /\$\.userIdentity\.type = "Root"/);
    assert.match(TRAIL_ALARMS.find((a) => a.id === "console-signin-without-mfa")!.pattern, /MFAUsed != "Yes"/);
    assert.match(TRAIL_ALARMS.find((a) => a.id === "kms-key-disable-or-deletion")!.pattern, /ScheduleKeyDeletion/);
    assert.match(TRAIL_ALARMS.find((a) => a.id === "organizations-changes")!.pattern, /organizations\.amazonaws\.com[\s\S]*AttachPolicy/);
  });

  it("notifies an SNS topic encrypted with the alert key, which only this account's alarms publish to, over TLS", async () => {
    const t = topic();
    assert.strictEqual(t.inputs.kmsMasterKeyId, key().outputs.arn);
    const policy = doc(one(plan, "aws:sns/topicPolicy:TopicPolicy"), "policy");
    const topicArn = t.outputs.arn as string;
    const publish = (context: Record<string, string>) => simulate({ principal: "cloudwatch.amazonaws.com", action: "sns:Publish", resource: topicArn, resourceAccount: ACCOUNT, resourcePolicy: policy, context });
    const own = { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:lz-root-usage`, "aws:SecureTransport": "true" };
    assert.strictEqual((await publish(own)).result, "Allowed");
    assert.notStrictEqual((await publish({ ...own, "aws:SourceAccount": "999999999999", "aws:SourceArn": `arn:aws:cloudwatch:${REGION}:999999999999:alarm:x` })).result, "Allowed");
    assert.notStrictEqual((await publish({ ...own, "aws:SecureTransport": "false" })).result, "Allowed");
    assert.strictEqual(plan.outputs.trailAlarmTopicArn, topicArn);
  });

  it("takes the retention from logArchive.cloudWatchLogsRetentionDays and refuses a value CloudWatch Logs does not accept (exit 2, file and key)", async () => {
    const run: LzRun = await planEdited("log-archive", (p) =>
      p.editStack("log-archive", (c) => {
        c["landing-zone:logArchive"] = { ...(c["landing-zone:logArchive"] ?? {}), cloudWatchLogsRetentionDays: 100 };
      }),
    );
    assert.strictEqual(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes("Pulumi.log-archive.yaml: landing-zone:logArchive.cloudWatchLogsRetentionDays:"), run.stderr);
    assert.match(run.stderr, /must be one of 1, 3, 5, .*365.*3653/);
  });
});
