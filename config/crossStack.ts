import { formatCidr, mustParseCidr, overlaps } from "../lib/cidr";
import { cellIssues, sharesAccount } from "./cells";
import { ConfigIssue } from "./errors";
import { networkViewIssues } from "./networkView";
import { baselineCrossStackIssues } from "./schema/baseline";
import { dataPerimeterCrossStackIssues } from "./schema/dataPerimeter";
import { NAMESPACE } from "./raw";
import { RefRole } from "./schema/base";
import { ROLE_SPECS, StackConfig } from "./stackConfig";
import { workloadStackIssues } from "./workloadStacks";

const REF_ROLE: Record<RefRole, string> = {
  management: "management",
  logArchive: "log-archive",
  security: "security",
  network: "network",
  workload: "workload",
};

/**
 * Checks that only hold across stack files: no CIDR overlaps anywhere, one stack per account,
 * references that point at a stack of the right role, no cycles between stacks, and each workload
 * stack with a zone of its own and an account the management stack vends and assigns
 * (config/workloadStacks.ts).
 */
export function crossStackIssues(configs: readonly StackConfig[], allStacks: ReadonlySet<string> = new Set(configs.map((c) => c.stack))): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byStack = new Map(configs.map((c) => [c.stack, c]));

  const claims = configs.flatMap((c) => (ROLE_SPECS[c.role].spec.cidrs?.(c) ?? []).map((claim) => ({ c, claim, cidr: mustParseCidr(claim.cidr) })));
  for (let i = 0; i < claims.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = claims[i];
      const b = claims[j];
      if (!overlaps(a.cidr, b.cidr)) continue;
      const other = a.c.stack === b.c.stack ? `${NAMESPACE}:${b.claim.path}` : `${b.c.file} ${NAMESPACE}:${b.claim.path}`;
      issues.push({
        file: a.c.file,
        path: `${NAMESPACE}:${a.claim.path}`,
        message: `${formatCidr(a.cidr)} overlaps ${formatCidr(b.cidr)} in ${other}; give each VPC a CIDR of its own so the Transit Gateway can route between them`,
      });
    }
  }

  const seenAccount = new Map<string, StackConfig>();
  const seenName = new Map<string, StackConfig>();
  for (const c of configs) {
    if (sharesAccount(c)) continue;
    const a = seenAccount.get(c.account.id);
    if (a) issues.push({ file: c.file, path: `${NAMESPACE}:account.id`, message: `"${c.account.id}" is also the account of ${a.file}; each stack is one AWS account` });
    else seenAccount.set(c.account.id, c);
    const n = seenName.get(c.account.name);
    if (n) issues.push({ file: c.file, path: `${NAMESPACE}:account.name`, message: `"${c.account.name}" is also the account name in ${n.file}; account names must be unique` });
    else seenName.set(c.account.name, c);
  }

  for (const c of configs) {
    for (const [refRole, target] of Object.entries(c.refStacks) as [RefRole, string][]) {
      const t = byStack.get(target);
      const where = `${NAMESPACE}:refs.${refRole}`;
      if (!t && allStacks.has(target)) continue; // that file has problems of its own, reported already
      if (!t) issues.push({ file: c.file, path: where, message: `names stack "${target}", but there is no Pulumi.${target}.yaml; set it to the ${REF_ROLE[refRole]} stack (one of: ${[...allStacks].join(", ")})` });
      else if (t.role !== REF_ROLE[refRole]) issues.push({ file: c.file, path: where, message: `names stack "${target}", whose role is ${t.role}, not ${REF_ROLE[refRole]}` });
      // The reference is <this stack's pulumiOrg>/landing-zone/<target>: it finds the target only where the target lives.
      else if (t.pulumiOrg !== c.pulumiOrg || t.backend !== c.backend) {
        issues.push({ file: c.file, path: `${NAMESPACE}:pulumiOrg`, message: `is "${c.pulumiOrg}" (backend ${c.backend}), but the ${REF_ROLE[refRole]} stack it reads (${t.file}) is in "${t.pulumiOrg}" (backend ${t.backend}); the reference ${c.pulumiOrg}/landing-zone/${target} would not find it. Use one organisation and backend for every stack` });
      }
    }
  }
  issues.push(...cellIssues(configs));
  issues.push(...networkViewIssues(configs));
  // A cell applies no account baseline (config/cells.ts): its workload stack's covers the account.
  issues.push(...baselineCrossStackIssues(configs.filter((c) => !sharesAccount(c))));
  issues.push(...dataPerimeterCrossStackIssues(configs));
  issues.push(...allowedRegionIssues(configs));
  issues.push(...workloadStackIssues(configs));
  if (issues.length === 0) {
    const cycle = findCycle(configs);
    if (cycle) issues.push({ file: `Pulumi.${cycle[0]}.yaml`, path: `${NAMESPACE}:refs`, message: `stack references form a cycle: ${cycle.join(" -> ")}; one of them must not read the other` });
  }
  return issues;
}

