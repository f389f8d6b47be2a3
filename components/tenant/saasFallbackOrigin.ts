import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { SAAS_FALLBACK_LABEL } from "../../lib/tenants/names";

export interface SaasFallbackOriginArgs {
  readonly provider: cloudflare.Provider;
  readonly zoneId: pulumi.Input<string>;
  /** The zone's name (plain: it names the origin), e.g. `example.net`. */
  readonly zoneName: string;
  /** `<tunnel id>.cfargotunnel.com`. */
  readonly tunnelCname: pulumi.Input<string>;
  /** With data localisation, the region key (`au`) of a regional hostname for the origin. Default: none. */
  readonly regionKey?: string;
}

/**
 * Cloudflare for SaaS on a workload zone: the fallback origin that customers' own domains are served
 * from, `saas-fallback.<zone>`, a proxied CNAME to the tunnel. One per zone, shared by every tenant
 * with a custom hostname; the tunnel routes each custom hostname by its own ingress rule.
 */
export class SaasFallbackOrigin extends pulumi.ComponentResource {
  readonly hostname: string;
  readonly fallbackOrigin: cloudflare.CustomHostnameFallbackOrigin;

  constructor(name: string, args: SaasFallbackOriginArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:tenant:SaasFallbackOrigin", name, {}, opts);
    const o: pulumi.CustomResourceOptions = { parent: this, provider: args.provider };
    this.hostname = `${SAAS_FALLBACK_LABEL}.${args.zoneName}`;
    const record = new cloudflare.DnsRecord(
      `${name}-dns`,
      { zoneId: args.zoneId, name: this.hostname, type: "CNAME", content: args.tunnelCname, proxied: true, ttl: 1, comment: "Cloudflare for SaaS fallback origin (landing-zone tenants)" },
      o,
    );
    if (args.regionKey) {
      new cloudflare.RegionalHostname(`${name}-regional`, { zoneId: args.zoneId, hostname: this.hostname, regionKey: args.regionKey }, { ...o, dependsOn: [record] });
    }
    this.fallbackOrigin = new cloudflare.CustomHostnameFallbackOrigin(`${name}-origin`, { zoneId: args.zoneId, origin: this.hostname }, { ...o, dependsOn: [record] });
    this.registerOutputs({ hostname: this.hostname });
  }
}
