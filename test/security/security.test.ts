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

  it("runs GuardDuty in both Australian regions, auto-enabled for every member account with its protection plans", () => {
    const detectors = byType(plan, "aws:guardduty/detector:Detector");
    assert.deepStrictEqual(detectors.map((d) => d.region).sort(), AU);
    for (const org of byType(plan, "aws:guardduty/organizationConfiguration:OrganizationConfiguration")) {
      assert.strictEqual(org.inputs.autoEnableOrganizationMembers, "ALL");
      assert.strictEqual(org.inputs.detectorId, detectors.find((d) => d.region === org.region)!.id);
    }
    const features = byType(plan, "aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature");
    assert.deepStrictEqual([...new Set(features.map((f) => f.inputs.name))].sort(), ["EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "S3_DATA_EVENTS"]);
    for (const f of features) assert.strictEqual(f.inputs.autoEnable, "ALL");
  });

  it("subscribes Security Hub to FSBP and CIS in each region, auto-enabled for members", () => {
    const subs = byType(plan, "aws:securityhub/standardsSubscription:StandardsSubscription");
    for (const region of AU) {
      const arns = subs.filter((s) => s.region === region).map((s) => s.inputs.standardsArn).sort();
      assert.deepStrictEqual(arns, [
        `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
        `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
      ]);
    }
    for (const org of byType(plan, "aws:securityhub/organizationConfiguration:OrganizationConfiguration")) assert.strictEqual(org.inputs.autoEnable, true);
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
