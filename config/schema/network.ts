import { z } from "zod";
import { containsIp, mustParseCidr } from "../../lib/cidr";
import { carveSubnets } from "../../lib/network/carve";
import { egressTierRequests } from "../../lib/network/layout";
import { zoneListIssues } from "../../lib/network/zones";
import { AU_REGIONS, azList, cidr, formerAzNames, privateAsn, uniqueBy } from "./common";
import { datadogSchema, observabilityRequiredSecrets } from "./observability";
import { defineRole } from "./role";

/** An OU by its path from the root, as the management stack names them: `Workloads/Prod`. */
const ouPath = z.string().regex(/^[A-Za-z0-9][\w -]*(\/[A-Za-z0-9][\w -]*)*$/, { message: 'must be an OU path from the root, e.g. "Workloads/Prod"' });

/** A DNS name in lower case, optionally with a leading dot (Network Firewall: "and every subdomain"). */
export const domainPattern = z
  .string()
  .regex(/^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'must be a lower-case domain such as "www.example.com", or ".example.com" for the domain and every subdomain' });

const ipv4 = z.string().regex(/^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/, { message: "must be an IPv4 address such as 10.100.0.2" });

const subnetPrefix = z.number({ message: "must be a prefix length from 16 to 28" }).int().min(16, { message: "must be 16 to 28 (AWS subnets are /16 to /28)" }).max(28, { message: "must be 16 to 28 (AWS subnets are /16 to /28)" });

/** `landing-zone:transitGateway`: the hub. */
export const transitGatewaySchema = z.strictObject({
  /** The Amazon-side ASN; a private ASN. */
  asn: privateAsn,
  /**
   * Who the Transit Gateway (and the resolver rules) are shared with through RAM: `organization`
   * (default), or a list of OU paths (`Workloads/Prod`) read from the management stack's `ouArns`.
   */
  shareWith: z.union([z.literal("organization"), z.array(ouPath).min(1, { message: 'lists no OU; use "organization" or at least one OU path' })], { message: 'must be "organization" or a list of OU paths such as ["Workloads/Prod"]' }).default("organization"),
});

/** `landing-zone:egress.firewall`: AWS Network Firewall in the egress path. */
export const firewallSchema = z.strictObject({
  /** Put a Network Firewall between the Transit Gateway and the NAT gateways. Default false. */
  enabled: z.boolean().default(false),
  /**
   * The only domains web traffic (TLS SNI, HTTP Host) may go to; everything else is dropped. A
   * leading dot allows every subdomain. Default none.
   */
  allowedDomains: z.array(domainPattern).default([]).superRefine(uniqueBy((d: string) => d, "domain")),
});

/** `landing-zone:egress`: the central egress VPC. */
export const egressSchema = z.strictObject({
  /** The egress VPC's CIDR; must not overlap any other stack's. */
  cidr,
  /**
   * The availability zones by AZ ID (apse2-az1), 2 or 3, all in the stack's region: one NAT gateway,
   * Transit Gateway interface and firewall endpoint in each. Every workload stack's vpc.azs must be
   * among them. AZ names are still read, for stacks first deployed with them (docs/NETWORK.md).
   */
  azs: azList,
  /** Only when moving a stack deployed with AZ names to IDs: the name each ID had in this account. Default none. */
  formerAzNames,
  /** The prefix length of the public (NAT) subnets. Default: half of each AZ's share of the VPC. */
  publicPrefixLength: subnetPrefix.optional(),
  firewall: firewallSchema.prefault({}),
});

const forwardingRuleSchema = z.strictObject({
  /** A short name for the rule, used in resource names and in the workload stacks. */
  name: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, { message: "must be lower-case letters, digits and hyphens, starting with a letter" }),
  /** The domain whose queries are forwarded: `corp.example.com`. */
  domain: z.string().regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'must be a lower-case domain such as "corp.example.com"' }),
  /** The DNS servers the queries go to (port 53), 1 to 6. */
  targetIps: z.array(ipv4).min(1, { message: "needs at least one DNS server" }).max(6, { message: "takes at most 6 DNS servers" }),
});

/** `landing-zone:resolver`: Route 53 Resolver endpoints in the egress VPC. */
export const resolverSchema = z.strictObject({
  /** Create the resolver endpoints. Default false. */
  enabled: z.boolean().default(false),
  /** An inbound endpoint, so that networks outside AWS can resolve private zones. Default true. */
  inbound: z.boolean().default(true),
  /** Conditional forwarding rules through the outbound endpoint, shared with the spokes through RAM. Default none. */
  forwardingRules: z.array(forwardingRuleSchema).default([]).superRefine(uniqueBy((r: { name: string }) => r.name, "rule name")).superRefine(uniqueBy((r: { domain: string }) => r.domain, "domain")),
});

/**
 * AWS names on the allow-list must keep traffic in Australia: `.amazonaws.com` (or `.aws`-wide
 * patterns) would let every tier reach any region's S3 buckets or API Gateways, and a regional name
 * of another region the same. Global names (`sts.amazonaws.com`) are allowed one by one, by name.
 */
