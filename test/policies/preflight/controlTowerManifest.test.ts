import * as aws from "@pulumi/aws";
import { CLOUDTRAIL_ROLE_MANAGED_POLICY_ARN } from "../../../lib/iam/controlTowerRoles";
import { landingZoneManifest } from "../../../lib/scp/controlTower";
import { controlTowerCloudTrailRolePolicy, controlTowerConfigRecorder, controlTowerManifestVersion } from "../../../policies/preflight/controlTowerManifest";
import { ACCOUNT, ruleCases, stack } from "./rules";

const LOG_ARCHIVE = "222222222222";
const SECURITY = "333333333333";

const INPUT = {
  governedRegions: ["ap-southeast-2", "ap-southeast-4"],
  securityOuName: "Security",
  sandboxOuName: "Sandbox",
  logArchiveAccountId: LOG_ARCHIVE,
  securityAccountId: SECURITY,
  loggingRetentionDays: 365,
  accessLoggingRetentionDays: 3650,
  centralizedLogging: false,
};

/** A management-like stack: the landing zone at `version` with `manifest` (the program's own for that version by default). */
function withLandingZone(version: string, manifest: Record<string, unknown> = landingZoneManifest(version, INPUT)) {
  const s = stack();
  s.add(aws.controltower.LandingZone, "control-tower-landing-zone", { version, manifestJson: JSON.stringify(manifest) });
  return s;
}

/** Adds a Config recorder deployed into `account` through its own provider. */
function recorderIn(s: ReturnType<typeof stack>, account: string) {
  s.awsProvider(`aws-${account}`, { allowedAccountIds: JSON.stringify([account]), assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${account}:role/LandingZoneDeployment` }]) });
  s.add(aws.cfg.Recorder, `recorder-${account}`, { name: "lz", roleArn: `arn:aws:iam::${account}:role/config` }, { provider: `aws-${account}` });
  return s;
}

/** The 3.x console's inline policy of AWSControlTowerCloudTrailRole. */
const OLD_INLINE = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:*:*:log-group:aws-controltower/CloudTrailLogs:*" }] };

/** The landing zone at `version` and AWSControlTowerCloudTrailRole with the managed policy, the old inline one, or both. */
function cloudTrailRole(version: string, shape: "managed" | "inline" | "both") {
  const s = withLandingZone(version);
  const role = s.add(aws.iam.Role, "control-tower-role-cloudtrailrole", { name: "AWSControlTowerCloudTrailRole", path: "/service-role/", assumeRolePolicy: "{}" }, { outputs: { name: "AWSControlTowerCloudTrailRole" } });
  if (shape !== "inline") s.add(aws.iam.RolePolicyAttachment, "control-tower-role-cloudtrailrole-managed", { role: role.inputs.name as string, policyArn: CLOUDTRAIL_ROLE_MANAGED_POLICY_ARN });
  if (shape !== "managed") s.add(aws.iam.RolePolicy, "control-tower-role-cloudtrailrole-inline", { role: role.inputs.name as string, policy: JSON.stringify(OLD_INLINE) });
  return s;
}

describe("preflight: the Control Tower landing zone manifest", () => {
  ruleCases(
    controlTowerManifestVersion,
    {
      "the 4.0 manifest at 4.0": () => withLandingZone("4.0"),
      "the 3.x manifest at 3.3": () => withLandingZone("3.3"),
      "the 3.x manifest at 3.0": () => withLandingZone("3.0"),
      "a manifest the plan does not know yet": () => {
        const s = stack();
        s.add(aws.controltower.LandingZone, "control-tower-landing-zone", { version: "4.0", manifestJson: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        return s;
      },
    },
    [
      { title: "a 3.x manifest at 4.0 (the version bumped, the manifest not)", build: () => withLandingZone("4.0", landingZoneManifest("3.3", INPUT)), expect: /version 4\.0\): its manifest (has no (config|backup) section|securityRoles has no enabled flag|has organizationStructure, which the 4\.0 manifest does not have)/ },
      { title: "the 4.0 manifest at 3.3", build: () => withLandingZone("3.3", landingZoneManifest("4.0", INPUT)), expect: /version 3\.3\): its manifest (has no organizationStructure|has a (config|backup) section, which only the 4\.0 manifest has)/ },
      {
        title: "an enabled integration without its account at 4.0",
        build: () => withLandingZone("4.0", { ...landingZoneManifest("4.0", INPUT), securityRoles: { enabled: true } }),
        expect: /its manifest securityRoles is enabled without an accountId/,
      },
    ],
  );

  ruleCases(
    controlTowerConfigRecorder,
    {
      "no recorder of the program beside the landing zone": () => withLandingZone("4.0"),
      "the management account's own recorder (not a Control Tower integration account)": () => recorderIn(withLandingZone("4.0"), ACCOUNT),
      "a recorder in the security account when the 4.0 Config integration is off": () => recorderIn(withLandingZone("4.0", { ...landingZoneManifest("4.0", INPUT), config: { enabled: false } }), SECURITY),
      "a recorder with no landing zone in the stack": () => recorderIn(stack(), SECURITY),
    },
    [
      { title: "a recorder in the Config aggregator (security) account at 4.0", build: () => recorderIn(withLandingZone("4.0"), SECURITY), expect: /recorder-333333333333 records AWS Config in account 333333333333 \(ap-southeast-2\), where control-tower-landing-zone's Config integration records too/ },
      { title: "a recorder in the log-archive account at 3.3 (3.x always runs Config)", build: () => recorderIn(withLandingZone("3.3"), LOG_ARCHIVE), expect: /records AWS Config in account 222222222222/ },
    ],
  );

  ruleCases(
    controlTowerCloudTrailRolePolicy,
    {
      "the managed policy at 4.0": () => cloudTrailRole("4.0", "managed"),
      "the inline policy at 3.3 (the requirement is 4.0's)": () => cloudTrailRole("3.3", "inline"),
    },
    [
      { title: "the 3.x inline policy kept at 4.0", build: () => cloudTrailRole("4.0", "inline"), expect: /has no attachment of AWSControlTowerCloudTrailRolePolicy, and control-tower-landing-zone is version 4\.0|is an inline policy on AWSControlTowerCloudTrailRole/ },
      { title: "the managed policy attached but the inline one not dropped at 4.0", build: () => cloudTrailRole("4.0", "both"), expect: /control-tower-role-cloudtrailrole-inline is an inline policy on AWSControlTowerCloudTrailRole, which landing zone 4\.0 wants replaced/ },
    ],
  );
});
