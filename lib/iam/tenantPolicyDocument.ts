/** The IAM policy grammar the tenant documents use: plain JSON, `JSON.stringify`'d into resources. */

export type Principal = "*" | { readonly AWS: string | readonly string[] } | { readonly Service: string | readonly string[] };

export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  /** Exactly one of Action and NotAction. */
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  /** Absent in a role's trust policy, which IAM rejects with a Resource element. */
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

export function policyDocument(statements: readonly Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** A principal list with duplicates removed, in a stable order (two roles may be the same role). */
export function principals(arns: readonly string[]): string[] {
  return [...new Set(arns)].sort();
}
