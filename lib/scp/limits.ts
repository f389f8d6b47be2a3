import { minifiedPolicy, PolicyDocument } from "../iam/policyDocument";

/**
 * AWS Organizations quotas that a guardrail configuration can break, checked at config time so that
 * `pulumi up` never fails half-way through attaching policies.
 */

/**
 * The maximum size of an SCP and of an RCP document, in characters (Organizations quota: the same
 * 5,120 for both authorization policy types).
 */
export const SCP_MAX_CHARACTERS = 5120;
export const RCP_MAX_CHARACTERS = 5120;

/** The authorization policy types whose documents this program writes. */
export type AuthorizationPolicyKind = "SCP" | "RCP";

const MAX_CHARACTERS: Readonly<Record<AuthorizationPolicyKind, number>> = { SCP: SCP_MAX_CHARACTERS, RCP: RCP_MAX_CHARACTERS };

/** The maximum number of SCPs attached directly to one root, OU or account (Organizations quota). */
export const SCP_MAX_PER_TARGET = 5;

/**
 * AWS attaches its managed `FullAWSAccess` SCP to every root, OU and account when SCPs are enabled
 * (AWS Organizations User Guide, SCP evaluation), and every target must keep at least one SCP
 * (API Reference, DetachPolicy). The quota is on the SCPs attached to a target, so FullAWSAccess
 * takes one of the five: SCPs only filter, and without an allow everything would be denied. So each
 * OU has room for SCP_MAX_PER_TARGET - 1 of ours. (RCPs alike: RCPFullAWSAccess is attached to every
 * target and cannot be detached; the preflight rule organization-policies-per-target counts both.)
 */
export const AWS_MANAGED_SCPS_PER_TARGET = 1;

/**
 * The size AWS measures: it counts every character of the document except whitespace outside
 * strings, which is the length of the minified JSON. The same for SCPs and RCPs.
 */
export function orgPolicySize(doc: PolicyDocument): number {
  return minifiedPolicy(doc).length;
}

/** How to shrink a guardrail SCP that is over the quota. */
export const SCP_SIZE_FIX = "split its guardrails into two policies or shorten its lists";

/**
 * A message when `doc`, an SCP or an RCP, is over its type's size quota, else undefined. `fix` says
 * how to shrink this document (what its size depends on).
 */
export function orgPolicySizeProblem(kind: AuthorizationPolicyKind, doc: PolicyDocument, fix: string): string | undefined {
  const size = orgPolicySize(doc);
  const max = MAX_CHARACTERS[kind];
  if (size <= max) return undefined;
  return `the ${kind} is ${size} characters minified, over the ${max}-character ${kind} quota by ${size - max}; ${fix}`;
}

/** A message when `attached` of our SCPs plus FullAWSAccess exceed the per-target quota, else undefined. */
export function scpCountProblem(attached: number): string | undefined {
  const total = attached + AWS_MANAGED_SCPS_PER_TARGET;
  if (total <= SCP_MAX_PER_TARGET) return undefined;
  return `attaches ${attached} SCPs, which with the AWS-managed FullAWSAccess (always attached, and counted) makes ${total}, over the quota of ${SCP_MAX_PER_TARGET} per target; attach at most ${SCP_MAX_PER_TARGET - AWS_MANAGED_SCPS_PER_TARGET}, by combining guardrails into fewer policies or attaching some to the parent OU (inherited SCPs do not count)`;
}
