import { PolicyConditions, PolicyDocument, policyDocument } from "./policyDocument";

/** A role trust policy letting one AWS service assume the role, optionally only for one account. */
export function serviceTrustPolicy(service: string, sourceAccountId?: string): PolicyDocument {
  const condition: PolicyConditions | undefined = sourceAccountId ? { StringEquals: { "aws:SourceAccount": sourceAccountId } } : undefined;
  return policyDocument([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }]);
}

/**
 * The break-glass role's trust: principals of the management account only, with MFA, never a
 * principal of the member account itself (whose administrators the guardrails constrain).
 */
export function breakGlassTrustPolicy(managementAccountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "ManagementAccountWithMfa",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    },
  ]);
}
