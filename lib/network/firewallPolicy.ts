/**
 * AWS Network Firewall's decision for one flow, offline, from the planned firewall policy and rule
 * groups (their `aws.networkfirewall` inputs): what the firewall's own engines would do.
 *
 * - The stateless engine first: its rule groups by priority, each rule by priority, matching
 *   protocol, addresses and ports; the first match's action (`aws:pass`, `aws:drop`,
 *   `aws:forward_to_sfe`), else the stateless default actions.
 * - Forwarded flows meet the stateful engine. In strict order: rule groups by priority, rules in
 *   order; the first pass, drop or reject decides (alert goes on). 5-tuple rules match protocol,
 *   addresses (`$HOME_NET`, `$EXTERNAL_NET`, `ANY`, CIDRs) and ports; domain lists match the TLS
 *   server name (TLS_SNI) or the HTTP Host (HTTP_HOST) of flows from HOME_NET; Suricata strings are
 *   read for the same keywords (`tls.sni`, `http.host` with `content`). QUIC is never recognised
 *   (Network Firewall does not detect it), so a QUIC flow is plain UDP to the rules.
 * - No rule decides: the stateful default actions (`aws:drop_strict`, `aws:drop_established`:
 *   either drops a flow no rule passed; none of them: pass).
 * Action order (not strict) is read the same way but pass rules first, then drop, then alert.
 */
import { Cidr, containsIp, parseCidr } from "../cidr";
import { domainMatches } from "./egressRules";

export type Protocol = "tcp" | "udp" | "icmp";

