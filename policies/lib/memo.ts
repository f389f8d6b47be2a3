import type { StackView } from "./stack";

/**
 * Facts derived from one stack's resources, worked out once per stack view. Several policies ask the
 * same question of the same resource (a bucket's default-encryption rules, whether it receives access
 * logs, its parsed policy document, a key site's key problems): the first asks, the rest read the
 * answer. Answers are kept per view, so the next stack (or the next run over the same resources,
 * which builds a new view) starts empty, and an answer lives no longer than its view.
 *
 * Under the Pulumi CLI a stack policy builds its own view per call, so answers are kept for that call.
 */
export function perStack<K extends object, V>(compute: (stack: StackView, key: K) => V): (stack: StackView, key: K) => V {
  // A plain Map per view (held weakly by the view): it goes with the view, and costs the collector
  // less than a WeakMap entry per resource.
  const byStack = new WeakMap<StackView, Map<K, V>>();
  return (stack, key) => {
    let answers = byStack.get(stack);
    if (!answers) byStack.set(stack, (answers = new Map()));
    const hit = answers.get(key);
    if (hit !== undefined || answers.has(key)) return hit as V;
    const v = compute(stack, key);
    answers.set(key, v);
    return v;
  };
}
