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
 * The landing zone versions whose manifest `landingZoneManifest` writes: the 3.x schema (for an
 * existing 3.x landing zone) and the 4.0 schema (released 2025-11-17, the latest: every
 * integration has a required `enabled` flag, and there are AWS Config and AWS Backup integrations).
 */
export const MANIFEST_LANDING_ZONE_VERSIONS = ["3.0", "3.1", "3.2", "3.3", "4.0"] as const;

/** The version a new landing zone is created at: the latest. */
export const LATEST_LANDING_ZONE_VERSION = "4.0";

/** Whether `version` takes the 4.0 manifest (4.0 and later) rather than the 3.x one. */
export function takesV4Manifest(version: string): boolean {
  return Number(version.split(".")[0]) >= 4;
}

/** The baseline version to enable on the OUs of a landing zone of `version`. */
export function controlTowerBaselineVersion(version: string): string {
  const v = BASELINE_VERSION_FOR_LANDING_ZONE[version];
  if (!v) throw new Error(`no AWSControlTowerBaseline version is known for landing zone ${version}`);
  return v;
}

export interface ManifestInput {
  /** The regions Control Tower governs: the Australian regions in use. */
  readonly governedRegions: readonly string[];
  /** Top-level OU names Control Tower uses for its security and sandbox OUs (3.x only: 4.0 has no organizationStructure). */
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
  /** The customer managed key Control Tower encrypts its logging (and, at 4.0, its Config) buckets with. Default none (the manifest leaves it out). */
  readonly kmsKeyArn?: string;
}

/** The landing zone manifest of `version`: the 3.x schema, or the 4.0 one. */
export function landingZoneManifest(version: string, m: ManifestInput): Record<string, unknown> {
  return takesV4Manifest(version) ? landingZoneManifestV4(m) : landingZoneManifestV3(m);
}

/** The landing zone manifest (schema of landing zone version 3.x). */
export function landingZoneManifestV3(m: ManifestInput): Record<string, unknown> {
  return {
    governedRegions: [...m.governedRegions],
    organizationStructure: { security: { name: m.securityOuName }, sandbox: { name: m.sandboxOuName } },
    centralizedLogging: {
      accountId: m.logArchiveAccountId,
      configurations: {
        loggingBucket: { retentionDays: m.loggingRetentionDays },
        accessLoggingBucket: { retentionDays: m.accessLoggingRetentionDays },
        ...(m.kmsKeyArn ? { kmsKeyArn: m.kmsKeyArn } : {}),
      },
      enabled: m.centralizedLogging,
    },
    securityRoles: { accountId: m.securityAccountId },
    // Identity Center is managed by this program (permission sets, Okta groups), not by Control Tower.
    accessManagement: { enabled: false },
  };
}

/**
 * The landing zone manifest of version 4.0 ("Launch your landing zone using the AWS Control Tower
 * APIs"): every integration carries its required `enabled` flag, and there is no
 * organizationStructure (4.0 no longer creates or manages the Security OU).
 *
 * - CloudTrail (`centralizedLogging`): off unless asked, as in 3.x: the log-archive stack's
 *   organisation trail is the one.
 * - AWS Config (`config`): on, aggregated in the security account. Control Tower records Config in
 *   the accounts it governs, and an account has one configuration recorder per region, so the
 *   program's own recorders stay off in Control Tower mode (config refuses them). 3.x always ran
 *   Config, and AWS says not to disable it while upgrading to 4.0.
 * - Security roles: on, in the security account (also not to be disabled while upgrading).
 * - AWS Backup and Identity Center (`accessManagement`): off; the program does not use Control
 *   Tower's Backup integration and manages Identity Center itself.
 */
export function landingZoneManifestV4(m: ManifestInput): Record<string, unknown> {
  const configurations = {
    loggingBucket: { retentionDays: m.loggingRetentionDays },
    accessLoggingBucket: { retentionDays: m.accessLoggingRetentionDays },
    ...(m.kmsKeyArn ? { kmsKeyArn: m.kmsKeyArn } : {}),
  };
  return {
    governedRegions: [...m.governedRegions],
    accessManagement: { enabled: false },
    backup: { enabled: false },
    centralizedLogging: { enabled: m.centralizedLogging, accountId: m.logArchiveAccountId, configurations },
    config: { enabled: true, accountId: m.securityAccountId, configurations },
    securityRoles: { enabled: true, accountId: m.securityAccountId },
  };
}

/** The manifest's sections that take an `enabled` flag at 4.0 ("All enabled flags are required in the manifest"). */
export const V4_INTEGRATIONS = ["accessManagement", "backup", "centralizedLogging", "config", "securityRoles"] as const;

/** The top-level keys of the 4.0 manifest structure: there is no organizationStructure any more. */
const V4_TOP_LEVEL = [...V4_INTEGRATIONS, "governedRegions"] as const;

/** The 4.0 integrations that need an account (`accountId`) when enabled. */
const V4_ACCOUNT_INTEGRATIONS = ["centralizedLogging", "config", "securityRoles"] as const;

/**
 * What is wrong with `manifest` for a landing zone of `version`, as sentences (empty when it has the
 * documented shape): at 4.0, a section without its `enabled` flag (a 3.x manifest has none on
 * `securityRoles`, and no `config` or `backup`), an enabled one without its account, or a key the
 * 4.0 structure does not have (`organizationStructure`); at 3.x,
 * the required `organizationStructure`, `centralizedLogging` and `securityRoles.accountId`, and no
 * `config` or `backup` section (those came with 4.0).
 */
export function manifestShapeProblems(version: string, manifest: Record<string, unknown>): string[] {
  const section = (k: string): Record<string, unknown> | undefined => {
    const v = manifest[k];
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  };
  const problems: string[] = [];
  if (takesV4Manifest(version)) {
    for (const k of V4_INTEGRATIONS) {
      const s = section(k);
      if (!s) problems.push(`has no ${k} section (landing zone ${version} requires every integration's enabled flag; set ${k}.enabled)`);
      else if (typeof s.enabled !== "boolean") problems.push(`${k} has no enabled flag (landing zone ${version} requires it on every integration)`);
    }
    for (const k of Object.keys(manifest)) {
      if (!(V4_TOP_LEVEL as readonly string[]).includes(k)) problems.push(`has ${k}, which the ${version} manifest does not have (CreateLandingZone refuses fields it does not recognise)`);
    }
    for (const k of V4_ACCOUNT_INTEGRATIONS) {
      const s = section(k);
      if (s?.enabled === true && typeof s.accountId !== "string") problems.push(`${k} is enabled without an accountId`);
    }
    return problems;
  }
  const org = section("organizationStructure");
  const ouName = (k: string) => {
    const ou = org?.[k];
    return ou && typeof ou === "object" ? (ou as Record<string, unknown>).name : undefined;
  };
  if (typeof ouName("security") !== "string" || typeof ouName("sandbox") !== "string") problems.push(`has no organizationStructure.security.name and .sandbox.name (required by the ${version} manifest)`);
  if (!section("centralizedLogging")) problems.push(`has no centralizedLogging section (required by the ${version} manifest)`);
  if (typeof section("securityRoles")?.accountId !== "string") problems.push(`has no securityRoles.accountId (required by the ${version} manifest)`);
  for (const k of ["config", "backup"]) if (section(k)) problems.push(`has a ${k} section, which only the 4.0 manifest has (set version 4.0, or drop it)`);
  return problems;
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
