import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { LzResourcePolicy, LzStackPolicy, resourcePolicy, ResourcePolicySpec, stackPolicy, StackPolicySpec } from "../lib/policy";
import { Props } from "../lib/values";

/**
 * Preflight rules are not compliance: each one is a documented AWS constraint that the mock engine
 * cannot enforce (it accepts anything well-typed), so a plan that breaks one fails at `pulumi up`,
 * often half-way through. Every finding ends by naming the constraint and where AWS documents it,
 * so the reader can check the rule against its source.
 */
export interface AwsConstraint {
  /** What AWS enforces, in one sentence, as its documentation states it. */
  readonly rule: string;
  /** Where it is documented: the guide page or the API reference action. */
  readonly source: string;
}

const constraints = new WeakMap<object, AwsConstraint>();

/** The AWS constraint a preflight rule enforces (for tests and docs). */
export function constraintOf(policy: ResourceValidationPolicy | StackValidationPolicy): AwsConstraint | undefined {
  return constraints.get(policy);
}

/** A finding's message: the specifics, then the constraint. */
export function citing(c: AwsConstraint, specifics: string): string {
  return `${specifics.replace(/\.?$/, ".")} AWS constraint: ${c.rule} (${c.source})`;
}

/** A resource rule whose every finding names its AWS constraint. */
export function preflightResource<P = Props, C = object>(spec: ResourcePolicySpec<P, C> & { readonly constraint: AwsConstraint }): LzResourcePolicy {
  const policy = resourcePolicy<P, C>({
    ...spec,
    validate: (props, ctx, report) => spec.validate(props, ctx, (m) => report(citing(spec.constraint, m))),
  });
  constraints.set(policy, spec.constraint);
  return policy;
}

/** A stack rule whose every finding names its AWS constraint. */
export function preflightStack<C = object>(spec: StackPolicySpec<C> & { readonly constraint: AwsConstraint }): LzStackPolicy {
  const policy = stackPolicy<C>({
    ...spec,
    validate: (stack, ctx, report) => spec.validate(stack, ctx, (urn, m) => report(urn, citing(spec.constraint, m))),
  });
  constraints.set(policy, spec.constraint);
  return policy;
}
