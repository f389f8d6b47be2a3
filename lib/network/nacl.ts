/**
 * The data tier's network ACL as plain rules. Containment is the routes' job: the data tier's route
 * table has no default route, only the VPC and the S3/DynamoDB gateway endpoints' prefix lists, so
 * nothing outside can reach it and it can reach nothing else, whatever the ACL says. The ACL stays
 * simple and short, and holds no snapshot of AWS's address ranges (those change, and they took most
 * of the 20-rule quota). It lets in:
 * - the app tier's subnets on the configured ports (the databases' listeners);
 * - the data tier's own subnets, every AZ, all TCP (replication, clustering across AZs);
 * - replies on ephemeral ports to the data tier's own connections (to the endpoints), from anywhere
 *   the routes allow;
 * and lets out replies to the app tier, all TCP to the data tier's subnets, and HTTPS (to the
 * interface endpoints and, through the gateway endpoints, S3 and DynamoDB).
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
 * Narrower than 1024–65535 so that the return-traffic rule does not open most ports.
 */
export const EPHEMERAL_FROM = 32768;
export const EPHEMERAL_TO = 65535;

/** AWS's default quota of rules per direction in one network ACL. */
export const NACL_RULE_QUOTA = 20;

/** Where the routes let the data tier's traffic go (the ACL does not narrow it further). */
export const ANYWHERE_ROUTED = "0.0.0.0/0";

export interface DataTierNaclInput {
  /** The app tier's subnet CIDRs. */
  readonly appCidrs: readonly string[];
  /** The data tier's own subnet CIDRs (one per AZ). */
  readonly dataCidrs: readonly string[];
  /** The TCP ports the data tier listens on. */
  readonly ports: readonly number[];
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
  for (const cidr of input.dataCidrs) ingress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 0, toPort: 65535 });
  ingress.push({ ruleNo: 300, action: "allow", protocol: "tcp", cidrBlock: ANYWHERE_ROUTED, fromPort: EPHEMERAL_FROM, toPort: EPHEMERAL_TO });

  n = 100;
  // Replies to app-tier clients: their source ports are whatever the client's OS or AWS service
  // picked (Lambda and NLB use 1024–65535), so the whole unprivileged range, to the app tier only.
  for (const cidr of input.appCidrs) egress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 1024, toPort: 65535 });
  n = 200;
  for (const cidr of input.dataCidrs) egress.push({ ruleNo: n++, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 0, toPort: 65535 });
  egress.push({ ruleNo: 300, action: "allow", protocol: "tcp", cidrBlock: ANYWHERE_ROUTED, fromPort: 443, toPort: 443 });
  return { ingress, egress };
}

/** How many ingress rules the ACL takes. */
export function ingressRuleCount(azCount: number, portCount: number): number {
  return azCount * portCount + azCount + 1;
}
