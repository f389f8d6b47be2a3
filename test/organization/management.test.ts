import * as assert from "assert";
import { PROJECT_ROOT, rawFromStackFile, readStackFile } from "../../config/raw";
import { guardrailContext } from "../../config/schema/organization";
import { parseStackConfig } from "../../config/stackConfig";
import { ManagementConfig } from "../../config";
import { organizationId } from "../../cli/engine/fakeIds";
import { PlanResource, PlanResult } from "../../lib/plan";
import { minifiedPolicy } from "../../lib/iam/policyDocument";
import { ouKey, parentPath, stableKey } from "../../lib/organizationPaths";
import { buildScp } from "../../lib/scp/guardrails";
import { SCP_MAX_CHARACTERS, SCP_MAX_PER_TARGET } from "../../lib/scp/limits";
import { planStack as planWithEngine } from "../../cli/engine/planner";
import { byType, one, planStack, TempProject } from "../helpers/plan";

const cfg = parseStackConfig(rawFromStackFile(readStackFile(PROJECT_ROOT, "management")), false).config as ManagementConfig;

describe("management stack plan", function () {
  let plan: PlanResult;
  before(async () => {
    plan = await planStack("management");
  });
  const byId = (id: unknown) => plan.resources.find((r) => r.custom && r.id === id);

  it("plans with no mandatory finding, and every custom resource names the stack's explicit provider", () => {
    assert.deepStrictEqual(plan.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
    const providerUrn = one(plan, "pulumi:providers:aws").urn;
    for (const r of plan.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:"))) {
      assert.ok(r.provider?.startsWith(`${providerUrn}::`), `${r.type} ${r.name} has provider ${r.provider}`);
    }
  });

  it("creates the organisation with all features and trusted access for the services the landing zone uses, protected", () => {
    const org = one(plan, "aws:organizations/organization:Organization");
    assert.strictEqual(org.inputs.featureSet, "ALL");
    // RCPs too: the data perimeter (test/organization/dataPerimeter.test.ts).
    assert.deepStrictEqual(org.inputs.enabledPolicyTypes, ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]);
    const principals = org.inputs.awsServiceAccessPrincipals as string[];
    for (const p of ["cloudtrail.amazonaws.com", "config.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com", "access-analyzer.amazonaws.com", "sso.amazonaws.com", "ram.amazonaws.com"]) {
      assert.ok(principals.includes(p), p);
    }
    assert.ok(!principals.includes("controltower.amazonaws.com"), "Control Tower is off in the sample");
    assert.ok(org.protect && org.retainOnDelete);
    assert.strictEqual(plan.outputs.organizationId, organizationId("111111111111"));
  });

  it("builds the OU tree from config: each OU under its parent, named by its path", () => {
    const ous = byType(plan, "aws:organizations/organizationalUnit:OrganizationalUnit");
    assert.strictEqual(ous.length, cfg.organization.organizationalUnits.length);
    const rootId = plan.outputs.rootId;
    for (const { path } of cfg.organization.organizationalUnits) {
      const ou = one(plan, "aws:organizations/organizationalUnit:OrganizationalUnit", `org-ou-${ouKey(path)}`);
      assert.strictEqual(ou.inputs.name, path.split("/").pop());
      const parent = parentPath(path);
      const expectedParent = parent === undefined ? rootId : one(plan, "aws:organizations/organizationalUnit:OrganizationalUnit", `org-ou-${ouKey(parent)}`).id;
      assert.strictEqual(ou.inputs.parentId, expectedParent, path);
      assert.ok(ou.retainOnDelete, path);
    }
    assert.deepStrictEqual(Object.keys(plan.outputs.ouIds as object).sort(), cfg.organization.organizationalUnits.map((o) => o.path).sort());
  });

  it("vends the accounts protected, retained and never closed, each in its OU", () => {
    const accounts = byType(plan, "aws:organizations/account:Account");
    assert.strictEqual(accounts.length, cfg.organization.accounts.length);
    for (const a of cfg.organization.accounts) {
      const r = one(plan, "aws:organizations/account:Account", `org-account-${a.name}`);
      assert.strictEqual(r.protect, true, a.name);
      assert.strictEqual(r.retainOnDelete, true, a.name);
      assert.strictEqual(r.inputs.closeOnDeletion, false, a.name);
      assert.strictEqual(r.inputs.email, a.email);
      assert.strictEqual(r.inputs.roleName, cfg.account.deploymentRoleName, "vended accounts get the deployment role");
      assert.strictEqual(byId(r.inputs.parentId)?.name, `org-ou-${ouKey(a.ou)}`);
    }
  });

  it("attaches each OU's SCPs as config says, each document exactly the guardrails built by lib/scp", () => {
    // The data perimeter's two policies are judged in test/organization/dataPerimeter.test.ts.
    const policies = byType(plan, "aws:organizations/policy:Policy").filter((p) => !p.name.startsWith("data-perimeter-"));
    assert.deepStrictEqual(policies.map((p) => p.inputs.name).sort(), Object.keys(cfg.guardrails.policies).sort());
    const ctx = guardrailContext(cfg);
    for (const p of policies) {
      const spec = cfg.guardrails.policies[p.inputs.name as string];
      assert.strictEqual(p.inputs.type, "SERVICE_CONTROL_POLICY");
      assert.strictEqual(p.inputs.content, minifiedPolicy(buildScp(spec.guardrails, ctx)));
      assert.ok((p.inputs.content as string).length <= SCP_MAX_CHARACTERS);
    }
    const attachments = byType(plan, "aws:organizations/policyAttachment:PolicyAttachment").filter((a) => !a.name.startsWith("data-perimeter-"));
    const expected = cfg.organization.organizationalUnits.flatMap((o) => o.scps.map((s) => `${s}|${o.path}`)).sort();
    const actual = attachments.map((a) => `${byId(a.inputs.policyId)!.inputs.name}|${pathOf(a.inputs.targetId)}`).sort();
    assert.deepStrictEqual(actual, expected);
    const perTarget = new Map<unknown, number>();
    for (const a of attachments) perTarget.set(a.inputs.targetId, (perTarget.get(a.inputs.targetId) ?? 0) + 1);
    for (const n of perTarget.values()) assert.ok(n + 1 <= SCP_MAX_PER_TARGET, "FullAWSAccess plus ours stays within the quota");
    assert.strictEqual(byType(plan, "aws:controltower/landingZone:LandingZone").length, 0);
  });

  function pathOf(ouId: unknown): string {
    const ids = plan.outputs.ouIds as Record<string, string>;
    return Object.keys(ids).find((k) => ids[k] === ouId) ?? `? ${String(ouId)}`;
  }

  it("delegates the security services to the security account and CloudTrail to the log-archive account", () => {
    const ids = plan.outputs.accountIds as Record<string, string>;
    assert.strictEqual(one(plan, "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount").inputs.accountId, ids["log-archive"]);
    const delegated = byType(plan, "aws:organizations/delegatedAdministrator:DelegatedAdministrator");
    assert.deepStrictEqual(delegated.map((d) => d.inputs.servicePrincipal).sort(), ["access-analyzer.amazonaws.com", "config.amazonaws.com"]);
    for (const d of delegated) assert.strictEqual(d.inputs.accountId, ids.security);
    for (const type of ["aws:guardduty/organizationAdminAccount:OrganizationAdminAccount", "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount"]) {
      const admins = byType(plan, type);
      assert.deepStrictEqual(admins.map((a) => a.region).sort(), ["ap-southeast-2", "ap-southeast-4"], type);
      for (const a of admins) assert.strictEqual(a.inputs.adminAccountId, ids.security);
    }
    const org = one(plan, "aws:organizations/organization:Organization");
    for (const d of [...delegated, one(plan, "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount")]) {
      assert.ok(d.dependencies?.includes(org.urn), `${d.name} waits for trusted access`);
    }
  });

  it("creates the permission sets from config, each with its session duration and policies", () => {
    const sets = byType(plan, "aws:ssoadmin/permissionSet:PermissionSet");
    assert.deepStrictEqual(sets.map((s) => s.inputs.name).sort(), Object.keys(cfg.identityCenter.permissionSets).sort());
    for (const s of sets) {
      const spec = cfg.identityCenter.permissionSets[s.inputs.name as string];
      assert.strictEqual(s.inputs.sessionDuration, spec.sessionDuration);
      const managed = byType(plan, "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment").filter((m) => m.inputs.permissionSetArn === s.outputs.arn);
      assert.deepStrictEqual(managed.map((m) => m.inputs.managedPolicyArn).sort(), [...spec.managedPolicies].sort());
    }
    const inline = one(plan, "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy");
    assert.deepStrictEqual(JSON.parse(inline.inputs.inlinePolicy as string), cfg.identityCenter.permissionSets["break-glass"].inlinePolicy);
  });

  it("assigns permission sets to the Okta groups, looked up by display name, in the named accounts", () => {
    const assignments = byType(plan, "aws:ssoadmin/accountAssignment:AccountAssignment");
    const expected = cfg.identityCenter.assignments.reduce((n, a) => n + a.accounts.length, 0);
    assert.strictEqual(assignments.length, expected);
    const ids: Record<string, string> = { ...(plan.outputs.accountIds as Record<string, string>), management: "111111111111" };
    for (const a of cfg.identityCenter.assignments) {
      for (const account of a.accounts) {
        const r = one(plan, "aws:ssoadmin/accountAssignment:AccountAssignment", `identity-center-assign-${stableKey(a.group)}-${a.permissionSet}-${account}`);
        assert.strictEqual(r.inputs.principalType, "GROUP");
        assert.match(String(r.inputs.principalId), /^[0-9a-f-]{36}$/);
        assert.strictEqual(r.inputs.targetId, ids[account]);
        assert.strictEqual(r.inputs.permissionSetArn, (plan.outputs.permissionSetArns as Record<string, string>)[a.permissionSet]);
      }
    }
    const sameGroup = assignments.filter((r) => r.name.startsWith("identity-center-assign-aws-developers-"));
    assert.strictEqual(new Set(sameGroup.map((r) => r.inputs.principalId)).size, 1, "one group, one id");
  });

  it("exports what the other stacks read, under stable names", () => {
    for (const key of ["organizationId", "organizationArn", "managementAccountId", "rootId", "ouIds", "ouArns", "accountIds", "allowedRegions"]) assert.ok(key in plan.outputs, key);
    assert.strictEqual(plan.outputs.managementAccountId, "111111111111");
    assert.strictEqual(plan.outputs.controlTowerEnabled, false);
  });

  it("names every organisation resource by a stable key: reordering OUs, accounts and assignments in config changes no URN", async () => {
    const names = plan.resources.filter((r: PlanResource) => r.type.startsWith("aws:organizations/")).map((r) => r.name);
    for (const n of names) assert.doesNotMatch(n, /-\d+$/, n);
    const p = new TempProject().editStack("management", (c) => {
      c["landing-zone:organization"].organizationalUnits.reverse();
      c["landing-zone:organization"].accounts.reverse();
      c["landing-zone:identityCenter"].assignments.reverse();
    });
    try {
      const reordered = (await planWithEngine("management", { root: p.root, cache: new Map(), policies: false })).result;
      assert.deepStrictEqual(reordered.resources.map((r) => r.urn).sort(), plan.resources.map((r) => r.urn).sort());
    } finally {
      p.cleanup();
    }
  });
});

