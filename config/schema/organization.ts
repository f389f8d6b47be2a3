import { z } from "zod";
import { ouKey, parentPath } from "../../lib/organizationPaths";
import { GUARDRAIL_KINDS, buildScp, GuardrailContext } from "../../lib/scp/guardrails";
import { orgPolicySizeProblem, SCP_SIZE_FIX, scpCountProblem } from "../../lib/scp/limits";
import { auRegionList, email, forEachRepeat, roleName, slugName, uniqueBy } from "./common";

type Issue = { path: string; message: string };

/** `Workloads/Prod`: up to 5 levels of 1–128 letters, digits, spaces and ._- (Organizations' own limits). */
export const ouPath = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}){0,4}$/, {
    message: 'must be an OU path such as "Workloads/Prod": up to 5 levels separated by /, each 1–128 letters, digits, spaces or ._- starting with a letter or digit',
  });

const ouSchema = z.strictObject({
  /** The OU's path from the root; its parent must be listed too. */
  path: ouPath,
  /** Names of `guardrails.policies` attached directly to this OU (children inherit them). Default none. */
  scps: z.array(slugName).default([]),
});

const vendedAccountSchema = z.strictObject({
  /** The account's name in the organisation; the key other config refers to it by. */
  name: slugName,
  /** The root email; unique across the organisation. */
  email,
  /** The path of the OU the account lives in. */
  ou: ouPath,
  /** The role Organizations creates in the account for the management account. Default: `account.deploymentRoleName`. */
  roleName: roleName.optional(),
  /** Whether IAM users may see billing. Default `DENY`. */
  iamUserAccessToBilling: z.enum(["ALLOW", "DENY"]).default("DENY"),
});

export const DEFAULT_OUS = [
  { path: "Security", scps: ["core-guardrails", "region-deny"] },
  { path: "Infrastructure", scps: ["core-guardrails", "region-deny"] },
  { path: "Workloads", scps: ["core-guardrails", "region-deny"] },
  { path: "Workloads/NonProd", scps: [] },
  { path: "Workloads/Prod", scps: [] },
  { path: "Sandbox", scps: ["core-guardrails", "region-deny"] },
  { path: "Suspended", scps: ["deny-all"] },
];

/** Reports each repeated value at `[i].<field>`, so the message names the exact key. */
function uniqueField<T>(field: string, key: (t: T) => string, what: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) =>
    forEachRepeat(items, key, (i, first, k) => ctx.addIssue({ code: "custom", path: [i, field], message: `duplicate ${what} "${k}" (also at [${first}]); each account needs its own` }));
}

/** `landing-zone:organization`: the OU tree and the accounts vended into it. */
export const organizationSchema = z.strictObject({
  /** The OU tree, parents before or after children. Default: Security, Infrastructure, Workloads/{NonProd,Prod}, Sandbox, Suspended. */
  organizationalUnits: z
    .array(ouSchema)
    .min(1, { message: "needs at least one OU" })
    .superRefine(uniqueBy((o) => o.path.toLowerCase(), "OU path"))
    .default(DEFAULT_OUS),
  /** The member accounts. Removing one from this list never closes it (see components/organization). */
  accounts: z
    .array(vendedAccountSchema)
    .superRefine(uniqueField("name", (a) => a.name, "account name"))
    .superRefine(uniqueField("email", (a) => a.email.toLowerCase(), "account email"))
    .default([]),
  /**
   * Keep the services the organisation already trusts (trusted access enabled outside this program,
   * say by Security Lake or by hand): `awsServiceAccessPrincipals` becomes the union of the landing
   * zone's and those the organisation reports, instead of switching them off. It reads the
   * organisation, so set it once the organisation exists (after its first deployment, or in an
   * imported one). Default false.
   */
  keepEnabledServices: z.boolean().default(false),
  /** Which vended accounts administer the organisation's security services and its log archive. */
  delegatedAdministrators: z
    .strictObject({
      /** GuardDuty, Security Hub, Config aggregator, IAM Access Analyzer. Default `security`. */
      security: slugName.default("security"),
      /** The organisation CloudTrail. Default `log-archive`. */
      logArchive: slugName.default("log-archive"),
    })
    .prefault({}),
});

