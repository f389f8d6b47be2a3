/**
 * The Transit Gateway's segmentation as data: which route table each kind of attachment is
 * associated with, which route tables learn its CIDR, and the static routes of each table. The
 * network stack builds its route tables from this, the workload stacks their associations and
 * propagations, and the reachability check models stacks it has no plan for with it.
 *
 * The rule it encodes: prod and nonprod never reach each other. Propagation alone is not enough:
 * both send 0.0.0.0/0 to the egress VPC, whose route tables send private ranges back to the
 * Transit Gateway, so without blackholes a packet could hairpin prod -> egress -> nonprod.
 */

export const SEGMENTS = ["prod", "nonprod", "shared"] as const;
export type Segment = (typeof SEGMENTS)[number];

export const HUB_ROUTE_TABLES = ["prod", "nonprod", "shared", "egress"] as const;
export type HubRouteTable = (typeof HUB_ROUTE_TABLES)[number];

export interface AttachmentRouting {
  /** The route table the attachment is associated with (it decides where the attachment's traffic can go). */
  readonly associate: HubRouteTable;
  /** The route tables that learn the attachment's CIDR (who can send traffic to it). */
  readonly propagateTo: readonly HubRouteTable[];
}

const SPOKE_ROUTING: Record<Segment, AttachmentRouting> = {
  prod: { associate: "prod", propagateTo: ["prod", "shared", "egress"] },
  nonprod: { associate: "nonprod", propagateTo: ["nonprod", "shared", "egress"] },
  shared: { associate: "shared", propagateTo: ["prod", "nonprod", "shared", "egress"] },
};

/** Where a spoke VPC of `segment` is associated and propagated. */
export function spokeRouting(segment: Segment): AttachmentRouting {
  return SPOKE_ROUTING[segment];
}

/** The egress VPC: it sees every spoke (return traffic), and every spoke sees it (resolver, NAT). */
export const EGRESS_ROUTING: AttachmentRouting = { associate: "egress", propagateTo: ["prod", "nonprod", "shared"] };

/** A spoke VPC as the hub needs to know it. */
export interface SpokeCidr {
  readonly stack: string;
  readonly segment: Segment;
  readonly cidr: string;
}

export interface HubStaticRoute {
  /** The destination CIDR. */
  readonly destination: string;
  /** `egress`: to the egress VPC's attachment; `blackhole`: dropped. */
  readonly target: "egress" | "blackhole";
  /** Why the route exists, for names and reports. */
  readonly reason: string;
  /** A stable key for the route's resource name. */
  readonly key: string;
}

/** The segments a segment must never reach. */
export function isolatedFrom(segment: Segment): Segment[] {
  if (segment === "prod") return ["nonprod"];
  if (segment === "nonprod") return ["prod"];
  return [];
}

/**
 * The static routes of each hub route table: a default route to the egress VPC for the spoke
 * tables, and a blackhole for every CIDR of the segment each table must not reach.
 */
export function hubStaticRoutes(spokes: readonly SpokeCidr[]): Record<HubRouteTable, HubStaticRoute[]> {
  const out: Record<HubRouteTable, HubStaticRoute[]> = { prod: [], nonprod: [], shared: [], egress: [] };
  for (const segment of SEGMENTS) {
    out[segment].push({ destination: "0.0.0.0/0", target: "egress", reason: "internet egress through the egress VPC", key: "default" });
    for (const other of isolatedFrom(segment)) {
      for (const s of spokes.filter((x) => x.segment === other).sort((a, b) => a.stack.localeCompare(b.stack))) {
        out[segment].push({ destination: s.cidr, target: "blackhole", reason: `${segment} must never reach ${other} (${s.stack})`, key: `blackhole-${s.stack}` });
      }
    }
  }
  return out;
}

/** The name of the role in the network account that a segment's workload stacks assume to join the hub. */
export function attachRoleName(segment: Segment): string {
  return `LandingZoneTgwAttach-${segment}`;
}
