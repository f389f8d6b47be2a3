import * as pulumi from "@pulumi/pulumi";
import { IdentityCenter } from "../components/identityCenter/identityCenter";
import { ControlTower, ControlTowerControlSpec } from "../components/organization/controlTower";
import { DataPerimeter } from "../components/organization/dataPerimeter";
import { DelegatedAdministrators } from "../components/organization/delegatedAdministrators";
import { CONTROL_TOWER_SERVICE_PRINCIPALS, LANDING_ZONE_SERVICE_PRINCIPALS, LandingZoneOrganization } from "../components/organization/organization";
import { RegionOptIns } from "../components/organization/regionOptIns";
import { ServiceControlPolicies } from "../components/organization/serviceControlPolicies";
import { AccountGuardDuty } from "../components/security/accountGuardDuty";
import { ManagementConfig } from "../config";
import { dataPerimeterDocuments } from "../config/schema/dataPerimeter";
import { guardrailContext } from "../config/schema/organization";
import { logBucketName } from "../lib/logArchiveNames";
import { isOptInRegion, OPT_IN_OUTPUT } from "../lib/optInRegions";
import { controlArn, encodeParameters, regionDenyParameters, takesV4Manifest } from "../lib/scp/controlTower";
import { buildScp } from "../lib/scp/guardrails";
import { accountBaseline } from "./baseline";
import { StackContext } from "./context";

/**
 * The management role: the organisation, OUs and vended accounts; guardrails as SCPs (or Control
 * Tower and its controls); delegated administration to the security and log-archive accounts;
 * Identity Center; and the management account's own baseline. It reads no other stack.
 */
