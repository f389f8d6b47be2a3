/**
 * Flow queries by name, over a set of plans: `--from app --to quic.cftunnel.com:7844/udp` for
 * `lz reach`, and the standing flows the program relies on (or must never allow), for `lz plan`.
 *
 * Names, relative to a stack's VPC:
 * - sources: a tier (`app`, `dmz`, `data`), an ECS service (`cloudflared`: its subnets and security
 *   groups), or another VPC's tier (`prod.app`);
 * - destinations: `host[:port][/tcp|udp]` (default 443/tcp), an address, a VPC endpoint of the
 *   stack's VPC by service (`ecr.dkr`, or `endpoint:ecr.dkr`), or a VPC's tier (`prod.app:5432`).
 */
import type { PlanResult, Violation } from "../plan";
import { buildFilterModel } from "./filterModel";
import { Protocol } from "./firewallPolicy";
import { CLOUDFLARED_FLOWS, evaluateFlow, FlowContext, FlowDestination, FlowResult, FlowSource, hostDestination, StandingFlow, TUNNEL_PORT } from "./flows";
import { buildRoutingModel, ModelSubnet, ModelVpc } from "./routingModel";
import { isolatedFrom, SEGMENTS, Segment } from "./segmentation";

/** The roles whose plans the flow model reads: the hub, the workload VPCs, and the tenant cells' connectors in them. */
export const FLOW_ROLES: ReadonlySet<string> = new Set(["network", "workload", "tenant-cell"]);

export function flowContext(plans: readonly PlanResult[]): FlowContext {
  return { routing: buildRoutingModel(plans), filters: buildFilterModel(plans) };
}

const shared = new WeakMap<readonly PlanResult[], FlowContext>();

/**
 * The flow model of the network, workload and cell stacks among `plans`, built once per array: the
 * plans of one run (`lz plan`), which must not change after. Each stack's standing flows are
 * queried from it rather than from a model of its own.
 */
export function sharedFlowContext(plans: readonly PlanResult[]): FlowContext {
  let ctx = shared.get(plans);
  if (!ctx) {
    ctx = flowContext(plans.filter((p) => FLOW_ROLES.has(p.role)));
    shared.set(plans, ctx);
  }
  return ctx;
}

/** A name that does not resolve: the message says what would. */
export class FlowNameError extends Error {}

/** The stack's own VPC, or (a tenant cell) the VPC its ECS services run in. */
function homeVpc(ctx: FlowContext, stack: string): ModelVpc | undefined {
  const own = ctx.routing.vpcs.find((v) => v.stack === stack && v.source === "plan" && v.subnets.length > 0);
  if (own) return own;
  const subnet = ctx.filters.services.filter((s) => s.stack === stack).flatMap((s) => s.subnetIds).map((id) => ctx.routing.subnets.get(id)).find((x) => !!x);
  return subnet ? ctx.routing.vpcs.find((v) => v.key === subnet.vpcKey) : undefined;
}

function stackVpc(ctx: FlowContext, stack: string): ModelVpc {
  const vpc = homeVpc(ctx, stack);
  if (!vpc) throw new FlowNameError(`the ${stack} stack's plan has no VPC and runs nothing in one; name a workload stack or a tenant cell`);
  return vpc;
}

function onePerAz(subnets: readonly ModelSubnet[]): ModelSubnet[] {
  const seen = new Set<string>();
  return subnets.filter((s) => !seen.has(s.az) && seen.add(s.az));
}

function tierOf(vpc: ModelVpc, tier: string): ModelSubnet[] {
  return onePerAz(vpc.subnets.filter((s) => s.tier === tier));
}

function tiers(vpc: ModelVpc): string[] {
  return [...new Set(vpc.subnets.map((s) => s.tier))];
}

