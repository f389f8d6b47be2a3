/**
 * Flow queries, as AWS's VPC Reachability Analyzer would answer them, offline: can a packet of a
 * given protocol and port go from a source (a tier, an ECS service) to a destination (a host name,
 * an address, a VPC endpoint, another VPC's tier), and can its replies come back?
 *
 * For each AZ of the source (and, through an appliance-mode attachment, each AZ the Transit Gateway
 * may pick), the forward path is walked over the routes (lib/network/reachability.ts) and checked
 * hop by hop: the source's security group egress, each network ACL the packet leaves or enters, the
 * Network Firewall behind each firewall endpoint (lib/network/firewallPolicy.ts), the destination's
 * ACL and security group ingress. Then the return path is walked from where the replies start (the
 * destination, or the NAT gateway for the internet) back to the source: its routes, the ACLs on the
 * way (ACLs are stateless: replies go to the client's ephemeral port), and the firewall again: a
 * stateful firewall must see both directions, so a reply that skips it, or crosses another
 * endpoint, is dropped. Security groups are stateful and admit replies. The answer names the hop
 * that decides.
 */
import { intToIp, mustParseCidr } from "../cidr";
import { TUNNEL_PORT } from "../zeroTrust/connector";
import { CLOUDFLARED_QUIC_NAME, CLOUDFLARED_TLS_NAMES } from "./egressRules";
import { evaluateFirewall, Protocol } from "./firewallPolicy";
import { FilterModel, inCidr, ModelNacl, NaclEntry, SgRule } from "./filterModel";
import { INTERNET_PROBE, walk, WalkResult, WalkStep } from "./reachability";
import { ModelSubnet, ModelVpc, RoutingModel } from "./routingModel";

/** The port replies go to: a client's ephemeral port (Linux and Windows ranges both hold it). */
export const REPLY_PORT = 49152;

/** Published addresses of the tunnel edge (Cloudflare's "Tunnel with firewall" list): what the names resolve to. */
const TUNNEL_EDGE_ADDRESS: Record<string, string> = {
  "region1.v2.argotunnel.com": "198.41.192.67",
  "region2.v2.argotunnel.com": "198.41.200.13",
  "cftunnel.com": "198.41.192.67",
  "h2.cftunnel.com": "198.41.192.67",
  [CLOUDFLARED_QUIC_NAME]: "198.41.200.13",
};

export interface FlowSource {
  readonly label: string;
  readonly vpc: ModelVpc;
  /** One subnet per AZ. */
  readonly subnets: ModelSubnet[];
  /** The source's security groups; empty: any instance of the tier (not checked). */
  readonly securityGroupIds: string[];
}

export interface FlowDestination {
  readonly label: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** A fixed address (the internet, a host); else one of `subnets`. */
  readonly ip?: string;
  readonly sni?: string;
  readonly host?: string;
  /** A destination inside a VPC (endpoint interfaces, a tier): one subnet per AZ. */
  readonly subnets?: ModelSubnet[];
  readonly securityGroupIds?: string[];
}

export type HopVerdict = "allow" | "deny" | "unknown";

export interface FlowHop {
  readonly hop: string;
  readonly verdict: HopVerdict;
  readonly why: string;
}

export interface FlowPath {
  /** The source's AZ. */
  readonly az: string;
  /** The AZ an appliance-mode attachment was entered in, when the path crossed one. */
  readonly applianceAz?: string;
  readonly verdict: HopVerdict;
  readonly forward: FlowHop[];
  readonly back: FlowHop[];
  /** The hop that decided a deny (or unknown). */
  readonly decidedBy?: FlowHop;
}

export interface FlowResult {
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly verdict: "allowed" | "blocked" | "unknown";
  /** The deciding hop: for a blocked flow the first deny, for an allowed one the last filter that passed it. */
  readonly decidedBy: string;
  readonly paths: FlowPath[];
}

export interface FlowContext {
  readonly routing: RoutingModel;
  readonly filters: FilterModel;
}

