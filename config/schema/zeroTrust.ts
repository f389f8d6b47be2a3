import { z } from "zod";
import { isEcrImage } from "../../lib/zeroTrust/connector";
import { CATCH_ALL_SERVICE, ingressIssues, inZone, isHostname } from "../../lib/zeroTrust/ingress";
import { slugName, uniqueBy } from "./common";

/**
 * Cloudflare Zero Trust keys of the workload role (issue #6): `landing-zone:cloudflare`, and the
 * secrets `cloudflareApiToken`, `cloudflareTunnelSecret` and `oktaClientSecret`. Merged into the
 * workload role by config/schema/workload.ts.
 */

const hex32 = (what: string) => z.string({ message: `must be the 32-character hex ${what}, in quotes` }).regex(/^[0-9a-f]{32}$/, { message: `must be the 32-character lower-case hex ${what} (Cloudflare dashboard, Overview)` });

const hostname = z.string().refine(isHostname, { message: "must be a lower-case DNS name such as admin.example.com" });

/** A Go duration as Cloudflare Access takes it: `30m`, `8h`, `1h30m`. */
const duration = z.string().regex(/^(\d+h)?(\d+m)?$/, { message: 'must be a duration in hours and minutes, e.g. "8h" or "1h30m"' }).refine((s) => s !== "", { message: 'must be a duration, e.g. "8h"' });

/** `landing-zone:cloudflare.okta`: the Okta OIDC application Access signs users in with. */
export const oktaSchema = z.strictObject({
  /** The Okta org URL: `https://example.okta.com`. */
  accountUrl: z.string().regex(/^https:\/\/[a-z0-9-]+\.(okta|oktapreview|okta-emea)\.com$/, { message: "must be your Okta org URL, e.g. https://example.okta.com" }),
  /** The OIDC application's client id (not secret). Its secret is `landing-zone:oktaClientSecret`. */
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: "must be the Okta application's client id, e.g. 0oa1b2c3d4e5f6g7h8i9" }),
  /** A custom authorization server id, when the groups claim comes from one. Default: the org server. */
  authorizationServerId: z.string().regex(/^[A-Za-z0-9]{8,32}$/).optional(),
});

/** One rule of `landing-zone:cloudflare.ingress`. */
export const ingressRuleSchema = z.strictObject({
  /** The public hostname, in the zone. Absent only on the last rule, the catch-all. */
  hostname: z.string().optional(),
  /** A path regex, to route one hostname by path. */
  path: z.string().min(1).optional(),
  /** A private HTTPS origin (internal load balancer or service URL); the catch-all's is `http_status:404`. */
  service: z.string(),
  /** The name on the origin's certificate when it differs from the URL's host. */
  originServerName: z.string().optional(),
  /** The Host header the origin gets. Default: the URL's host. */
  httpHostHeader: z.string().optional(),
});

/** One Access application of `landing-zone:cloudflare.apps`: an internal app behind Okta. */
export const accessAppSchema = z.strictObject({
  /** A short name: `admin-portal`; used in resource names. */
  name: slugName,
  /** The hostname the app protects; it must have an ingress rule. */
  hostname,
  /** The Okta groups allowed in (any of them). */
  oktaGroups: z.array(z.string().min(1).max(255)).min(1, { message: "needs at least one Okta group; an app nobody may open is a mistake" }),
  /** How long an Access session lasts. Default 8h. */
  sessionDuration: duration.default("8h"),
  /** The path the synthetic test requests. Default `/`. */
  healthPath: z.string().regex(/^\/[^\s]*$/, { message: 'must be a path starting with "/"' }).default("/"),
});

