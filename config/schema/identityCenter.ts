import { z } from "zod";
import { stableKey } from "../../lib/organizationPaths";
import { slugName } from "./common";

type Issue = { path: string; message: string };

const permissionSetName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, { message: "must be 1–32 lower-case letters, digits and hyphens, starting with a letter (it is the permission set's name)" });

/** ISO 8601 durations of 1 to 12 hours, as Identity Center takes them: `PT1H`, `PT8H`, `PT1H30M`. */
const sessionDuration = z
  .string()
  .regex(/^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$/, { message: 'must be an ISO 8601 duration such as "PT1H" or "PT1H30M"' })
  .refine(
    (v) => {
      const m = /^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$/.exec(v);
      const minutes = Number(m?.[1] ?? 0) * 60 + Number(m?.[2] ?? 0);
      return minutes >= 60 && minutes <= 720;
    },
    { message: "must be between PT1H and PT12H (Identity Center's limits)" },
  );

const managedPolicyArn = z.string().regex(/^arn:aws:iam::aws:policy\/[\w+=,.@/-]+$/, { message: 'must be an AWS managed policy ARN such as "arn:aws:iam::aws:policy/ReadOnlyAccess"' });

/** An IAM policy document written as YAML: `Version` and a non-empty `Statement` list. */
const inlinePolicy = z
  .strictObject({
    Version: z.literal("2012-10-17", { message: 'must be "2012-10-17"' }),
    Statement: z.array(z.record(z.string(), z.unknown())).min(1, { message: "needs at least one statement" }),
  })
  .refine((p) => JSON.stringify(p).length <= 32768, { message: "is over Identity Center's 32,768-character inline policy limit" });

const permissionSetSchema = z.strictObject({
  /** Shown to users in the access portal. */
  description: z.string().max(700).optional(),
  /** How long a session lasts. Default `PT1H`. */
  sessionDuration: sessionDuration.default("PT1H"),
  /** AWS managed policies attached. Default none. */
  managedPolicies: z.array(managedPolicyArn).default([]),
  /** An inline policy. Default none. */
  inlinePolicy: inlinePolicy.optional(),
});

const assignmentSchema = z.strictObject({
  /** The group's display name in Identity Center, as Okta pushes it over SCIM. */
  group: z.string().min(1).max(1024),
  /** A key of identityCenter.permissionSets. */
  permissionSet: permissionSetName,
  /** Account names: vended accounts (organization.accounts) or this management account (account.name). */
  accounts: z.array(slugName).min(1, { message: "names no account" }),
});

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const DEFAULT_PERMISSION_SETS = {
  administrator: { description: "Full administration", sessionDuration: "PT1H", managedPolicies: [ADMIN] },
  "power-user": { description: "Everything but IAM and Organizations", sessionDuration: "PT4H", managedPolicies: ["arn:aws:iam::aws:policy/PowerUserAccess"] },
  "read-only": { description: "Read everything", sessionDuration: "PT8H", managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
  billing: { description: "Billing and cost management", sessionDuration: "PT4H", managedPolicies: ["arn:aws:iam::aws:policy/job-function/Billing"] },
  "break-glass": { description: "Emergency access; every use is reviewed", sessionDuration: "PT1H", managedPolicies: [ADMIN] },
};

/**
 * `landing-zone:identityCenter`: permission sets and their assignments to the groups Okta
 * synchronises into IAM Identity Center (Okta is the identity source; SCIM provisioning is set up
 * once in the console and is not managed here).
 */
export const identityCenterSchema = z.strictObject({
  /** Manage permission sets and assignments. Default true. */
  enabled: z.boolean().default(true),
  /** Permission sets by name. Default: administrator, power-user, read-only, billing, break-glass. */
  permissionSets: z.record(permissionSetName, permissionSetSchema).default(DEFAULT_PERMISSION_SETS),
  /** Which group gets which permission set in which accounts. Default none. */
  assignments: z.array(assignmentSchema).default([]),
});

export type IdentityCenterConfig = z.infer<typeof identityCenterSchema>;

export function identityCenterIssues(cfg: any): Issue[] {
  const ic: IdentityCenterConfig = cfg.identityCenter;
  const issues: Issue[] = [];
  for (const [name, ps] of Object.entries(ic.permissionSets)) {
    if (ps.managedPolicies.length === 0 && !ps.inlinePolicy) {
      issues.push({ path: `identityCenter.permissionSets.${name}`, message: "grants nothing; give it managedPolicies or an inlinePolicy" });
    }
  }
  const accounts = new Set<string>([cfg.account.name, ...cfg.organization.accounts.map((a: { name: string }) => a.name)]);
  const seen = new Set<string>();
  const groupKeys = new Map<string, string>();
  ic.assignments.forEach((a, i) => {
    const key = stableKey(a.group);
    const other = groupKeys.get(key);
    if (other !== undefined && other !== a.group) issues.push({ path: `identityCenter.assignments[${i}].group`, message: `"${a.group}" and "${other}" give the same resource name "${key}"; Identity Center group names must differ by more than case and punctuation here` });
    else groupKeys.set(key, a.group);
    if (!(a.permissionSet in ic.permissionSets)) {
      issues.push({ path: `identityCenter.assignments[${i}].permissionSet`, message: `"${a.permissionSet}" is not in identityCenter.permissionSets; use one of ${Object.keys(ic.permissionSets).join(", ")}` });
    }
    a.accounts.forEach((name, j) => {
      if (!accounts.has(name)) issues.push({ path: `identityCenter.assignments[${i}].accounts[${j}]`, message: `"${name}" is not an account; use one of ${[...accounts].join(", ")}` });
      const key = `${a.group.toLowerCase()}|${a.permissionSet}|${name}`;
      if (seen.has(key)) issues.push({ path: `identityCenter.assignments[${i}].accounts[${j}]`, message: `group "${a.group}" already has ${a.permissionSet} in ${name}` });
      seen.add(key);
    });
  });
  return issues;
}
