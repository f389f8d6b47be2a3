import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { allPacks } from "../../cli/policy/packs";
import { LzPolicy, typeMatcher } from "../../policies/lib/policy";

/**
 * docs/POLICIES.md's coverage table against Checkov and Security Hub: every policy it names exists
 * and judges the types of its row, every type exists in @pulumi/aws, and every row has a policy or a
 * reason (none is left "not yet").
 */

const DOC = path.join(__dirname, "../../docs/POLICIES.md");
const AWS = path.dirname(require.resolve("@pulumi/aws/package.json"));

interface Row {
  readonly line: number;
  readonly control: string;
  readonly types: string[];
  readonly policies: string[];
  readonly why: string;
}

function coverageRows(): Row[] {
  const lines = fs.readFileSync(DOC, "utf8").split("\n");
  const start = lines.findIndex((l) => l.startsWith("## Coverage against Checkov and Security Hub"));
  assert.ok(start >= 0, "docs/POLICIES.md has no coverage section");
  const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  const rows: Row[] = [];
  for (let i = start; i < (end < 0 ? lines.length : end); i++) {
    const l = lines[i];
    if (!l.startsWith("| ") || l.startsWith("| control ") || l.startsWith("|---")) continue;
    const cells = l.split("|").slice(1, -1).map((c) => c.trim());
    assert.strictEqual(cells.length, 4, `line ${i + 1}: four columns`);
    const ticks = (c: string) => [...c.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    rows.push({ line: i + 1, control: cells[0], types: ticks(cells[1]).filter((t) => t.startsWith("aws:")), policies: ticks(cells[2]), why: cells[3] });
  }
  return rows;
}

/** Whether `aws:<module>/<file>:<Class>` is a resource of the installed @pulumi/aws. */
function awsTypeExists(token: string): boolean {
  const m = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):[A-Za-z0-9]+$/.exec(token);
  if (!m) return false;
  const dir = path.join(AWS, m[1]);
  if (!fs.existsSync(dir)) return false;
  // File names do not always follow the token's case (dms/s3endpoint.js holds aws:dms/s3Endpoint:S3Endpoint).
  const want = new Set([`${m[2]}.js`, `${m[2]}_.js`].map((f) => f.toLowerCase()));
  return fs.readdirSync(dir).some((f) => want.has(f.toLowerCase()) && fs.readFileSync(path.join(dir, f), "utf8").includes(`'${token}'`));
}

describe("docs/POLICIES.md: coverage against Checkov and Security Hub", () => {
  const rows = coverageRows();
  const policies = new Map<string, LzPolicy>();
  for (const p of allPacks()) for (const x of p.policies) policies.set(x.name, x);

  it("lists the anchors (Checkov and FSBP controls)", () => {
    assert.ok(rows.filter((r) => /CKV2?_AWS_\d+/.test(r.control)).length >= 100, "Checkov rows");
    assert.ok(rows.filter((r) => /^[A-Za-z0-9]+\.\d+/.test(r.control)).length >= 40, "FSBP rows");
  });

  it("every row has a policy or says why not, and none is left for later", () => {
    for (const r of rows) {
      assert.ok(r.policies.length > 0 || r.why.length > 20, `line ${r.line} (${r.control}): no policy and no reason`);
      assert.doesNotMatch(`${r.why}`, /not yet|todo|tbd/i, `line ${r.line}`);
    }
  });

  it("every resource type named exists in @pulumi/aws", () => {
    const missing = [...new Set(rows.flatMap((r) => r.types))].filter((t) => !awsTypeExists(t));
    assert.deepStrictEqual(missing, []);
  });

  it("every policy named exists and judges each type of its row", () => {
    for (const r of rows) {
      for (const name of r.policies) {
        const p = policies.get(name);
        assert.ok(p, `line ${r.line}: no policy ${name}`);
        const judges = typeMatcher(p.lz.types);
        for (const t of r.types) assert.ok(judges(t), `line ${r.line}: ${name} does not judge ${t}`);
      }
    }
  });
});
