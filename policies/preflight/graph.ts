import { StackView, ViewResource } from "../lib/stack";

/**
 * Ordering as the engine sees it: a resource waits for what it depends on (dependsOn and inputs
 * from other resources), transitively. Resources of a component that the component's dependsOn
 * names are expanded by the SDK into their custom children, so following URNs is enough.
 */
export function waitsFor(stack: StackView, from: ViewResource, targets: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const queue: string[] = [from.urn];
  while (queue.length) {
    const urn = queue.pop()!;
    if (seen.has(urn)) continue;
    seen.add(urn);
    const r = stack.byUrn(urn);
    if (!r) continue;
    const next = [...(r.dependencies ?? []), ...Object.values(r.propertyDependencies).flat()];
    for (const n of next) {
      if (targets.has(n)) return true;
      if (!seen.has(n)) queue.push(n);
    }
  }
  return false;
}

/** The outputs of every StackReference in the stack (what the referenced stacks export). */
export function referencedOutputs(stack: StackView): { stack: string; outputs: Readonly<Record<string, unknown>> }[] {
  return stack.ofType("pulumi:pulumi:StackReference").map((r) => ({
    stack: typeof r.props.name === "string" ? r.props.name : r.name,
    outputs: r.props.outputs !== null && typeof r.props.outputs === "object" ? (r.props.outputs as Record<string, unknown>) : {},
  }));
}
