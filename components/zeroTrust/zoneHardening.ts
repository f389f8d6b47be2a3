import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";

/** The zone settings the landing zone enforces, by Cloudflare setting id. */
export const ZONE_HARDENING: Readonly<Record<string, string>> = {
  /** Visitors need TLS 1.2 or later. */
  min_tls_version: "1.2",
  /** Plain HTTP requests are redirected to HTTPS. */
  always_use_https: "on",
  /** Cloudflare verifies the origin's certificate (never `flexible`, which is plain HTTP to the origin). */
  ssl: "strict",
};

export interface ZoneHardeningArgs {
  /** The zone to harden. */
  readonly zoneId: pulumi.Input<string>;
  /** The Cloudflare provider. */
  readonly provider: cloudflare.Provider;
}

/** Encryption in transit at the edge: minimum TLS 1.2, always HTTPS, strict TLS to origins. */
export class ZoneHardening extends pulumi.ComponentResource {
  constructor(name: string, args: ZoneHardeningArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:zeroTrust:ZoneHardening", name, {}, opts);
    for (const [settingId, value] of Object.entries(ZONE_HARDENING)) {
      new cloudflare.ZoneSetting(`${name}-${settingId.replace(/_/g, "-")}`, { zoneId: args.zoneId, settingId, value }, { parent: this, provider: args.provider });
    }
    this.registerOutputs({});
  }
}
