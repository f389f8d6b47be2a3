import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { allPacks } from "../../../cli/policy/packs";
import { constraintOf } from "../../../policies/preflight/constraint";
import { pack, PREFLIGHT_CONCERNS } from "../../../policies/preflight/pack";
import { covered } from "./rules";
import "./awsConfig.test";
import "./cloudTrail.test";
import "./controlTowerBaseline.test";
import "./controlTowerManifest.test";
import "./guardrails.test";
import "./kms.test";
import "./names.test";
import "./network.test";
import "./organization.test";
import "./regions.test";
import "./security.test";
import "./tgwAttachmentArns.test";
import "./trailDeliveryRole.test";
import "./zones.test";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("the preflight pack", () => {
  const rules = pack.policies.filter((p) => p.name !== "waiver-expiry");

  it("has at least 20 rules", () => assert.ok(rules.length >= 20, `${rules.length} rules`));

  it("is mandatory by default and run by lz plan and lz check with the other packs", () => {
    assert.strictEqual(pack.enforcementLevel, "mandatory");
    assert.ok(allPacks().includes(pack));
  });

  it("is assembled from one module per concern, each exporting its list", () => {
    for (const concern of Object.keys(PREFLIGHT_CONCERNS)) assert.ok(fs.existsSync(path.join(ROOT, "policies", "preflight", `${concern}.ts`)), concern);
    assert.deepStrictEqual(rules, Object.values(PREFLIGHT_CONCERNS).flat());
  });

  it("every rule names a documented AWS constraint", () => {
    assert.deepStrictEqual(rules.filter((p) => !constraintOf(p)).map((p) => p.name), []);
  });

  it("every rule has at least one compliant and one violating test case", () => {
    const c = covered();
    assert.deepStrictEqual(
      rules.filter((p) => !c.get(p) || c.get(p)!.compliant < 1 || c.get(p)!.violating < 1).map((p) => p.name),
      [],
    );
  });

  it("every type a rule judges exists in the pinned @pulumi/aws", () => {
    const missing: string[] = [];
    for (const p of rules) {
      if (typeof p.lz.types === "function") continue;
      for (const t of p.lz.types.filter((x) => !x.startsWith("pulumi:"))) {
        const [, mod] = t.split(":");
        const [dir, file] = mod.split("/");
        const js = path.join(ROOT, "node_modules", "@pulumi", "aws", dir, `${file}.js`);
        if (!fs.existsSync(js) || !fs.readFileSync(js, "utf8").includes(`__pulumiType = '${t}'`)) missing.push(`${p.name}: ${t}`);
      }
    }
    assert.deepStrictEqual(missing, []);
  });
});

describe("docs/POLICIES.md", () => {
  it("lists every preflight rule", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs", "POLICIES.md"), "utf8");
    const section = doc.slice(doc.indexOf("### preflight"), doc.indexOf("### baseline"));
    assert.deepStrictEqual(pack.policies.filter((p) => !section.includes(`| \`${p.name}\` |`)).map((p) => p.name), []);
  });
});
