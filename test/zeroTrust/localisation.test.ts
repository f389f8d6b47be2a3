import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PlanResult } from "../../lib/plan";
import { runLz, TempProject } from "../helpers/plan";

/** Without `cloudflare.dataLocalisation` (default false: the Data Localization Suite is an Enterprise add-on) there are no regional hostnames (the residency pack judges that). */
describe("zero trust: data localisation off", function () {
  let plan: PlanResult;
  before(async () => {
    const p = new TempProject().editStack("dev", (c) => delete c["landing-zone:cloudflare"].dataLocalisation);
    try {
      const file = path.join(p.root, "dev.json");
      const run = await runLz(["plan", "dev", "--json", file], p.root);
      assert.notEqual(run.code, 2, run.stderr);
      const doc = JSON.parse(fs.readFileSync(file, "utf8"));
      plan = Array.isArray(doc) ? doc[0] : doc;
    } finally {
      p.cleanup();
    }
  });

  it("makes no regional hostname, while the DNS records stay proxied", () => {
    assert.deepEqual(plan.resources.filter((r) => r.type === "cloudflare:index/regionalHostname:RegionalHostname").map((r) => r.name), []);
    const records = plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord");
    assert.ok(records.length >= 2);
    for (const r of records) assert.equal(r.inputs.proxied, true);
  });
});