export function awsDomainIssue(entry: string): string | undefined {
  const name = entry.replace(/^\./, "");
  if (name === "amazonaws.com" || name === "aws.amazon.com" || name === "api.aws") {
    return `"${entry}" lets every tier reach every region's AWS endpoints (any region's S3 or API Gateway); list the Australian regional names (${AU_REGIONS.map((r) => `.${r}.amazonaws.com`).join(", ")}) and any global name you need by its full name (e.g. sts.amazonaws.com)`;
  }
  const m = /(?:^|\.)([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com$/.exec(name);
  if (m && !(AU_REGIONS as readonly string[]).includes(m[1])) {
    return `"${entry}" names ${m[1]}, outside Australia; only ${AU_REGIONS.join(", ")} endpoints may be on the allow-list`;
  }
  if (entry.startsWith(".") && !m && name.endsWith(".amazonaws.com")) {
    return `"${entry}" covers a service in every region; name the host (e.g. ${name.replace(/^\./, "")}) or use its Australian regional name`;
  }
  return undefined;
}

/**
 * `landing-zone:hybrid`: the path to the corporate network, for DNS forwarding (and the inbound
 * endpoint's clients). A site-to-site VPN on the Transit Gateway with static routes: the
 * on-premises ranges are routed from the egress table (where the resolver's subnets go) to the VPN,
 * and the VPN's own route table reaches only the egress VPC.
 */
export const hybridSchema = z.strictObject({
  vpn: z.strictObject({
    /** The customer gateway's public IPv4 address. */
    customerGatewayIp: ipv4,
    /** The customer gateway's BGP ASN (AWS requires one even with static routes). Default 65000. */
    bgpAsn: z.number().int().min(1).max(4294967294).default(65000),
  }),
  /** The corporate networks behind the VPN; must not overlap any VPC. */
  onPremisesCidrs: z.array(cidr).min(1, { message: "lists no network; give the corporate ranges behind the VPN" }),
});

export type HybridConfig = z.infer<typeof hybridSchema>;

/**
 * `landing-zone:datadog` of the network role: the shared egress (NAT, firewall) and the hub (TGW)
 * are watched from the network account, by the platform team. The workload role's keys, plus the
 * firewall-drop threshold; synthetics and load-balancer thresholds do not apply.
 */
export const networkDatadogSchema = datadogSchema.extend({
  monitors: z
    .strictObject({
      /** Transit Gateway packets dropped for lack of a route in 10 minutes that page. Default 0 (any). */
      tgwPacketDrops: z.number().int().min(0).default(0),
      /** Packets the egress firewall drops in 10 minutes above which to warn. Default 10000. */
      firewallDrops: z.number().int().min(1).default(10000),
    })
    .prefault({}),
});
export type NetworkDatadogConfig = z.infer<typeof networkDatadogSchema>;

export type TransitGatewayConfig = z.infer<typeof transitGatewaySchema>;
export type EgressConfig = z.infer<typeof egressSchema>;
export type ResolverConfig = z.infer<typeof resolverSchema>;

export const networkRole = defineRole({
  role: "network",
  shape: {
    transitGateway: transitGatewaySchema,
    egress: egressSchema,
    resolver: resolverSchema.prefault({}),
    hybrid: hybridSchema.optional(),
    datadog: networkDatadogSchema,
  },
  requiredSecrets: [...observabilityRequiredSecrets],
  refs: { management: "management", logArchive: "log-archive" },
  cidrs: (cfg) => [{ path: "egress.cidr", cidr: cfg.egress.cidr }, ...((cfg.hybrid as HybridConfig | undefined)?.onPremisesCidrs ?? []).map((c, i) => ({ path: `hybrid.onPremisesCidrs[${i}]`, cidr: c }))],
  check: (cfg) => {
    const issues: { path: string; message: string }[] = [];
    const egress = cfg.egress as EgressConfig;
    const resolver = cfg.resolver as ResolverConfig;
    issues.push(...zoneListIssues(cfg.account.region, "egress.azs", egress.azs, egress.formerAzNames));
    if (egress.firewall.enabled && egress.firewall.allowedDomains.length === 0) {
      issues.push({ path: "egress.firewall.allowedDomains", message: "is empty, so the firewall would drop all web egress; list the domains workloads may reach (e.g. .ap-southeast-2.amazonaws.com), or set egress.firewall.enabled: false" });
    }
    egress.firewall.allowedDomains.forEach((d, i) => {
      const why = awsDomainIssue(d);
      if (why) issues.push({ path: `egress.firewall.allowedDomains[${i}]`, message: why });
    });
    const hybrid = cfg.hybrid as HybridConfig | undefined;
    const reachable = [egress.cidr, ...(hybrid?.onPremisesCidrs ?? [])].map(mustParseCidr);
    resolver.forwardingRules.forEach((r, i) => {
      r.targetIps.forEach((ip, j) => {
        if (reachable.some((c) => containsIp(c, ip))) return;
        issues.push({
          path: `resolver.forwardingRules[${i}].targetIps[${j}]`,
          message: hybrid
            ? `${ip} is in none of hybrid.onPremisesCidrs (${hybrid.onPremisesCidrs.join(", ")}) nor the egress VPC, so the outbound endpoint has no route to it; add its network to hybrid.onPremisesCidrs`
            : `${ip} is outside the egress VPC and there is no VPN, Direct Connect or Connect attachment to reach it; set landing-zone:hybrid (vpn and onPremisesCidrs), or forward only to servers in the landing zone`,
        });
      });
    });
    if (!resolver.enabled && resolver.forwardingRules.length > 0) {
      issues.push({ path: "resolver.forwardingRules", message: "needs the outbound resolver endpoint; set resolver.enabled: true, or remove the rules" });
    }
    if (issues.length === 0) {
      const carved = carveSubnets(egress.cidr, egress.azs, egressTierRequests({ cidr: egress.cidr, azs: egress.azs, firewall: egress.firewall.enabled, resolver: resolver.enabled, publicPrefixLength: egress.publicPrefixLength }));
      // Blame the public subnets' size when it is at fault or was set in config, else the CIDR.
      const blamePublic = carved.ok ? false : carved.error.tier === "public" || (carved.error.tier === undefined && egress.publicPrefixLength !== undefined);
      if (!carved.ok) issues.push({ path: blamePublic ? "egress.publicPrefixLength" : "egress.cidr", message: carved.error.message });
    }
    return issues;
  },
});
