import { ConfigIssue } from "./errors";
import { NAMESPACE } from "./raw";
import type { ManagementConfig, StackConfig, WorkloadConfig } from "./stackConfig";

/**
 * Checks across workload stacks, and between each workload stack and the management stack, that
 * no single stack file can see:
 * - a Cloudflare zone is served by one stack only: its settings (components/zeroTrust/zoneHardening.ts)
 *   and its Cloudflare for SaaS fallback origin exist once per zone, so two stacks on one zone would
 *   each undo the other's, and a hostname routed by two stacks' tunnels is served by whichever
 *   wrote its DNS record last;
 * - a workload account is one the management stack vends (`organization.accounts`), so it sits in an
 *   OU under the guardrails, and one that Identity Center assigns to some group, so someone (at
 *   least break-glass) can sign in to it.
 * Every message names both files.
 */
export function workloadStackIssues(configs: readonly StackConfig[]): ConfigIssue[] {
  const workloads = configs.filter((c): c is WorkloadConfig => c.role === "workload");
  const management = configs.find((c): c is ManagementConfig => c.role === "management");
  return [...zoneIssues(workloads), ...(management ? accountIssues(workloads, management) : [])];
}

function zoneIssues(workloads: readonly WorkloadConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const zoneOwner = new Map<string, WorkloadConfig>();
  const zoneIdOwner = new Map<string, WorkloadConfig>();
  const hostOwner = new Map<string, { c: WorkloadConfig; path: string }>();
  for (const c of workloads) {
    const cf = c.cloudflare;
    if (!cf) continue;
    const zone = cf.zone.toLowerCase();
    const byName = zoneOwner.get(zone);
    const byId = zoneIdOwner.get(cf.zoneId);
    if (byName) {
      issues.push({ file: c.file, path: `${NAMESPACE}:cloudflare.zone`, message: `${zone} is also the zone of ${byName.file} (${NAMESPACE}:cloudflare.zone): a zone's settings and its SaaS fallback origin exist once, so two stacks would each undo the other's; give each stack a zone of its own (e.g. a delegated subdomain zone such as ${c.stack}.${zone})` });
    } else if (byId) {
      issues.push({ file: c.file, path: `${NAMESPACE}:cloudflare.zoneId`, message: `${cf.zoneId} is also the zone id of ${byId.file} (zone ${byId.cloudflare.zone}), but this file calls it ${zone}; one zone id is one zone: fix the id or the name` });
    }
    if (!byName) zoneOwner.set(zone, c);
    if (!byId) zoneIdOwner.set(cf.zoneId, c);
    const hosts: [string, string][] = [
      ...cf.ingress.map((r, i): [string | undefined, string] => [r.hostname, `cloudflare.ingress[${i}].hostname`]),
      ...cf.apps.map((a, i): [string | undefined, string] => [a.hostname, `cloudflare.apps[${i}].hostname`]),
    ].filter((h): h is [string, string] => h[0] !== undefined);
    const mine = new Set<string>();
    for (const [host, at] of hosts) {
      const h = host.toLowerCase();
      const other = hostOwner.get(h);
      if (other && other.c !== c && !mine.has(h)) {
        issues.push({ file: c.file, path: `${NAMESPACE}:${at}`, message: `"${h}" is also routed by ${other.c.file} (${NAMESPACE}:${other.path}): one public hostname can point at one tunnel; give it to one stack` });
      }
      mine.add(h);
      if (!other) hostOwner.set(h, { c, path: at });
    }
  }
  return issues;
}

function accountIssues(workloads: readonly WorkloadConfig[], m: ManagementConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const vended = m.organization.accounts.map((a) => a.name);
  const ic = m.identityCenter;
  for (const c of workloads) {
    const name = c.account.name;
    if (!vended.includes(name)) {
      issues.push({
        file: c.file,
        path: `${NAMESPACE}:account.name`,
        message: `"${name}" is not an account of ${m.file} (${NAMESPACE}:organization.accounts: ${vended.join(", ") || "none"}), so the organisation does not vend it and no OU's guardrails cover it; add { name: ${name}, email: ..., ou: ${c.account.environment === "prod" ? "Workloads/Prod" : "Workloads/NonProd"} } there, or use the name it has there`,
      });
      continue;
    }
    if (ic.enabled && !ic.assignments.some((a) => a.accounts.includes(name))) {
      issues.push({
        file: c.file,
        path: `${NAMESPACE}:account.name`,
        message: `"${name}" is in no Identity Center assignment of ${m.file} (${NAMESPACE}:identityCenter.assignments), so no one can sign in to it, not even break-glass; add it to the accounts of the platform-admin and break-glass assignments there`,
      });
    }
  }
  return issues;
}
