/**
 * The shape of an IAM policy document (identity, resource, key, trust and service control policies)
 * as plain data. Builders in lib/iam and lib/scp return these; components `JSON.stringify` them into
 * resources, so what a test evaluates is exactly what AWS receives.
 */

export type OneOrMore<T> = T | T[];

export type PolicyPrincipal = "*" | { readonly AWS?: OneOrMore<string>; readonly Service?: OneOrMore<string>; readonly Federated?: OneOrMore<string> };

/** `{ Operator: { key: value(s) } }`: every operator, and every key within it, must match. */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, OneOrMore<string>>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: PolicyPrincipal;
  readonly Action?: OneOrMore<string>;
  readonly NotAction?: OneOrMore<string>;
  readonly Resource?: OneOrMore<string>;
  readonly NotResource?: OneOrMore<string>;
  readonly Condition?: PolicyConditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const sids = new Set<string>();
  for (const s of statements) {
    if (!s.Sid) continue;
    if (sids.has(s.Sid)) throw new Error(`policy statement Sid "${s.Sid}" appears twice; Sids must be unique within a policy`);
    sids.add(s.Sid);
  }
  return { Version: "2012-10-17", Statement: [...statements] };
}

/** The policy as AWS stores it and measures it: JSON without insignificant whitespace. */
export function minifiedPolicy(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** Account root principal ARN: `arn:aws:iam::<account>:root` (the account, not the root user). */
export function accountRoot(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** The ARN pattern that matches a role of this name in any account, for `aws:PrincipalArn` conditions. */
export function anyAccountRole(roleName: string): string {
  return `arn:aws:iam::*:role/${roleName}`;
}