describe("trusted access kept as a union (#13 item 10)", function () {
  this.timeout(120000);
  it("a service the organisation trusts already is kept beside the landing zone's, never switched off", async () => {
    const { planStack: planWithEngine } = await import("../../cli/engine/planner");
    const { LANDING_ZONE_SERVICE_PRINCIPALS, LandingZoneOrganization } = await import("../../components/organization/organization");
    const { createContext } = await import("../../stacks/context");
    const { loadStackConfig } = await import("../../config");
    const { PROJECT_ROOT } = await import("../../config/raw");
    const program = async () => {
      const ctx = createContext(loadStackConfig());
      new LandingZoneOrganization("org", { serviceAccessPrincipals: LANDING_ZONE_SERVICE_PRINCIPALS, keptServiceAccessPrincipals: ["securitylake.amazonaws.com", "sso.amazonaws.com"], organizationalUnits: [] }, { provider: ctx.aws });
      return {};
    };
    const plan = (await planWithEngine("management", { root: PROJECT_ROOT, cache: new Map(), program, policies: false })).result;
    const org = plan.resources.find((r) => r.type === "aws:organizations/organization:Organization")!;
    assert.deepStrictEqual(org.inputs.awsServiceAccessPrincipals, [...new Set([...LANDING_ZONE_SERVICE_PRINCIPALS, "securitylake.amazonaws.com"])].sort());
  });

  it("organization.keepEnabledServices reads the organisation (the sample stays off: an empty organisation has nothing to read)", async () => {
    const { TempProject } = await import("../helpers/plan");
    const { planStack: planWithEngine } = await import("../../cli/engine/planner");
    const p = new TempProject();
    try {
      p.editStack("management", (c) => {
        c["landing-zone:organization"].keepEnabledServices = true;
      });
      const plan = (await planWithEngine("management", { root: p.root, cache: new Map(), policies: false })).result;
      const org = plan.resources.find((r) => r.type === "aws:organizations/organization:Organization")!;
      assert.ok((org.inputs.awsServiceAccessPrincipals as string[]).includes("account.amazonaws.com"));
    } finally {
      p.cleanup();
    }
  });
});

