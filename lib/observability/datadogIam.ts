import { createHash } from "crypto";
import { PolicyDocument } from "../iam/policyDocument";

/**
 * IAM documents of the Datadog AWS integration, as plain JSON objects: the role's trust policy
 * (Datadog's account, gated by the external id) and its permission policies, built from the action
 * list the Datadog provider publishes (never `*`).
 */

/** IAM's limit on a managed policy document, in characters without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

export function datadogTrustPolicy(datadogAwsAccountId: string, externalId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DatadogAssumesWithExternalId",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${datadogAwsAccountId}:root` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
}

/** A read-only permission policy for `actions` (each `service:Action`, wildcards only in the action part). */
export function datadogPermissionPolicy(actions: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "DatadogIntegrationRead", Effect: "Allow", Action: [...actions], Resource: "*" }],
  };
}

/** Problems with the published action list: a bare `*`, a whole-service wildcard, or a malformed name. */
export function actionIssues(actions: readonly string[]): string[] {
  const issues: string[] = [];
  if (actions.length === 0) issues.push("the Datadog provider returned no IAM permissions");
  for (const a of actions) {
    if (a === "*" || /^[\w-]+:\*$/.test(a)) issues.push(`"${a}" grants a whole service; the integration role takes named actions only`);
    else if (!/^[\w-]+:[A-Za-z][\w*]*$/.test(a)) issues.push(`"${a}" is not an IAM action (service:Action)`);
  }
  return issues;
}

/**
 * Spreads `actions` over `slots` policies by a hash of each action, so that a change in the
 * published list touches only the policies whose actions changed, and the number of policies (and
 * so the resources) is fixed by config, not by the list. Sorted within each slot; duplicates dropped.
 */
export function splitActions(actions: readonly string[], slots: number): string[][] {
  if (!Number.isInteger(slots) || slots < 1) throw new Error(`slots must be a positive integer, got ${slots}`);
  const out: string[][] = Array.from({ length: slots }, () => []);
  for (const a of [...new Set(actions)].sort()) {
    const h = parseInt(createHash("sha1").update(a).digest("hex").slice(0, 8), 16);
    out[h % slots].push(a);
  }
  return out;
}

/** The size IAM counts for a policy document: its JSON without whitespace. */
export function policyChars(doc: unknown): number {
  return JSON.stringify(doc).length;
}

/**
 * The permission policy documents, one per slot, or the reasons they cannot be built (a bad action,
 * an empty slot, a document over IAM's size limit) so the caller can fail with a message that names
 * the config key to change.
 */
export function datadogPermissionPolicies(actions: readonly string[], slots: number): { documents: PolicyDocument[]; issues: string[] } {
  const issues = actionIssues(actions);
  const chunks = splitActions(actions, slots);
  const documents = chunks.map((c) => datadogPermissionPolicy(c));
  chunks.forEach((c, i) => {
    if (c.length === 0 && actions.length > 0) issues.push(`permission policy ${i + 1} of ${slots} would be empty; lower datadog.permissionPolicies`);
  });
  documents.forEach((d, i) => {
    const n = policyChars(d);
    if (n > MANAGED_POLICY_MAX_CHARS) issues.push(`permission policy ${i + 1} of ${slots} is ${n} characters, over IAM's ${MANAGED_POLICY_MAX_CHARS}; raise datadog.permissionPolicies`);
  });
  return { documents, issues };
}