const ipIn = (s: ModelSubnet, offset = 10) => intToIp(mustParseCidr(s.cidr).base + offset);

function sgAllows(ctx: FlowContext, ids: readonly string[], dir: "ingress" | "egress", protocol: Protocol, port: number, peerIp: string, peerSgs: readonly string[]): FlowHop {
  const names = ids.map((id) => ctx.filters.securityGroups.get(id)?.label ?? id).join(", ");
  const hop = `security group ${names} ${dir}`;
  const unknown = ids.filter((id) => !ctx.filters.securityGroups.has(id));
  for (const id of ids) {
    const sg = ctx.filters.securityGroups.get(id);
    const rule = sg?.[dir].find((r) => ruleCovers(r, protocol, port) && (r.cidrs.some((c) => inCidr(c, peerIp)) || r.groups.some((g) => peerSgs.includes(g))));
    if (rule) return { hop, verdict: "allow", why: `${describeSgRule(rule)}${rule.description ? ` (${rule.description})` : ""}` };
  }
  if (unknown.length) return { hop, verdict: "unknown", why: `security group ${unknown.join(", ")} is in no plan given` };
  return { hop, verdict: "deny", why: `no ${dir} rule admits ${protocol}/${port} ${dir === "egress" ? "to" : "from"} ${peerIp}` };
}

function ruleCovers(r: SgRule, protocol: Protocol, port: number): boolean {
  if (r.protocol === "-1") return true;
  if (r.protocol !== protocol) return false;
  return protocol === "icmp" || (port >= r.fromPort && port <= r.toPort);
}

function describeSgRule(r: SgRule): string {
  const ports = r.protocol === "-1" ? "all traffic" : r.fromPort === r.toPort ? `${r.protocol} ${r.fromPort}` : `${r.protocol} ${r.fromPort}-${r.toPort}`;
  return `${ports} ${[...r.cidrs, ...r.groups].join(", ")}`;
}

function naclDecides(nacl: ModelNacl | undefined, dir: "ingress" | "egress", protocol: Protocol, port: number, peerIp: string, where: string): FlowHop {
  if (!nacl) return { hop: `network ACL of ${where} ${dir}`, verdict: "allow", why: "the VPC's default ACL (allows all)" };
  const hop = `network ACL ${nacl.label} ${dir}`;
  const rules = [...nacl[dir]].sort((a, b) => a.ruleNo - b.ruleNo);
  const match = rules.find((r: NaclEntry) => (r.protocol === "-1" || r.protocol === protocol) && (r.protocol === "-1" || protocol === "icmp" || (port >= r.fromPort && port <= r.toPort)) && inCidr(r.cidr, peerIp));
  if (!match) return { hop, verdict: "deny", why: `no rule admits ${protocol}/${port} ${dir === "egress" ? "to" : "from"} ${peerIp}: the final * rule denies it` };
  return { hop, verdict: match.action === "allow" ? "allow" : "deny", why: `rule ${match.ruleNo} ${match.action}s ${match.protocol === "-1" ? "all" : `${match.protocol} ${match.fromPort}-${match.toPort}`} ${dir === "egress" ? "to" : "from"} ${match.cidr}` };
}

/** The ACL checks of a walk: each subnet the packet leaves, each it enters (not the start's ingress, nor the end's egress). */
function naclHops(ctx: FlowContext, steps: readonly WalkStep[], protocol: Protocol, dstPort: number, srcIp: string, dstIp: string, endsInside: boolean): FlowHop[] {
  const subnets = steps.filter((s): s is Extract<WalkStep, { kind: "subnet" }> => s.kind === "subnet").map((s) => s.subnet);
  const hops: FlowHop[] = [];
  subnets.forEach((s, i) => {
    if (s.az === "-") return; // a VPC modelled from outputs: no ACLs known
    const nacl = ctx.filters.naclOfSubnet.get(s.id);
    if (i > 0) hops.push(naclDecides(nacl, "ingress", protocol, dstPort, srcIp, subnetName(s)));
    if (i < subnets.length - 1 || !endsInside) hops.push(naclDecides(nacl, "egress", protocol, dstPort, dstIp, subnetName(s)));
  });
  return hops;
}

