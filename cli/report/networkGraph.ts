import { PlanResource } from "../../lib/plan";
import { Graph, GraphBuilder } from "./graph";
import { displayName, Located, PlanIndex, str, tag } from "./planIndex";

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  natGateway: "aws:ec2/natGateway:NatGateway",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  firewall: "aws:networkfirewall/firewall:Firewall",
  tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
  tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
  tgwAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  tgwAssociation: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
  tgwPropagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
  tgwRoute: "aws:ec2transitgateway/route:Route",
} as const;

const DEFAULT_ROUTES = new Set(["0.0.0.0/0", "::/0"]);
const TIER_ORDER = ["public", "dmz", "firewall", "app", "data", "transit", "tgw", "attachment", "resolver"];

/** The subnet's tier: its `tier` tag, else a tier word in its name, else "subnets". */
export function tierOf(subnet: PlanResource): string {
  const t = tag(subnet, "tier");
  if (t) return t.toLowerCase();
  const m = /(?:^|[-_])(public|dmz|app|data|transit|tgw|attach(?:ment)?|firewall|resolver|private)(?:$|[-_])/i.exec(displayName(subnet));
  return m ? m[1].toLowerCase() : "subnets";
}

interface Route {
  readonly destination: string;
  readonly target: Record<string, unknown>;
}

/**
 * The network as the plans declare it: per stack, each VPC with its tiers (subnets grouped by
 * their `tier` tag), NAT gateways, internet gateway and firewall; the Transit Gateway and its route
 * tables; and the edges that matter for traffic: each tier's default route, each attachment's
 * route-table association (solid) and propagations (dashed), and static TGW routes.
 */
