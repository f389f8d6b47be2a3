import { PlanResult } from "../../lib/plan";
import { sarifDocument } from "../check/sarif";
import { loadPolicyConfig } from "../policy/config";
import { allPacks } from "../policy/packs";

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  locations?: { physicalLocation?: { artifactLocation?: { uri: string; index?: number } } }[];
  [k: string]: unknown;
}
interface SarifRun {
  tool: { driver: { rules: { id: string }[]; [k: string]: unknown } };
  artifacts?: unknown[];
  results: SarifResult[];
  properties?: Record<string, unknown>;
  [k: string]: unknown;
}
interface SarifLog {
  runs: SarifRun[];
  [k: string]: unknown;
}

/**
 * SARIF 2.1.0 for the plans' findings, for GitHub code scanning. Built with `lz check`'s SARIF
 * builder (same rules, levels, waiver suppressions), one stack at a time, and merged into ONE run:
 * code scanning wants one run per tool and category. Each finding is located at its stack file
 * (`Pulumi.<stack>.yaml`), which is in the repository, with the URN as the logical location.
 */
export function planToSarif(results: readonly PlanResult[], policyConfigFile?: string): object {
  const packs = allPacks();
  const config = loadPolicyConfig(policyConfigFile, packs);
  const docs = results.map((plan) => {
    const file = `Pulumi.${plan.stack}.yaml`;
    const exp = { version: 3, stack: plan.stack, project: "landing-zone", resources: plan.resources };
    const run = { violations: plan.violations, checks: 0, waivers: [] };
    return sarifDocument(file, exp, run, packs, config) as SarifLog;
  });
  const first = docs[0] ?? (sarifDocument("Pulumi.yaml", { version: 3, stack: "(none)", project: "landing-zone", resources: [] }, { violations: [], checks: 0, waivers: [] }, packs, config) as SarifLog);
  const base = first.runs[0];
  const rules = [...base.tool.driver.rules];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts: unknown[] = [];
  const merged: SarifResult[] = [];
  docs.forEach((doc, i) => {
    const run = doc.runs[0];
    const offset = artifacts.length;
    const stack = results[i].stack;
    artifacts.push(...(run.artifacts ?? []).map(() => ({ location: { uri: `Pulumi.${stack}.yaml` }, description: { text: `the stack file of ${stack}, planned offline by lz plan` } })));
    for (const rule of run.tool.driver.rules) {
      if (!ruleIndex.has(rule.id)) {
        ruleIndex.set(rule.id, rules.length);
        rules.push(rule);
      }
    }
    for (const r of run.results) {
      merged.push({
        ...r,
        ruleIndex: ruleIndex.get(r.ruleId),
        locations: r.locations?.map((l) => ({
          ...l,
          physicalLocation: l.physicalLocation?.artifactLocation ? { ...l.physicalLocation, artifactLocation: { ...l.physicalLocation.artifactLocation, index: offset + (l.physicalLocation.artifactLocation.index ?? 0) } } : l.physicalLocation,
        })),
      });
    }
  });
  return {
    ...first,
    runs: [
      {
        ...base,
        tool: { ...base.tool, driver: { ...base.tool.driver, name: "lz plan", fullName: "landing-zone policy packs (lz plan, offline)", rules } },
        artifacts,
        results: merged,
        properties: { stacks: results.map((r) => r.stack), resources: results.reduce((n, r) => n + r.resources.length, 0) },
      },
    ],
  };
}
