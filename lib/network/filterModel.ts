/**
 * What filters traffic on its way, as plain data from the plans: security groups (inline rules and
 * the separate rule resources), network ACLs by subnet, VPC endpoints, ECS services (the connector's
 * security group and subnets), and the Network Firewall behind each firewall endpoint. Built from
 * the same planned resources as the routing model (lib/network/routingModel.ts); the flow queries
 * (lib/network/flows.ts) walk both.
 */
import { containsIp, parseCidr } from "../cidr";
import type { PlanResource, PlanResult } from "../plan";
import { FirewallPolicyModel, firewallPolicyModel, FirewallRuleGroupModel, firewallRuleGroupModel } from "./firewallPolicy";

export interface SgRule {
  /** `tcp`, `udp`, `icmp` or `-1` (all). */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrs: string[];
  /** Security groups whose members the rule admits (or may reach). */
  readonly groups: string[];
  readonly description?: string;
}

export interface ModelSecurityGroup {
  readonly id: string;
  readonly label: string;
  readonly ingress: SgRule[];
  readonly egress: SgRule[];
}

export interface NaclEntry {
  readonly ruleNo: number;
  readonly action: "allow" | "deny";
  readonly protocol: string;
  readonly cidr: string;
  readonly fromPort: number;
  readonly toPort: number;
}

export interface ModelNacl {
  readonly id: string;
  readonly label: string;
  readonly ingress: NaclEntry[];
  readonly egress: NaclEntry[];
}

export interface ModelEndpoint {
  readonly id: string;
  readonly label: string;
  /** The short service name: `ecr.dkr`, `s3`. */
  readonly service: string;
  readonly type: "Interface" | "Gateway";
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

export interface ModelService {
  readonly name: string;
  readonly label: string;
  readonly stack: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

export interface ModelFirewall {
  readonly name: string;
  readonly policy?: FirewallPolicyModel;
}

export interface FilterModel {
  readonly securityGroups: Map<string, ModelSecurityGroup>;
  /** Subnet id -> its network ACL; subnets without one have the VPC's default (allow all). */
  readonly naclOfSubnet: Map<string, ModelNacl>;
  readonly endpoints: ModelEndpoint[];
  readonly services: ModelService[];
  /** Firewall endpoint id -> the firewall it belongs to. */
  readonly firewallOfEndpoint: Map<string, ModelFirewall>;
  /** VPC id -> its CIDR (for the firewall's default HOME_NET). */
  readonly vpcCidr: Map<string, string>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : []);
const tag = (r: PlanResource, key: string): string | undefined => str((r.inputs.tags as Record<string, unknown> | undefined)?.[key]);
const num = (v: unknown, d: number): number => (typeof v === "number" ? v : typeof v === "string" && v !== "" && !isNaN(Number(v)) ? Number(v) : d);

function protocolName(p: unknown): string {
  const s = String(p ?? "-1").toLowerCase();
  return s === "6" ? "tcp" : s === "17" ? "udp" : s === "1" ? "icmp" : s === "all" ? "-1" : s;
}

function inlineRule(x: any, self: string): SgRule {
  return {
    protocol: protocolName(x?.protocol),
    fromPort: num(x?.fromPort, 0),
    toPort: num(x?.toPort, 65535),
    cidrs: strs(x?.cidrBlocks),
    groups: [...strs(x?.securityGroups), ...(x?.self === true ? [self] : [])],
    description: str(x?.description),
  };
}

export function buildFilterModel(plans: readonly PlanResult[]): FilterModel {
  const all = plans.flatMap((p) => p.resources.map((r) => ({ r, stack: p.stack })));
  const of = (type: string) => all.filter((x) => x.r.type === type);
  const model: FilterModel = { securityGroups: new Map(), naclOfSubnet: new Map(), endpoints: [], services: [], firewallOfEndpoint: new Map(), vpcCidr: new Map() };

  for (const { r } of of("aws:ec2/vpc:Vpc")) if (r.id && str(r.inputs.cidrBlock)) model.vpcCidr.set(r.id, String(r.inputs.cidrBlock));

  for (const { r } of [...of("aws:ec2/securityGroup:SecurityGroup"), ...of("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")]) {
    if (!r.id) continue;
    const ingress = ((r.inputs.ingress as any[]) ?? []).map((x) => inlineRule(x, r.id!));
    const egress = ((r.inputs.egress as any[]) ?? []).map((x) => inlineRule(x, r.id!));
    model.securityGroups.set(r.id, { id: r.id, label: str(r.inputs.name) ?? tag(r, "Name") ?? r.name, ingress, egress });
  }
  for (const [type, dir] of [["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ingress"], ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "egress"]] as const) {
    for (const { r } of of(type)) {
      const sg = model.securityGroups.get(str(r.inputs.securityGroupId) ?? "");
      if (!sg) continue;
      const all = protocolName(r.inputs.ipProtocol) === "-1";
      sg[dir].push({
        protocol: protocolName(r.inputs.ipProtocol),
        fromPort: all ? 0 : num(r.inputs.fromPort, 0),
        toPort: all ? 65535 : num(r.inputs.toPort, 65535),
        cidrs: strs([r.inputs.cidrIpv4]),
        groups: strs([r.inputs.referencedSecurityGroupId]),
        description: str(r.inputs.description),
      });
    }
  }
  for (const { r } of of("aws:ec2/securityGroupRule:SecurityGroupRule")) {
    const sg = model.securityGroups.get(str(r.inputs.securityGroupId) ?? "");
    if (!sg) continue;
    sg[r.inputs.type === "egress" ? "egress" : "ingress"].push({
      protocol: protocolName(r.inputs.protocol),
      fromPort: num(r.inputs.fromPort, 0),
      toPort: num(r.inputs.toPort, 65535),
      cidrs: strs(r.inputs.cidrBlocks),
      groups: [...strs([r.inputs.sourceSecurityGroupId]), ...(r.inputs.self === true ? [sg.id] : [])],
      description: str(r.inputs.description),
    });
  }