export function networkGraph(index: PlanIndex): Graph {
  const g = new GraphBuilder("Network");
  const vpcs = index.ofType(T.vpc);
  const tgws = index.ofType(T.tgw);
  if (vpcs.length + tgws.length + index.ofType(T.tgwAttachment).length === 0) return g.build();

  const internet = () => g.node("internet", "Internet", "internet");
  const stackCluster = (stack: string) => g.cluster(g.idFor("stack", stack), `stack ${stack}`);

  // Transit Gateways and their route tables.
  const tgwNode = new Map<PlanResource, string>();
  for (const t of tgws) {
    const cluster = g.cluster(g.idFor("tgwc", t.r.urn, readable(t)), `Transit Gateway ${displayName(t.r)}`, stackCluster(t.stack));
    const asn = t.r.inputs.amazonSideAsn;
    tgwNode.set(t.r, g.node(g.idFor("tgw", t.r.urn, readable(t)), `Transit Gateway\n${displayName(t.r)}${asn !== undefined ? `\nASN ${asn}` : ""}`, "tgw", cluster));
  }
  const blackholes = new Map<PlanResource, number>();
  for (const route of index.ofType(T.tgwRoute)) {
    if (route.r.inputs.blackhole !== true) continue;
    const rt = index.resolve(str(route.r, "transitGatewayRouteTableId"));
    if (rt) blackholes.set(rt.r, (blackholes.get(rt.r) ?? 0) + 1);
  }
  const rtNode = new Map<PlanResource, string>();
  for (const rt of index.ofType(T.tgwRouteTable)) {
    const owner = index.resolve(str(rt.r, "transitGatewayId"));
    const cluster = owner && tgwNode.has(owner.r) ? g.cluster(g.idFor("tgwc", owner.r.urn, readable(owner)), "") : stackCluster(rt.stack);
    const bh = blackholes.get(rt.r);
    rtNode.set(rt.r, g.node(g.idFor("tgwrt", rt.r.urn, readable(rt)), `TGW route table\n${displayName(rt.r)}${bh ? `\n${bh} blackhole route${bh === 1 ? "" : "s"}` : ""}`, "tgwRouteTable", cluster));
  }
  /** Where an external node lives: the stack output it was read from, or just "not in these plans". */
  const elsewhere = (ref: string | undefined): string => {
    const out = index.output(ref);
    return out ? `(stack ${out.stack}: ${out.path})` : "(not in these plans)";
  };
  const tgwTarget = (ref: string | undefined): string => {
    const t = index.resolve(ref);
    if (t && tgwNode.has(t.r)) return tgwNode.get(t.r)!;
    return g.node(g.idFor("external", ref ?? "tgw"), `Transit Gateway\n${ref ?? "(unknown)"}\n${elsewhere(ref)}`, "external");
  };
  const rtTarget = (ref: string | undefined): string => {
    const t = index.resolve(ref);
    if (t && rtNode.has(t.r)) return rtNode.get(t.r)!;
    const out = index.output(ref);
    const name = out ? out.path.split(".").pop()! : (ref ?? "(unknown)");
    return g.node(g.idFor("external", ref ?? "tgw-rtb"), `TGW route table\n${name}\n${elsewhere(ref)}`, "external");
  };

  // VPCs, their tiers and gateways.
  const vpcNode = new Map<PlanResource, string>();
  const vpcCluster = new Map<PlanResource, string>();
  for (const v of sorted(vpcs)) {
    const cluster = g.cluster(g.idFor("vpcc", v.r.urn, readable(v)), `VPC ${displayName(v.r)}`, stackCluster(v.stack));
    vpcCluster.set(v.r, cluster);
    vpcNode.set(v.r, g.node(g.idFor("vpc", v.r.urn, readable(v)), `VPC ${displayName(v.r)}\n${str(v.r, "cidrBlock") ?? "(no IPv4 CIDR)"}`, "vpc", cluster));
  }
  const vpcOf = (ref: string | undefined): PlanResource | undefined => {
    const v = index.resolve(ref);
    return v && vpcNode.has(v.r) ? v.r : undefined;
  };

  const subnetsByVpcTier = new Map<PlanResource, Map<string, PlanResource[]>>();
  const subnetVpc = new Map<PlanResource, PlanResource>();
  for (const s of index.ofType(T.subnet)) {
    const vpc = vpcOf(str(s.r, "vpcId"));
    if (!vpc) continue;
    subnetVpc.set(s.r, vpc);
    const tiers = subnetsByVpcTier.get(vpc) ?? new Map<string, PlanResource[]>();
    subnetsByVpcTier.set(vpc, tiers);
    const tier = tierOf(s.r);
    tiers.set(tier, [...(tiers.get(tier) ?? []), s.r]);
  }
  const tierNode = new Map<PlanResource, string>();
  for (const [vpc, tiers] of subnetsByVpcTier) {
    for (const tier of [...tiers.keys()].sort(byTier)) {
      const subnets = tiers.get(tier)!;
      const cidrs = subnets.map((s) => str(s, "cidrBlock")).filter((c): c is string => !!c).sort(byAddress);
      const shown = cidrs.length > 3 ? [...cidrs.slice(0, 3), `+${cidrs.length - 3} more`] : cidrs;
      const id = g.node(g.idFor("tier", `${vpc.urn}/${tier}`, `${vpc.name}_${tier}`), [`${tier} tier (${subnets.length} subnet${subnets.length === 1 ? "" : "s"})`, ...shown].join("\n"), "tier", vpcCluster.get(vpc));
      for (const s of subnets) tierNode.set(s, id);
    }
  }

  const igwNode = new Map<string, string>();
  for (const igw of index.ofType(T.internetGateway)) {
    const vpc = vpcOf(str(igw.r, "vpcId"));
    const id = g.node(g.idFor("igw", igw.r.urn, readable(igw)), "Internet gateway", "igw", vpc ? vpcCluster.get(vpc) : stackCluster(igw.stack));
    for (const ref of [igw.r.id, str(igw.r, "id")]) if (ref) igwNode.set(ref, id);
    g.edge(id, internet());
  }
  const natsByVpc = new Map<PlanResource, Located[]>();
  for (const nat of index.ofType(T.natGateway)) {
    const subnet = index.resolve(str(nat.r, "subnetId"));
    const vpc = vpcOf(str(nat.r, "vpcId")) ?? (subnet ? subnetVpc.get(subnet.r) : undefined);
    if (vpc) natsByVpc.set(vpc, [...(natsByVpc.get(vpc) ?? []), nat]);
  }
  const natNode = new Map<string, string>();
  for (const [vpc, nats] of natsByVpc) {
    const id = g.node(g.idFor("nat", vpc.urn, vpc.name), `NAT gateway${nats.length === 1 ? "" : `s x${nats.length}`}`, "nat", vpcCluster.get(vpc));
    for (const n of nats) for (const ref of [n.r.id, str(n.r, "id")]) if (ref) natNode.set(ref, id);
    const vpcIgws = index.ofType(T.internetGateway).filter((i) => vpcOf(str(i.r, "vpcId")) === vpc);
    for (const i of vpcIgws) g.edge(id, g.idFor("igw", i.r.urn, readable(i)));
  }
  const firewallNode = new Map<PlanResource, string>();
  for (const fw of index.ofType(T.firewall)) {
    const vpc = vpcOf(str(fw.r, "vpcId"));
    const id = g.node(g.idFor("fw", fw.r.urn, readable(fw)), `Network Firewall\n${displayName(fw.r)}`, "firewall", vpc ? vpcCluster.get(vpc) : stackCluster(fw.stack));
    if (vpc) firewallNode.set(vpc, id);
    // Its endpoints sit in the subnets it is mapped to: inspected traffic leaves through their tier.
    const mappings = Array.isArray(fw.r.inputs.subnetMappings) ? (fw.r.inputs.subnetMappings as Record<string, unknown>[]) : [];
    for (const m of mappings) {
      const subnet = index.resolve(m?.subnetId);
      const tier = subnet ? tierNode.get(subnet.r) : undefined;
      if (tier) g.edge(id, tier, "endpoints");
    }
  }

  // Each tier's default route.
  const routes = routesByTable(index);
  const assocByRouteTable = new Map<string, PlanResource[]>();
  for (const a of index.ofType(T.routeTableAssociation)) {
    const subnet = index.resolve(str(a.r, "subnetId"));
    const rt = str(a.r, "routeTableId");
    if (subnet && rt) assocByRouteTable.set(rt, [...(assocByRouteTable.get(rt) ?? []), subnet.r]);
  }
  for (const [rtRef, subnets] of assocByRouteTable) {
    const table = index.resolve(rtRef);
    const list = [...(routes.get(rtRef) ?? []), ...(table ? (routes.get(table.r.urn) ?? []) : [])];
    for (const route of list.filter((x) => DEFAULT_ROUTES.has(x.destination))) {
      for (const s of subnets) {
        const from = tierNode.get(s);
        if (!from) continue;
        const vpc = subnetVpc.get(s)!;
        const to = targetNode(route.target, { tgwTarget, natNode, igwNode, firewall: firewallNode.get(vpc), g, cluster: vpcCluster.get(vpc)!, vpcUrn: vpc.urn });
        if (to) g.edge(from, to, route.destination);
      }
    }
  }

  // Attachments: association (where the VPC's traffic is looked up) and propagation (who learns its CIDR).
  const attachmentVpc = new Map<string, string>();
  for (const att of index.ofType(T.tgwAttachment)) {
    const vpc = vpcOf(str(att.r, "vpcId"));
    const from = vpc ? vpcNode.get(vpc)! : g.node(g.idFor("external", str(att.r, "vpcId") ?? att.r.urn), `VPC ${str(att.r, "vpcId") ?? att.r.name}\n(not in these plans)`, "external");
    for (const ref of [att.r.id, str(att.r, "id")]) if (ref) attachmentVpc.set(ref, from);
    const assoc = index.ofType(T.tgwAssociation).filter((a) => matchesAttachment(a.r, att.r));
    if (assoc.length === 0) g.edge(from, tgwTarget(str(att.r, "transitGatewayId")), "attached");
  }
  for (const a of index.ofType(T.tgwAssociation)) {
    const from = attachmentVpc.get(str(a.r, "transitGatewayAttachmentId") ?? "");
    if (from) g.edge(from, rtTarget(str(a.r, "transitGatewayRouteTableId")), "associated");
  }
  for (const p of index.ofType(T.tgwPropagation)) {
    const to = attachmentVpc.get(str(p.r, "transitGatewayAttachmentId") ?? "");
    if (to) g.edge(rtTarget(str(p.r, "transitGatewayRouteTableId")), to, "propagated", "dashed");
  }
  for (const route of index.ofType(T.tgwRoute)) {
    if (route.r.inputs.blackhole === true) continue;
    const to = attachmentVpc.get(str(route.r, "transitGatewayAttachmentId") ?? "");
    const dest = str(route.r, "destinationCidrBlock");
    if (to) g.edge(rtTarget(str(route.r, "transitGatewayRouteTableId")), to, dest ?? "static");
  }
  return g.build();
}

