import * as assert from "assert";
import { LzPolicy } from "../../../policies/lib/policy";
import { constraintOf } from "../../../policies/preflight/constraint";
import { messages, StackFixture } from "../helpers";

/**
 * The preflight pack's test discipline: every rule gets at least one compliant and one violating
 * stack, and each finding must name the rule's AWS constraint. `covered()` lists what was given, so
 * a test can prove no rule was left without both.
 */

export const ACCOUNT = "111111111111";
export const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/LandingZoneDeployment`;

/** A stack with a Sydney provider that deploys into ACCOUNT as DEPLOY_ROLE (provider inputs JSON-encoded, as providers store them). */
export function stack(region = "ap-southeast-2"): StackFixture {
  const s = new StackFixture();
  s.awsProvider("aws", { region, allowedAccountIds: JSON.stringify([ACCOUNT]), assumeRoles: JSON.stringify([{ roleArn: DEPLOY_ROLE }]) });
  return s;
}

/** Makes `r` wait for `on` (its dependsOn, as the plan records it); returns `r`. */
export function dependOn<R extends { urn: string }>(r: R, ...on: { urn: string }[]): R {
  (r as unknown as { dependencies: string[] }).dependencies = on.map((x) => x.urn);
  return r;
}

export interface Violating {
  readonly title: string;
  readonly build: () => StackFixture;
  /** Every finding must match. */
  readonly expect: RegExp;
}

const coverage = new Map<LzPolicy, { compliant: number; violating: number }>();

export function covered(): ReadonlyMap<LzPolicy, { compliant: number; violating: number }> {
  return coverage;
}

/** Compliant stacks pass; each violating stack reports findings that match and cite the constraint. */
export function ruleCases(policy: LzPolicy, compliant: Record<string, () => StackFixture>, violating: readonly Violating[]): void {
  const c = coverage.get(policy) ?? { compliant: 0, violating: 0 };
  coverage.set(policy, { compliant: c.compliant + Object.keys(compliant).length, violating: c.violating + violating.length });
  const constraint = constraintOf(policy);
  describe(policy.name, () => {
    it("names a documented AWS constraint", () => {
      assert.ok(constraint, `${policy.name} is not a preflight rule`);
      assert.ok(constraint.rule.length > 30 && constraint.source.length > 10);
    });
    for (const [title, build] of Object.entries(compliant)) {
      it(`passes: ${title}`, () => assert.deepStrictEqual(messages(policy, build().resources), []));
    }
    for (const v of violating) {
      it(`fails: ${v.title}`, () => {
        const m = messages(policy, v.build().resources);
        assert.ok(m.length > 0, "expected a finding, got none");
        for (const x of m) {
          assert.match(x, v.expect);
          assert.ok(x.includes(`AWS constraint: ${constraint!.rule} (${constraint!.source})`), `the finding names the constraint: ${x}`);
        }
      });
    }
  });
}
