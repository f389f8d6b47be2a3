import { PolicyConditions, PolicyDocument, policyDocument } from "./policyDocument";

/** A role trust policy letting one AWS service assume the role, optionally only for one account. */
export function serviceTrustPolicy(service: string, sourceAccountId?: string): PolicyDocument {
  const condition: PolicyConditions | undefined = sourceAccountId ? { StringEquals: { "aws:SourceAccount": sourceAccountId } } : undefined;
  return policyDocument([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }]);
}
