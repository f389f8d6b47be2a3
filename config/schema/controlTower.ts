import { z } from "zod";
import { LATEST_LANDING_ZONE_VERSION, MANIFEST_LANDING_ZONE_VERSIONS } from "../../lib/scp/controlTower";
import { ouPath } from "./organization";

type Issue = { path: string; message: string };

/** A control's ARN (`arn:aws:controlcatalog:::control/<id>` preferred), or a legacy name such as `AWS-GR_...`. */
const controlIdentifier = z
  .string()
  .regex(/^(arn:aws:(controlcatalog|controltower):[a-z0-9-]*::control\/[0-9A-Za-z_.-]+|[A-Za-z][A-Za-z0-9_.-]{2,127})$/, {
    message: 'must be a control ARN ("arn:aws:controlcatalog:::control/<id>", from `aws controlcatalog list-controls`) or a legacy control name such as "AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION"',
  });

const controlSchema = z.strictObject({
  /** The control to enable. */
  identifier: controlIdentifier,
  /** The OU paths it is enabled on; each must be in organization.organizationalUnits. */
  ous: z.array(ouPath).min(1, { message: "names no OU; list the OU paths the control applies to" }),
  /** The control's parameters, as plain values (they are JSON-encoded for the API). Default none. */
  parameters: z.record(z.string().regex(/^[A-Za-z]+$/), z.unknown()).default({}),
});

/** `landing-zone:controlTower`: Control Tower mode, off by default (plain Organizations with SCPs). */
export const controlTowerSchema = z.strictObject({
  /** Govern the organisation with an AWS Control Tower landing zone instead of this program's SCPs. Default false. */
  enabled: z.boolean().default(false),
  /**
   * The landing zone version: `4.0` (the latest, for a new landing zone) or the 3.x version an
   * existing landing zone runs (3.0–3.3, with the 3.x manifest). No default: required once
   * `enabled` is true, because a version left to a default would upgrade an existing 3.x landing
   * zone at the next `pulumi up`, and a landing zone update cannot be undone.
   */
  version: z
    .string()
    .refine((v) => (MANIFEST_LANDING_ZONE_VERSIONS as readonly string[]).includes(v), {
      message: `must be a landing zone version whose manifest this program writes: ${MANIFEST_LANDING_ZONE_VERSIONS.join(", ")}; use ${LATEST_LANDING_ZONE_VERSION} for a new landing zone, or the 3.x version an existing one runs (\`aws controltower get-landing-zone\`)`,
    })
    .optional(),
  /** Top-level OU that holds the log-archive and security accounts (Control Tower's Security OU; not registered with the baseline). Default `Security`. */
  securityOu: ouPath.default("Security"),
  /** Top-level OU Control Tower treats as its Sandbox OU at 3.x (4.0 has no organizationStructure: the program registers it like the others). Default `Sandbox`. */
  sandboxOu: ouPath.default("Sandbox"),
  /** Control Tower's own logging buckets' retention, and whether it runs its own organisation trail. */
  logging: z
    .strictObject({
      /** Days Control Tower keeps its logs. Default 365. */
      retentionDays: z.number().int().min(1).max(36500).default(365),
      /** Days it keeps its access logs. Default 3650. */
      accessLogRetentionDays: z.number().int().min(1).max(36500).default(3650),
      /** Let Control Tower run an organisation trail too. Default false: the log-archive stack's trail is the one. */
      centralizedLogging: z.boolean().default(false),
      /**
       * The customer managed key Control Tower encrypts its logging buckets with (at 4.0 its Config
       * buckets too): the log-archive stack's key. Default none (the manifest leaves kmsKeyArn out).
       */
      kmsKeyArn: z
        .string()
        .regex(/^arn:aws:kms:ap-southeast-[24]:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/, { message: 'must be a KMS key ARN in an Australian region, "arn:aws:kms:ap-southeast-2:<log-archive account>:key/<key id>" (the log-archive stack\'s key)' })
        .optional(),
    })
    .prefault({}),
  /** The OU region-deny control (CT.MULTISERVICE.PV.1), parameterised with the allowed regions and the platform roles. */
  regionDeny: z
    .strictObject({
      /** The control's ARN; look it up with `aws controlcatalog list-controls` (its name is CT.MULTISERVICE.PV.1). */
      identifier: controlIdentifier,
      /** OU paths it is enabled on. */
      ous: z.array(ouPath).min(1, { message: "names no OU; list the OU paths the region deny applies to" }),
    })
    .optional(),
  /** More controls on OUs: the data-residency ones (S3 cross-region replication, cross-region networking, ...). Default none. */
  controls: z.array(controlSchema).default([]),
});