function subnetName(s: ModelSubnet): string {
  return `${s.tier} subnet ${s.cidr} (${s.az})`;
}

function firewallHops(ctx: FlowContext, steps: readonly WalkStep[], flow: { src: string; dst: string; protocol: Protocol; port: number; sni?: string; host?: string }): FlowHop[] {
  return steps
    .filter((s): s is Extract<WalkStep, { kind: "firewall" }> => s.kind === "firewall")
    .map((s) => {
      const fw = ctx.filters.firewallOfEndpoint.get(s.id);
      const hop = `Network Firewall ${fw?.name ?? ""} (endpoint ${s.id})`.replace("  ", " ");
      if (!fw?.policy) return { hop, verdict: "unknown" as const, why: "the firewall's policy is in no plan given" };
      const v = evaluateFirewall(fw.policy, flow);
      return { hop, verdict: v.action === "pass" ? ("allow" as const) : v.action === "drop" ? ("deny" as const) : ("unknown" as const), why: v.decidedBy };
    });
}

function routeHop(w: WalkResult, direction: "forward" | "return"): FlowHop {
  const hop = `routes (${direction}): ${w.hops.join(" > ")}`;
  if (w.reached === true) return { hop, verdict: "allow", why: "arrives" };
  return { hop, verdict: w.reached === false ? "deny" : "unknown", why: w.reason ?? "no route" };
}

function firstDecisive(hops: readonly FlowHop[]): FlowHop | undefined {
  return hops.find((h) => h.verdict === "deny") ?? hops.find((h) => h.verdict === "unknown");
}

/** The AZs an appliance-mode attachment on the way may pick: those of every such attachment (the egress VPC's). */
function applianceAzs(ctx: FlowContext): (string | undefined)[] {
  const azs = new Set<string>();
  for (const a of ctx.routing.attachments.values()) {
    if (!a.applianceMode) continue;
    for (const id of a.subnetIds) {
      const s = ctx.routing.subnets.get(id);
      if (s && s.az !== "-") azs.add(s.az);
    }
  }
  return azs.size ? [...azs].sort() : [undefined];
}

export function evaluateFlow(ctx: FlowContext, src: FlowSource, dst: FlowDestination): FlowResult {
  const paths: FlowPath[] = [];
  for (const subnet of src.subnets) {
    const srcIp = ipIn(subnet);
    const dstSubnet = dst.subnets ? dst.subnets.find((s) => s.az === subnet.az) ?? dst.subnets[0] : undefined;
    const dstIp = dst.ip ?? (dstSubnet ? ipIn(dstSubnet, 20) : INTERNET_PROBE);
    const seen = new Set<string>();
    for (const applianceAz of applianceAzs(ctx)) {
      const fwd = walk(ctx.routing, { subnet }, dstIp, { applianceAz });
      const signature = (fwd.steps ?? []).map((s) => (s.kind === "subnet" ? s.subnet.id : s.kind)).join(">");
      if (seen.has(signature)) continue;
      seen.add(signature);
      const crossesAppliance = (fwd.steps ?? []).some((s) => s.kind === "subnet" && s.subnet.az === applianceAz && s.subnet.vpcKey !== subnet.vpcKey);
      paths.push(pathOf(ctx, src, dst, subnet, srcIp, dstIp, dstSubnet, fwd, crossesAppliance ? applianceAz : undefined));
    }
  }
  const blocked = paths.filter((p) => p.verdict === "deny");
  const unknown = paths.filter((p) => p.verdict === "unknown");
  const verdict = blocked.length ? "blocked" : unknown.length ? "unknown" : "allowed";
  const decisive = blocked[0] ?? unknown[0];
  const decidedBy = decisive?.decidedBy
    ? `${decisive.decidedBy.hop} (${decisive.az}${decisive.applianceAz ? ` via ${decisive.applianceAz}` : ""}): ${decisive.decidedBy.why}`
    : lastFilter(paths[0]);
  return { from: src.label, to: dst.label, protocol: dst.protocol, port: dst.port, verdict, decidedBy, paths };
}

