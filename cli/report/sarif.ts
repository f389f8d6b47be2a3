import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { PlanResource, PlanResult, Violation } from "../../lib/plan";
import type { PackDefinition } from "../../policies/lib/policy";
import { lzVersion } from "../io";
import { enforcementOf, PolicyConfigFile } from "../policy/config";

/**
 * The one SARIF 2.1.0 writer, for `lz check --format sarif` and `lz plan --sarif` (the PR gate's
 * code-scanning upload). One run; one rule per policy (id `<pack>/<policy>`, description, the fix
 * as help, the configured enforcement as default level); one result per finding, located at a file
 * AND a region, because GitHub shows a finding only at a line: for `lz check` the line of the
 * resource's URN in the export, for a plan the tenant's file (a tenant's resources) or the stack's
 * `landing-zone:role` line. The URN is the logical location; waived findings carry an accepted
 * external suppression. test/report/sarif.test.ts validates the output against the SARIF 2.1.0
 * schema (schemas/sarif-2.1.0.json); `npm run sarif:validate` runs Microsoft's SARIF Multitool.
 */

type Level = "error" | "warning" | "note" | "none";

/** Where a finding is shown: an artifact (a file of the repository or the given export) and a line. */
export interface Place {
  readonly artifact: number;
  readonly startLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
  /** The text of the line, so a viewer without the file still sees what the finding points at. */
  readonly snippet?: string;
}

export interface Artifact {
  readonly uri: string;
  readonly description: string;
}

export interface SarifInput {
  readonly tool: { readonly name: string; readonly fullName: string };
  readonly packs: readonly PackDefinition[];
  readonly config: PolicyConfigFile;
  readonly artifacts: readonly Artifact[];
  readonly findings: readonly { readonly violation: Violation; readonly place: Place }[];
  readonly properties: Record<string, unknown>;
}

const INFO_URI = "https://www.pulumi.com/docs/iac/concepts/policy-as-code/";

function levelOf(enforcement: string): Level {
  return enforcement === "mandatory" || enforcement === "remediate" ? "error" : enforcement === "advisory" ? "warning" : "none";
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** SARIF wants messages as sentences. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** A relative path as a URI reference (forward slashes, escaped); an absolute one as a file: URI. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).join("/").split("/").map(encodeURIComponent).join("/");
}

export function sarifLog(input: SarifInput): object {
  const rules: object[] = [];
  const index = new Map<string, number>();
  const rule = (id: string, r: () => object) => {
    if (!index.has(id)) {
      index.set(id, rules.length);
      rules.push({ id, ...r() });
    }
    return index.get(id)!;
  };
  for (const pack of input.packs) {
    for (const p of pack.policies) {
      const level = enforcementOf(input.config, pack, p);
      rule(`${pack.name}/${p.name}`, () => ({
        name: pascal(p.name),
        shortDescription: { text: sentence(p.description) },
        fullDescription: { text: `${sentence(p.description)} (${pack.name} pack, ${p.lz.kind} policy, ${level} by default.)` },
        help: { text: `${sentence(p.description)} Fix: ${sentence(p.lz.fix)}`, markdown: `${sentence(p.description)}\n\n**Fix:** ${sentence(p.lz.fix)}` },
        defaultConfiguration: { level: levelOf(level), enabled: level !== "disabled" },
        properties: { pack: pack.name, kind: p.lz.kind, tags: ["security", pack.name] },
      }));
    }
  }
  const results = input.findings.map(({ violation: v, place }) => {
    // A finding of no known policy (the engine's own, such as a policy that threw) gets a rule too.
    const ruleIndex = rule(`${v.pack}/${v.policy}`, () => ({
      name: pascal(v.policy),
      shortDescription: { text: sentence(v.policy) },
      fullDescription: { text: sentence(`${v.pack}/${v.policy}, reported by the policy engine`) },
      help: { text: sentence(v.message), markdown: sentence(v.message) },
      defaultConfiguration: { level: levelOf(v.enforcementLevel), enabled: true },
      properties: { pack: v.pack, kind: "engine", tags: [v.pack] },
    }));
    const name = v.urn.includes("::") ? v.urn.slice(v.urn.lastIndexOf("::") + 2) : v.urn;
    const region: Record<string, unknown> = { startLine: place.startLine };
    if (place.startColumn !== undefined) region.startColumn = place.startColumn;
    if (place.endColumn !== undefined) region.endColumn = place.endColumn;
    if (place.snippet !== undefined) region.snippet = { text: place.snippet };
    return {
      ruleId: `${v.pack}/${v.policy}`,
      ruleIndex,
      level: levelOf(v.enforcementLevel),
      message: { text: sentence(`${name} (${v.type}): ${v.message}`) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: input.artifacts[place.artifact].uri, index: place.artifact }, region },
          logicalLocations: [{ name, fullyQualifiedName: v.urn, kind: "resource" }],
        },
      ],
      // Code scanning tells one alert from another by this: the same resource and policy stay one alert across runs.
      partialFingerprints: { "lzFinding/v1": `${v.pack}/${v.policy}:${v.urn}` },
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
        tool: { driver: { name: input.tool.name, fullName: input.tool.fullName, version: lzVersion(), semanticVersion: lzVersion(), informationUri: INFO_URI, rules } },
        artifacts: input.artifacts.map((a) => ({ location: { uri: a.uri }, description: { text: sentence(a.description) } })),
        columnKind: "utf16CodeUnits",
        results,
        properties: input.properties,
      },
    ],
  };
}