export type ControlTowerConfig = z.infer<typeof controlTowerSchema>;

/** Checks of Control Tower mode against the OU tree; only when it is enabled. */
export function controlTowerIssues(cfg: any): Issue[] {
  const ct: ControlTowerConfig = cfg.controlTower;
  if (!ct.enabled) return [];
  const issues: Issue[] = [];
  if (ct.version === undefined) {
    issues.push({
      path: "controlTower.version",
      message: `is required once Control Tower mode is enabled: "${LATEST_LANDING_ZONE_VERSION}" for a new landing zone, or the version an existing one runs (${MANIFEST_LANDING_ZONE_VERSIONS.filter((v) => v !== LATEST_LANDING_ZONE_VERSION).join(", ")}; \`aws controltower get-landing-zone\`). There is no default: a default would upgrade an existing landing zone at the next pulumi up, and that cannot be undone`,
    });
  }
  const paths = new Set<string>(cfg.organization.organizationalUnits.map((o: { path: string }) => o.path));
  const listed = [...paths].join(", ");
  const checkOus = (ous: readonly string[], at: string) =>
    ous.forEach((ou, j) => {
      if (!paths.has(ou)) issues.push({ path: `${at}[${j}]`, message: `"${ou}" is not an OU in organization.organizationalUnits; use one of ${listed}` });
    });
  for (const key of ["securityOu", "sandboxOu"] as const) {
    const ou = ct[key];
    if (ou.includes("/")) issues.push({ path: `controlTower.${key}`, message: `"${ou}" is nested; Control Tower's ${key === "securityOu" ? "Security" : "Sandbox"} OU must be directly under the root` });
    else if (!paths.has(ou)) issues.push({ path: `controlTower.${key}`, message: `"${ou}" is not an OU in organization.organizationalUnits; use one of ${listed}` });
  }
  const checkIdentifier = (id: string, at: string) => {
    if (/REPLACE/i.test(id)) issues.push({ path: at, message: `"${id}" is a placeholder; set the control's ARN from \`aws controlcatalog list-controls\`` });
  };
  if (ct.regionDeny) {
    checkIdentifier(ct.regionDeny.identifier, "controlTower.regionDeny.identifier");
    checkOus(ct.regionDeny.ous, "controlTower.regionDeny.ous");
  }
  const seen = new Map<string, number>();
  ct.controls.forEach((c, i) => {
    checkIdentifier(c.identifier, `controlTower.controls[${i}].identifier`);
    checkOus(c.ous, `controlTower.controls[${i}].ous`);
    if (ct.regionDeny && c.identifier === ct.regionDeny.identifier) {
      issues.push({ path: `controlTower.controls[${i}].identifier`, message: "is the region-deny control; configure it once, under controlTower.regionDeny" });
    }
    const first = seen.get(c.identifier);
    if (first !== undefined) issues.push({ path: `controlTower.controls[${i}].identifier`, message: `"${c.identifier}" is also controls[${first}]; list each control once, with all its OUs` });
    else seen.set(c.identifier, i);
  });
  const { security, logArchive } = cfg.organization.delegatedAdministrators;
  for (const name of [security, logArchive]) {
    const acct = cfg.organization.accounts.find((a: { name: string }) => a.name === name);
    if (acct && acct.ou !== ct.securityOu) {
      issues.push({ path: "controlTower.securityOu", message: `is "${ct.securityOu}", but account "${name}" (a Control Tower shared account) is in "${acct.ou}"; move it or point securityOu at its OU` });
    }
  }
  return issues;
}
