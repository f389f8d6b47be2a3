/**
 * Reachability: which VPCs can send traffic to which through the Transit Gateway, and whether each
 * tier reaches the internet, from one plan or several (lib/network/routingModel.ts builds the model).
 *
 * A walk follows a packet hop by hop: the source subnet's route table (longest prefix wins; the
 * VPC's local route is implicit), NAT gateways and firewall endpoints (continuing in their subnets'
 * route tables), the Transit Gateway (the attachment's associated route table: static routes win
 * over propagated ones of the same length), the next VPC's attachment subnets. It answers "does the
 * packet arrive", one way; the matrix shows both directions. Security groups and NACLs are not
 * part of it: it is about routes, which is where segmentation must hold.
 */
import { Cidr, contains, intToIp, ipToInt, mustParseCidr } from "../cidr";
import type { PlanResult } from "../plan";
import { buildRoutingModel, ModelAttachment, ModelSubnet, ModelVpc, RoutingModel } from "./routingModel";

/** A public address the internet walks aim at (TEST-NET-3: routed by nothing but default routes). */
export const INTERNET_PROBE = "203.0.113.10";

export interface WalkResult {
  /** True when the packet arrives; "unknown" when the walk left what the plans describe. */
  readonly reached: boolean | "unknown";
  /** The hops, human-readable: route tables, gateways, hub route tables. */
  readonly hops: string[];
  /** Why it did not arrive. */
  readonly reason?: string;
  /** For internet walks: `direct` (the subnet's own internet gateway) or `nat` (through a NAT gateway). */
  readonly exit?: "direct" | "nat";
  /** Whether the walk went through the Transit Gateway. */
  readonly viaTgw: boolean;
  /** The hops as data, for the flow queries: each subnet the packet is in, and what it crosses. */
  readonly steps?: WalkStep[];
}

export type WalkStep =
  | { readonly kind: "subnet"; readonly subnet: ModelSubnet }
  | { readonly kind: "firewall"; readonly id: string }
  | { readonly kind: "nat"; readonly id: string }
  | { readonly kind: "tgw"; readonly table: string }
  | { readonly kind: "igw" }
  | { readonly kind: "internet"; readonly via: string };

export interface WalkOptions {
  /**
   * The AZ in which a flow enters an appliance-mode attachment's VPC (the Transit Gateway picks it
   * by flow hash: the flow queries try each). Other attachments are entered in the AZ the packet
   * comes from, when they have a subnet there (AZ affinity).
   */
  readonly applianceAz?: string;
}

/** A VPC as the matrix names it: its model without the subnets. */
export type VpcRef = Omit<ModelVpc, "subnets">;

export interface PairResult {
  readonly from: string;
  readonly to: string;
  readonly reached: boolean | "unknown";
  /** The source tiers whose traffic arrives (observed VPCs), or ["(hub)"] for modelled ones. */
  readonly tiers: string[];
  /** The walk shown for the pair: one that arrived, else the one that got furthest. */
  readonly walk: WalkResult;
}

export interface TierInternet {
  readonly vpc: string;
  readonly tier: string;
  readonly walk: WalkResult;
}

export interface ReachabilityReport {
  readonly vpcs: VpcRef[];
  readonly pairs: PairResult[];
  readonly internet: TierInternet[];
}

/** Reachability over one or several plans (network and workload plans; others add nothing). */
export function reachability(plans: readonly PlanResult[]): ReachabilityReport {
  return reachabilityOf(buildRoutingModel(plans));
}

export function reachabilityOf(model: RoutingModel): ReachabilityReport {
  const order = (v: ModelVpc) => (v.source === "plan" ? 0 : v.source === "outputs" ? 1 : 2);
  const vpcs = [...model.vpcs].sort((a, b) => a.label.localeCompare(b.label) || order(a) - order(b));
  const pairs: PairResult[] = [];
  for (const from of vpcs) {
    for (const to of vpcs) {
      if (from === to) continue;
      pairs.push(pair(model, from, to));
    }
  }
  const internet: TierInternet[] = [];
  for (const v of vpcs.filter((x) => x.source === "plan")) {
    for (const [tier, subnet] of firstSubnetPerTier(v)) internet.push({ vpc: v.label, tier, walk: walk(model, { subnet }, INTERNET_PROBE) });
  }
  return { vpcs: vpcs.map((v) => ({ key: v.key, label: v.label, stack: v.stack, cidr: v.cidr, source: v.source })), pairs, internet };
}

/** The pair's result, by labels. */
export function pairOf(report: ReachabilityReport, from: string, to: string): PairResult | undefined {
  return report.pairs.find((p) => p.from === from && p.to === to);
}

