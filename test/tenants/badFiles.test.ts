import { strict as assert } from "assert";
import * as YAML from "yaml";
import { loadAllStackConfigs } from "../../config";
import { PROJECT_ROOT } from "../../config/raw";
import { planEdited, TempProject } from "../helpers/plan";
import { demoTenant } from "./helpers";

/** Bad tenant files stop `lz plan` (and `pulumi up`) with exit 2, naming the file and the key. */

const write = (slug: string, changes: Record<string, unknown>) => (p: TempProject) => p.writeFile(`tenants/${slug}.yaml`, YAML.stringify(demoTenant({ slug, hostname: `${slug}.example.net`, ...changes })));

describe("bad tenant files", function () {
  this.timeout(60000);

  const cases: [string, (p: TempProject) => void, RegExp][] = [
    ["a duplicate hostname", write("acme", { hostname: "demo.example.net" }), /tenants\/demo\.yaml: hostname: "demo\.example\.net" is already used by tenants\/acme\.yaml/],
    ["a hostname outside the zone", write("acme", { hostname: "acme.example.com" }), /tenants\/acme\.yaml: hostname: "acme\.example\.com" is not in the dev stack's zone example\.net/],
    ["a bad slug", write("Acme", {}), /tenants\/Acme\.yaml: slug: must be 3–32 lower-case letters/],
    ["an unknown stack", write("acme", { stack: "staging" }), /tenants\/acme\.yaml: stack: "staging" is not a stack of this project/],
    ["a slug that is not the file name", (p) => p.writeFile("tenants/acme.yaml", YAML.stringify(demoTenant({ slug: "acme-corp", hostname: "acme.example.net" }))), /tenants\/acme\.yaml: slug: "acme-corp" does not match the file name/],
    ["a prod tenant's mistake (every stack checks the whole registry)", write("acme", { stack: "prod", hostname: "acme.example.net" }), /tenants\/acme\.yaml: hostname: .*prod stack's zone example\.com/],
  ];
  for (const [what, edit, message] of cases) {
    it(`lz plan dev exits 2 on ${what}, naming the file and the key`, async () => {
      const run = await planEdited("dev", edit);
      assert.equal(run.code, 2, run.stdout.slice(0, 500));
      assert.match(run.stderr, message);
      assert.equal(run.stdout, "", "nothing is planned");
    });
  }

  it("reports every bad file at once", async () => {
    const run = await planEdited("dev", (p) => {
      write("acme", { stack: "staging" })(p);
      write("bravo", { hostname: "bravo.example.org" })(p);
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /tenants\/acme\.yaml: stack:/);
    assert.match(run.stderr, /tenants\/bravo\.yaml: hostname:/);
  });

  it("the program itself (what `pulumi up` runs) refuses them before registering anything", async () => {
    const { planStack } = await import("../../cli/engine/planner");
    const configs = loadAllStackConfigs(PROJECT_ROOT);
    const p = new TempProject();
    try {
      write("acme", { hostname: "demo.example.net" })(p);
      // The engine's own check is skipped (configs given), so the error comes from stacks/index.ts.
      await assert.rejects(planStack("dev", { root: p.root, configs }), (err: Error) => {
        assert.equal(err.name, "ConfigError");
        assert.match(err.message, /tenants\/demo\.yaml: hostname: "demo\.example\.net" is already used/);
        return true;
      });
    } finally {
      p.cleanup();
    }
  });
});