describe("RAM sharing with the organisation (#16 item 3)", function () {
  this.timeout(120000);
  it("the management stack enables it (trusted access alone creates no RAM service-linked role), after the organisation, and says so in its outputs", async () => {
    const { planStack: plan } = await import("../helpers/plan");
    const m = await plan("management");
    const sharing = m.resources.filter((r) => r.type === "aws:ram/sharingWithOrganization:SharingWithOrganization");
    assert.strictEqual(sharing.length, 1);
    const org = m.resources.find((r) => r.type === "aws:organizations/organization:Organization")!;
    assert.ok(sharing[0].dependencies!.includes(org.urn));
    assert.ok(sharing[0].retainOnDelete);
    assert.strictEqual(m.outputs.ramSharingWithOrganization, true);
    assert.ok((org.inputs.awsServiceAccessPrincipals as string[]).includes("ram.amazonaws.com"));
  });
  it("the network stack's share with the organisation passes the preflight rule through the management stack's output", async () => {
    const { planStack: plan } = await import("../helpers/plan");
    const n = await plan("network");
    assert.ok(n.resources.some((r) => r.type === "aws:ram/principalAssociation:PrincipalAssociation" && /:organization\//.test(String(r.inputs.principal))));
    assert.deepStrictEqual(n.violations.filter((v) => v.policy === "ram-sharing-with-organization"), []);
  });
});