function pair(model: RoutingModel, from: ModelVpc, to: ModelVpc): PairResult {
  const dest = probeIn(to);
  if (from.source === "assumed" || from.subnets.length === 0) {
    const attachment = [...model.attachments.values()].find((a) => a.vpcKey === from.key);
    const w = attachment ? walk(model, { attachmentId: attachment.id }, dest) : fail([], "the VPC has no Transit Gateway attachment", false);
    return { from: from.label, to: to.label, reached: w.reached, tiers: w.reached === true ? ["(hub)"] : [], walk: w };
  }
  const walks = [...firstSubnetPerTier(from)].map(([tier, subnet]) => ({ tier, w: walk(model, { subnet }, dest) }));
  const ok = walks.filter((x) => x.w.reached === true);
  const unknown = walks.some((x) => x.w.reached === "unknown");
  const shown = ok[0]?.w ?? [...walks].sort((a, b) => b.w.hops.length - a.w.hops.length)[0]?.w ?? fail([], "the VPC has no subnets", false);
  return { from: from.label, to: to.label, reached: ok.length ? true : unknown ? "unknown" : false, tiers: ok.map((x) => x.tier), walk: shown };
}

function firstSubnetPerTier(v: ModelVpc): Map<string, ModelSubnet> {
  const out = new Map<string, ModelSubnet>();
  for (const s of v.subnets) if (!out.has(s.tier)) out.set(s.tier, s);
  return out;
}

/** An address inside `v`: in its app tier when it has one (where services listen), else its first subnet. */
function probeIn(v: ModelVpc): string {
  const subnet = v.subnets.find((s) => s.tier === "app") ?? v.subnets[0];
  return intToIp(mustParseCidr(subnet?.cidr ?? v.cidr).base + 5);
}

const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"].map(mustParseCidr);

export function isPrivateIp(ip: string): boolean {
  const c: Cidr = { base: ipToInt(ip), prefix: 32 };
  return PRIVATE.some((p) => contains(p, c));
}

export type Position = { readonly subnet: ModelSubnet } | { readonly attachmentId: string };

