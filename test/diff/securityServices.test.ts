import * as assert from "assert";
import { diffPlans } from "../../cli/diff/compare";
import { isStateful } from "../../cli/diff/stateful";
import type { PlanResult } from "../../lib/plan";
import { planStack } from "../helpers/plan";

/** Issue #13 item 9: nothing security-critical is deleted by an edit, and lz diff says so first. */
const SECURITY_CRITICAL = [
  "aws:guardduty/detector:Detector",
  "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount",
  "aws:guardduty/organizationConfiguration:OrganizationConfiguration",
  "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount",
  "aws:securityhub/organizationConfiguration:OrganizationConfiguration",
  "aws:securityhub/configurationPolicy:ConfigurationPolicy",
  "aws:securityhub/findingAggregator:FindingAggregator",
  "aws:cfg/recorder:Recorder",
  "aws:cfg/configurationAggregator:ConfigurationAggregator",
  "aws:accessanalyzer/analyzer:Analyzer",
  "aws:organizations/delegatedAdministrator:DelegatedAdministrator",
  "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount",
];

describe("security services are protected and their deletion is a stateful hazard (#13 item 9)", function () {
  this.timeout(120000);
  let plans: PlanResult[];
  before(async () => {
    plans = [await planStack("management"), await planStack("security"), await planStack("log-archive")];
  });

  it("every GuardDuty, Security Hub, Config, Access Analyzer and delegated-administrator resource of the sample stacks is protected", () => {
    const found = plans.flatMap((p) => p.resources.filter((r) => SECURITY_CRITICAL.includes(r.type)));
    assert.ok(found.length >= 20, `${found.length}`);
    assert.deepStrictEqual(found.filter((r) => !r.protect).map((r) => `${r.type} ${r.name}`), []);
    for (const t of SECURITY_CRITICAL) assert.ok(isStateful({ type: t }), t);
  });

  it("lz diff lists removing them among the stateful deletions, blocking", () => {
    const security = plans[1];
    const after: PlanResult = { ...security, resources: security.resources.filter((r) => !r.type.startsWith("aws:guardduty/") && !r.type.startsWith("aws:securityhub/")) };
    const d = diffPlans([security], [after]);
    const removed = d.hazards.filter((h) => h.type.startsWith("aws:guardduty/") || h.type.startsWith("aws:securityhub/"));
    assert.ok(removed.length >= 6, JSON.stringify(d.hazards.map((h) => h.type)));
    for (const h of removed) {
      assert.strictEqual(h.action, "delete");
      assert.strictEqual(h.blocking, true);
      assert.match(h.why, /^protected/);
    }
  });
});