const iamAction = z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, { message: 'must be an IAM action such as "bedrock:InvokeModel" (wildcards allowed)' });
const principalArnPattern = z.string().regex(/^arn:aws:(iam|sts)::(\d{12}|\*):[\w+=,.@/*-]+$/, { message: 'must be an IAM principal ARN pattern such as "arn:aws:iam::*:role/DisasterRecovery"' });

export const DEFAULT_POLICIES = {
  "region-deny": { description: "Deny regional actions outside the Australian regions in use", guardrails: ["region-deny" as const] },
  "core-guardrails": {
    description: "Stay in the organisation, no root user, security services, log archive, account baseline and platform roles protected",
    guardrails: ["deny-leave-organization" as const, "deny-root-user" as const, "protect-security-services" as const, "protect-log-archive" as const, "protect-account-baseline" as const, "protect-platform-roles" as const],
  },
  "deny-all": { description: "Suspended accounts: deny everything but break-glass", guardrails: ["deny-all" as const] },
};

/** `landing-zone:guardrails`: the SCPs of plain Organizations mode. */
export const guardrailsSchema = z.strictObject({
  /** Regions where regional actions stay allowed; Australian only, and they must include the home region. Default both. */
  allowedRegions: auRegionList,
  /** Extras for the region-deny guardrail, beyond Control Tower's global-service list. */
  regionDeny: z
    .strictObject({
      /** More global actions exempt from the region deny. Default none. */
      additionalNotActions: z.array(iamAction).default([]),
      /** More principals exempt from it (the deployment and break-glass roles always are). Default none. */
      additionalExemptPrincipalArns: z.array(principalArnPattern).default([]),
    })
    .prefault({}),
  /** The SCPs, by name: each one is the listed guardrails in one document. */
  policies: z
    .record(
      slugName,
      z.strictObject({
        /** Shown in the Organizations console. */
        description: z.string().max(512).optional(),
        /** The guardrails the policy is made of. */
        guardrails: z.array(z.enum(GUARDRAIL_KINDS, { message: `must be one of ${GUARDRAIL_KINDS.join(", ")}` })).min(1),
      }),
    )
    .default(DEFAULT_POLICIES),
});

export type OrganizationConfig = z.infer<typeof organizationSchema>;
export type GuardrailsConfig = z.infer<typeof guardrailsSchema>;

/** The guardrail builders' inputs, from config. */
export function guardrailContext(cfg: { account: { deploymentRoleName: string; breakGlassRoleName: string }; guardrails: GuardrailsConfig }): GuardrailContext {
  return {
    allowedRegions: cfg.guardrails.allowedRegions,
    deploymentRoleName: cfg.account.deploymentRoleName,
    breakGlassRoleName: cfg.account.breakGlassRoleName,
    additionalNotActions: cfg.guardrails.regionDeny.additionalNotActions,
    additionalExemptPrincipalArns: cfg.guardrails.regionDeny.additionalExemptPrincipalArns,
  };
}

/** Checks across the organisation's keys: the OU tree, account placement, SCP sizes and counts. */
export function organizationIssues(cfg: any, controlTowerEnabled: boolean): Issue[] {
  const org: OrganizationConfig = cfg.organization;
  const guardrails: GuardrailsConfig = cfg.guardrails;
  const issues: Issue[] = [];
  const paths = new Set(org.organizationalUnits.map((o) => o.path));
  const listed = [...paths].join(", ");

  const keys = new Map<string, string>();
  org.organizationalUnits.forEach((ou, i) => {
    const at = `organization.organizationalUnits[${i}]`;
    const parent = parentPath(ou.path);
    if (parent !== undefined && !paths.has(parent)) issues.push({ path: `${at}.path`, message: `"${ou.path}" is under "${parent}", which is not an OU here; add an entry with path "${parent}" (OUs: ${listed})` });
    const key = ouKey(ou.path);
    const clash = keys.get(key);
    if (clash) issues.push({ path: `${at}.path`, message: `"${ou.path}" and "${clash}" give the same resource name "${key}"; rename one of them` });
    else keys.set(key, ou.path);
    ou.scps.forEach((name, j) => {
      if (!(name in guardrails.policies)) issues.push({ path: `${at}.scps[${j}]`, message: `"${name}" is not a policy in guardrails.policies; use one of ${Object.keys(guardrails.policies).join(", ")}` });
    });
    if (new Set(ou.scps).size !== ou.scps.length) issues.push({ path: `${at}.scps`, message: "lists a policy twice; attach each policy once" });
    const tooMany = scpCountProblem(ou.scps.length);
    if (tooMany) issues.push({ path: `${at}.scps`, message: tooMany });
    const regionDeny = ou.scps.filter((name: string) => guardrails.policies[name]?.guardrails?.includes("region-deny"));
    if (controlTowerEnabled && regionDeny.length) {
      issues.push({ path: `${at}.scps`, message: `must not attach ${regionDeny.join(", ")} when controlTower.enabled is true: the region deny is Control Tower's control then (controlTower.regionDeny); keep the other guardrails (core-guardrails) beside Control Tower's controls` });
    }
  });

  org.accounts.forEach((a, i) => {
    if (!paths.has(a.ou)) issues.push({ path: `organization.accounts[${i}].ou`, message: `"${a.ou}" is not an OU; use one of ${listed}` });
    if (a.name === cfg.account.name) issues.push({ path: `organization.accounts[${i}].name`, message: `"${a.name}" is the management account itself (account.name); list only member accounts` });
  });
  const names = new Set(org.accounts.map((a) => a.name));
  for (const role of ["security", "logArchive"] as const) {
    const name = org.delegatedAdministrators[role];
    if (!names.has(name)) {
      issues.push({ path: `organization.delegatedAdministrators.${role}`, message: `"${name}" is not an account in organization.accounts; use one of ${[...names].join(", ") || "(none listed)"}` });
    }
  }

  if (!guardrails.allowedRegions.includes(cfg.account.region)) {
    issues.push({ path: "guardrails.allowedRegions", message: `must include the home region ${cfg.account.region} (account.region), or the region deny would lock the landing zone out of it` });
  }
  const ctx = guardrailContext(cfg);
  for (const [name, policy] of Object.entries(guardrails.policies)) {
    const problem = orgPolicySizeProblem("SCP", buildScp(policy.guardrails, ctx), SCP_SIZE_FIX);
    if (problem) issues.push({ path: `guardrails.policies.${name}`, message: problem });
  }
  return issues;
}