  for (const { r } of of("aws:ec2/networkAcl:NetworkAcl")) {
    if (!r.id) continue;
    const entries = (xs: any[] | undefined): NaclEntry[] =>
      (xs ?? []).map((x) => ({ ruleNo: num(x?.ruleNo, 0), action: String(x?.action).toLowerCase() === "allow" ? "allow" : "deny", protocol: protocolName(x?.protocol), cidr: String(x?.cidrBlock ?? ""), fromPort: num(x?.fromPort, 0), toPort: num(x?.toPort, 65535) }));
    const nacl: ModelNacl = { id: r.id, label: tag(r, "Name") ?? r.name, ingress: entries(r.inputs.ingress as any[]), egress: entries(r.inputs.egress as any[]) };
    for (const s of strs(r.inputs.subnetIds)) model.naclOfSubnet.set(s, nacl);
  }

  for (const { r } of of("aws:ec2/vpcEndpoint:VpcEndpoint")) {
    if (!r.id) continue;
    const service = String(r.inputs.serviceName ?? "").replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
    model.endpoints.push({ id: r.id, label: tag(r, "Name") ?? r.name, service, type: r.inputs.vpcEndpointType === "Gateway" ? "Gateway" : "Interface", vpcId: String(r.inputs.vpcId ?? ""), subnetIds: strs(r.inputs.subnetIds), securityGroupIds: strs(r.inputs.securityGroupIds) });
  }

  for (const { r, stack } of of("aws:ecs/service:Service")) {
    const net = (r.inputs.networkConfiguration ?? {}) as Record<string, unknown>;
    model.services.push({ name: str(r.inputs.name) ?? r.name, label: r.name, stack, subnetIds: strs(net.subnets), securityGroupIds: strs(net.securityGroups) });
  }

  const groups = new Map<string, FirewallRuleGroupModel>();
  for (const { r } of of("aws:networkfirewall/ruleGroup:RuleGroup")) {
    const arn = str(r.outputs.arn) ?? r.id;
    if (arn) groups.set(arn, firewallRuleGroupModel(str(r.inputs.name) ?? r.name, arn, r.inputs));
  }
  const policies = new Map<string, PlanResource>();
  for (const { r } of of("aws:networkfirewall/firewallPolicy:FirewallPolicy")) {
    const arn = str(r.outputs.arn) ?? r.id;
    if (arn) policies.set(arn, r);
  }
  for (const { r } of of("aws:networkfirewall/firewall:Firewall")) {
    const p = policies.get(str(r.inputs.firewallPolicyArn) ?? "");
    const firewall: ModelFirewall = { name: str(r.inputs.name) ?? r.name, policy: p ? firewallPolicyModel(str(p.inputs.name) ?? p.name, p.inputs.firewallPolicy, groups, model.vpcCidr.get(str(r.inputs.vpcId) ?? "")) : undefined };
    for (const status of (r.outputs.firewallStatuses as any[]) ?? []) {
      for (const sync of status?.syncStates ?? []) for (const a of sync?.attachments ?? []) if (str(a?.endpointId)) model.firewallOfEndpoint.set(a.endpointId, firewall);
    }
  }
  return model;
}

/** Is `ip` in `cidr` (a CIDR text)? Unparseable CIDRs match nothing. */
export function inCidr(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  return typeof c !== "string" && containsIp(c, ip);
}