export interface FirewallFlow {
  readonly src: string;
  readonly dst: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** The TLS server name (TLS over TCP only: Network Firewall cannot read QUIC's). */
  readonly sni?: string;
  /** The HTTP Host header (plain HTTP). */
  readonly host?: string;
}

export interface FirewallRuleGroupModel {
  readonly name: string;
  readonly arn: string;
  readonly type: "STATEFUL" | "STATELESS";
  /** The group's HOME_NET, when it sets one. */
  readonly homeNet?: readonly string[];
  readonly rulesSource: any;
}

export interface FirewallPolicyModel {
  readonly name: string;
  readonly statelessDefaultActions: readonly string[];
  readonly statelessGroups: readonly { readonly priority: number; readonly group?: FirewallRuleGroupModel; readonly arn: string }[];
  readonly statefulGroups: readonly { readonly priority: number; readonly group?: FirewallRuleGroupModel; readonly arn: string }[];
  readonly statefulDefaultActions: readonly string[];
  readonly strictOrder: boolean;
  /** The policy's HOME_NET (policyVariables), else the firewall VPC's CIDR (AWS's default). */
  readonly homeNet: readonly string[];
}

export interface FirewallVerdict {
  readonly action: "pass" | "drop" | "unknown";
  /** The rule or default action that decided, in words. */
  readonly decidedBy: string;
}

const PROTOCOL_NUMBERS: Record<Protocol, number> = { icmp: 1, tcp: 6, udp: 17 };

function inAny(ip: string, cidrs: readonly string[]): boolean {
  return cidrs.some((c) => {
    const p = parseCidr(c);
    return typeof p !== "string" && containsIp(p, ip);
  });
}

function addressMatches(spec: string, ip: string, homeNet: readonly string[]): boolean {
  const s = spec.trim();
  if (s.startsWith("!")) return !addressMatches(s.slice(1), ip, homeNet);
  if (s.startsWith("[") && s.endsWith("]")) return s.slice(1, -1).split(",").some((x) => addressMatches(x, ip, homeNet));
  const u = s.toUpperCase();
  if (u === "ANY") return true;
  if (u === "$HOME_NET") return inAny(ip, homeNet);
  if (u === "$EXTERNAL_NET") return !inAny(ip, homeNet);
  const c = parseCidr(s.includes("/") ? s : `${s}/32`);
  return typeof c !== "string" && containsIp(c as Cidr, ip);
}

function portMatches(spec: string, port: number): boolean {
  const s = spec.trim();
  if (s.startsWith("!")) return !portMatches(s.slice(1), port);
  if (s.startsWith("[") && s.endsWith("]")) return s.slice(1, -1).split(",").some((x) => portMatches(x, port));
  if (s.toUpperCase() === "ANY" || s === "any") return true;
  const range = /^(\d*):(\d*)$/.exec(s);
  if (range) return port >= (range[1] ? Number(range[1]) : 0) && port <= (range[2] ? Number(range[2]) : 65535);
  return Number(s) === port;
}

/** A Suricata/5-tuple protocol against the flow: `tls` and `http` need the application layer. */
function protocolMatches(proto: string, flow: FirewallFlow): boolean {
  const p = proto.toLowerCase();
  if (p === "ip" || p === "any") return true;
  if (p === "tcp" || p === "udp" || p === "icmp") return p === flow.protocol;
  if (p === "tls") return flow.protocol === "tcp" && flow.sni !== undefined;
  if (p === "http") return flow.protocol === "tcp" && flow.host !== undefined;
  return false; // dns, smb, quic...: not a protocol these flows speak (and QUIC is not detected)
}

function ruleAction(a: string): "pass" | "drop" | "alert" {
  const x = a.toLowerCase();
  return x === "pass" ? "pass" : x === "alert" ? "alert" : "drop"; // drop, reject
}

interface StatefulMatch {
  readonly action: "pass" | "drop" | "alert";
  readonly what: string;
}

function matchFiveTuple(group: FirewallRuleGroupModel, rules: any[], flow: FirewallFlow, homeNet: readonly string[]): StatefulMatch[] {
  const out: StatefulMatch[] = [];
  rules.forEach((r, i) => {
    const h = r?.header ?? {};
    const [src, dst, dport] = [String(h.source ?? "ANY"), String(h.destination ?? "ANY"), String(h.destinationPort ?? "ANY")];
    // The client's source port is ephemeral: only a rule that takes any source port matches it.
    if (!protocolMatches(String(h.protocol ?? "IP"), flow) || String(h.sourcePort ?? "ANY").toUpperCase() !== "ANY") return;
    const forward = addressMatches(src, flow.src, homeNet) && addressMatches(dst, flow.dst, homeNet) && portMatches(dport, flow.port);
    const either = String(h.direction ?? "FORWARD").toUpperCase() === "ANY" && addressMatches(src, flow.dst, homeNet) && addressMatches(dst, flow.src, homeNet);
    if (!forward && !either) return;
    const sid = (r.ruleOptions ?? []).find((o: any) => String(o?.keyword).toLowerCase() === "sid")?.settings?.[0];
    out.push({ action: ruleAction(String(r.action)), what: `rule group ${group.name}, rule ${sid ? `sid ${sid}` : `#${i + 1}`} (${String(r.action).toLowerCase()} ${String(h.protocol).toLowerCase()} ${src} -> ${dst}:${dport})` });
  });
  return out;
}

function matchDomainList(group: FirewallRuleGroupModel, list: any, flow: FirewallFlow, homeNet: readonly string[]): StatefulMatch[] {
  if (!inAny(flow.src, homeNet)) return []; // the generated rules match traffic from HOME_NET only
  const targets = ((list?.targets as string[]) ?? []).map(String);
  const types = ((list?.targetTypes as string[]) ?? []).map(String);
  const kind = String(list?.generatedRulesType ?? "ALLOWLIST").toUpperCase();
  const name = flow.protocol === "tcp" && types.includes("TLS_SNI") && flow.sni !== undefined ? { field: "TLS SNI", value: flow.sni } : flow.protocol === "tcp" && types.includes("HTTP_HOST") && flow.host !== undefined ? { field: "HTTP Host", value: flow.host } : undefined;
  if (!name) return [];
  const entry = targets.find((t) => domainMatches(t, name.value));
  if (kind === "ALLOWLIST") return entry ? [{ action: "pass", what: `rule group ${group.name}: ${name.field} ${name.value} is allowed by ${entry}` }] : [];
  if (!entry) return [];
  return [{ action: kind === "ALERTLIST" ? "alert" : "drop", what: `rule group ${group.name}: ${name.field} ${name.value} is on its ${kind.toLowerCase()} (${entry})` }];
}

/** Reads `action proto src sport -> dst dport (options)` lines for the keywords the flows can match. */
function matchSuricata(group: FirewallRuleGroupModel, text: string, flow: FirewallFlow, homeNet: readonly string[]): StatefulMatch[] {
  const out: StatefulMatch[] = [];
  for (const line of text.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))) {
    const m = /^(\w+)\s+(\w+)\s+(\S+|\[[^\]]*\])\s+(\S+|\[[^\]]*\])\s+(->|<>)\s+(\S+|\[[^\]]*\])\s+(\S+|\[[^\]]*\])\s*\((.*)\)\s*$/.exec(line);
    if (!m) continue;
    const [, action, proto, src, , dir, dst, dport, options] = m;
    if (!protocolMatches(proto, flow)) continue;
    const fwd = addressMatches(src, flow.src, homeNet) && addressMatches(dst, flow.dst, homeNet) && portMatches(dport, flow.port);
    const back = dir === "<>" && addressMatches(src, flow.dst, homeNet) && addressMatches(dst, flow.src, homeNet);
    if (!fwd && !back) continue;
    const opts = options.split(";").map((o) => o.trim());
    const buffer = opts.find((o) => o === "tls.sni" || o === "http.host");
    const content = opts.find((o) => o.startsWith("content:"))?.replace(/^content:\s*"?|"$/g, "");
    if (buffer && content !== undefined) {
      const value = buffer === "tls.sni" ? flow.sni : flow.host;
      if (value === undefined) continue;
      const v = value.toLowerCase();
      const c = content.toLowerCase();
      const hit = opts.includes("dotprefix") ? v === c.replace(/^\./, "") || v.endsWith(c) : opts.includes("endswith") && opts.includes("startswith") ? v === c : opts.includes("endswith") ? v.endsWith(c) : v.includes(c);
      if (!hit) continue;
    }
    const sid = /sid:\s*(\d+)/.exec(options)?.[1];
    out.push({ action: ruleAction(action), what: `rule group ${group.name}, rule sid ${sid ?? "?"} (${line.slice(0, line.indexOf("(")).trim()})` });
  }
  return out;
}

