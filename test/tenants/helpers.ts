import type { StackPlan } from "../../cli/engine/planner";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { TempProject } from "../helpers/plan";

/**
 * Plans of edited temporary projects that differ only in tenant files: the stacks a workload stack
 * references (network, log-archive) are planned once and shared, so each edit costs one stack plan.
 */
const shared = new Map<string, StackPlan>();

export async function planTemp(stack: string, edit: (p: TempProject) => void): Promise<PlanResult> {
  const { planStack } = await import("../../cli/engine/planner");
  const p = new TempProject();
  try {
    edit(p);
    const cache = new Map([...shared].filter(([s]) => s !== stack));
    const plan = await planStack(stack, { root: p.root, cache });
    for (const [s, v] of cache) if (s !== stack && !shared.has(s)) shared.set(s, v);
    return plan.result;
  } finally {
    p.cleanup();
  }
}

/** A tenant's resources in a plan: its component and everything under it. */
export function tenantResources(plan: PlanResult, slug: string): PlanResource[] {
  const root = plan.resources.find((r) => r.type === "landing-zone:tenant:Tenant" && r.name === `tenant-${slug}`);
  if (!root) return [];
  const parentOf = new Map(plan.resources.map((r) => [r.urn, r.parent]));
  const under = (r: PlanResource) => {
    for (let p: string | null | undefined = r.urn; p; p = parentOf.get(p)) if (p === root.urn) return true;
    return false;
  };
  return plan.resources.filter(under);
}

export function byName(resources: readonly PlanResource[]): Map<string, PlanResource> {
  return new Map(resources.map((r) => [`${r.type}::${r.name}`, r]));
}

/** The tenant file of the sample's dev tenant, with changes. */
export function demoTenant(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: "demo",
    displayName: "Demo Tenant",
    stack: "dev",
    hostname: "demo.example.net",
    oktaGroups: ["platform-engineers", "sales-demo"],
    dataClassification: "internal",
    retentionDays: 90,
    contacts: [{ name: "Platform engineering", email: "platform@example.net", role: "technical" }],
    status: "active",
    ...changes,
  };
}
