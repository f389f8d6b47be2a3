import { Violation } from "../../lib/plan";
import type { PackDefinition } from "../../policies/lib/policy";
import { enforcementOf, PolicyConfigFile } from "../policy/config";
import { PolicyRunResult } from "../policy/runner";
import { StackExport } from "./export";

/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per policy (id `<pack>/<policy>`, the description, the
 * fix as help, the configured enforcement as default level) and one result per violation, located
 * at the export file with the resource URN as a logical location. Waived findings carry an accepted
 * external suppression.
 */

type Level = "error" | "warning" | "none";

function levelOf(enforcement: string): Level {
  return enforcement === "mandatory" || enforcement === "remediate" ? "error" : enforcement === "advisory" ? "warning" : "none";
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: Level; enabled: boolean };
  properties: { pack: string; kind: string; tags: string[] };
}

export function sarifDocument(file: string, exp: StackExport, result: PolicyRunResult, packs: readonly PackDefinition[], config: PolicyConfigFile): object {
  const rules: Rule[] = [];
  const index = new Map<string, number>();
  for (const pack of packs) {
    for (const p of pack.policies) {
      const level = enforcementOf(config, pack, p);
      index.set(`${pack.name}/${p.name}`, rules.length);
      rules.push({
        id: `${pack.name}/${p.name}`,
        name: pascal(p.name),
        shortDescription: { text: p.description },
        fullDescription: { text: `${p.description} (${pack.name} pack, ${p.lz.kind} policy, ${level} by default)` },
        help: { text: `${p.description}\nFix: ${p.lz.fix}`, markdown: `${p.description}\n\n**Fix:** ${p.lz.fix}` },
        defaultConfiguration: { level: levelOf(level), enabled: level !== "disabled" },
        properties: { pack: pack.name, kind: p.lz.kind, tags: ["security", pack.name] },
      });
    }
  }
  const extra = (v: Violation) => {
    const id = `${v.pack}/${v.policy}`;
    if (!index.has(id)) {
      index.set(id, rules.length);
      rules.push({
        id,
        name: pascal(v.policy),
        shortDescription: { text: v.policy },
        fullDescription: { text: v.policy },
        help: { text: v.message, markdown: v.message },
        defaultConfiguration: { level: levelOf(v.enforcementLevel), enabled: true },
        properties: { pack: v.pack, kind: "engine", tags: [v.pack] },
      });
    }
    return index.get(id)!;
  };
  const results = result.violations.map((v) => {
    const ruleIndex = extra(v);
    const name = v.urn.includes("::") ? v.urn.slice(v.urn.lastIndexOf("::") + 2) : v.urn;
    return {
      ruleId: `${v.pack}/${v.policy}`,
      ruleIndex,
      level: levelOf(v.enforcementLevel),
      message: { text: `${name} (${v.type}): ${v.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: file, index: 0 } },
          logicalLocations: [{ name, fullyQualifiedName: v.urn, kind: "resource" }],
        },
      ],
      ...(v.waiver
        ? { suppressions: [{ kind: "external", status: "accepted", justification: `${v.waiver.reason} (approved by ${v.waiver.approvedBy}, expires ${v.waiver.expires})` }] }
        : {}),
      properties: { resourceType: v.type, enforcementLevel: v.enforcementLevel },
    };
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "lz check",
            fullName: "landing-zone policy packs (lz check)",
            version: "0.1.0",
            informationUri: "https://www.pulumi.com/docs/iac/concepts/policy-as-code/",
            rules,
          },
        },
        artifacts: [{ location: { uri: file }, description: { text: `pulumi stack export of ${exp.stack}` } }],
        results,
        properties: { stack: exp.stack, resources: exp.resources.length, checks: result.checks },
      },
    ],
  };
}

export function formatSarif(file: string, exp: StackExport, result: PolicyRunResult, packs: readonly PackDefinition[], config: PolicyConfigFile): string {
  return JSON.stringify(sarifDocument(file, exp, result, packs, config), null, 2);
}
