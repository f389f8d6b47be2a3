/**
 * The network's view across stack files. The hub (network stack) is planned before the workload
 * stacks, yet its route tables need every spoke's CIDR and segment (blackholes, return routes) and
 * its attach roles need every spoke's account; a workload stack needs the hub's account and region
 * (its second provider) and the resolver rules to associate. All of that is config, validated
 * together, so it is read here from the validated configs rather than through stack outputs, which
 * would make the stacks reference each other in a cycle.
 */
import { ConfigIssue } from "./errors";
import { NAMESPACE } from "./raw";
import { vpcSegment } from "./schema/workload";
import type { NetworkConfig, StackConfig, WorkloadConfig } from "./stackConfig";
import type { Segment } from "../lib/network/segmentation";
import { zoneKind } from "../lib/network/zones";

/** A workload VPC as the hub sees it. */
export interface SpokeView {
  readonly stack: string;
  readonly file: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly region: string;
  /** The workload stack's deployment role, trusted by its segment's attach role. */
  readonly deploymentRoleName: string;
  readonly segment: Segment;
  readonly cidr: string;
}

/** The hub as a workload stack sees it. */
export interface HubView {
  readonly stack: string;
  readonly accountId: string;
  readonly region: string;
  /** The resolver's forwarding rules, by name (the workload associates each with its VPC). */
  readonly resolverRules: readonly { readonly name: string; readonly domain: string }[];
}

/** The workload stacks whose `refs.network` is `networkStack`, sorted by stack name. */
export function spokesOf(configs: readonly StackConfig[], networkStack: string): SpokeView[] {
  return configs
    .filter((c): c is WorkloadConfig => c.role === "workload" && c.refStacks.network === networkStack)
    .map((c) => ({
      stack: c.stack,
      file: c.file,
      accountId: c.account.id,
      accountName: c.account.name,
      region: c.account.region,
      deploymentRoleName: c.account.deploymentRoleName,
      segment: vpcSegment(c),
      cidr: c.vpc.cidr,
    }))
    .sort((a, b) => a.stack.localeCompare(b.stack));
}

/** The network stack a workload stack attaches to. Throws when it is missing (config validation reports that first). */
export function hubOf(configs: readonly StackConfig[], workload: WorkloadConfig): HubView {
  const stack = workload.refStacks.network;
  const hub = configs.find((c): c is NetworkConfig => c.role === "network" && c.stack === stack);
  if (!hub) throw new Error(`${workload.file}: ${NAMESPACE}:refs.network names "${stack}", which is not a network stack`);
  return {
    stack: hub.stack,
    accountId: hub.account.id,
    region: hub.account.region,
    resolverRules: hub.resolver.enabled ? hub.resolver.forwardingRules.map((r) => ({ name: r.name, domain: r.domain })) : [],
  };
}

/**
 * Cross-stack network checks: a VPC can only attach to a Transit Gateway in its own region, its
 * zones must be zones the hub attaches in, and the hub can only be shared with OUs the management
 * stack creates.
 */
export function networkViewIssues(configs: readonly StackConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const c of configs) {
    if (c.role !== "network" || c.transitGateway.shareWith === "organization") continue;
    const management = configs.find((m) => m.role === "management" && m.stack === c.refStacks.management);
    const ous: unknown = (management as { organization?: { organizationalUnits?: unknown } } | undefined)?.organization?.organizationalUnits;
    if (!management || !Array.isArray(ous)) continue;
    const paths = ous.map((o: { path?: unknown }) => String(o?.path));
    c.transitGateway.shareWith.forEach((path, i) => {
      if (!paths.includes(path)) {
        issues.push({ file: c.file, path: `${NAMESPACE}:transitGateway.shareWith[${i}]`, message: `"${path}" is not an OU of the management stack (${management.file} organization.organizationalUnits); use one of ${paths.join(", ")}` });
      }
    });
  }
  for (const c of configs) {
    if (c.role !== "workload") continue;
    const hub = configs.find((h) => h.role === "network" && h.stack === c.refStacks.network);
    if (hub && hub.account.region !== c.account.region) {
      issues.push({
        file: c.file,
        path: `${NAMESPACE}:account.region`,
        message: `${c.account.region} differs from the network stack's region (${hub.file}: ${hub.account.region}); a VPC attaches only to a Transit Gateway in its own region, so use ${hub.account.region} or point refs.network at a hub in ${c.account.region}`,
      });
    } else if (hub?.role === "network") issues.push(...zoneAlignmentIssues(c, hub));
  }
  return issues;
}

/**
 * A spoke's zones must be zones the hub attaches in (the egress VPC's Transit Gateway interfaces,
 * NAT gateways and firewall endpoints): the Transit Gateway keeps traffic in the zone it came from
 * when the destination attachment has an interface there, and otherwise sends it to another zone,
 * so a spoke zone the hub lacks crosses zones (and pays for it) on every egress flow and loses its
 * egress with a zone it does not even run in. Both lists must be AZ IDs to compare: AZ names are
 * per account (the preflight rule subnet-zone-by-id flags them).
 */
function zoneAlignmentIssues(spoke: WorkloadConfig, hub: NetworkConfig): ConfigIssue[] {
  const spokeAzs = spoke.vpc.azs;
  const hubAzs = hub.egress.azs;
  if (![...spokeAzs, ...hubAzs].every((z) => zoneKind(z) === "id")) return [];
  return spokeAzs.flatMap((az, i) =>
    hubAzs.includes(az)
      ? []
      : [{
          file: spoke.file,
          path: `${NAMESPACE}:vpc.azs[${i}]`,
          message: `${az} is not a zone the network stack attaches in (${hub.file} ${NAMESPACE}:egress.azs: ${hubAzs.join(", ")}): this zone's egress would cross to another zone's Transit Gateway interface, NAT gateway and firewall endpoint (cross-AZ charges, and an outage there takes this zone's egress down); use ${hubAzs.filter((z) => !spokeAzs.includes(z)).join(" or ") || hubAzs.join(", ")} instead, or add ${az} to egress.azs in ${hub.file}`,
        }],
  );
}