function lastFilter(p: FlowPath | undefined): string {
  if (!p) return "no path";
  const fw = [...p.forward].reverse().find((h) => h.hop.startsWith("Network Firewall"));
  const h = fw ?? [...p.forward].reverse().find((x) => x.hop.startsWith("security group")) ?? p.forward[p.forward.length - 1];
  return h ? `${h.hop}: ${h.why}` : "no filter on the way";
}

function pathOf(ctx: FlowContext, src: FlowSource, dst: FlowDestination, subnet: ModelSubnet, srcIp: string, dstIp: string, dstSubnet: ModelSubnet | undefined, fwd: WalkResult, applianceAz: string | undefined): FlowPath {
  const steps = fwd.steps ?? [];
  const forward: FlowHop[] = [];
  if (src.securityGroupIds.length) forward.push(sgAllows(ctx, src.securityGroupIds, "egress", dst.protocol, dst.port, dstIp, dst.securityGroupIds ?? []));
  else forward.push({ hop: `source ${src.label}`, verdict: "allow", why: "any instance of the tier: no security group given" });
  forward.push(routeHop(fwd, "forward"));
  const blackBox = steps.find((s): s is Extract<WalkStep, { kind: "internet" }> => s.kind === "internet");
  if (blackBox) forward.push({ hop: blackBox.via, verdict: "unknown", why: "the egress VPC is modelled from the network stack's outputs: its firewall rules are in no plan given (plan the network stack too, or use --all)" });
  const lastSubnet = [...steps].reverse().find((s): s is Extract<WalkStep, { kind: "subnet" }> => s.kind === "subnet")?.subnet;
  // The packet leaves every subnet on the way, the last one too unless it is the destination's.
  forward.push(...naclHops(ctx, steps, dst.protocol, dst.port, srcIp, dstIp, dstSubnet !== undefined && lastSubnet?.id === dstSubnet.id));
  forward.push(...firewallHops(ctx, steps, { src: srcIp, dst: dstIp, protocol: dst.protocol, port: dst.port, sni: dst.protocol === "tcp" ? dst.sni : undefined, host: dst.host }));
  if (dstSubnet) {
    if (lastSubnet?.id !== dstSubnet.id) forward.push(naclDecides(ctx.filters.naclOfSubnet.get(dstSubnet.id), "ingress", dst.protocol, dst.port, srcIp, subnetName(dstSubnet)));
    if (dst.securityGroupIds?.length) forward.push(sgAllows(ctx, dst.securityGroupIds, "ingress", dst.protocol, dst.port, srcIp, src.securityGroupIds));
  }
  const fwdDecisive = firstDecisive(forward);
  if (fwdDecisive) return { az: subnet.az, applianceAz, verdict: fwdDecisive.verdict, forward, back: [], decidedBy: fwdDecisive };

  const back = returnHops(ctx, dst, subnet, srcIp, dstIp, dstSubnet, steps, applianceAz);
  const backDecisive = firstDecisive(back);
  return { az: subnet.az, applianceAz, verdict: backDecisive?.verdict ?? "allow", forward, back, decidedBy: backDecisive };
}

