import { TENANT_ROLE_PATH } from "../zeroTrust/connector";

/**
 * Names of a tenant's resources. Every name derives from the slug alone (never from a position in
 * a list), so adding, removing or reordering tenant files never renames another tenant's resources.
 */

/** The status a tenant file declares. */
export type TenantStatus = "active" | "suspended" | "offboarded";

/**
 * The label, under the environment's internal domain, of tenants' private origins when a tenant
 * file names none: `https://<slug>.tenants.internal.<zone>`.
 */
export const TENANT_ORIGIN_LABEL = "tenants.internal";

/**
 * The label, under each workload zone, of the Cloudflare for SaaS fallback origin. Reserved: no
 * tenant may use it as its host name.
 */
export const SAAS_FALLBACK_LABEL = "saas-fallback";

/** The Tenant component's logical name (and the prefix of its children's). */
export function tenantComponentName(slug: string): string {
  return `tenant-${slug}`;
}

/** The tenant's IAM role (at most 7 + 32 characters, well under IAM's 64). */
export function tenantRoleName(slug: string): string {
  return `tenant-${slug}`;
}

export function tenantKeyAlias(slug: string): string {
  return `alias/tenant/${slug}`;
}

export function tenantSecretName(slug: string): string {
  return `tenant/${slug}/settings`;
}

/** `ap-southeast-2` -> `apse2`: the short region code AWS uses in its own names. */
export function regionCode(region: string): string {
  const [area, direction = "", number = ""] = region.split("-");
  return `${area}${direction.replace(/north|south|east|west|central/g, (w) => w[0])}${number}`;
}

/**
 * The tenant's bucket: globally unique through the account and region, at most
 * 7 + 32 + 1 + 12 + 6 = 58 characters (S3 allows 63).
 */
export function tenantBucketName(slug: string, accountId: string, region: string): string {
  return `${TENANT_BUCKET_PREFIX}${slug}-${accountId}-${regionCode(region)}`;
}

/** Every tenant bucket's name starts with this (the organisation trail records data events on them). */
export const TENANT_BUCKET_PREFIX = "tenant-";

/**
 * Where the tunnel sends the tenant's traffic: the file's `origin`, else its private instance,
 * `https://<slug>.tenants.internal.<zone>` (the zone being what follows the host name's first label).
 */
export function tenantOrigin(t: { readonly slug: string; readonly hostname: string; readonly origin?: string }): string {
  if (t.origin) return t.origin;
  const zone = t.hostname.slice(t.hostname.indexOf(".") + 1);
  return `https://${t.slug}.${TENANT_ORIGIN_LABEL}.${zone}`;
}

/** The tag every tenant resource carries, in AWS form. */
export function tenantAwsTags(slug: string, dataClassification: string): Record<string, string> {
  return { tenant: slug, dataClassification };
}

/** The same tags in Datadog's `key:value` form. */
export function tenantDatadogTags(slug: string, stack: string): string[] {
  return [`tenant:${slug}`, `env:${stack}`, "managed-by:landing-zone"];
}

/** The ARN of a tenant's role, from its name alone (another tenant's policies name it without depending on it). */
export function tenantRoleArn(slug: string, accountId: string): string {
  return `arn:aws:iam::${accountId}:role${TENANT_ROLE_PATH}${tenantRoleName(slug)}`;
}

/** Every tenant role of the account, as an `aws:PrincipalArn` pattern. */
export function tenantRolesPattern(accountId: string): string {
  return `arn:aws:iam::${accountId}:role${TENANT_ROLE_PATH}*`;
}

/** The path of tenants' SFTP roles: outside `/tenant/`, so the app task role can never assume one. */
export const TENANT_SFTP_ROLE_PATH = "/tenant-sftp/";

/** A tenant's SFTP role (assumed by AWS Transfer Family for its users): at most 12 + 32 characters. */
export function tenantSftpRoleName(slug: string): string {
  return `tenant-${slug}-sftp`;
}

export function tenantSftpRoleArn(slug: string, accountId: string): string {
  return `arn:aws:iam::${accountId}:role${TENANT_SFTP_ROLE_PATH}${tenantSftpRoleName(slug)}`;
}
