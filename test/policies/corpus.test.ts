import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseStackExport } from "../../cli/check/export";
import { emptyPolicyConfig } from "../../cli/policy/config";
import { allPacks } from "../../cli/policy/packs";
import { runPolicies } from "../../cli/policy/runner";
import { isBlocking } from "../../lib/plan";
import { buildCorpus, CORPUS_DIR, CorpusCase } from "../fixtures/corpus/build";

/**
 * The adversarial corpus (test/fixtures/corpus): recall and false positives of the encryption and
 * residency packs over stack exports labelled before the packs run. A case is caught when a
 * mandatory finding of its dimension's pack lands on one of its resources.
 */

const UNLABELLED = /^(pulumi:providers:|pulumi:pulumi:Stack$|pulumi:pulumi:StackReference$)/;
type Dimension = "encryption" | "residency";
const DIMENSIONS: readonly Dimension[] = ["encryption", "residency"];

interface Figures {
  readonly resources: number;
  readonly cases: number;
  readonly violating: Record<Dimension, number>;
  readonly caught: Record<Dimension, number>;
  readonly missed: Record<Dimension, string[]>;
  readonly falsePositives: string[];
}

function evaluate(): Figures {
  const labels = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, "labels.json"), "utf8")) as { cases: CorpusCase[] };
  const flagged = new Map<string, Set<Dimension>>(); // "<file>|<name>" -> dimensions with a mandatory finding
  let resources = 0;
  const labelled = new Map<string, string>();
  for (const c of labels.cases) for (const r of c.resources) {
    const k = `${c.file}|${r}`;
    assert.ok(!labelled.has(k), `${k} is in two cases`);
    labelled.set(k, c.id);
  }
  for (const file of new Set(labels.cases.map((c) => c.file))) {
    const exp = parseStackExport(fs.readFileSync(path.join(CORPUS_DIR, file), "utf8"), file);
    for (const r of exp.resources) {
      if (UNLABELLED.test(r.type)) continue;
      resources++;
      assert.ok(labelled.has(`${file}|${r.name}`), `${file}: ${r.name} has no label`);
    }
    const result = runPolicies(exp.resources, allPacks(), emptyPolicyConfig(), { stack: exp.stack, now: new Date("2026-12-01T00:00:00Z") });
    for (const v of result.violations) {
      if (!isBlocking(v) || !v.urn) continue;
      const dim = v.pack === "encryption" || v.pack === "residency" ? v.pack : undefined;
      if (!dim) continue;
      const k = `${file}|${v.urn.slice(v.urn.lastIndexOf("::") + 2)}`;
      if (!flagged.has(k)) flagged.set(k, new Set());
      flagged.get(k)!.add(dim);
    }
  }
  const violating = { encryption: 0, residency: 0 };
  const caught = { encryption: 0, residency: 0 };
  const missed: Record<Dimension, string[]> = { encryption: [], residency: [] };
  const falsePositives: string[] = [];
  for (const c of labels.cases) {
    for (const d of DIMENSIONS) {
      const hit = c.resources.some((r) => flagged.get(`${c.file}|${r}`)?.has(d));
      if (c[d] === "violating") {
        violating[d]++;
        if (hit) caught[d]++;
        else missed[d].push(`${c.id} (${c.why})`);
      } else if (hit) falsePositives.push(`${d}: ${c.id} (${c.why})`);
    }
  }
  return { resources, cases: labels.cases.length, violating, caught, missed, falsePositives };
}

describe("the adversarial corpus", () => {
  let f: Figures;
  before(() => {
    f = evaluate();
    const pct = (d: Dimension) => ((100 * f.caught[d]) / f.violating[d]).toFixed(1);
    console.log(`      corpus: ${f.resources} resources in ${f.cases} cases; encryption recall ${f.caught.encryption}/${f.violating.encryption} (${pct("encryption")}%), residency recall ${f.caught.residency}/${f.violating.residency} (${pct("residency")}%), ${f.falsePositives.length} false positives`);
  });

  it("the committed exports and labels are what build.ts writes", () => {
    const { files, cases } = buildCorpus();
    for (const [file, doc] of Object.entries(files)) assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, file), "utf8")), doc, `${file} is stale: run node -r ./bin/register.js test/fixtures/corpus/build.ts`);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, "labels.json"), "utf8")), { cases }, "labels.json is stale");
  });

  it("holds at least 150 labelled resources, with secrets, unknowns and cross-resource references", () => {
    assert.ok(f.resources >= 150, `${f.resources} resources`);
    const text = Object.values(buildCorpus().files).map((d) => JSON.stringify(d)).join("");
    assert.match(text, /"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270"/);
    assert.match(text, /04da6b54-80e4-46f7-96ec-b56ff0331ba9/);
    assert.match(text, /"propertyDependencies":\{"[a-zA-Z]+":\["urn:/);
  });

  it("encryption recall is at least 95%", () => {
    assert.ok(f.caught.encryption / f.violating.encryption >= 0.95, `missed: ${f.missed.encryption.join("; ")}`);
  });

  it("residency recall is 100%", () => {
    assert.deepStrictEqual(f.missed.residency, []);
  });

  it("at most 2 false positives", () => {
    assert.ok(f.falsePositives.length <= 2, f.falsePositives.join("; "));
  });
});