function statefulMatches(group: FirewallRuleGroupModel, flow: FirewallFlow, policyHomeNet: readonly string[]): StatefulMatch[] {
  const homeNet = group.homeNet ?? policyHomeNet;
  const src = group.rulesSource ?? {};
  if (src.rulesSourceList) return matchDomainList(group, src.rulesSourceList, flow, homeNet);
  if (Array.isArray(src.statefulRules)) return matchFiveTuple(group, src.statefulRules, flow, homeNet);
  if (typeof src.rulesString === "string") return matchSuricata(group, src.rulesString, flow, homeNet);
  return [];
}

function statelessDecision(policy: FirewallPolicyModel, flow: FirewallFlow): { action: string; what: string } {
  for (const ref of [...policy.statelessGroups].sort((a, b) => a.priority - b.priority)) {
    const rules = (ref.group?.rulesSource?.statelessRulesAndCustomActions?.statelessRules as any[]) ?? [];
    for (const r of [...rules].sort((a, b) => Number(a.priority) - Number(b.priority))) {
      const m = r?.ruleDefinition?.matchAttributes ?? {};
      const protocols: number[] = (m.protocols ?? []).map(Number);
      if (protocols.length && !protocols.includes(PROTOCOL_NUMBERS[flow.protocol])) continue;
      const cidrs = (xs: any[] | undefined) => (xs ?? []).map((x) => String(x?.addressDefinition));
      if (cidrs(m.sources).length && !inAny(flow.src, cidrs(m.sources))) continue;
      if (cidrs(m.destinations).length && !inAny(flow.dst, cidrs(m.destinations))) continue;
      const ports: any[] = m.destinationPorts ?? [];
      if (ports.length && !ports.some((p) => flow.port >= Number(p.fromPort) && flow.port <= Number(p.toPort))) continue;
      const action = ((r.ruleDefinition.actions as string[]) ?? []).find((a) => a.startsWith("aws:")) ?? "aws:drop";
      return { action, what: `stateless rule group ${ref.group?.name ?? ref.arn}, rule priority ${r.priority} (${action})` };
    }
  }
  const action = policy.statelessDefaultActions.find((a) => a.startsWith("aws:")) ?? "aws:drop";
  return { action, what: `the stateless default action ${action}` };
}