/**
 * Every region a stack works in must be one the management stack allows
 * (`guardrails.allowedRegions`): the region deny refuses the others, in both Organizations and Control
 * Tower mode, and the security services' delegated administration covers only those.
 */
function allowedRegionIssues(configs: readonly StackConfig[]): ConfigIssue[] {
  const management = configs.find((c) => c.role === "management");
  if (!management || management.role !== "management") return [];
  const allowed: readonly string[] = management.guardrails.allowedRegions;
  const issues: ConfigIssue[] = [];
  for (const c of configs) {
    if (c === management) continue;
    const uses: [string, readonly string[]][] = [
      ["account.region", [c.account.region]],
      ["baseline.regions", c.baseline.regions],
    ];
    if (c.role === "security") uses.push(["security.regions", c.security.regions]);
    for (const [key, regions] of uses) {
      const outside = regions.filter((r) => !allowed.includes(r));
      if (outside.length === 0) continue;
      issues.push({
        file: c.file,
        path: `${NAMESPACE}:${key}`,
        message: `${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} not in ${management.file} ${NAMESPACE}:guardrails.allowedRegions (${allowed.join(", ")}), so the region deny would refuse ${outside.length === 1 ? "it" : "them"}; add ${outside.length === 1 ? "it" : "them"} there or remove ${outside.length === 1 ? "it" : "them"} here`,
      });
    }
  }
  return issues;
}

/** The stacks `c` reads outputs from, in a stable order. */
export function dependenciesOf(c: StackConfig): string[] {
  return [...new Set(Object.values(c.refStacks).filter((s): s is string => !!s))].sort();
}

function findCycle(configs: readonly StackConfig[]): string[] | undefined {
  const deps = new Map(configs.map((c) => [c.stack, dependenciesOf(c)]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (s: string): string[] | undefined => {
    if (state.get(s) === "done") return undefined;
    if (state.get(s) === "visiting") return [...stack.slice(stack.indexOf(s)), s];
    state.set(s, "visiting");
    stack.push(s);
    for (const d of deps.get(s) ?? []) {
      const found = visit(d);
      if (found) return found;
    }
    stack.pop();
    state.set(s, "done");
    return undefined;
  };
  for (const c of configs) {
    const found = visit(c.stack);
    if (found) return found;
  }
  return undefined;
}

/** Orders stacks so that each comes after the stacks it references (ties broken by role, then name). */
export function dependencyOrder(configs: readonly StackConfig[]): string[] {
  const rank: Record<string, number> = { management: 0, "log-archive": 1, security: 2, network: 3, workload: 4, "tenant-cell": 5 };
  const sorted = [...configs].sort((a, b) => rank[a.role] - rank[b.role] || a.stack.localeCompare(b.stack));
  const deps = new Map(configs.map((c) => [c.stack, dependenciesOf(c)]));
  const out: string[] = [];
  const placed = new Set<string>();
  const place = (s: string) => {
    if (placed.has(s) || !deps.has(s)) return;
    placed.add(s);
    for (const d of deps.get(s) ?? []) place(d);
    out.push(s);
  };
  for (const c of sorted) place(c.stack);
  return out;
}
