import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkSchema } from "../../cli/policy/schemaCheck";
import { allPacks } from "../../cli/policy/packs";
import { GLOBAL_MODULES, isGlobalType } from "../../policies/lib/globalServices";
import { isTaggable } from "../../policies/lib/tags";

const ROOT = path.join(__dirname, "..", "..");
const AWS = path.join(ROOT, "node_modules", "@pulumi", "aws");

/** Every AWS resource type in the pinned SDK with whether its Args has `region` and `tags` inputs. */
function sdkTypes(): { type: string; region: boolean; tags: boolean }[] {
  const out: { type: string; region: boolean; tags: boolean }[] = [];
  for (const mod of fs.readdirSync(AWS)) {
    const dir = path.join(AWS, mod);
    if (!fs.statSync(dir).isDirectory() || mod === "types" || mod === "node_modules") continue;
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith(".d.ts") || f === "index.d.ts" || f.startsWith("get")) continue;
      const base = f.slice(0, -5);
      const js = path.join(dir, `${base}.js`);
      if (!fs.existsSync(js)) continue;
      const token = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(js, "utf8"))?.[1];
      if (!token) continue;
      const dts = fs.readFileSync(path.join(dir, f), "utf8");
      const name = base[0].toUpperCase() + base.slice(1);
      const args = new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1];
      if (args === undefined) continue;
      out.push({ type: token, region: /\n {4}region\?:/.test(args), tags: /\n {4}tags\?:/.test(args) });
    }
  }
  return out;
}

describe("policy packs", () => {
  const packs = allPacks();

  it("are encryption, residency, preflight and baseline, at mandatory, mandatory, mandatory, advisory", () => {
    assert.deepStrictEqual(
      packs.map((p) => [p.name, p.enforcementLevel]),
      [
        ["encryption", "mandatory"],
        ["residency", "mandatory"],
        ["preflight", "mandatory"],
        ["baseline", "advisory"],
      ],
    );
  });

  for (const pack of allPacks()) {
    describe(pack.name, () => {
      it("index.ts holds only `new PolicyPack` over the pack definition", () => {
        const src = fs.readFileSync(path.join(ROOT, "policies", pack.name, "index.ts"), "utf8");
        const code = src.split("\n").filter((l) => l.trim() && !l.startsWith("import ") && !l.trim().startsWith("//"));
        assert.deepStrictEqual(code, ["new PolicyPack(pack.name, pack.args);"]);
      });
      it("registers exactly the objects the offline runner runs", () => {
        assert.strictEqual(pack.args.policies.length, pack.policies.length);
        pack.policies.forEach((p, i) => assert.strictEqual(pack.args.policies[i], p));
      });
      it("has a PulumiPolicy.yaml (nodejs), a minimal package.json with a version, and a tsconfig for the CLI's loader", () => {
        const dir = path.join(ROOT, "policies", pack.name);
        assert.match(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.strictEqual(pkg.dependencies, undefined, "dependencies resolve from the repository root");
        assert.ok(!fs.existsSync(path.join(dir, "node_modules")));
        assert.ok(fs.existsSync(path.join(dir, "tsconfig.json")));
      });
      it("policies are well-formed: kebab-case names, a description, a fix, a config schema with waivers", () => {
        for (const p of pack.policies) {
          assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, p.name);
          assert.ok(p.description.length > 20 && p.description.endsWith("."), `${p.name}: description`);
          assert.ok(p.lz.fix.length > 10, `${p.name}: fix`);
          assert.strictEqual(p.remediationSteps, p.lz.fix);
          const props = p.configSchema!.properties;
          assert.ok(props.waivers, `${p.name}: waivers`);
          assert.strictEqual(props.enforcementLevel, undefined, "the CLI refuses an enforcementLevel property");
          for (const [k, s] of Object.entries(props)) {
            if (s.default !== undefined) assert.strictEqual(checkSchema(s.default, s), undefined, `${p.name}.${k}: default fits its schema`);
          }
        }
      });
      it("single-type resource policies carry the type hint the CLI uses to skip other types", () => {
        for (const p of pack.policies) {
          if (p.lz.kind !== "resource" || !Array.isArray(p.lz.types) || p.lz.types.length !== 1) continue;
          const v = (p as { validateResource?: unknown }).validateResource as { __pulumiType?: string };
          assert.strictEqual(v.__pulumiType, (p.lz.types as string[])[0]);
        }
      });
    });
  }

  it("every policy has tests: its export or its name appears in a test under test/policies or test/cli/check", () => {
    const testDirs = [path.join(ROOT, "test", "policies"), path.join(ROOT, "test", "cli", "check")];
    const sources: string[] = [];
    const walk = (d: string) => {
      for (const f of fs.readdirSync(d)) {
        const full = path.join(d, f);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (f.endsWith(".test.ts")) sources.push(fs.readFileSync(full, "utf8"));
      }
    };
    testDirs.forEach(walk);
    const text = sources.join("\n");
    const exportNames = new Map<unknown, string>();
    for (const pack of packs) {
      const dir = path.join(ROOT, "policies", pack.name);
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".ts") && x !== "index.ts")) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        for (const [k, v] of Object.entries(require(path.join(dir, f)))) exportNames.set(v, k);
      }
    }
    const untested = packs.flatMap((p) => p.policies).filter((pol) => !(text.includes(`"${pol.name}"`) || text.includes(`/${pol.name}`) || (exportNames.has(pol) && new RegExp(`\\b${exportNames.get(pol)}\\b`).test(text))));
    assert.deepStrictEqual(untested.map((p) => p.name), []);
  });

  it("policy names are unique across packs, except each pack's waiver-expiry", () => {
    const names = packs.flatMap((p) => p.policies.map((x) => x.name)).filter((n) => n !== "waiver-expiry");
    assert.strictEqual(new Set(names).size, names.length);
  });

  describe("facts checked against the pinned @pulumi/aws typings", function () {
    this.timeout(60000);
    const types = sdkTypes();
    it("reads the SDK", () => assert.ok(types.length > 1000, `${types.length} types`));
    it("every global-service type is region-less, and every regional type of those modules is not exempt", () => {
      const wrong = types.filter((t) => GLOBAL_MODULES.includes(t.type.split(":")[1].split("/")[0]) && isGlobalType(t.type) === t.region);
      assert.deepStrictEqual(wrong.map((t) => `${t.type} region=${t.region}`), []);
    });
    it("the taggable-type list is the SDK's", () => {
      const wrong = types.filter((t) => isTaggable(t.type) !== t.tags);
      assert.deepStrictEqual(wrong.map((t) => `${t.type} tags=${t.tags}`), []);
    });
  });
});
