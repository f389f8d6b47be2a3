import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { planStacks } from "../../cli/plan/command";
import { planStack } from "../../cli/engine/planner";
import { loadAllStackConfigs } from "../../config";
import { readStackFile, stackFileText } from "../../config/files";
import { checkedTenantRegistry } from "../../config/memo";
import { listStacks } from "../../config/raw";
import { inConfigSnapshot, withConfigSnapshot } from "../../config/snapshot";
import { readTenantSources, stackZonesFromConfigs } from "../../config/tenants";
import { TempProject } from "../helpers/plan";

// One plan reads the project's config files once (config/snapshot.ts); the next one reads them again.
describe("the config snapshot of one plan", () => {
  let p: TempProject;
  beforeEach(() => {
    p = new TempProject();
  });
  afterEach(() => p.cleanup());

  const hostOf = (root: string, slug: string) =>
    checkedTenantRegistry(root, stackZonesFromConfigs(loadAllStackConfigs(root), listStacks(root))).tenants.find((t) => t.slug === slug)!.hostname;
  const ownerOf = (root: string) => (loadAllStackConfigs(root).find((c) => c.stack === "management")!.tags as Record<string, string>).owner;

  it("serves the first reading for the whole scope, and reads the files afresh after it", async () => {
    const text = p.readFile("tenants/demo.yaml");
    const host = hostOf(p.root, "demo");
    const renamed = host.replace(/^demo\./, "dem0.");
    await withConfigSnapshot(async () => {
      assert.ok(inConfigSnapshot());
      const first = loadAllStackConfigs(p.root);
      assert.equal(hostOf(p.root, "demo"), host);
      p.writeFile("tenants/demo.yaml", text.replace(`hostname: ${host}`, `hostname: ${renamed}`));
      p.writeFile("Pulumi.management.yaml", p.readFile("Pulumi.management.yaml").replace("owner: platform-engineering", "owner: platform-engineerinx"));
      assert.equal(hostOf(p.root, "demo"), host, "an edit made while a plan runs is not seen by the rest of it");
      assert.equal(ownerOf(p.root), "platform-engineering");
      const again = loadAllStackConfigs(p.root);
      first.forEach((c, i) => assert.equal(again[i], c, `${c.stack}: the same checked config`));
    });
    assert.equal(inConfigSnapshot(), false);
    assert.equal(hostOf(p.root, "demo"), renamed, "the next plan reads the edited tenant file");
    assert.equal(ownerOf(p.root), "platform-engineerinx", "and the edited stack file");
  });

  it("derives the runtime's stack file and the validated config from one reading", async () => {
    await withConfigSnapshot(async () => {
      const before = readStackFile(p.root, "management");
      p.writeFile("Pulumi.management.yaml", p.readFile("Pulumi.management.yaml").replace("owner: platform-engineering", "owner: platform-engineerinx"));
      // Both read after the edit, both still the first reading: never one old and one new.
      assert.equal(readStackFile(p.root, "management"), before);
      assert.match(stackFileText(p.root, "management"), /owner: platform-engineering\n/);
      assert.equal(ownerOf(p.root), "platform-engineering");
    });
    assert.match(readStackFile(p.root, "management").config["landing-zone:tags"], /platform-engineerinx/);
  });

  it("keeps the reading until the outermost scope ends", async () => {
    const before = readTenantSources(p.root);
    await withConfigSnapshot(async () => {
      const first = readTenantSources(p.root);
      await withConfigSnapshot(async () => assert.equal(readTenantSources(p.root), first));
      p.writeFile("tenants/zz-new.yaml", p.readFile("tenants/demo.yaml"));
      assert.equal(readTenantSources(p.root), first, "the inner scope's end did not drop it");
      assert.equal(first.length, before.length);
    });
    assert.equal(readTenantSources(p.root).length, before.length + 1);
  });

  it("does not keep a read that failed", async () => {
    await withConfigSnapshot(async () => {
      assert.throws(() => readStackFile(p.root, "later"), (err: Error) => /Pulumi\.later\.yaml/.test(JSON.stringify(err)) || /Pulumi\.later\.yaml/.test(err.message));
      fs.copyFileSync(path.join(p.root, "Pulumi.security.yaml"), path.join(p.root, "Pulumi.later.yaml"));
      assert.equal(readStackFile(p.root, "later").stack, "later");
    });
  });

  it("names an unreadable stack file as it did before", () => {
    fs.writeFileSync(path.join(p.root, "Pulumi.broken.yaml"), "config: [unclosed\n");
    assert.throws(() => readStackFile(p.root, "broken"), (err: Error & { issues?: { file: string; message: string }[] }) => err.issues?.[0].file === "Pulumi.broken.yaml" && /^cannot read it as YAML: /.test(err.issues[0].message));
    assert.throws(() => readStackFile(p.root, "missing"), (err: Error & { issues?: { file: string; message: string }[] }) => err.issues?.[0].file === "Pulumi.missing.yaml" && /^cannot read it as YAML: ENOENT/.test(err.issues[0].message));
  });

  it("reads each config file once per lz plan, however many programs it runs", async () => {
    const reads = new Map<string, number>();
    // The module itself: the config modules' `import * as fs` read its properties at each call.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeFs: { readFileSync: typeof fs.readFileSync } = require("fs");
    const real = nodeFs.readFileSync;
    const counting = function (this: unknown, file: fs.PathOrFileDescriptor, ...rest: unknown[]) {
      if (typeof file === "string" && file.startsWith(p.root)) reads.set(file, (reads.get(file) ?? 0) + 1);
      return (real as (...a: unknown[]) => unknown).call(this, file, ...rest);
    } as typeof fs.readFileSync;
    nodeFs.readFileSync = counting;
    let run;
    try {
      run = await planStacks(["dev-cell-01"], { root: p.root });
    } finally {
      nodeFs.readFileSync = real;
    }
    // The cell and the four stacks it reads: five programs, each validating the whole project.
    assert.deepEqual([...run.planned.keys()].sort(), ["dev", "dev-cell-01", "log-archive", "management", "network"]);
    const tenantFiles = fs.readdirSync(path.join(p.root, "tenants")).map((f) => path.join(p.root, "tenants", f));
    for (const f of tenantFiles) assert.equal(reads.get(f), 1, `${path.relative(p.root, f)} read once`);
    for (const s of listStacks(p.root)) assert.equal(reads.get(path.join(p.root, `Pulumi.${s}.yaml`)), 1, `Pulumi.${s}.yaml read once`);
    // A second plan reads them again: an edit between two plans is seen (test/config/memo.test.ts).
    const management = await planStack("management", { root: p.root, policies: false });
    assert.equal(management.result.stack, "management");
  });
});