/** 1-based line and column of `index` in `text`. */
function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  return { line, column: index - last };
}

/**
 * `lz check --format sarif`: the findings of a stack export, each at the line (and columns) of its
 * resource's `"urn"` in the export, so code scanning shows the resource itself.
 */
export function checkSarif(args: { file: string; text: string; stack: string; resources: number; checks: number; violations: readonly Violation[]; packs: readonly PackDefinition[]; config: PolicyConfigFile }): object {
  const where = new Map<string, Place>();
  const placeOf = (urn: string): Place => {
    let p = where.get(urn);
    if (!p) {
      const needle = JSON.stringify(urn);
      const at = args.text.indexOf(needle);
      if (at === -1) p = { artifact: 0, startLine: 1 };
      else {
        const { line, column } = lineAndColumn(args.text, at);
        const end = args.text.indexOf("\n", at);
        p = { artifact: 0, startLine: line, startColumn: column, endColumn: column + needle.length, snippet: args.text.slice(at - column + 1, end === -1 ? undefined : end).replace(/\r$/, "") };
      }
      where.set(urn, p);
    }
    return p;
  };
  return sarifLog({
    tool: { name: "lz check", fullName: "landing-zone policy packs (lz check)" },
    packs: args.packs,
    config: args.config,
    artifacts: [{ uri: artifactUri(args.file), description: `pulumi stack export of ${args.stack}` }],
    findings: args.violations.map((v) => ({ violation: v, place: placeOf(v.urn) })),
    properties: { stack: args.stack, resources: args.resources, checks: args.checks },
  });
}

/** The tenant whose component holds `urn`, if any: its resources are shown in its own file. */
function tenantOf(urn: string, byUrn: ReadonlyMap<string, PlanResource>): string | undefined {
  for (let r = byUrn.get(urn); r; r = r.parent ? byUrn.get(r.parent) : undefined) {
    if (r.type === "landing-zone:tenant:Tenant" && typeof r.inputs.slug === "string") return r.inputs.slug;
  }
  return undefined;
}

/** The first line matching `re` in a file under `root` (1-based, with its text), or undefined when the file is not there. */
function lineIn(root: string, file: string, re: RegExp): { line: number; snippet?: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, file), "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split("\n");
  const i = lines.findIndex((l) => re.test(l));
  return i === -1 ? { line: 1 } : { line: i + 1, snippet: lines[i].replace(/\r$/, "") };
}

/**
 * `lz plan --sarif`: the plans' findings as ONE run (code scanning wants one run per tool and
 * category), each at a file of the repository: a tenant's resources at `tenants/<slug>.yaml`
 * (its `slug:` line), the others at `Pulumi.<stack>.yaml` (its `landing-zone:role:` line, the key
 * that picks the program that made them).
 */
export function planSarif(args: { results: readonly PlanResult[]; root: string; packs: readonly PackDefinition[]; config: PolicyConfigFile }): object {
  const artifacts: Artifact[] = [];
  const artifactIndex = new Map<string, number>();
  const place = (file: string, description: string, at: { line: number; snippet?: string }): Place => {
    if (!artifactIndex.has(file)) {
      artifactIndex.set(file, artifacts.length);
      artifacts.push({ uri: artifactUri(file), description });
    }
    return { artifact: artifactIndex.get(file)!, startLine: at.line, ...(at.snippet === undefined ? {} : { snippet: at.snippet }) };
  };
  const findings: { violation: Violation; place: Place }[] = [];
  for (const plan of args.results) {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const stackFile = `Pulumi.${plan.stack}.yaml`;
    const roleLine = lineIn(args.root, stackFile, /^\s*landing-zone:role:/) ?? { line: 1 };
    for (const v of plan.violations) {
      const slug = tenantOf(v.urn, byUrn);
      const tenantFile = slug ? `tenants/${slug}.yaml` : undefined;
      const tenantLine = tenantFile ? lineIn(args.root, tenantFile, /^slug:/) : undefined;
      findings.push({
        violation: v,
        place: tenantFile && tenantLine !== undefined ? place(tenantFile, `the tenant file of ${slug}`, tenantLine) : place(stackFile, `the stack file of ${plan.stack}, planned offline by lz plan`, roleLine),
      });
    }
  }
  return sarifLog({
    tool: { name: "lz plan", fullName: "landing-zone policy packs (lz plan, offline)" },
    packs: args.packs,
    config: args.config,
    artifacts,
    findings,
    properties: { stacks: args.results.map((r) => r.stack), resources: args.results.reduce((n, r) => n + r.resources.length, 0) },
  });
}