export async function management(ctx: StackContext<ManagementConfig>): Promise<Record<string, unknown>> {
  const { cfg } = ctx;
  const opts = { provider: ctx.aws };
  const ct = cfg.controlTower;
  // The data perimeter (issue #14) needs RCPs enabled at the root.
  const perimeter = cfg.dataPerimeter.enabled && !ct.enabled;

  const org = new LandingZoneOrganization(
    "org",
    {
      serviceAccessPrincipals: [...LANDING_ZONE_SERVICE_PRINCIPALS, ...(ct.enabled ? CONTROL_TOWER_SERVICE_PRINCIPALS : [])],
      // The Organizations API replaces the whole list: without this, a service enabled outside the
      // program would be switched off by the next update.
      keepServiceAccessPrincipals: cfg.organization.keepEnabledServices,
      enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", ...(perimeter ? ["RESOURCE_CONTROL_POLICY"] : [])],
      organizationalUnits: cfg.organization.organizationalUnits.map((o) => o.path),
      accounts: cfg.organization.accounts.map((a) => ({ ...a, roleName: a.roleName ?? cfg.account.deploymentRoleName })),
    },
    opts,
  );
  const admins = cfg.organization.delegatedAdministrators;
  const securityAccountId = org.accountIds[admins.security];
  const logArchiveAccountId = org.accountIds[admins.logArchive];

  // Opt-in Regions (ap-southeast-4) are enabled for this account and every vended one before
  // anything is created there; the other stacks check this stack's optInRegions output.
  const optIn = new RegionOptIns(
    "region-opt-in",
    { regions: cfg.guardrails.allowedRegions.filter(isOptInRegion), managementAccountId: cfg.account.id, memberAccountIds: org.accountIds, dependsOn: [org.organization] },
    opts,
  );
  const regionDependsOn = (...accounts: string[]): Record<string, pulumi.Resource[]> =>
    Object.fromEntries(Object.entries(optIn.management).map(([region, own]) => [region, [own, ...accounts.map((a) => optIn.members[a][region])]]));

  new DelegatedAdministrators(
    "delegated-admin",
    { securityAccountId, logArchiveAccountId, regions: cfg.guardrails.allowedRegions, dependsOn: [org.organization], regionDependsOn: regionDependsOn(admins.security) },
    opts,
  );


  if (ct.enabled) {
    const controls: ControlTowerControlSpec[] = [];
    const add = (identifier: string, ous: readonly string[], parameters: ControlTowerControlSpec["parameters"]) => {
      for (const ou of ous) controls.push({ key: identifier.split("/").pop()!, controlArn: controlArn(identifier, cfg.account.region), ouPath: ou, ouArn: org.ouArns[ou], parameters });
    };
    if (ct.regionDeny) {
      const params = regionDenyParameters({ ...guardrailContext(cfg), additionalExemptedActions: cfg.guardrails.regionDeny.additionalNotActions });
      add(ct.regionDeny.identifier, ct.regionDeny.ous, params);
    }
    for (const c of ct.controls) add(c.identifier, c.ous, Object.keys(c.parameters).length ? encodeParameters(c.parameters) : undefined);
    new ControlTower(
      "control-tower",
      {
        // Required when enabled (config/schema/controlTower.ts refuses a missing one).
        version: ct.version as string,
        manifest: {
          governedRegions: cfg.guardrails.allowedRegions,
          securityOuName: ct.securityOu,
          sandboxOuName: ct.sandboxOu,
          loggingRetentionDays: ct.logging.retentionDays,
          accessLoggingRetentionDays: ct.logging.accessLogRetentionDays,
          centralizedLogging: ct.logging.centralizedLogging,
          kmsKeyArn: ct.logging.kmsKeyArn,
        },
        logArchiveAccountId,
        securityAccountId,
        controls,
        dependsOn: [org.organization, org.accounts[admins.security], org.accounts[admins.logArchive]],
        memberAccounts: Object.fromEntries(cfg.organization.accounts.map((a) => [a.name, { accountId: org.accountIds[a.name], deploymentRoleName: a.roleName ?? cfg.account.deploymentRoleName }])),
        // At 3.x Control Tower registers its own Security and Sandbox OUs (organizationStructure);
        // 4.0 has no organizationStructure, so the Sandbox OU is registered like any other, and
        // the baseline does not apply to the Security OU (the service integration accounts).
        enrolledOus: cfg.organization.organizationalUnits
          .filter((o) => o.path !== ct.securityOu && (takesV4Manifest(ct.version as string) || o.path !== ct.sandboxOu))
          .map((o) => ({ path: o.path, arn: org.ouArns[o.path] })),
        managementAccountId: cfg.account.id,
        homeRegion: cfg.account.region,
        defaultTags: ctx.defaultTags,
      },
      opts,
    );
  }
  // Our guardrails (deny root, protect logs, security services and platform roles) stay beside
  // Control Tower's controls; only the region deny is Control Tower's own control in that mode.
  if (cfg.organization.organizationalUnits.some((o) => o.scps.length)) {
    const gctx = guardrailContext(cfg);
    const policies = Object.fromEntries(
      Object.entries(cfg.guardrails.policies)
        .filter(([, p]) => !(ct.enabled && p.guardrails.includes("region-deny")))
        .map(([name, p]) => [name, { description: p.description, document: buildScp(p.guardrails, gctx) }]),
    );
    new ServiceControlPolicies(
      "guardrails",
      {
        policies,
        targets: cfg.organization.organizationalUnits.filter((o) => o.scps.length).map((o) => ({ path: o.path, targetId: org.ouIds[o.path], policies: o.scps })),
        dependsOn: [org.organization],
      },
      opts,
    );
  }

  if (perimeter) {
    const scp = dataPerimeterDocuments(cfg).scp;
    new DataPerimeter(
      "data-perimeter",
      {
        rcp: org.organizationId.apply((organizationId) => dataPerimeterDocuments(cfg, organizationId).rcp),
        scp,
        targets: cfg.dataPerimeter.ous.map((path) => ({ path, targetId: org.ouIds[path] })),
        dependsOn: [org.organization],
      },
      opts,
    );
  }

  let permissionSetArns: Record<string, pulumi.Output<string>> = {};
  if (cfg.identityCenter.enabled) {
    const accountId = (name: string): pulumi.Input<string> => (name === cfg.account.name ? cfg.account.id : org.accountIds[name]);
    const ic = new IdentityCenter(
      "identity-center",
      {
        permissionSets: Object.entries(cfg.identityCenter.permissionSets).map(([name, ps]) => ({
          name,
          description: ps.description,
          sessionDuration: ps.sessionDuration,
          managedPolicyArns: ps.managedPolicies,
          inlinePolicy: ps.inlinePolicy,
        })),
        assignments: cfg.identityCenter.assignments.flatMap((a) => a.accounts.map((name) => ({ group: a.group, permissionSet: a.permissionSet, accountName: name, accountId: accountId(name) }))),
      },
      opts,
    );
    permissionSetArns = ic.permissionSetArns;
  }

  // The management account is watched too. It is not GuardDuty's administrator, so it has no
  // detector yet: one per Region, protected (the security stack's organisation configuration then
  // adds it as a member). Security Hub reaches it through the configuration policy the security
  // stack associates with the root and with this account.
  new AccountGuardDuty("guardduty-management", { regions: cfg.guardrails.allowedRegions, regionDependsOn: regionDependsOn() }, opts);

  // This stack may not read the log-archive stack (it deploys first), so the management account's
  // Config delivers to the bucket name the log-archive stack derives from its account id.
  accountBaseline(ctx, { configDelivery: { bucketName: logArchiveAccountId.apply((id) => logBucketName("awsconfig", id, cfg.account.region)) }, regionDependsOn: regionDependsOn() });

  return {
    accountId: cfg.account.id,
    region: cfg.account.region,
    managementAccountId: cfg.account.id,
    organizationId: org.organizationId,
    organizationArn: org.organizationArn,
    rootId: org.rootId,
    ouIds: org.ouIds,
    ouArns: org.ouArns,
    accountIds: org.accountIds,
    securityAccountId,
    logArchiveAccountId,
    allowedRegions: cfg.guardrails.allowedRegions,
    controlTowerEnabled: ct.enabled,
    permissionSetArns,
    [OPT_IN_OUTPUT]: optIn.byAccountId,
    ramSharingWithOrganization: org.ramSharing.id.apply(() => true),
  };
}