/** `landing-zone:cloudflare.connector`: the cloudflared service in the app tier. */
export const connectorSchema = z.strictObject({
  /**
   * The cloudflared image, pinned. Default `cloudflare/cloudflared:2025.4.0` (Docker Hub, pulled
   * through the account's ECR pull-through cache with `dockerHubUsername` and the
   * `dockerHubAccessToken` secret); or a private ECR URI of a mirrored repository.
   */
  image: z.string().regex(/^[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/, { message: "must be an image with a pinned tag or digest, e.g. cloudflare/cloudflared:2025.4.0" }).default("cloudflare/cloudflared:2025.4.0"),
  /** The Docker Hub user whose access token (`dockerHubAccessToken`) ECR's pull-through cache uses. */
  dockerHubUsername: z.string().regex(/^[a-z0-9][a-z0-9_.-]{1,63}$/, { message: "must be a Docker Hub user name" }).optional(),
  /** Connector replicas, spread over the app subnets. Default 2. */
  desiredCount: z.number().int().min(1).max(10).default(2),
  /** Days the connector's logs are kept. Default 365. */
  logRetentionDays: z.union([z.literal(30), z.literal(90), z.literal(180), z.literal(365), z.literal(731), z.literal(1827), z.literal(3653)], { message: "must be one of 30, 90, 180, 365, 731, 1827, 3653" }).default(365),
});

/** `landing-zone:cloudflare`: Zero Trust access for the environment. */
export const cloudflareSchema = z.strictObject({
  /** The Cloudflare account id. */
  accountId: hex32("account id"),
  /** The zone's id. */
  zoneId: hex32("zone id"),
  /** The zone's name: `example.com`. Every hostname lies in it. */
  zone: hostname,
  /** The Zero Trust team name (`<team>.cloudflareaccess.com`); cloudflared checks Access tokens against it. */
  teamName: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: "must be the Zero Trust team name: lower-case letters, digits and hyphens" }),
  /**
   * Keep TLS termination and processing in Australia (regional hostnames, region `au`). Needs the
   * Data Localization Suite (an Enterprise add-on) on the account, and an API token with Zone DNS
   * Edit on the zone (regional hostnames are DNS settings). Default false.
   */
  dataLocalisation: z.boolean().default(false),
  okta: oktaSchema,
  /** Hostname-to-origin rules of the tunnel, ending with the catch-all `{ service: http_status:404 }`. */
  ingress: z.array(ingressRuleSchema).min(1, { message: `needs at least the catch-all rule { service: "${CATCH_ALL_SERVICE}" }` }),
  /** The internal apps behind Access. */
  apps: z.array(accessAppSchema).superRefine(uniqueBy((a: { name: string }) => a.name, "app name")).superRefine(uniqueBy((a: { hostname: string }) => a.hostname, "app hostname")),
  connector: connectorSchema.prefault({}),
});
export type CloudflareConfig = z.infer<typeof cloudflareSchema>;

export const zeroTrustShape = {
  cloudflare: cloudflareSchema,
};

/** Top-level secret keys the Zero Trust component needs (set with `pulumi config set --secret`). */
export const zeroTrustRequiredSecrets: readonly string[] = [
  /** A Cloudflare API token scoped to the account (Access, Tunnel) and the zone (DNS, settings). */
  "cloudflareApiToken",
  /** The tunnel secret: at least 32 random bytes, base64 (`openssl rand -base64 32`). */
  "cloudflareTunnelSecret",
  /** The Okta OIDC application's client secret. */
  "oktaClientSecret",
  /** A read-only Docker Hub access token, for ECR's pull-through cache of the cloudflared image. */
  "dockerHubAccessToken",
];
export const zeroTrustOptionalSecrets: readonly string[] = [];

/** Cross-key checks, paths without the namespace. */
export function zeroTrustCheck(cfg: Record<string, any>): { path: string; message: string }[] {
  const cf = cfg.cloudflare as CloudflareConfig | undefined;
  if (!cf) return [];
  const issues = ingressIssues(cf.ingress, cf.zone).map((i) => ({ path: `cloudflare.ingress${i.path}`, message: i.message }));
  const routed = new Set(cf.ingress.map((r) => r.hostname).filter((h): h is string => h !== undefined));
  const protectedHosts = new Set(cf.apps.map((a) => a.hostname));
  cf.apps.forEach((a, i) => {
    if (!inZone(a.hostname, cf.zone)) {
      issues.push({ path: `cloudflare.apps[${i}].hostname`, message: `"${a.hostname}" is outside the zone ${cf.zone} (cloudflare.zone); use a name under it` });
    } else if (!routed.has(a.hostname)) {
      issues.push({ path: `cloudflare.apps[${i}].hostname`, message: `"${a.hostname}" has no rule in cloudflare.ingress; add one that maps it to its private origin` });
    }
  });
  cf.ingress.forEach((r, i) => {
    if (r.hostname !== undefined && inZone(r.hostname, cf.zone) && !protectedHosts.has(r.hostname)) {
      issues.push({ path: `cloudflare.ingress[${i}].hostname`, message: `"${r.hostname}" has no Access application in cloudflare.apps; every routed hostname is behind Access (its audience tag is checked at the origin)` });
    }
  });
  if (!isEcrImage(cf.connector.image) && cf.connector.dockerHubUsername === undefined) {
    issues.push({ path: "cloudflare.connector.dockerHubUsername", message: `is required: ${cf.connector.image} comes from Docker Hub through ECR's pull-through cache, which needs a Docker Hub user (and its access token in the dockerHubAccessToken secret); or set cloudflare.connector.image to a mirrored private ECR image` });
  }
  return issues;
}

export type _ZeroTrustKeys = z.infer<z.ZodObject<typeof zeroTrustShape>>;