export function resolveSource(ctx: FlowContext, stack: string, name: string): FlowSource {
  const vpc = stackVpc(ctx, stack);
  const service = ctx.filters.services.find((s) => s.name === name && s.stack === stack);
  if (service) {
    const subnets = onePerAz(service.subnetIds.map((id) => ctx.routing.subnets.get(id)).filter((s): s is ModelSubnet => !!s));
    return { label: name, vpc, subnets, securityGroupIds: service.securityGroupIds };
  }
  const dotted = /^([\w-]+)\.([\w-]+)$/.exec(name);
  const other = dotted ? ctx.routing.vpcs.find((v) => v.label === dotted[1] && v.subnets.length) : undefined;
  if (other && tierOf(other, dotted![2]).length) return { label: name, vpc: other, subnets: tierOf(other, dotted![2]), securityGroupIds: [] };
  if (tierOf(vpc, name).length) return { label: name, vpc, subnets: tierOf(vpc, name), securityGroupIds: [] };
  const services = ctx.filters.services.filter((s) => s.stack === stack).map((s) => s.name);
  throw new FlowNameError(`--from ${name}: not a tier of ${vpc.label} (${tiers(vpc).join(", ")}), an ECS service of ${stack} (${services.join(", ") || "none"}), nor <vpc>.<tier>`);
}

export function parseTarget(spec: string): { name: string; port?: number; protocol: Protocol } {
  const m = /^(.+?)(?::(\d{1,5}))?(?:\/(tcp|udp))?$/i.exec(spec.trim());
  if (!m || (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))) throw new FlowNameError(`--to ${spec}: use host[:port][/tcp|udp], e.g. quic.cftunnel.com:7844/udp`);
  return { name: m[1].toLowerCase(), port: m[2] !== undefined ? Number(m[2]) : undefined, protocol: (m[3]?.toLowerCase() as Protocol | undefined) ?? "tcp" };
}

export function resolveDestination(ctx: FlowContext, stack: string, spec: string): FlowDestination {
  const vpc = stackVpc(ctx, stack);
  const { name, port, protocol } = parseTarget(spec);
  const p = port ?? 443;
  const label = `${name}:${p}/${protocol}`;
  const service = name.replace(/^endpoint:/, "");
  const endpoint = ctx.filters.endpoints.find((e) => e.type === "Interface" && e.service === service && vpcOfEndpoint(ctx, e.subnetIds) === vpc.key);
  if (endpoint) {
    const subnets = onePerAz(endpoint.subnetIds.map((id) => ctx.routing.subnets.get(id)).filter((s): s is ModelSubnet => !!s));
    return { label: `endpoint ${service}:${p}/${protocol}`, protocol, port: p, subnets, securityGroupIds: endpoint.securityGroupIds };
  }
  if (name.startsWith("endpoint:")) throw new FlowNameError(`--to ${spec}: ${vpc.label} has no interface endpoint for ${service}`);
  const dotted = /^([\w-]+)\.([\w-]+)$/.exec(name);
  const other = dotted ? ctx.routing.vpcs.find((v) => v.label === dotted[1]) : undefined;
  if (other) {
    const subnets = tierOf(other, dotted![2]);
    if (subnets.length) return { label, protocol, port: p, subnets, securityGroupIds: [] };
    // A VPC known only from its segment: its address, no subnets to check.
    return { label, protocol, port: p, ip: `${other.cidr.split("/")[0].replace(/\.0$/, ".10")}` };
  }
  return hostDestination(name, p, protocol);
}

function vpcOfEndpoint(ctx: FlowContext, subnetIds: readonly string[]): string | undefined {
  return subnetIds.map((id) => ctx.routing.subnets.get(id)?.vpcKey).find((k) => k !== undefined);
}

/** The hub route table a VPC's attachment is associated with: its segment. */
function segmentOf(ctx: FlowContext, vpc: ModelVpc): Segment | undefined {
  const attachment = [...ctx.routing.attachments.values()].find((a) => a.vpcKey === vpc.key);
  const table = attachment ? ctx.routing.tgwRouteTables.get(ctx.routing.associations.get(attachment.id) ?? "")?.name : undefined;
  return (SEGMENTS as readonly string[]).includes(table ?? "") ? (table as Segment) : undefined;
}

/** A host the egress allow-list lets through (its first exact name, else a name under its first wildcard). */
function allowedHost(ctx: FlowContext): string | undefined {
  for (const fw of ctx.filters.firewallOfEndpoint.values()) {
    for (const ref of fw.policy?.statefulGroups ?? []) {
      const targets = ((ref.group?.rulesSource?.rulesSourceList?.targets as string[]) ?? []).filter((t) => !/amazonaws\.com$/.test(t));
      const exact = targets.find((t) => !t.startsWith(".") && !/cftunnel|argotunnel/.test(t));
      if (exact) return exact;
      const wild = targets.find((t) => t.startsWith("."));
      if (wild) return `www${wild}`;
    }
  }
  return undefined;
}

