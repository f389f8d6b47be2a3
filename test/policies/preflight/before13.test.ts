import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PlanResource } from "../../../lib/plan";
import { isBlocking } from "../../../lib/plan";
import { pack } from "../../../policies/preflight/pack";
import { runAll } from "../helpers";

/**
 * The management, log-archive and security sample stacks as `lz plan --json` recorded them before
 * issue #13 (test/fixtures/preflight/before-13.plan.json). Each of the items 1-5 is a
 * deployment AWS refuses or an exposure it allows; the preflight pack must name every one.
 */
const FIXTURE = path.join(__dirname, "..", "..", "fixtures", "preflight", "before-13.plan.json");

describe("the preflight pack over the sample stacks as they were before #13", () => {
  const plans = (JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as { stacks: { stack: string; resources: PlanResource[] }[] }).stacks;
  const findings = new Map<string, { policy: string; message: string }[]>();
  before(() => {
    for (const p of plans) {
      const r = runAll(p.resources, { packs: [pack] });
      findings.set(p.stack, r.violations.filter(isBlocking).map((v) => ({ policy: v.policy, message: v.message })));
    }
  });
  const named = (stack: string, policy: string, pattern: RegExp) => {
    const f = (findings.get(stack) ?? []).filter((x) => x.policy === policy);
    assert.ok(f.length > 0, `${stack}: no ${policy} finding among ${JSON.stringify(findings.get(stack)?.map((x) => x.policy))}`);
    assert.ok(f.some((x) => pattern.test(x.message)), `${stack}/${policy}: ${f.map((x) => x.message).join(" | ")}`);
  };

  it("item 1: resources in ap-southeast-4 with nothing enabling it, in all three stacks", () => {
    for (const stack of ["management", "log-archive", "security"]) named(stack, "opt-in-region-enabled", /in the opt-in Region ap-southeast-4 .* but nothing in this stack enables ap-southeast-4/);
  });
  it("item 2: a second GuardDuty detector and a second Security Hub subscription in the delegated administrator", () => {
    named("security", "guardduty-admin-detector", /guardduty-detector-ap-southeast-2 creates a detector in ap-southeast-2/);
    named("security", "securityhub-admin-account", /securityhub-account-ap-southeast-4 enables Security Hub in ap-southeast-4/);
  });
  it("item 3: Security Hub LOCAL configuration reaches no existing account", () => {
    named("security", "securityhub-reaches-existing-members", /uses LOCAL configuration with autoEnable/);
  });
  it("item 4: Config delivers to an object-locked bucket, without waiting for its policy", () => {
    named("log-archive", "config-delivery-no-object-lock", /delivers to log-archive-config .* which has Object Lock enabled/);
    named("log-archive", "config-delivery-waits-for-bucket-policy", /does not wait for its policy log-archive-config-policy/);
  });
  it("item 5: SCPs exempt LandingZoneBreakGlass and LandingZoneDeployment that nothing protects; the trail bucket is GOVERNANCE-locked", () => {
    named("management", "scp-exempt-roles-protected", /exempts the role\(s\) LandingZoneDeployment, LandingZoneBreakGlass by name/);
    named("log-archive", "trail-bucket-compliance-lock", /in GOVERNANCE mode/);
  });
});
