import { anyAccountRole } from "../iam/policyDocument";

/**
 * Control Tower mode: the landing zone manifest and the parameters of the OU region-deny control,
 * as plain data. Control Tower then owns the guardrails that plain Organizations mode builds as SCPs.
 */

/**
 * `AWSControlTowerBaseline`, the OU-level baseline: enabling it on an OU registers the OU and
 * enrols its accounts (EnableBaseline: "Only OUs are supported as targets").
 */
export const AWS_CONTROL_TOWER_BASELINE_ID = "17BSJV3IGJ2QSGA2";

/**
 * The `AWSControlTowerBaseline` version for each landing zone version (AWS Control Tower User Guide,
 * "Compatibility of OU baselines and landing zone versions"). EnableBaseline needs a baseline
 * version compatible with the landing zone, and the latest compatible one on an OU that is not yet
 * registered, which is the one listed here.
 */
export const BASELINE_VERSION_FOR_LANDING_ZONE: Readonly<Record<string, string>> = {
  "3.0": "3.0",
  "3.1": "3.0",
  "3.2": "4.0",
  "3.3": "4.0",
  "4.0": "5.0",
};

/**
 * The landing zone versions whose manifest `landingZoneManifest` writes: the 3.x schema. Version
 * 4.0 (released 2025-11-17) takes another manifest (every integration optional, an `enabled` flag
 * required on each, AWS Config and AWS Backup integrations), which this program does not write.
 */
export const MANIFEST_LANDING_ZONE_VERSIONS = ["3.0", "3.1", "3.2", "3.3"] as const;

/** The baseline version to enable on the OUs of a landing zone of `version`. */
export function controlTowerBaselineVersion(version: string): string {
  const v = BASELINE_VERSION_FOR_LANDING_ZONE[version];
  if (!v) throw new Error(`no AWSControlTowerBaseline version is known for landing zone ${version}`);
  return v;
}

export interface ManifestInput {
  /** The regions Control Tower governs: the Australian regions in use. */
  readonly governedRegions: readonly string[];
  /** Top-level OU names Control Tower uses for its security and sandbox OUs. */
  readonly securityOuName: string;
  readonly sandboxOuName: string;
  readonly logArchiveAccountId: string;
  readonly securityAccountId: string;
  readonly loggingRetentionDays: number;
  readonly accessLoggingRetentionDays: number;
  /**
   * Whether Control Tower runs its own organisation CloudTrail. Off by default: the log-archive stack
   * owns the organisation trail, and two trails would deliver every event twice.
   */
  readonly centralizedLogging: boolean;
}

/** The landing zone manifest (schema of landing zone version 3.x). */
export function landingZoneManifest(m: ManifestInput): Record<string, unknown> {
  return {
    governedRegions: [...m.governedRegions],
    organizationStructure: { security: { name: m.securityOuName }, sandbox: { name: m.sandboxOuName } },
    centralizedLogging: {
      accountId: m.logArchiveAccountId,
      configurations: {
        loggingBucket: { retentionDays: m.loggingRetentionDays },
        accessLoggingBucket: { retentionDays: m.accessLoggingRetentionDays },
      },
      enabled: m.centralizedLogging,
    },
    securityRoles: { accountId: m.securityAccountId },
    // Identity Center is managed by this program (permission sets, Okta groups), not by Control Tower.
    accessManagement: { enabled: false },
  };
}

/**
 * A control identifier as the API wants it: a full ARN is kept (the Control Catalog's global
 * `arn:aws:controlcatalog:::control/<id>` is preferred); a bare legacy name such as
 * `AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION` becomes the regional
 * `arn:aws:controltower:<home region>::control/<name>`.
 */
export function controlArn(identifier: string, homeRegion: string): string {
  return identifier.startsWith("arn:") ? identifier : `arn:aws:controltower:${homeRegion}::control/${identifier}`;
}

export interface ControlParameter {
  readonly key: string;
  /** JSON-encoded, as the Control Tower API takes parameter values. */
  readonly value: string;
}

/** The OU region-deny control's parameters: the allowed regions, and the platform roles exempted. */
export function regionDenyParameters(p: {
  readonly allowedRegions: readonly string[];
  readonly deploymentRoleName: string;
  readonly breakGlassRoleName: string;
  readonly additionalExemptPrincipalArns?: readonly string[];
  readonly additionalExemptedActions?: readonly string[];
}): ControlParameter[] {
  const out: ControlParameter[] = [
    { key: "AllowedRegions", value: JSON.stringify([...p.allowedRegions]) },
    { key: "ExemptedPrincipalArns", value: JSON.stringify([anyAccountRole(p.deploymentRoleName), anyAccountRole(p.breakGlassRoleName), ...(p.additionalExemptPrincipalArns ?? [])]) },
  ];
  if (p.additionalExemptedActions?.length) out.push({ key: "ExemptedActions", value: JSON.stringify([...p.additionalExemptedActions]) });
  return out;
}

/** Parameters given in config as plain values, JSON-encoded for the API, in a stable order. */
export function encodeParameters(params: Readonly<Record<string, unknown>>): ControlParameter[] {
  return Object.keys(params)
    .sort()
    .map((key) => ({ key, value: JSON.stringify(params[key]) }));
}