/** A name no allow-list has: `.invalid` is reserved (RFC 2606), so it can be on none. */
export const UNLISTED_HOST = "not-allow-listed.invalid";

/**
 * The flows a workload stack relies on, and the ones segmentation forbids: cloudflared to the tunnel
 * edge (QUIC and HTTP/2), the app tier to each of its VPC endpoints, each tier to the internet (the
 * data tier must have none), the app tier to a domain off the allow-list (dropped), and this VPC to
 * and from every VPC of the segment it must never reach.
 */
export function standingFlows(ctx: FlowContext, stack: string): StandingFlow[] {
  const vpc = homeVpc(ctx, stack);
  if (!vpc || !tierOf(vpc, "app").length) return [];
  const out: StandingFlow[] = [];
  const add = (name: string, expect: "allowed" | "blocked", src: FlowSource, dst: FlowDestination) => out.push({ name, expect, result: evaluateFlow(ctx, src, dst) });
  const cloudflared = ctx.filters.services.find((s) => s.stack === stack && s.name === "cloudflared");
  if (cloudflared) {
    const src = resolveSource(ctx, stack, "cloudflared");
    for (const f of CLOUDFLARED_FLOWS) add(`cloudflared to Cloudflare (${f.protocol === "udp" ? "QUIC" : "HTTP/2"})`, "allowed", src, hostDestination(f.host, TUNNEL_PORT, f.protocol));
  }
  // A tenant cell runs in its environment's VPC: the VPC's own flows are the workload stack's.
  if (vpc.stack !== stack) return out;
  const app = resolveSource(ctx, stack, "app");
  const endpoints = ctx.filters.endpoints.filter((e) => e.type === "Interface" && vpcOfEndpoint(ctx, e.subnetIds) === vpc.key).sort((a, b) => a.service.localeCompare(b.service));
  for (const e of endpoints) add(`app to the ${e.service} endpoint`, "allowed", app, resolveDestination(ctx, stack, `endpoint:${e.service}`));
  const host = allowedHost(ctx) ?? "example.com";
  for (const tier of tiers(vpc).filter((t) => t !== "transit").sort()) {
    add(`${tier} to the internet (${host})`, tier === "data" ? "blocked" : "allowed", resolveSource(ctx, stack, tier), hostDestination(host, 443, "tcp"));
  }
  if (ctx.filters.firewallOfEndpoint.size) add(`app to a domain off the allow-list`, "blocked", app, hostDestination(UNLISTED_HOST, 443, "tcp"));
  const segment = segmentOf(ctx, vpc);
  for (const other of ctx.routing.vpcs) {
    const s = segmentOf(ctx, other);
    if (other === vpc || !segment || !s || !isolatedFrom(segment).includes(s)) continue;
    add(`${vpc.label} to ${other.label} (${segment} to ${s})`, "blocked", app, resolveDestination(ctx, stack, `${other.label}.app`));
    if (other.source === "plan" && tierOf(other, "app").length) add(`${other.label} to ${vpc.label} (${s} to ${segment})`, "blocked", resolveSource(ctx, stack, `${other.label}.app`), resolveDestination(ctx, stack, `${vpc.label}.app`));
  }
  return out;
}

/** A standing flow whose verdict is not the expected one (unknown verdicts are not failures: the model could not see). */
export function isBroken(f: StandingFlow): boolean {
  return f.result.verdict !== "unknown" && f.result.verdict !== f.expect;
}

export type { FlowResult };

export const STANDING_FLOW_PACK = "reachability";
export const STANDING_FLOW_POLICY = "standing-flow";

/**
 * One mandatory finding per standing flow whose verdict is not the expected one: a flow the program
 * relies on that the network blocks (or a flow segmentation forbids that it allows).
 */
export function standingFlowViolations(flows: readonly StandingFlow[], stack: string): Violation[] {
  return flows.filter(isBroken).map((f) => ({
    urn: stack,
    type: "lz:network:StandingFlow",
    pack: STANDING_FLOW_PACK,
    policy: STANDING_FLOW_POLICY,
    enforcementLevel: "mandatory" as const,
    message:
      f.expect === "allowed"
        ? `${f.name} (${f.result.from} -> ${f.result.to}) is blocked, and the program relies on it: ${f.result.decidedBy}`
        : `${f.name} (${f.result.from} -> ${f.result.to}) is allowed, and must never be: ${f.result.decidedBy}`,
  }));
}