export function evaluateFirewall(policy: FirewallPolicyModel, flow: FirewallFlow): FirewallVerdict {
  const stateless = statelessDecision(policy, flow);
  if (stateless.action === "aws:pass") return { action: "pass", decidedBy: `${policy.name}: ${stateless.what}` };
  if (stateless.action === "aws:drop") return { action: "drop", decidedBy: `${policy.name}: ${stateless.what}` };

  const groups = [...policy.statefulGroups].sort((a, b) => a.priority - b.priority);
  const missing = groups.find((g) => !g.group);
  const matches: StatefulMatch[] = [];
  for (const ref of groups) if (ref.group) matches.push(...statefulMatches(ref.group, flow, policy.homeNet));
  const deciding = policy.strictOrder ? matches.find((m) => m.action !== "alert") : matches.find((m) => m.action === "pass") ?? matches.find((m) => m.action === "drop");
  if (deciding) return { action: deciding.action === "pass" ? "pass" : "drop", decidedBy: `${policy.name}: ${deciding.what}` };
  if (missing) return { action: "unknown", decidedBy: `${policy.name}: rule group ${missing.arn} is in no plan given` };
  const drop = policy.statefulDefaultActions.find((a) => a === "aws:drop_strict" || a === "aws:drop_established");
  const what = `${flow.protocol}/${flow.port}${flow.sni ? ` (TLS SNI ${flow.sni})` : flow.host ? ` (HTTP Host ${flow.host})` : ""}`;
  if (drop) return { action: "drop", decidedBy: `${policy.name}: no rule passes ${what}; the stateful default action ${drop} drops it` };
  return { action: "pass", decidedBy: `${policy.name}: no rule matches ${what}; no stateful default drop, so it passes` };
}

/** The model of a planned policy and its groups, from resource inputs (`firewallPolicy` and `ruleGroup`). */
export function firewallPolicyModel(name: string, policy: any, groupsByArn: ReadonlyMap<string, FirewallRuleGroupModel>, vpcCidr: string | undefined): FirewallPolicyModel {
  const ref = (xs: any[] | undefined) => (xs ?? []).map((r) => ({ priority: Number(r?.priority ?? 0), arn: String(r?.resourceArn), group: groupsByArn.get(String(r?.resourceArn)) }));
  const policyHomeNet = (policy?.policyVariables?.ruleVariables as any[] | undefined)?.find((v) => v?.key === "HOME_NET")?.ipSet?.definitions as string[] | undefined;
  return {
    name,
    statelessDefaultActions: (policy?.statelessDefaultActions as string[]) ?? [],
    statelessGroups: ref(policy?.statelessRuleGroupReferences),
    statefulGroups: ref(policy?.statefulRuleGroupReferences),
    statefulDefaultActions: (policy?.statefulDefaultActions as string[]) ?? [],
    strictOrder: String(policy?.statefulEngineOptions?.ruleOrder ?? "DEFAULT_ACTION_ORDER") === "STRICT_ORDER",
    homeNet: policyHomeNet ?? (vpcCidr ? [vpcCidr] : []),
  };
}

export function firewallRuleGroupModel(name: string, arn: string, inputs: any): FirewallRuleGroupModel {
  const vars = (inputs?.ruleGroup?.ruleVariables?.ipSets as any[] | undefined)?.find((v) => v?.key === "HOME_NET")?.ipSet?.definitions as string[] | undefined;
  return { name, arn, type: String(inputs?.type ?? "STATEFUL").toUpperCase() === "STATELESS" ? "STATELESS" : "STATEFUL", homeNet: vars, rulesSource: inputs?.ruleGroup?.rulesSource ?? (inputs?.rules ? { rulesString: inputs.rules } : {}) };
}

