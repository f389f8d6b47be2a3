import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { CATCH_ALL_SERVICE, IngressRuleSpec, isCatchAll } from "../../lib/zeroTrust/ingress";

/** One rule of the tunnel's ingress list: the rule as config gives it, with its Access audiences. */
export interface TunnelIngressRule extends IngressRuleSpec {
  /**
   * Audience tags of the Access application(s) in front of the hostname: cloudflared refuses a
   * request without a valid Access token for one of them. Required on every rule with a hostname.
   */
  readonly audTags?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface CloudflareTunnelArgs {
  /** The Cloudflare account that owns the tunnel. */
  readonly accountId: string;
  /** The zone the DNS records go in. */
  readonly zoneId: pulumi.Input<string>;
  /** The Zero Trust team name, against whose keys cloudflared checks Access tokens. */
  readonly teamName: string;
  /** The tunnel's name in the dashboard: `landing-zone-dev`. */
  readonly tunnelName: string;
  /** The tunnel secret (at least 32 bytes, base64); a Pulumi secret. */
  readonly tunnelSecret: pulumi.Input<string>;
  /** The ingress rules, in order; the last must be the catch-all `http_status:404`. */
  readonly ingress: readonly TunnelIngressRule[];
  /** Hostnames that get a proxied CNAME to the tunnel here (others, e.g. tenants', make their own). Default: none. */
  readonly dnsHostnames?: readonly string[];
  /** When set (`au`), each of `dnsHostnames` gets a regional hostname so TLS ends in that region. Default: none. */
  readonly regionKey?: string;
  /** The Cloudflare provider. */
  readonly provider: cloudflare.Provider;
}

/**
 * A remotely managed cloudflared tunnel: the tunnel, its one ingress configuration (every rule
 * requires Access at the origin and keeps TLS verification on; unknown hostnames get a 404), proxied
 * CNAMEs to it and, for data localisation, regional hostnames.
 */
export class CloudflareTunnel extends pulumi.ComponentResource {
  readonly tunnelId: pulumi.Output<string>;
  /** `<tunnel id>.cfargotunnel.com`, what the CNAMEs point at. */
  readonly cname: pulumi.Output<string>;
  /** The token cloudflared runs with; a Pulumi secret. */
  readonly token: pulumi.Output<string>;
  /** The DNS record ids by hostname. */
  readonly dnsRecordIds: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: CloudflareTunnelArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:zeroTrust:CloudflareTunnel", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    this.checkIngress(args.ingress);
    const routed = new Set(args.ingress.map((r) => r.hostname).filter((h): h is string => !!h));
    for (const h of args.dnsHostnames ?? []) {
      if (!routed.has(h)) throw new pulumi.ResourceError(`the DNS name ${h} has no ingress rule; a CNAME to the tunnel would only ever answer 404`, this);
    }

    const tunnel = new cloudflare.ZeroTrustTunnelCloudflared(
      `${name}-tunnel`,
      { accountId: args.accountId, name: args.tunnelName, configSrc: "cloudflare", tunnelSecret: pulumi.secret(args.tunnelSecret) },
      child,
    );
    this.tunnelId = tunnel.id;
    this.cname = pulumi.interpolate`${tunnel.id}.cfargotunnel.com`;

    new cloudflare.ZeroTrustTunnelCloudflaredConfig(
      `${name}-config`,
      {
        accountId: args.accountId,
        tunnelId: tunnel.id,
        source: "cloudflare",
        config: {
          originRequest: { noTlsVerify: false },
          ingresses: args.ingress.map((r) => this.ingressRule(r, args.teamName)),
        },
      },
      child,
    );

    const token = cloudflare.getZeroTrustTunnelCloudflaredTokenOutput({ accountId: args.accountId, tunnelId: tunnel.id }, { parent: this, provider: args.provider });
    this.token = pulumi.secret(token.token);

    const records: Record<string, pulumi.Output<string>> = {};
    for (const hostname of args.dnsHostnames ?? []) {
      const key = hostname.replace(/\./g, "-");
      const record = new cloudflare.DnsRecord(
        `${name}-${key}`,
        { zoneId: args.zoneId, name: hostname, type: "CNAME", content: this.cname, proxied: true, ttl: 1, comment: `cloudflared tunnel ${args.tunnelName} (landing-zone)` },
        child,
      );
      records[hostname] = record.id;
      if (args.regionKey) {
        new cloudflare.RegionalHostname(`${name}-${key}`, { zoneId: args.zoneId, hostname, regionKey: args.regionKey }, { ...child, dependsOn: [record] });
      }
    }
    this.dnsRecordIds = records;

    this.registerOutputs({ tunnelId: this.tunnelId, cname: this.cname, token: this.token, dnsRecordIds: this.dnsRecordIds });
  }

  private checkIngress(ingress: readonly TunnelIngressRule[]): void {
    const last = ingress[ingress.length - 1];
    if (!last || !isCatchAll(last) || last.service !== CATCH_ALL_SERVICE) {
      throw new pulumi.ResourceError(`the ingress list must end with the catch-all { service: "${CATCH_ALL_SERVICE}" }`, this);
    }
    const seen = new Set<string>();
    ingress.slice(0, -1).forEach((r, i) => {
      if (!r.hostname) throw new pulumi.ResourceError(`ingress rule ${i} (${r.service}) has no hostname; only the last rule is a catch-all`, this);
      if (!r.audTags) throw new pulumi.ResourceError(`ingress rule ${i} (${r.hostname}) has no Access audience tags; the origin must require Access`, this);
      const key = `${r.hostname}|${r.path ?? ""}`;
      if (seen.has(key)) throw new pulumi.ResourceError(`${r.hostname}${r.path ? ` ${r.path}` : ""} is routed twice`, this);
      seen.add(key);
    });
  }

  private ingressRule(r: TunnelIngressRule, teamName: string): cloudflare.types.input.ZeroTrustTunnelCloudflaredConfigConfigIngress {
    if (isCatchAll(r)) return { service: r.service };
    return {
      hostname: r.hostname,
      ...(r.path ? { path: r.path } : {}),
      service: r.service,
      originRequest: {
        access: { required: true, teamName, audTags: r.audTags! },
        noTlsVerify: false,
        ...(r.originServerName ? { originServerName: r.originServerName } : {}),
        ...(r.httpHostHeader ? { httpHostHeader: r.httpHostHeader } : {}),
      },
    };
  }
}