/** Follows a packet to `destIp` from a subnet, or from a Transit Gateway attachment. */
export function walk(model: RoutingModel, start: Position, destIp: string, opts: WalkOptions = {}): WalkResult {
  const dest: Cidr = { base: ipToInt(destIp), prefix: 32 };
  const publicDest = !isPrivateIp(destIp);
  const steps: WalkStep[] = [];
  let az: string | undefined = "subnet" in start ? start.subnet.az : undefined;
  const enter = (attachment: ModelAttachment): ModelSubnet | undefined => {
    const subnets = attachment.subnetIds.map((id) => model.subnets.get(id)).filter((x): x is ModelSubnet => !!x);
    const want = attachment.applianceMode && opts.applianceAz ? opts.applianceAz : az;
    return subnets.find((x) => x.az === want) ?? subnets[0];
  };
  const fail = (hops: string[], reason: string, viaTgw: boolean): WalkResult => ({ reached: false, hops, reason, viaTgw, steps });
  const hops: string[] = [];
  const seen = new Set<string>();
  let pos: Position = start;
  let natted = false;
  let viaTgw = false;
  for (let step = 0; step < 24; step++) {
    const key = "subnet" in pos ? `s:${pos.subnet.id}` : `a:${pos.attachmentId}`;
    if (seen.has(key)) return fail(hops, "routing loop", viaTgw);
    seen.add(key);

    if ("attachmentId" in pos) {
      viaTgw = true;
      const tableId = model.associations.get(pos.attachmentId);
      if (!tableId) return fail(hops, `attachment ${pos.attachmentId} is not associated with any hub route table`, viaTgw);
      const table = model.tgwRouteTables.get(tableId);
      if (!table) return { reached: "unknown", steps, hops, reason: `hub route table ${tableId} is in no plan given`, viaTgw };
      hops.push(`TGW ${table.name}`);
      steps.push({ kind: "tgw", table: table.name });
      type Candidate = { cidr: Cidr; text: string; attachmentId?: string; blackhole: boolean; isStatic: boolean };
      const candidates: Candidate[] = table.staticRoutes.map((r) => ({ cidr: r.cidr, text: r.destination, attachmentId: r.attachmentId, blackhole: r.blackhole, isStatic: true }));
      for (const id of table.propagations) {
        const vpc = model.vpcs.find((v) => v.key === model.attachments.get(id)?.vpcKey);
        if (vpc) candidates.push({ cidr: mustParseCidr(vpc.cidr), text: vpc.cidr, attachmentId: id, blackhole: false, isStatic: false });
      }
      const best = candidates.filter((c) => contains(c.cidr, dest)).sort((a, b) => b.cidr.prefix - a.cidr.prefix || Number(b.isStatic) - Number(a.isStatic))[0];
      if (!best) return fail(hops, `no route to ${destIp} in hub route table ${table.name}`, viaTgw);
      if (best.blackhole) return fail(hops, `blackhole route for ${best.text} in hub route table ${table.name}`, viaTgw);
      const next = model.attachments.get(best.attachmentId ?? "");
      if (!next) return { reached: "unknown", steps, hops, reason: `hub route table ${table.name} sends ${best.text} to attachment ${best.attachmentId}, which no plan describes`, viaTgw };
      const vpc = model.vpcs.find((v) => v.key === next.vpcKey)!;
      hops.push(`${vpc.label} attachment`);
      const entry = enter(next);
      if (contains(mustParseCidr(vpc.cidr), dest)) {
        if (entry) steps.push({ kind: "subnet", subnet: entry });
        return { reached: true, hops, viaTgw, steps };
      }
      if (!entry) return fail(hops, `${vpc.label} (${vpc.source === "assumed" ? "modelled, no plan" : "no attachment subnets"}) does not forward ${destIp}`, viaTgw);
      pos = { subnet: entry };
      continue;
    }

    const subnet = pos.subnet;
    steps.push({ kind: "subnet", subnet });
    if (subnet.az !== "-") az = subnet.az;
    const vpc = model.vpcs.find((v) => v.key === subnet.vpcKey)!;
    const table = subnet.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined;
    const label = table?.label ?? `${vpc.label} main route table`;
    hops.push(label);
    const vpcCidr = mustParseCidr(vpc.cidr);
    const routes = [...(table?.routes ?? [])].filter((r) => contains(r.cidr, dest)).sort((a, b) => b.cidr.prefix - a.cidr.prefix);
    // The local route covers the VPC's CIDR and wins over anything less specific.
    const best = routes[0];
    if (contains(vpcCidr, dest) && (!best || best.cidr.prefix <= vpcCidr.prefix)) return { reached: true, hops, viaTgw, steps };
    if (!best) return fail(hops, `no route to ${destIp} in ${label}`, viaTgw);
    const t = best.target;
    switch (t.kind) {
      case "igw":
        hops.push("internet gateway");
        steps.push({ kind: "igw" });
        if (!publicDest) return fail(hops, `${label} sends ${best.destination} to an internet gateway, which drops private addresses`, viaTgw);
        if (natted) return { reached: true, hops, exit: "nat", viaTgw, steps };
        if (subnet === ("subnet" in start ? start.subnet : undefined)) return { reached: true, hops, exit: "direct", viaTgw, steps };
        return fail(hops, "the packet reaches the internet gateway with a private source address (no NAT on the way)", viaTgw);
      case "internet":
        hops.push(t.via);
        steps.push({ kind: "internet", via: t.via });
        return publicDest ? { reached: true, hops, exit: "nat", viaTgw, steps } : fail(hops, `${t.via} does not forward private addresses`, viaTgw);
      case "nat": {
        hops.push(`NAT ${t.id}`);
        steps.push({ kind: "nat", id: t.id });
        const next = t.subnetId ? model.subnets.get(t.subnetId) : undefined;
        if (!next) return { reached: "unknown", steps, hops, reason: `NAT gateway ${t.id} is in no subnet the plans describe`, viaTgw };
        natted = true;
        pos = { subnet: next };
        continue;
      }
      case "firewall": {
        hops.push(`firewall ${t.id}`);
        steps.push({ kind: "firewall", id: t.id });
        const next = t.subnetId ? model.subnets.get(t.subnetId) : undefined;
        if (!next) return { reached: "unknown", steps, hops, reason: `firewall endpoint ${t.id} is in no subnet the plans describe`, viaTgw };
        pos = { subnet: next };
        continue;
      }
      case "tgw": {
        const attachment = [...model.attachments.values()].find((a) => a.vpcKey === vpc.key);
        if (!attachment) return fail(hops, `${label} sends ${best.destination} to the Transit Gateway, but ${vpc.label} has no attachment`, viaTgw);
        pos = { attachmentId: attachment.id };
        continue;
      }
      case "other":
        return { reached: "unknown", steps, hops, reason: `${label} sends ${best.destination} to ${t.what}, which the model does not follow`, viaTgw };
    }
  }
  return fail(hops, "too many hops", viaTgw);
}

function fail(hops: string[], reason: string, viaTgw: boolean): WalkResult {
  return { reached: false, hops, reason, viaTgw };
}
