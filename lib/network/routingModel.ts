/**
 * The routing a set of plans describes, as plain data for the reachability walk: VPCs, subnets and
 * their route tables, Transit Gateway attachments, associations, propagations and static routes.
 *
 * Observed first: everything comes from the plans' resources (network and workload plans together
 * give the whole picture). What a plan set lacks is modelled, and marked so:
 * - the hub, when no plan has its route tables (`lz plan dev` alone): from the network stack's
 *   outputs (read through the plan's StackReference) and the segmentation plan the network stack
 *   builds its route tables from (lib/network/segmentation.ts), with the egress VPC as a black box
 *   that sends private ranges back to the hub and everything else to the internet;
 * - spokes the network stack lists in its `spokes` output but no plan has: attached and associated
 *   as their segment says (SpokeRouting does exactly that).
 */
import { Cidr, mustParseCidr } from "../cidr";
import type { PlanResource, PlanResult } from "../plan";
import { EGRESS_ROUTING, hubStaticRoutes, HubRouteTable, HUB_ROUTE_TABLES, Segment, SEGMENTS, spokeRouting } from "./segmentation";

export type RouteTarget =
  | { readonly kind: "igw"; readonly id: string }
  | { readonly kind: "nat"; readonly id: string; readonly subnetId?: string }
  | { readonly kind: "firewall"; readonly id: string; readonly subnetId?: string }
  | { readonly kind: "tgw"; readonly id: string }
  /** The egress VPC's black box (modelled from outputs): the internet, through its NAT gateways. */
  | { readonly kind: "internet"; readonly via: string }
  | { readonly kind: "other"; readonly what: string };

export interface ModelRoute {
  readonly destination: string;
  readonly cidr: Cidr;
  readonly target: RouteTarget;
}

export interface ModelRouteTable {
  readonly id: string;
  readonly label: string;
  readonly routes: ModelRoute[];
}

export interface ModelSubnet {
  readonly id: string;
  readonly vpcKey: string;
  readonly cidr: string;
  /**
   * The subnet's zone, by AZ ID wherever the plan says it (its placement input, else the ID AWS
   * reports in its state), so that zones match across accounts; an AZ name only when nothing
   * gives the ID (a name matches the same physical zone only within one account).
   */
  readonly az: string;
  readonly tier: string;
  readonly routeTableId?: string;
}

/** Where a VPC's model comes from. */
export type ModelSource = "plan" | "outputs" | "assumed";

export interface ModelVpc {
  /** The VPC's CIDR (unique across stacks: config checks it). */
  readonly key: string;
  readonly label: string;
  readonly stack: string;
  readonly cidr: string;
  readonly source: ModelSource;
  readonly subnets: ModelSubnet[];
}

export interface ModelAttachment {
  readonly id: string;
  readonly vpcKey: string;
  /** The subnets its interfaces are in: where traffic from the hub enters the VPC. */
  readonly subnetIds: string[];
  /**
   * Appliance mode: the Transit Gateway keeps both directions of a flow on one interface, which it
   * picks by flow hash, so a flow may enter through any of the subnets. Without it, through the
   * interface in the AZ the traffic came from (AZ affinity), when there is one.
   */
  readonly applianceMode?: boolean;
}

export interface ModelTgwRouteTable {
  readonly id: string;
  readonly name: string;
  readonly source: ModelSource;
  readonly staticRoutes: { readonly destination: string; readonly cidr: Cidr; readonly attachmentId?: string; readonly blackhole: boolean }[];
  /** Attachments whose VPC CIDR this table learns. */
  readonly propagations: string[];
}

export interface RoutingModel {
  readonly vpcs: ModelVpc[];
  readonly subnets: Map<string, ModelSubnet>;
  readonly routeTables: Map<string, ModelRouteTable>;
  readonly attachments: Map<string, ModelAttachment>;
  /** Attachment id -> the hub route table it is associated with. */
  readonly associations: Map<string, string>;
  readonly tgwRouteTables: Map<string, ModelTgwRouteTable>;
}

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  rtAssoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  igw: "aws:ec2/internetGateway:InternetGateway",
  nat: "aws:ec2/natGateway:NatGateway",
  firewall: "aws:networkfirewall/firewall:Firewall",
  attachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
  tgwRoute: "aws:ec2transitgateway/route:Route",
  tgwAssoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
  tgwProp: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
  stackRef: "pulumi:pulumi:StackReference",
} as const;

