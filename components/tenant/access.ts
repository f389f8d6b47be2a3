import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { StatusEffects } from "../../lib/tenants/status";
import { TenantCloudflareArgs, TenantSpec } from "./args";

/** The tenant's way in through Cloudflare. Absent once the tenant is offboarded. */
export interface TenantAccess {
  readonly application: cloudflare.ZeroTrustAccessApplication;
  readonly dnsRecord: cloudflare.DnsRecord;
  readonly customHostname?: cloudflare.CustomHostname;
}

/** The records a customer publishes for its own domain, as a stack output. */
export interface CustomHostnameRecords {
  readonly hostname: string;
  /** Points the customer's domain at the platform. */
  readonly cname: { readonly name: string; readonly type: "CNAME"; readonly value: pulumi.Output<string> };
  /** Proves the customer owns the domain (Cloudflare's ownership verification). */
  readonly ownership: pulumi.Output<{ name: string; type: string; value: string }>;
}

/**
 * The Access application on the tenant's host names, its two policies (Okta groups for people, the
 * service token for synthetic tests), a proxied CNAME to the tunnel, and the customer's own domain
 * when it has one. A suspended tenant keeps all of it, but both policies deny everyone.
 * The tunnel's ingress rule for the tenant is not here: the tunnel has one configuration resource,
 * which lists it (lib/tenants/ingress.ts).
 */
export function createTenantAccess(parent: pulumi.ComponentResource, name: string, t: TenantSpec, cf: TenantCloudflareArgs, effects: StatusEffects): TenantAccess & { records?: CustomHostnameRecords } {
  const opts: pulumi.CustomResourceOptions = { parent, provider: cf.provider };
  const session = cf.sessionDuration ?? "8h";
  const denyAll = [{ everyone: {} }];

  const people = new cloudflare.ZeroTrustAccessPolicy(
    `${name}-access-policy`,
    {
      accountId: cf.accountId,
      name: `tenant ${t.slug}: ${effects.denyAll ? "suspended, deny everyone" : "Okta groups"}`,
      decision: effects.denyAll ? "deny" : "allow",
      includes: effects.denyAll ? denyAll : t.oktaGroups.map((group) => ({ okta: { identityProviderId: cf.oktaIdpId, name: group } })),
      sessionDuration: session,
    },
    opts,
  );
  const synthetics = new cloudflare.ZeroTrustAccessPolicy(
    `${name}-synthetics-policy`,
    {
      accountId: cf.accountId,
      name: `tenant ${t.slug}: ${effects.denyAll ? "suspended, deny everyone" : "synthetic tests (service token)"}`,
      decision: effects.denyAll ? "deny" : "non_identity",
      includes: effects.denyAll ? denyAll : [{ serviceToken: { tokenId: cf.serviceTokenId } }],
    },
    opts,
  );

  const hostnames = [t.hostname, ...(t.customHostname ? [t.customHostname] : [])];
  const application = new cloudflare.ZeroTrustAccessApplication(
    `${name}-access-app`,
    {
      accountId: cf.accountId,
      name: `${t.displayName} (tenant ${t.slug})`,
      type: "self_hosted",
      domain: t.hostname,
      destinations: hostnames.map((uri) => ({ type: "public", uri })),
      allowedIdps: [cf.oktaIdpId],
      autoRedirectToIdentity: true,
      appLauncherVisible: false,
      sessionDuration: session,
      httpOnlyCookieAttribute: true,
      sameSiteCookieAttribute: "lax",
      policies: [
        { id: people.id, precedence: 1 },
        { id: synthetics.id, precedence: 2 },
      ],
    },
    opts,
  );

  const dnsRecord = new cloudflare.DnsRecord(
    `${name}-dns`,
    {
      zoneId: cf.zoneId,
      name: t.hostname,
      type: "CNAME",
      content: cf.tunnelCname,
      proxied: true,
      ttl: 1,
      comment: `tenant=${t.slug} (landing-zone tenants/${t.slug}.yaml)`,
    },
    opts,
  );

  if (cf.regionKey) {
    // TLS for the tenant's host name then ends in that region only. A custom hostname is the
    // customer's zone, not ours: Cloudflare for SaaS serves it from the fallback origin.
    new cloudflare.RegionalHostname(`${name}-regional`, { zoneId: cf.zoneId, hostname: t.hostname, regionKey: cf.regionKey }, { ...opts, dependsOn: [dnsRecord] });
  }
  if (!t.customHostname) return { application, dnsRecord };
  const customHostname = new cloudflare.CustomHostname(
    `${name}-custom-hostname`,
    {
      zoneId: cf.zoneId,
      hostname: t.customHostname,
      ssl: { method: "http", type: "dv", settings: { minTlsVersion: "1.2" } },
      ...(cf.customOriginServer ? { customOriginServer: t.hostname } : {}),
    },
    { ...opts, dependsOn: cf.customHostnameDependsOn ? [cf.customHostnameDependsOn] : [] },
  );
  const records: CustomHostnameRecords = {
    hostname: t.customHostname,
    cname: { name: t.customHostname, type: "CNAME", value: pulumi.output(t.hostname) },
    ownership: customHostname.ownershipVerification.apply((o) => ({ name: o?.name ?? "", type: o?.type ?? "txt", value: o?.value ?? "" })),
  };
  return { application, dnsRecord, customHostname, records };
}