function matchesAttachment(assoc: PlanResource, att: PlanResource): boolean {
  const ref = str(assoc, "transitGatewayAttachmentId");
  return !!ref && (ref === att.id || ref === str(att, "id"));
}

/** Route table (by id and by URN) -> its routes, inline (`routes` input) and separate (Route resources). */
function routesByTable(index: PlanIndex): Map<string, Route[]> {
  const out = new Map<string, Route[]>();
  const add = (key: string | null | undefined, r: Route) => {
    if (key) out.set(key, [...(out.get(key) ?? []), r]);
  };
  for (const rt of index.ofType(T.routeTable)) {
    const inline = Array.isArray(rt.r.inputs.routes) ? (rt.r.inputs.routes as Record<string, unknown>[]) : [];
    for (const x of inline) {
      const destination = typeof x.cidrBlock === "string" ? x.cidrBlock : typeof x.ipv6CidrBlock === "string" ? x.ipv6CidrBlock : undefined;
      if (destination) add(rt.r.urn, { destination, target: x });
    }
  }
  for (const route of index.ofType(T.route)) {
    const destination = str(route.r, "destinationCidrBlock") ?? str(route.r, "destinationIpv6CidrBlock");
    if (destination) add(str(route.r, "routeTableId"), { destination, target: route.r.inputs });
  }
  return out;
}