/** What the network stack exports that the model needs (see stacks/network.ts). */
interface HubOutputs {
  readonly stack: string;
  readonly routeTableIds: Record<HubRouteTable, string>;
  readonly egressAttachmentId: string;
  readonly egressVpcCidr: string;
  readonly egressInternetPath: string;
  readonly spokes: { stack: string; segment: Segment; cidr: string }[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const tag = (r: PlanResource, key: string): string | undefined => str((r.inputs.tags as Record<string, unknown> | undefined)?.[key]);

/** A subnet's zone: its `availabilityZoneId` input, else the one in its state, else its `availabilityZone` name. */
export function zoneOf(r: PlanResource): string {
  return str(r.inputs.availabilityZoneId) ?? str(r.outputs?.availabilityZoneId) ?? str(r.inputs.availabilityZone) ?? "?";
}

export function buildRoutingModel(plans: readonly PlanResult[]): RoutingModel {
  const tagged = plans.flatMap((p) => p.resources.map((r) => ({ r, stack: p.stack })));
  const of = (type: string) => tagged.filter((x) => x.r.type === type);
  const model: RoutingModel = { vpcs: [], subnets: new Map(), routeTables: new Map(), attachments: new Map(), associations: new Map(), tgwRouteTables: new Map() };

  const vpcById = new Map<string, ModelVpc>();
  for (const { r, stack } of of(T.vpc)) {
    const cidr = str(r.inputs.cidrBlock);
    if (!cidr || !r.id) continue;
    const vpc: ModelVpc = { key: cidr, label: tag(r, "Name") ?? r.name, stack, cidr, source: "plan", subnets: [] };
    vpcById.set(r.id, vpc);
    model.vpcs.push(vpc);
  }
  const rtOfSubnet = new Map<string, string>();
  for (const { r } of of(T.rtAssoc)) {
    const subnetId = str(r.inputs.subnetId);
    const rtId = str(r.inputs.routeTableId);
    if (subnetId && rtId) rtOfSubnet.set(subnetId, rtId);
  }
  for (const { r } of of(T.subnet)) {
    const vpc = vpcById.get(str(r.inputs.vpcId) ?? "");
    const cidr = str(r.inputs.cidrBlock);
    if (!vpc || !cidr || !r.id) continue;
    const subnet: ModelSubnet = { id: r.id, vpcKey: vpc.key, cidr, az: zoneOf(r), tier: tag(r, "tier") ?? r.name, routeTableId: rtOfSubnet.get(r.id) };
    vpc.subnets.push(subnet);
    model.subnets.set(subnet.id, subnet);
  }
  for (const vpc of model.vpcs) vpc.subnets.sort((a, b) => a.tier.localeCompare(b.tier) || a.az.localeCompare(b.az));

  const igws = new Set(of(T.igw).map(({ r }) => r.id ?? ""));
  const natSubnet = new Map(of(T.nat).map(({ r }) => [r.id ?? "", str(r.inputs.subnetId)]));
  const endpointSubnet = new Map<string, string>();
  for (const { r } of of(T.firewall)) {
    for (const status of (r.outputs.firewallStatuses as any[]) ?? []) {
      for (const sync of status?.syncStates ?? []) {
        for (const a of sync?.attachments ?? []) if (str(a?.endpointId) && str(a?.subnetId)) endpointSubnet.set(a.endpointId, a.subnetId);
      }
    }
  }
  for (const { r } of of(T.routeTable)) {
    if (r.id) model.routeTables.set(r.id, { id: r.id, label: tag(r, "Name") ?? r.name, routes: [] });
  }
  for (const { r } of of(T.route)) {
    const rt = model.routeTables.get(str(r.inputs.routeTableId) ?? "");
    const destination = str(r.inputs.destinationCidrBlock);
    if (!rt || !destination) continue; // IPv6 and prefix-list routes are not modelled
    rt.routes.push({ destination, cidr: mustParseCidr(destination), target: classify(r, igws, natSubnet, endpointSubnet) });
  }

  for (const { r } of of(T.attachment)) {
    const vpc = vpcById.get(str(r.inputs.vpcId) ?? "");
    if (!vpc || !r.id) continue;
    model.attachments.set(r.id, { id: r.id, vpcKey: vpc.key, subnetIds: ((r.inputs.subnetIds as unknown[]) ?? []).map(String), applianceMode: r.inputs.applianceModeSupport === "enable" });
  }
  for (const { r } of of(T.tgwRouteTable)) {
    if (r.id) model.tgwRouteTables.set(r.id, { id: r.id, name: tag(r, "routeTable") ?? tag(r, "Name") ?? r.name, source: "plan", staticRoutes: [], propagations: [] });
  }
  for (const { r } of of(T.tgwRoute)) {
    const rt = model.tgwRouteTables.get(str(r.inputs.transitGatewayRouteTableId) ?? "");
    const destination = str(r.inputs.destinationCidrBlock);
    if (!rt || !destination) continue;
    rt.staticRoutes.push({ destination, cidr: mustParseCidr(destination), attachmentId: str(r.inputs.transitGatewayAttachmentId), blackhole: r.inputs.blackhole === true });
  }
  const tgwLinks = (type: string) => of(type).map(({ r }) => ({ attachment: str(r.inputs.transitGatewayAttachmentId), table: str(r.inputs.transitGatewayRouteTableId) }));
  for (const { attachment, table } of tgwLinks(T.tgwAssoc)) if (attachment && table) model.associations.set(attachment, table);

  const hub = hubOutputs(plans);
  if (hub) completeFromOutputs(model, hub);
  // After the hub is complete: a workload plan's propagations name route tables known only from outputs.
  for (const { attachment, table } of tgwLinks(T.tgwProp)) if (attachment && table) model.tgwRouteTables.get(table)?.propagations.push(attachment);
  return model;
}

function classify(r: PlanResource, igws: Set<string>, natSubnet: Map<string, string | undefined>, endpointSubnet: Map<string, string>): RouteTarget {
  const gw = str(r.inputs.gatewayId);
  const nat = str(r.inputs.natGatewayId);
  const tgw = str(r.inputs.transitGatewayId);
  const endpoint = str(r.inputs.vpcEndpointId);
  if (gw && (igws.has(gw) || gw.startsWith("igw-"))) return { kind: "igw", id: gw };
  if (nat) return { kind: "nat", id: nat, subnetId: natSubnet.get(nat) };
  if (tgw) return { kind: "tgw", id: tgw };
  if (endpoint && endpointSubnet.has(endpoint)) return { kind: "firewall", id: endpoint, subnetId: endpointSubnet.get(endpoint) };
  return { kind: "other", what: gw ?? endpoint ?? str(r.inputs.networkInterfaceId) ?? str(r.inputs.vpcPeeringConnectionId) ?? "an unmodelled target" };
}

/** The network stack's outputs: from a network plan itself, or from a StackReference in a workload plan. */
function hubOutputs(plans: readonly PlanResult[]): HubOutputs | undefined {
  const candidates: { stack: string; outputs: Record<string, any> }[] = [];
  for (const p of plans) if (p.role === "network") candidates.push({ stack: p.stack, outputs: p.outputs });
  for (const p of plans) {
    for (const r of p.resources) {
      const o = r.type === T.stackRef ? (r.outputs.outputs as Record<string, any> | undefined) : undefined;
      if (o) candidates.push({ stack: String(r.outputs.name ?? r.name).split("/").pop()!, outputs: o });
    }
  }
  for (const { stack, outputs: o } of candidates) {
    const ids = o.transitGatewayRouteTableIds;
    if (!ids || typeof o.egressAttachmentId !== "string" || typeof o.egressVpcCidr !== "string" || !Array.isArray(o.spokes)) continue;
    if (!HUB_ROUTE_TABLES.every((rt) => typeof ids[rt] === "string")) continue;
    const spokes = o.spokes.filter((s: any) => typeof s?.stack === "string" && typeof s?.cidr === "string" && (SEGMENTS as readonly string[]).includes(s?.segment));
    return { stack, routeTableIds: ids, egressAttachmentId: o.egressAttachmentId, egressVpcCidr: o.egressVpcCidr, egressInternetPath: String(o.egressInternetPath ?? "nat"), spokes };
  }
  return undefined;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

function completeFromOutputs(model: RoutingModel, hub: HubOutputs): void {
  const byKey = new Map(model.vpcs.map((v) => [v.key, v]));
  const knownTables = new Set(model.tgwRouteTables.keys());
  const hubObserved = HUB_ROUTE_TABLES.every((rt) => knownTables.has(hub.routeTableIds[rt]));

  if (!hubObserved) {
    const plan = hubStaticRoutes(hub.spokes);
    for (const rt of HUB_ROUTE_TABLES) {
      model.tgwRouteTables.set(hub.routeTableIds[rt], {
        id: hub.routeTableIds[rt],
        name: rt,
        source: "outputs",
        staticRoutes: plan[rt].map((r) => ({ destination: r.destination, cidr: mustParseCidr(r.destination), attachmentId: r.target === "egress" ? hub.egressAttachmentId : undefined, blackhole: r.target === "blackhole" })),
        propagations: [],
      });
    }
    model.associations.set(hub.egressAttachmentId, hub.routeTableIds[EGRESS_ROUTING.associate]);
    for (const rt of EGRESS_ROUTING.propagateTo) model.tgwRouteTables.get(hub.routeTableIds[rt])!.propagations.push(hub.egressAttachmentId);
  }
  if (!byKey.has(hub.egressVpcCidr)) {
    // The egress VPC as a black box: private ranges back to the hub, the rest to the internet.
    const subnet: ModelSubnet = { id: `outputs:${hub.stack}:egress`, vpcKey: hub.egressVpcCidr, cidr: hub.egressVpcCidr, az: "-", tier: "egress", routeTableId: `outputs:${hub.stack}:egress-rt` };
    const via = hub.egressInternetPath === "firewall" ? "egress VPC: Network Firewall, NAT" : "egress VPC: NAT";
    model.routeTables.set(subnet.routeTableId!, {
      id: subnet.routeTableId!,
      label: "egress",
      routes: [
        { destination: "0.0.0.0/0", cidr: mustParseCidr("0.0.0.0/0"), target: { kind: "internet", via } },
        ...PRIVATE_RANGES.map((d) => ({ destination: d, cidr: mustParseCidr(d), target: { kind: "tgw", id: "hub" } as RouteTarget })),
      ],
    });
    const vpc: ModelVpc = { key: hub.egressVpcCidr, label: "egress", stack: hub.stack, cidr: hub.egressVpcCidr, source: "outputs", subnets: [subnet] };
    model.vpcs.push(vpc);
    model.subnets.set(subnet.id, subnet);
    model.attachments.set(hub.egressAttachmentId, { id: hub.egressAttachmentId, vpcKey: vpc.key, subnetIds: [subnet.id] });
  }
  for (const spoke of hub.spokes) {
    if (byKey.has(spoke.cidr)) continue;
    const id = `assumed:${spoke.stack}`;
    model.vpcs.push({ key: spoke.cidr, label: spoke.stack, stack: spoke.stack, cidr: spoke.cidr, source: "assumed", subnets: [] });
    model.attachments.set(id, { id, vpcKey: spoke.cidr, subnetIds: [] });
    const routing = spokeRouting(spoke.segment);
    model.associations.set(id, hub.routeTableIds[routing.associate]);
    for (const rt of routing.propagateTo) model.tgwRouteTables.get(hub.routeTableIds[rt])?.propagations.push(id);
  }
}
