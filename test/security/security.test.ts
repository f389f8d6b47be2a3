import * as assert from "assert";
import { PlanResult } from "../../lib/plan";
import { byType, one, planEdited, planStack } from "../helpers/plan";

const AU = ["ap-southeast-2", "ap-southeast-4"];

describe("security stack plan", () => {
  let plan: PlanResult;
  before(async () => {
    plan = await planStack("security");
  });

  it("plans with no mandatory finding, everything on the explicit provider and in Australia", () => {
    assert.deepStrictEqual(plan.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
    for (const r of plan.resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
      assert.ok(r.provider, `${r.type} ${r.name}`);
      if (r.region !== null) assert.ok(AU.includes(r.region), `${r.name} in ${r.region}`);
    }
  });

  it("runs GuardDuty in both Australian regions with the detector designation created (looked up, not a second one), auto-enabled for every member account", () => {
    assert.deepStrictEqual(byType(plan, "aws:guardduty/detector:Detector"), []);
    const orgs = byType(plan, "aws:guardduty/organizationConfiguration:OrganizationConfiguration");
    assert.deepStrictEqual(orgs.map((o) => o.region).sort(), AU);
    for (const org of orgs) {
      assert.strictEqual(org.inputs.autoEnableOrganizationMembers, "ALL");
      assert.match(String(org.inputs.detectorId), /^[0-9a-f]{32}$/);
      assert.ok(org.protect, org.name);
    }
    const features = byType(plan, "aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature");
    assert.deepStrictEqual([...new Set(features.map((f) => f.inputs.name))].sort(), ["EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "S3_DATA_EVENTS"]);
    for (const f of features) assert.strictEqual(f.inputs.autoEnable, "ALL");
  });

  it("configures Security Hub centrally: no second subscription, CENTRAL after the aggregator, FSBP and CIS 3.0 for the root and the management account", () => {
    assert.deepStrictEqual(byType(plan, "aws:securityhub/account:Account"), []);
    assert.deepStrictEqual(byType(plan, "aws:securityhub/standardsSubscription:StandardsSubscription"), []);
    const org = one(plan, "aws:securityhub/organizationConfiguration:OrganizationConfiguration");
    assert.deepStrictEqual(org.inputs.organizationConfiguration, { configurationType: "CENTRAL" });
    assert.strictEqual(org.inputs.autoEnable, false);
    assert.strictEqual(org.inputs.autoEnableStandards, "NONE");
    assert.ok(org.dependencies!.includes(one(plan, "aws:securityhub/findingAggregator:FindingAggregator").urn));
    const policy = one(plan, "aws:securityhub/configurationPolicy:ConfigurationPolicy");
    const cp = policy.inputs.configurationPolicy as { serviceEnabled: boolean; enabledStandardArns: string[] };
    assert.strictEqual(cp.serviceEnabled, true);
    assert.deepStrictEqual(cp.enabledStandardArns.sort(), [
      "arn:aws:securityhub:ap-southeast-2::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:ap-southeast-2::standards/cis-aws-foundations-benchmark/v/3.0.0",
    ]);
    const targets = byType(plan, "aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation").map((a) => a.inputs.targetId).sort();
    assert.strictEqual(targets.length, 2);
    assert.strictEqual(targets[0], "111111111111");
    assert.match(String(targets[1]), /^r-[a-z0-9]{4}$/);
    for (const r of [org, policy]) assert.ok(r.protect, r.name);
  });

  it("aggregates findings in the home region only, from the other Australian region only", () => {
    const agg = one(plan, "aws:securityhub/findingAggregator:FindingAggregator");
    assert.strictEqual(agg.region, "ap-southeast-2");
    assert.strictEqual(agg.inputs.linkingMode, "SPECIFIED_REGIONS");
    assert.deepStrictEqual(agg.inputs.specifiedRegions, ["ap-southeast-4"]);
  });

  it("aggregates Config organisation-wide in the home region, over the Australian regions only", () => {
    const agg = one(plan, "aws:cfg/configurationAggregator:ConfigurationAggregator");
    assert.strictEqual(agg.region, "ap-southeast-2");
    const src = agg.inputs.organizationAggregationSource as { allRegions: boolean; regions: string[]; roleArn: string };
    assert.strictEqual(src.allRegions, false);
    assert.deepStrictEqual(src.regions, AU);
    const role = byType(plan, "aws:iam/role:Role").find((r) => r.outputs.arn === src.roleArn)!;
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
    assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "config.amazonaws.com" });
  });

  it("runs an organisation-wide IAM Access Analyzer in each region", () => {
    const analyzers = byType(plan, "aws:accessanalyzer/analyzer:Analyzer").filter((a) => a.inputs.type === "ORGANIZATION");
    assert.deepStrictEqual(analyzers.map((a) => a.region).sort(), AU);
  });
});

describe("security config refused at config time (exit 2, key named)", () => {
  it("regions without the home region", async () => {
    const run = await planEdited("security", (p) =>
      p.editStack("security", (c) => {
        c["landing-zone:security"].regions = ["ap-southeast-4"];
      }),
    );
    assert.strictEqual(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes("Pulumi.security.yaml: landing-zone:security.regions:"), run.stderr);
  });

  it("regions the management stack's region deny refuses, in the security and a workload stack", async () => {
    const run = await planEdited("security", (p) =>
      p.editStack("management", (c) => {
        c["landing-zone:guardrails"].allowedRegions = ["ap-southeast-2"];
      }),
    );
    assert.strictEqual(run.code, 2, run.stderr);
    const allowed = "not in Pulumi.management.yaml landing-zone:guardrails.allowedRegions (ap-southeast-2), so the region deny would refuse it";
    assert.ok(run.stderr.includes(`Pulumi.security.yaml: landing-zone:security.regions: ap-southeast-4 is ${allowed}`), run.stderr);
    assert.ok(run.stderr.includes(`Pulumi.dev.yaml: landing-zone:baseline.regions: ap-southeast-4 is ${allowed}`), run.stderr);
    assert.ok(!run.stderr.includes("at "), "no stack trace");
  });

  it("a region outside Australia", async () => {
    const run = await planEdited("security", (p) =>
      p.editStack("security", (c) => {
        c["landing-zone:security"].regions = ["ap-southeast-2", "us-east-1"];
      }),
    );
    assert.strictEqual(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes("Pulumi.security.yaml: landing-zone:security.regions[1]:"), run.stderr);
  });
});
