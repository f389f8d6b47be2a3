import { z } from "zod";
import { cidr } from "./common";

/**
 * The tenant data plane keys of the workload role (issue #14), merged into it by
 * config/schema/workload.ts:
 * - `landing-zone:perimeter`: the network perimeter on tenant data and the VPC endpoints' policies;
 * - `landing-zone:sftp`: the stack's Transfer Family server, created when a tenant of the stack has `sftp`.
 */

/** Security policies with no SHA-1 and no CBC in their SSH algorithms (AWS Transfer Family's security policy tables), newest first. */
const SFTP_SECURITY_POLICIES = [
  "TransferSecurityPolicy-2025-03",
  "TransferSecurityPolicy-2024-01",
  "TransferSecurityPolicy-FIPS-2025-03",
  "TransferSecurityPolicy-FIPS-2024-05",
  "TransferSecurityPolicy-FIPS-2024-01",
  "TransferSecurityPolicy-Restricted-2024-06",
  "TransferSecurityPolicy-SshAuditCompliant-2025-02",
] as const;

/** Interface endpoints the network perimeter needs: the tenants' keys and secrets are reached through them, roles are assumed through STS. */
const PERIMETER_INTERFACE_ENDPOINTS = ["kms", "secretsmanager", "sts"] as const;

/** The narrowest partner range accepted is a /16: anything wider is not a partner's fixed address. */
const WIDEST_PARTNER_PREFIX = 16;

const partnerRange = z.strictObject({
  /** The partner's fixed address range, e.g. `203.0.113.0/28`. */
  cidr,
  /** Who it is, for the security group rule: `Acme Asset Management batch uploads`. */
  description: z.string().min(1).max(255).regex(/^[\w .,:/()@+=&-]*$/, { message: "must be letters, digits, spaces and ._-:/()@+=&, (security group rule descriptions)" }),
});

export const dataPlaneShape = {
  /** The network perimeter on tenant data (docs/TENANTS.md). Default: on in prod (`account.environment: prod`), off elsewhere. */
  // A top-level scalar reaches the program as a string (Pulumi config values are strings).
  perimeter: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ message: "must be true or false" })).optional(),
  /** The SFTP server, when a tenant of this stack has `sftp`. */
  sftp: z
    .strictObject({
      /** Partner address ranges that may reach the server (over the private network); the app tier always may. Default none. */
      partners: z.array(partnerRange).default([]),
      /** The server's security policy. Default `TransferSecurityPolicy-2025-03`. */
      securityPolicyName: z.enum(SFTP_SECURITY_POLICIES, { message: `must be a security policy without SHA-1 or CBC: ${SFTP_SECURITY_POLICIES.join(", ")}` }).default(SFTP_SECURITY_POLICIES[0]),
      /** How long the server's logs are kept, in days. Default 365. */
      logRetentionDays: z.number().int().min(1).max(3653).default(365),
    })
    .prefault({}),
};

type DataPlaneConfig = {
  account: { environment: string };
  perimeter?: boolean;
  vpc: { interfaceEndpoints: readonly string[] };
  sftp: { partners: readonly { cidr: string }[] };
};

/** Whether the stack's network perimeter is on: `landing-zone:perimeter`, else on in prod only. */
export function perimeterEnabled(cfg: { account: { environment: string }; perimeter?: boolean }): boolean {
  return cfg.perimeter ?? cfg.account.environment === "prod";
}

export function dataPlaneCheck(cfg: DataPlaneConfig): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (perimeterEnabled(cfg)) {
    const missing = PERIMETER_INTERFACE_ENDPOINTS.filter((e) => !cfg.vpc.interfaceEndpoints.includes(e));
    if (missing.length) {
      issues.push({
        path: "vpc.interfaceEndpoints",
        message: `lacks ${missing.join(", ")}, which the network perimeter needs (tenant keys, secrets and roles are reached through them); add them, or set landing-zone:perimeter to false`,
      });
    }
  }
  cfg.sftp.partners.forEach((p, i) => {
    const prefix = Number(p.cidr.split("/")[1]);
    if (prefix < WIDEST_PARTNER_PREFIX) {
      issues.push({ path: `sftp.partners[${i}].cidr`, message: `${p.cidr} is a /${prefix}: the SFTP server is internal and takes partners' fixed ranges only, /${WIDEST_PARTNER_PREFIX} or narrower` });
    }
  });
  return issues;
}
