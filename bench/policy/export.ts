import * as fs from "fs";
import { ACCOUNT, AU, KINDS, Round, SynthResource, VARIANTS } from "./catalogue";

/**
 * A synthetic `pulumi stack export` (deployment version 3) shaped like a real one (see
 * shared/examples): the root Stack, two explicit AWS providers (Sydney, and us-east-1 for the
 * residency violations), then rounds of the catalogue's resources with bridged-provider bookkeeping
 * (`__defaults` in inputs, `__meta` in outputs), outputs that repeat the inputs plus computed
 * values, `propertyDependencies` and `dependencies` linking split resources, and timestamps.
 */

const STACK = "bench";
const PROJECT = "landing-zone";
const PREFIX = `urn:pulumi:${STACK}::${PROJECT}::`;
const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const TIME = "2025-01-01T00:00:00.000000Z";
const META = JSON.stringify({ schema_version: "1" });

const providers = {
  au: { urn: `${PREFIX}pulumi:providers:aws::aws-sydney`, id: "00000000-0000-4000-8000-00000000a002", region: AU },
  us: { urn: `${PREFIX}pulumi:providers:aws::aws-us-east-1`, id: "00000000-0000-4000-8000-00000000a001", region: "us-east-1" },
};

export interface ExportSummary {
  readonly file: string;
  readonly resources: number;
  readonly bytes: number;
  readonly rounds: number;
  readonly violatingRounds: number;
  /** Resources per type (the types the export covers). */
  readonly types: Record<string, number>;
}

function providerResource(p: (typeof providers)["au"]): Record<string, unknown> {
  const inputs = {
    region: p.region,
    allowedAccountIds: JSON.stringify([ACCOUNT]),
    assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${ACCOUNT}:role/lz-deployment` }]),
    defaultTags: JSON.stringify({ tags: { environment: "bench", owner: "platform" } }),
    skipCredentialsValidation: "false",
    version: "7.48.0",
  };
  return { urn: p.urn, custom: true, id: p.id, type: "pulumi:providers:aws", inputs, outputs: inputs, parent: STACK_URN, created: TIME, modified: TIME };
}

function exportResource(s: SynthResource, round: Round, urnOf: (name: string) => string): Record<string, unknown> {
  const urn = `${PREFIX}${s.type}::${s.name}`;
  const prov = providers[s.provider ?? "au"];
  const id = s.id ?? s.name;
  const region = typeof s.inputs.region === "string" ? s.inputs.region : prov.region;
  const propertyDependencies: Record<string, string[] | null> = {};
  for (const k of Object.keys(s.inputs)) propertyDependencies[k] = null;
  const dependencies = new Set<string>();
  for (const [k, names] of Object.entries(s.deps ?? {})) {
    if (!names) continue;
    const urns = names.map(urnOf);
    propertyDependencies[k] = urns;
    urns.forEach((u) => dependencies.add(u));
  }
  const tagsAll = s.inputs.tags ? { ...(s.inputs.tags as object), environment: "bench", owner: "platform" } : undefined;
  return {
    urn,
    custom: true,
    id,
    type: s.type,
    inputs: { __defaults: [], ...s.inputs },
    outputs: { __meta: META, ...s.inputs, id, region, ...(tagsAll ? { tagsAll } : {}), ...(s.computed ?? {}) },
    parent: STACK_URN,
    ...(s.protect ? { protect: true } : {}),
    ...(s.retainOnDelete ? { retainOnDelete: true } : {}),
    dependencies: [...dependencies],
    provider: `${prov.urn}::${prov.id}`,
    propertyDependencies,
    created: TIME,
    modified: TIME,
    // Keeps the round visible to anyone reading the file.
    sourcePosition: `project:///bench/policy/catalogue.ts#round${round.index}`,
  };
}

/** Builds the export in memory: exactly `count` resources (count >= 3). */
/** Whether a resource of the export belongs to a violating round (every fourth), by its URN's round number. */
export function isViolatingRound(urn: string): boolean {
  const m = /-(\d+)(?:-[a-z-]+)?$/.exec(urn);
  return m ? Number(m[1]) % 4 === 3 : false;
}

export function buildExport(count: number): { doc: Record<string, unknown>; summary: Omit<ExportSummary, "file" | "bytes"> } {
  const resources: Record<string, unknown>[] = [
    { urn: STACK_URN, custom: false, type: "pulumi:pulumi:Stack", outputs: {}, created: TIME, modified: TIME },
    providerResource(providers.au),
    providerResource(providers.us),
  ];
  const types: Record<string, number> = {};
  let rounds = 0;
  let violatingRounds = 0;
  for (let index = 0; resources.length < count; index++) {
    const bad = index % 4 === 3;
    const round: Round = { index, bad, variant: Math.floor(index / 4) % VARIANTS };
    rounds++;
    if (bad) violatingRounds++;
    const made = KINDS.flatMap((k) => k(round));
    const byName = new Map(made.map((s) => [s.name, `${PREFIX}${s.type}::${s.name}`]));
    const urnOf = (name: string) => {
      const u = byName.get(name);
      if (!u) throw new Error(`bench/policy/catalogue.ts: round ${index} refers to "${name}", which it does not define`);
      return u;
    };
    for (const s of made) {
      if (resources.length >= count) break;
      resources.push(exportResource(s, round, urnOf));
      types[s.type] = (types[s.type] ?? 0) + 1;
    }
  }
  types["pulumi:providers:aws"] = 2;
  types["pulumi:pulumi:Stack"] = 1;
  const doc = {
    version: 3,
    deployment: {
      manifest: { time: TIME, magic: "0000000000000000000000000000000000000000000000000000000000000000", version: "v3.248.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:bench:v1:bench" } },
      resources,
    },
  };
  return { doc, summary: { resources: resources.length, rounds, violatingRounds, types } };
}

export function writeExport(file: string, count: number): ExportSummary {
  const { doc, summary } = buildExport(count);
  const text = JSON.stringify(doc, null, 2);
  fs.writeFileSync(file, text);
  return { ...summary, file, bytes: Buffer.byteLength(text) };
}
