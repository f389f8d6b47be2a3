import { minifiedPolicy, PolicyDocument } from "../iam/policyDocument";

/**
 * AWS Organizations quotas that a guardrail configuration can break, checked at config time so that
 * `pulumi up` never fails half-way through attaching policies.
 */

/** The maximum size of an SCP document, in characters (Organizations quota). */
export const SCP_MAX_CHARACTERS = 5120;

/** The maximum number of SCPs attached directly to one root, OU or account (Organizations quota). */
export const SCP_MAX_PER_TARGET = 5;

/**
 * AWS attaches its managed `FullAWSAccess` SCP to every root, OU and account when SCPs are enabled,
 * and it counts towards the per-target quota. It must stay attached: SCPs only filter, so without an
 * allow everything would be denied. So each OU has room for SCP_MAX_PER_TARGET - 1 of ours.
 */
export const AWS_MANAGED_SCPS_PER_TARGET = 1;

/**
 * The size AWS measures: it counts every character of the document except whitespace outside
 * strings, which is the length of the minified JSON.
 */
export function scpSize(doc: PolicyDocument): number {
  return minifiedPolicy(doc).length;
}

/** A message when `doc` is over the size quota, else undefined. */
export function scpSizeProblem(doc: PolicyDocument): string | undefined {
  const size = scpSize(doc);
  if (size <= SCP_MAX_CHARACTERS) return undefined;
  return `the policy is ${size} characters minified, over the ${SCP_MAX_CHARACTERS}-character SCP quota by ${size - SCP_MAX_CHARACTERS}; split its guardrails into two policies or shorten its lists`;
}

/** A message when `attached` of our SCPs plus FullAWSAccess exceed the per-target quota, else undefined. */
export function scpCountProblem(attached: number): string | undefined {
  const total = attached + AWS_MANAGED_SCPS_PER_TARGET;
  if (total <= SCP_MAX_PER_TARGET) return undefined;
  return `attaches ${attached} SCPs, which with the AWS-managed FullAWSAccess (always attached, and counted) makes ${total}, over the quota of ${SCP_MAX_PER_TARGET} per target; attach at most ${SCP_MAX_PER_TARGET - AWS_MANAGED_SCPS_PER_TARGET}, by combining guardrails into fewer policies or attaching some to the parent OU (inherited SCPs do not count)`;
}
