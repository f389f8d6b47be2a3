/**
 * What the central egress firewall must let through for the platform itself, as plain data: the
 * cloudflared tunnel, from Cloudflare's "Tunnel with firewall" list, and nothing broader.
 *
 * cloudflared dials the tunnel edge on 7844: QUIC over UDP (TLS server name `quic.cftunnel.com`),
 * or HTTP/2 over TCP (`h2.cftunnel.com`) as a fallback; the addresses come from the SRV records of
 * `region1.v2.argotunnel.com` and `region2.v2.argotunnel.com`. Network Firewall's stateful engine
 * does not detect QUIC (its Suricata caveats list "QUIC protocol detection" as unsupported), so a
 * domain rule can never match the QUIC flow: it needs a 5-tuple rule on UDP 7844 to the edge's
 * published ranges. The HTTP/2 flow is TLS and is matched by server name on the domain list.
 *
 * The optional 443 names of the same page (`api.cloudflare.com` and `update.argotunnel.com` for
 * update checks, `github.com` for self-update) are left out: the connector runs with
 * `--no-autoupdate`. `<team>.cloudflareaccess.com` (Access token keys) is on the stack's list.
 */
import { TUNNEL_EDGE_IPV4, TUNNEL_PORT } from "../zeroTrust/connector";

/** TLS server names cloudflared presents over TCP 7844 (Cloudflare's list, "firewalls that enforce SNI"). */
export const CLOUDFLARED_TLS_NAMES = ["cftunnel.com", "h2.cftunnel.com", "region1.v2.argotunnel.com", "region2.v2.argotunnel.com"] as const;

/** The QUIC server name: listed by Cloudflare, but not visible to Network Firewall (no QUIC detection). */
export const CLOUDFLARED_QUIC_NAME = "quic.cftunnel.com";

/** A stateful 5-tuple rule, in the shape of `aws.networkfirewall.RuleGroup`'s `statefulRules`. */
export interface FiveTupleRule {
  readonly action: "PASS" | "DROP" | "ALERT" | "REJECT";
  readonly header: {
    readonly protocol: "TCP" | "UDP" | "IP" | "ICMP";
    readonly source: string;
    readonly sourcePort: string;
    readonly direction: "FORWARD" | "ANY";
    readonly destination: string;
    readonly destinationPort: string;
  };
  readonly ruleOptions: { readonly keyword: string; readonly settings?: string[] }[];
}

/**
 * The tunnel's QUIC flows: UDP from the inspected networks to the edge's published IPv4 ranges on
 * 7844, one rule per range (a 5-tuple destination is one address or CIDR). Sids from 1000.
 */
export function cloudflaredQuicRules(): FiveTupleRule[] {
  return TUNNEL_EDGE_IPV4.map((cidr, i) => ({
    action: "PASS" as const,
    header: { protocol: "UDP" as const, source: "$HOME_NET", sourcePort: "ANY", direction: "FORWARD" as const, destination: cidr, destinationPort: String(TUNNEL_PORT) },
    ruleOptions: [{ keyword: "sid", settings: [String(1000 + i)] }, { keyword: "msg", settings: [`"cloudflared QUIC to the tunnel edge ${cidr}"`] }],
  }));
}

/**
 * The domain allow-list the firewall gets: the stack's, with cloudflared's TLS names added, sorted
 * and without duplicates (a name already covered by a `.domain` entry is kept: harmless, explicit).
 */
export function egressDomains(configured: readonly string[]): string[] {
  return [...new Set([...configured, ...CLOUDFLARED_TLS_NAMES])].sort();
}

/**
 * A fixed capacity for the domain rule group: capacity is set at creation and can never change, so
 * a capacity computed from the list would replace the group (and collide on its name) as the list
 * grows. Network Firewall counts a domain-list group's capacity per domain and target type; 2000
 * leaves room for ~1000 names with TLS SNI and HTTP Host.
 */
export const DOMAIN_RULE_GROUP_CAPACITY = 2000;
/** The tunnel group: two rules today; room for the edge ranges to grow. */
export const TUNNEL_RULE_GROUP_CAPACITY = 20;

/** Does a Network Firewall domain-list entry match `host` (a leading dot: the domain and every subdomain)? */
export function domainMatches(entry: string, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (entry.startsWith(".")) return h === entry.slice(1) || h.endsWith(entry);
  return h === entry;
}
