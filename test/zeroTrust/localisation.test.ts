import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PlanResult } from "../../lib/plan";
import { runLz, TempProject } from "../helpers/plan";

/** `cloudflare.dataLocalisation: true` (an account with the Data Localization Suite) adds `au` regional hostnames. */
describe("zero trust: data localisation on", function () {
  let plan: PlanResult;
  before(async () => {
    const p = new TempProject().editStack("dev", (c) => (c["landing-zone:cloudflare"].dataLocalisation = true));
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

  it("gives every proxied record an `au` regional hostname", () => {
    const regional = plan.resources.filter((r) => r.type === "cloudflare:index/regionalHostname:RegionalHostname");
    const records = plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord");
    assert.ok(records.length >= 2);
    for (const r of records) {
      assert.equal(r.inputs.proxied, true);
      assert.equal(regional.find((x) => x.inputs.hostname === r.inputs.name)?.inputs.regionKey, "au", `${r.inputs.name}`);
    }
  });
});
