/**
 * The data tier's network ACL as plain rules. NACLs are stateless, so every flow needs a rule each
 * way; the rules let in only what the data tier must accept:
 * - the app tier's subnets on the configured ports (the databases' listeners);
 * - return traffic on ephemeral ports, only from the app tier (the interface endpoints live there)
 *   and from the S3 and DynamoDB ranges (the gateway endpoints' services);
 * and let out only the replies to the app tier and HTTPS to the endpoints. Nothing from anywhere
 * else, and never 0.0.0.0/0.
 */

export interface NaclRule {
  readonly ruleNo: number;
  readonly action: "allow" | "deny";
  readonly protocol: "tcp" | "udp" | "-1";
  readonly cidrBlock: string;
  readonly fromPort: number;
  readonly toPort: number;
}

/**
 * Client ports the data tier's own connections use: Linux picks 32768–60999, Windows 49152–65535.
 * Narrower than 1024–65535 so that the return-traffic rule does not open most ports to the app tier.
 */
export const EPHEMERAL_FROM = 32768;
export const EPHEMERAL_TO = 65535;

/** AWS's default quota of rules per direction in one network ACL. */
export const NACL_RULE_QUOTA = 20;

export interface DataTierNaclInput {
  /** The app tier's subnet CIDRs. */
  readonly appCidrs: readonly string[];
  /** The TCP ports the data tier listens on. */
  readonly ports: readonly number[];
  /** The CIDRs of the services behind the gateway endpoints (S3, DynamoDB), from the endpoints. */
  readonly serviceCidrs: readonly string[];
}

export interface NaclRules {
  readonly ingress: NaclRule[];
  readonly egress: NaclRule[];
}

export function dataTierNaclRules(input: DataTierNaclInput): NaclRules {
  const ingress: NaclRule[] = [];
  const egress: NaclRule[] = [];
  let n = 100;
  for (const port of [...input.ports].sort((a, b) => a - b)) {
    for (const cidr of input.appCidrs) ingress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: port, toPort: port });
  }
  n = 200;
  for (const cidr of input.appCidrs) ingress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: EPHEMERAL_FROM, toPort: EPHEMERAL_TO });
  n = 300;
  for (const cidr of unique(input.serviceCidrs)) ingress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: EPHEMERAL_FROM, toPort: EPHEMERAL_TO });

  n = 100;
  // Replies to app-tier clients: their source ports are whatever the client's OS or AWS service
  // picked (Lambda and NLB use 1024–65535), so the whole unprivileged range, to the app tier only.
  for (const cidr of input.appCidrs) egress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 1024, toPort: 65535 });
  n = 200;
  for (const cidr of input.appCidrs) egress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 443, toPort: 443 });
  n = 300;
  for (const cidr of unique(input.serviceCidrs)) egress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 443, toPort: 443 });
  return { ingress, egress };
}

/** How many ingress rules the fixed part takes (without the service CIDRs, which AWS decides). */
export function fixedIngressRuleCount(azCount: number, portCount: number): number {
  return azCount * portCount + azCount;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}
