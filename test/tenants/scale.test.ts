import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_ROOT } from "../../config/raw";
import type { PlanResult } from "../../lib/plan";
import { TempProject } from "../helpers/plan";
import { demoTenant, planTemp, tenantResources } from "./helpers";

/**
 * A stack with 500 tenants plans, and each tenant costs the same whatever their number: the same
 * resources, no data-source calls, no lookups over the other tenants.
 */

function manyTenants(n: number) {
  return (p: TempProject) => {
    for (let i = 0; i < n; i++) {
      const slug = `tenant${String(i).padStart(3, "0")}`;
      const status = i % 10 === 9 ? "offboarded" : i % 10 === 8 ? "suspended" : "active";
      const extra = i % 25 === 0 ? { customHostname: `portal.${slug}.example` } : {};
      p.writeFile(`tenants/${slug}.yaml`, YAML.stringify(demoTenant({ slug, hostname: `${slug}.example.net`, displayName: `Tenant ${i}`, status, ...extra })));
    }
  };
}

function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  return f().then((v) => [v, Date.now() - started]);
}

describe("tenants at scale", function () {
  this.timeout(600000);
  let plan500: PlanResult;

  before(async () => {
    let ms500: number;
    [plan500, ms500] = await timed(() => planTemp("dev", manyTenants(500)));
    // Reported, so a slowdown shows in the test log. How time grows with the number of tenants is
    // measured by `npm run bench` (medians, against the mock floor), not asserted here, where the
    // machine's load makes one-shot timings meaningless.
    console.log(`      dev with 500 tenants planned in ${(ms500 / 1000).toFixed(1)} s (${plan500.resources.length} resources)`);
  });

  it("a dev stack with 500 tenants that name no cell (the layout before cells) plans, every one of them", () => {
    const components = plan500.resources.filter((r) => r.type === "landing-zone:tenant:Tenant");
    assert.equal(components.length, 500, "the sample's demo lives in dev-cell-01, not here");
    assert.deepEqual(plan500.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
    const ingress = (plan500.resources.find((r) => r.type === "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig")!.inputs.config as { ingresses: unknown[] }).ingresses;
    // The sample's 2 apps; active and suspended tenants (400 + 50 of the 500); the 20 custom
    // hostnames (all on reachable tenants); the catch-all.
    assert.equal(ingress.length, 2 + 450 + 20 + 1);
  });

  it("each tenant has the same resources as any other of its status", () => {
    const shape = (slug: string) => tenantResources(plan500, slug).map((r) => `${r.type}::${r.name.replace(slug, "*")}`).sort();
    assert.deepEqual(shape("tenant001"), shape("tenant487"));
    assert.deepEqual(shape("tenant008"), shape("tenant498"), "suspended");
    assert.deepEqual(shape("tenant009"), shape("tenant499"), "offboarded");
    assert.equal(tenantResources(plan500, "tenant001").length, 1 + 19, "the component and its 19 resources");
  });

  it("the tenant code calls no data source and scans no list per tenant", () => {
    const dir = path.join(PROJECT_ROOT, "components", "tenant");
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      assert.doesNotMatch(text, /\.get[A-Z]\w*(Output)?\(/, `${f} calls a data source`);
      assert.doesNotMatch(text, /\.(filter|find|some|includes)\(/, `${f} scans a list`);
    }
  });
});