interface TargetContext {
  readonly tgwTarget: (ref: string | undefined) => string;
  readonly natNode: Map<string, string>;
  readonly igwNode: Map<string, string>;
  readonly firewall: string | undefined;
  readonly g: GraphBuilder;
  readonly cluster: string;
  readonly vpcUrn: string;
}

function targetNode(target: Record<string, unknown>, c: TargetContext): string | undefined {
  const s = (k: string) => (typeof target[k] === "string" && target[k] !== "" ? (target[k] as string) : undefined);
  if (s("transitGatewayId")) return c.tgwTarget(s("transitGatewayId"));
  const nat = s("natGatewayId");
  if (nat) return c.natNode.get(nat) ?? c.g.node(c.g.idFor("nat", `${c.vpcUrn}/${nat}`), `NAT gateway\n${nat}`, "nat", c.cluster);
  const gw = s("gatewayId") ?? s("egressOnlyGatewayId");
  if (gw) return c.igwNode.get(gw) ?? c.g.node(c.g.idFor("igw", `${c.vpcUrn}/${gw}`), `gateway\n${gw}`, "igw", c.cluster);
  const vpce = s("vpcEndpointId");
  if (vpce) return c.firewall ?? c.g.node(c.g.idFor("fw", `${c.vpcUrn}/${vpce}`), `endpoint\n${vpce}`, "firewall", c.cluster);
  return undefined;
}

function readable(l: Located): string {
  return `${l.stack}_${l.r.name}`;
}

/** Orders CIDRs by address (10.0.8.0 before 10.0.12.0), not as text. */
function byAddress(a: string, b: string): number {
  const n = (c: string) => c.split(/[./]/).map(Number);
  const x = n(a);
  const y = n(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return a.localeCompare(b);
}

function sorted(list: Located[]): Located[] {
  return [...list].sort((a, b) => a.stack.localeCompare(b.stack) || displayName(a.r).localeCompare(displayName(b.r)));
}

function byTier(a: string, b: string): number {
  const ia = TIER_ORDER.indexOf(a);
  const ib = TIER_ORDER.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
}
