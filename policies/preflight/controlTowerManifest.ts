import { CLOUDTRAIL_ROLE_MANAGED_POLICY_ARN } from "../../lib/iam/controlTowerRoles";
import { manifestShapeProblems, takesV4Manifest } from "../../lib/scp/controlTower";
import { LzPolicy } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { str } from "../lib/values";
import { accountOfProvider, regionOf } from "./account";
import { preflightStack } from "./constraint";

/** AWS Control Tower: the landing zone manifest against its version, and what the version requires around it. */

const LANDING_ZONE = "aws:controltower/landingZone:LandingZone";
const RECORDER = "aws:cfg/recorder:Recorder";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const CLOUDTRAIL_ROLE = "AWSControlTowerCloudTrailRole";

interface LandingZoneView {
  readonly resource: ViewResource;
  readonly version: string;
  /** The parsed manifest; undefined when the plan does not know it (unknown, secret, not JSON). */
  readonly manifest?: Record<string, unknown>;
}

function landingZones(stack: StackView): LandingZoneView[] {
  const out: LandingZoneView[] = [];
  for (const lz of stack.ofType(LANDING_ZONE)) {
    const version = str(lz.props.version);
    if (!version || isUnknown(version)) continue;
    const raw = lz.props.manifestJson;
    let manifest: Record<string, unknown> | undefined;
    if (typeof raw === "string" && !isUnknown(raw)) {
      try {
        const parsed = JSON.parse(raw);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) manifest = parsed;
      } catch {
        manifest = undefined;
      }
    }
    out.push({ resource: lz, version, manifest });
  }
  return out;
}

const section = (m: Record<string, unknown>, k: string): Record<string, unknown> | undefined => {
  const v = m[k];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
};

export const controlTowerManifestVersion = preflightStack({
  name: "control-tower-manifest-version",
  description: "A Control Tower landing zone's manifest has the shape of its version: at 4.0 an enabled flag on every integration, an account on each enabled one and no key outside the 4.0 structure; at 3.x the organizationStructure, centralizedLogging and securityRoles sections and none of 4.0's.",
  types: [LANDING_ZONE],
  fix: "Write the manifest with landingZoneManifest(version, ...) (lib/scp/controlTower.ts), which picks the schema from the version.",
  constraint: {
    rule: "with landing zone version 4.0 all enabled flags are required in the manifest (accessManagement, backup, centralizedLogging, config, securityRoles), whose structure has no organizationStructure, and CreateLandingZone refuses fields it does not recognise; the 3.x manifest requires organizationStructure, centralizedLogging and securityRoles and has no config or backup integration",
    source: "AWS Control Tower User Guide, Step 2: Launch your landing zone using the AWS Control Tower APIs (manifest structure); View the details of your landing zone manifest file; the ValidationException quoted in hashicorp/terraform-provider-aws#49646",
  },
  validate(stack, _ctx, report) {
    for (const lz of landingZones(stack)) {
      if (!lz.manifest) continue;
      for (const p of manifestShapeProblems(lz.version, lz.manifest)) report(lz.resource.urn, `${lz.resource.name} (version ${lz.version}): its manifest ${p}`);
    }
  },
});

/** The accounts whose Config the landing zone records, when its AWS Config integration is on. */
function controlTowerConfigAccounts(lz: LandingZoneView): Set<string> {
  const m = lz.manifest!;
  const v4 = takesV4Manifest(lz.version);
  if (v4 && section(m, "config")?.enabled !== true) return new Set();
  const keys = v4 ? ["config", "centralizedLogging", "securityRoles"] : ["centralizedLogging", "securityRoles"];
  const accounts = new Set<string>();
  for (const k of keys) {
    const id = str(section(m, k)?.accountId);
    if (id && !isUnknown(id)) accounts.add(id);
  }
  return accounts;
}

export const controlTowerConfigRecorder = preflightStack({
  name: "control-tower-config-recorder",
  description: "No Config recorder of the program in an account whose AWS Config Control Tower runs (the landing zone's integration accounts, when its Config integration is on).",
  types: [LANDING_ZONE, RECORDER],
  fix: "Leave AWS Config to Control Tower in those accounts (landing-zone:baseline.configRecorder: false), or, at 4.0, turn the landing zone's config integration off.",
  constraint: {
    rule: "you can create only one customer managed configuration recorder for each account for each AWS Region; AWS Control Tower enables AWS Config recording in all service integration accounts when its AWS Config integration is enabled (landing zones 3.3 and earlier always enable it)",
    source: "AWS Config API Reference, PutConfigurationRecorder; AWS Control Tower User Guide, Key changes (landing zone 4.0)",
  },
  validate(stack, _ctx, report) {
    for (const lz of landingZones(stack)) {
      if (!lz.manifest) continue;
      const accounts = controlTowerConfigAccounts(lz);
      if (!accounts.size) continue;
      for (const r of stack.ofType(RECORDER)) {
        const account = accountOfProvider(r.provider);
        if (account && accounts.has(account)) report(r.urn, `${r.name} records AWS Config in account ${account} (${regionOf(r)}), where ${lz.resource.name}'s Config integration records too`);
      }
    }
  },
});

export const controlTowerCloudTrailRolePolicy = preflightStack({
  name: "control-tower-cloudtrail-role-policy",
  description: "For landing zone 4.0, AWSControlTowerCloudTrailRole carries the managed policy AWSControlTowerCloudTrailRolePolicy instead of an inline policy.",
  types: [LANDING_ZONE, ROLE, ATTACHMENT, ROLE_POLICY],
  fix: "Attach arn:aws:iam::aws:policy/service-role/AWSControlTowerCloudTrailRolePolicy to the role and drop its inline policy (controlTowerRoles(true) in lib/iam/controlTowerRoles.ts).",
  constraint: {
    rule: "when upgrading to landing zone 4.0 through the API, the AWSControlTowerCloudTrailRole service role must use the managed policy AWSControlTowerCloudTrailRolePolicy instead of the inline policy",
    source: "AWS Control Tower User Guide, Key changes (landing zone 4.0): Pre-requisite for Landing Zone 4.0",
  },
  validate(stack, _ctx, report) {
    const lz = landingZones(stack).find((z) => takesV4Manifest(z.version));
    if (!lz) return;
    for (const role of stack.ofType(ROLE).filter((r) => str(r.props.name) === CLOUDTRAIL_ROLE)) {
      const attached = stack.referrers(role, [ATTACHMENT], "role").some((a) => str(a.props.policyArn) === CLOUDTRAIL_ROLE_MANAGED_POLICY_ARN);
      if (!attached) report(role.urn, `${role.name} (${CLOUDTRAIL_ROLE}) has no attachment of AWSControlTowerCloudTrailRolePolicy, and ${lz.resource.name} is version ${lz.version}`);
      for (const p of stack.referrers(role, [ROLE_POLICY], "role")) report(p.urn, `${p.name} is an inline policy on ${CLOUDTRAIL_ROLE}, which landing zone ${lz.version} wants replaced by the managed AWSControlTowerCloudTrailRolePolicy`);
    }
  },
});

export const controlTowerManifestPolicies: readonly LzPolicy[] = [controlTowerManifestVersion, controlTowerConfigRecorder, controlTowerCloudTrailRolePolicy];