function returnHops(ctx: FlowContext, dst: FlowDestination, subnet: ModelSubnet, srcIp: string, dstIp: string, dstSubnet: ModelSubnet | undefined, steps: readonly WalkStep[], applianceAz: string | undefined): FlowHop[] {
  const hops: FlowHop[] = [];
  const last = steps[steps.length - 1];
  if (last?.kind === "internet") return [{ hop: "return path", verdict: "allow", why: `${last.via} is modelled from the network stack's outputs` }];
  let start: ModelSubnet | undefined = dstSubnet;
  const from = dstIp;
  if (!dstSubnet) {
    // From the internet, replies come back to the NAT gateway that translated the flow.
    const natAt = steps.findIndex((s) => s.kind === "nat");
    const natSubnet = natAt >= 0 ? (steps.slice(natAt).find((s) => s.kind === "subnet") as Extract<WalkStep, { kind: "subnet" }> | undefined)?.subnet : undefined;
    const direct = steps.some((s) => s.kind === "igw") && natAt < 0;
    start = natSubnet;
    if (direct) return [{ hop: "return path", verdict: "allow", why: "the internet gateway returns replies to the instance's public address" }];
    if (!start) return [{ hop: "return path", verdict: "unknown", why: "the forward path has no NAT gateway the replies could return to" }];
  }
  const back = walk(ctx.routing, { subnet: start! }, srcIp, { applianceAz });
  hops.push(routeHop(back, "return"));
  const backSteps = back.steps ?? [];
  if (back.reached === true) {
    // Replies cross ACLs only between subnets: none within the source's own subnet.
    const endsInSource = (backSteps.filter((s) => s.kind === "subnet").pop() as Extract<WalkStep, { kind: "subnet" }> | undefined)?.subnet.id === subnet.id;
    hops.push(...naclHops(ctx, backSteps, dst.protocol, REPLY_PORT, from, srcIp, endsInSource));
    if (!backSteps.some((s) => s.kind === "subnet" && s.subnet.id === subnet.id)) hops.push(naclDecides(ctx.filters.naclOfSubnet.get(subnet.id), "ingress", dst.protocol, REPLY_PORT, from, subnetName(subnet)));
  }
  const fwdFirewalls = steps.filter((s) => s.kind === "firewall").map((s) => (s as { id: string }).id);
  const backFirewalls = backSteps.filter((s) => s.kind === "firewall").map((s) => (s as { id: string }).id);
  const missing = fwdFirewalls.filter((id) => !backFirewalls.includes(id));
  const extra = backFirewalls.filter((id) => !fwdFirewalls.includes(id));
  if (back.reached === true && (missing.length || extra.length)) {
    hops.push({
      hop: `Network Firewall (stateful) on the return path`,
      verdict: "deny",
      why: missing.length ? `the replies skip firewall endpoint ${missing.join(", ")}, which saw the request: a stateful firewall drops a flow it sees one way` : `the replies cross firewall endpoint ${extra.join(", ")}, which never saw the request, and drops them`,
    });
  }
  return hops;
}

/** Where a host name goes: the tunnel edge's published addresses for Cloudflare's names, a public probe otherwise. */
export function hostDestination(host: string, port: number, protocol: Protocol): FlowDestination {
  const h = host.toLowerCase();
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(h) ? h : TUNNEL_EDGE_ADDRESS[h] ?? INTERNET_PROBE;
  const named = !/^\d+\.\d+\.\d+\.\d+$/.test(h);
  // TLS carries the name (over TCP; QUIC's is unreadable to the firewall); plain HTTP on 80 the Host.
  const sni = named && protocol === "tcp" && port !== 80 ? h : undefined;
  const hostHeader = named && protocol === "tcp" && port === 80 ? h : undefined;
  return { label: `${host}:${port}/${protocol}`, protocol, port, ip, sni, host: hostHeader };
}

export interface StandingFlow {
  readonly name: string;
  /** What the program relies on (`allowed`) or what segmentation requires (`blocked`). */
  readonly expect: "allowed" | "blocked";
  readonly result: FlowResult;
}

/** The cloudflared flows the tunnel needs: QUIC first, HTTP/2 as its fallback. */
export const CLOUDFLARED_FLOWS: readonly { host: string; protocol: Protocol }[] = [
  { host: CLOUDFLARED_QUIC_NAME, protocol: "udp" },
  { host: CLOUDFLARED_TLS_NAMES.find((n) => n.startsWith("h2."))!, protocol: "tcp" },
];
export { TUNNEL_PORT };
