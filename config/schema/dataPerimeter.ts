import { z } from "zod";
import { identityPerimeterRcp, LONGEST_ORGANIZATION_ID, PERIMETER_SCP_SIZE_FIX, RCP_SIZE_FIX, resourcePerimeterScp } from "../../lib/scp/dataPerimeter";
import { orgPolicySizeProblem, scpCountProblem } from "../../lib/scp/limits";
import { DATADOG_SITES, DatadogSiteName } from "../../lib/observability/datadogSites";
import { accountId } from "./common";
import { ouPath } from "./organization";

/**
 * `landing-zone:dataPerimeter` of the management role (issue #14): the RCP and the SCP of the data
 * perimeter (lib/scp/dataPerimeter.ts), attached to the workload OUs. Merged into the management
 * role by config/schema/management.ts.
 */
export const dataPerimeterSchema = z.strictObject({
  /** Attach the perimeter's RCP and SCP. Default true. Ignored with Control Tower on, whose own RCP controls do this. */
  enabled: z.boolean().default(true),
  /** The OUs they are attached to (children inherit them). Default `[Workloads]`. */
  ous: z.array(ouPath).min(1, { message: "needs at least one OU" }).default(["Workloads"]),
  /** Accounts outside the organisation that may assume roles in those OUs' accounts (never read data): e.g. Datadog's integration account. Default none. */
  trustedAccounts: z
    .array(z.strictObject({ accountId, reason: z.string().min(1, { message: "must say why this account is trusted" }).max(200) }))
    .default([]),
});
export type DataPerimeterConfig = z.infer<typeof dataPerimeterSchema>;

/** The perimeter's policies as config fixes them, the RCP measured with the longest possible organisation id. */
export function dataPerimeterDocuments(cfg: { dataPerimeter: DataPerimeterConfig; guardrails: { allowedRegions: readonly string[] } }, organizationId = LONGEST_ORGANIZATION_ID) {
  return {
    rcp: identityPerimeterRcp({ organizationId, regions: cfg.guardrails.allowedRegions, trustedAccounts: cfg.dataPerimeter.trustedAccounts }),
    scp: resourcePerimeterScp({ regions: cfg.guardrails.allowedRegions }),
  };
}

export function dataPerimeterIssues(cfg: any): { path: string; message: string }[] {
  const dp: DataPerimeterConfig = cfg.dataPerimeter;
  if (!dp.enabled) return [];
  const issues: { path: string; message: string }[] = [];
  // Control Tower mode governs OUs with its own controls (its RCP controls CT.S3.PV.4, CT.KMS.PV.7...): the management stack attaches no perimeter then.
  if (cfg.controlTower?.enabled) return issues;
  const ous: { path: string; scps: string[] }[] = cfg.organization.organizationalUnits;
  dp.ous.forEach((path, i) => {
    const ou = ous.find((o) => o.path === path);
    if (!ou) return void issues.push({ path: `dataPerimeter.ous[${i}]`, message: `"${path}" is not an OU in organization.organizationalUnits; use one of ${ous.map((o) => o.path).join(", ")}` });
    // Its guardrail SCPs, plus the perimeter's SCP.
    const tooMany = scpCountProblem(ou.scps.length + 1);
    if (tooMany) issues.push({ path: `dataPerimeter.ous[${i}]`, message: `with the data perimeter's SCP, OU "${path}" ${tooMany}` });
  });
  if (new Set(dp.ous).size !== dp.ous.length) issues.push({ path: "dataPerimeter.ous", message: "lists an OU twice; attach the perimeter once per OU" });
  const docs = dataPerimeterDocuments(cfg);
  const rcp = orgPolicySizeProblem("RCP", docs.rcp, RCP_SIZE_FIX);
  if (rcp) issues.push({ path: "dataPerimeter.trustedAccounts", message: rcp });
  const scp = orgPolicySizeProblem("SCP", docs.scp, PERIMETER_SCP_SIZE_FIX);
  if (scp) issues.push({ path: "guardrails.allowedRegions", message: scp });
  return issues;
}

/**
 * Across stacks: a workload account under the perimeter's OUs whose Datadog integration role is
 * assumed from Datadog's AWS account needs that account among `trustedAccounts`, or the RCP would
 * refuse Datadog's `sts:AssumeRole` and the integration would go dark.
 */
export function dataPerimeterCrossStackIssues(configs: readonly any[]): { file: string; path: string; message: string }[] {
  const issues: { file: string; path: string; message: string }[] = [];
  for (const m of configs.filter((c) => c.role === "management" && c.dataPerimeter?.enabled && !c.controlTower?.enabled)) {
    const dp: DataPerimeterConfig = m.dataPerimeter;
    const trusted = new Set(dp.trustedAccounts.map((a) => a.accountId));
    const ouOf = new Map<string, string>(m.organization.accounts.map((a: { name: string; ou: string }) => [a.name, a.ou]));
    const underPerimeter = (ou: string | undefined) => ou !== undefined && dp.ous.some((p) => ou === p || ou.startsWith(`${p}/`));
    for (const w of configs.filter((c) => c.role === "workload" && c.datadog?.site)) {
      if (!underPerimeter(ouOf.get(w.account.name))) continue;
      const site = DATADOG_SITES[w.datadog.site as DatadogSiteName];
      if (!site || trusted.has(site.awsAccountId)) continue;
      issues.push({
        file: m.file,
        path: "landing-zone:dataPerimeter.trustedAccounts",
        message: `lacks ${site.awsAccountId}, the account Datadog (${w.datadog.site}, ${w.file}) assumes ${w.account.name}'s integration role from; the RCP would refuse it. Add { accountId: "${site.awsAccountId}", reason: Datadog ${w.datadog.site} integration }`,
      });
    }
  }
  return issues;
}
