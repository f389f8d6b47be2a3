import { strict as assert } from "assert";
import { planStack } from "../../cli/engine/planner";
import { loadAllStackConfigs } from "../../config";
import { checkedTenantRegistry } from "../../config/memo";
import { stackZonesFromConfigs } from "../../config/tenants";
import { listStacks } from "../../config/raw";
import { TempProject } from "../helpers/plan";

// The project's config is parsed once per process and read again when a file changes (config/memo.ts).
describe("the project config, memoized within one process", () => {
  let p: TempProject;
  before(() => {
    p = new TempProject();
  });
  after(() => p.cleanup());

  const zonesOf = (root: string) => stackZonesFromConfigs(loadAllStackConfigs(root), listStacks(root));

  it("reuses what it parsed while no file changes", () => {
    const a = loadAllStackConfigs(p.root);
    const b = loadAllStackConfigs(p.root);
    assert.ok(a.length > 0);
    a.forEach((c, i) => assert.equal(b[i], c, `${c.stack}: the same parsed config`));
    assert.equal(checkedTenantRegistry(p.root, zonesOf(p.root)), checkedTenantRegistry(p.root, zonesOf(p.root)));
  });

  it("sees an edited stack file between two plans, even at the same size", async () => {
    const owner = (plan: Awaited<ReturnType<typeof planStack>>) =>
      JSON.parse(plan.result.resources.find((r) => r.type === "pulumi:providers:aws")!.inputs.defaultTags as string).tags.owner;
    const first = await planStack("management", { root: p.root, policies: false });
    assert.equal(owner(first), "platform-engineering");
    p.writeFile("Pulumi.management.yaml", p.readFile("Pulumi.management.yaml").replace("owner: platform-engineering", "owner: platform-engineerinx"));
    const second = await planStack("management", { root: p.root, policies: false });
    assert.equal(owner(second), "platform-engineerinx");
  });

  it("sees an edited tenant file, and a new error in one", () => {
    const hostOf = () => checkedTenantRegistry(p.root, zonesOf(p.root)).tenants.find((t) => t.slug === "demo")!.hostname;
    const before = hostOf();
    const text = p.readFile("tenants/demo.yaml");
    // The same length: a cache keyed by size alone would miss it.
    const renamed = before.replace(/^demo\./, "dem0.");
    p.writeFile("tenants/demo.yaml", text.replace(`hostname: ${before}`, `hostname: ${renamed}`));
    assert.equal(hostOf(), renamed);
    p.writeFile("tenants/demo.yaml", text.replace(/^stack: .*$/m, "stack: nowhere"));
    assert.throws(() => loadAllStackConfigs(p.root), (err: Error) => /tenants\/demo\.yaml/.test(err.message) && /"nowhere" is not a stack/.test(err.message));
    p.writeFile("tenants/demo.yaml", text);
    assert.equal(hostOf(), before);
  });
});
