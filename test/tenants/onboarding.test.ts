import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PlanResult } from "../../lib/plan";
import { runLz, TempProject } from "../helpers/plan";
import { tenantResources } from "./helpers";

describe("onboarding a tenant: `lz tenant add` then `lz plan`", function () {
  this.timeout(120000);

  it("`lz tenant add acme --stack dev --hostname acme.example.net` puts acme in dev's least-filled cell, and `lz plan dev-cell-01` shows its resources", async () => {
    const p = new TempProject();
    try {
      const add = await runLz(["tenant", "add", "acme", "--stack", "dev", "--hostname", "acme.example.net"], p.root);
      assert.equal(add.code, 0, add.stderr);
      assert.match(fs.readFileSync(path.join(p.root, "tenants/acme.yaml"), "utf8"), /^stack: dev\ncell: dev-cell-01$/m);
      assert.match(add.stdout, /in cell dev-cell-01 of dev/);
      const out = path.join(p.root, "dev.json");
      const plan = await runLz(["plan", "dev-cell-01", "--json", out], p.root);
      assert.equal(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /^Tenants:\n {2}SLUG .*\n {2}acme +active +acme\.example\.net +yes +19 +retained\n {2}demo /m, "the summary lists the new tenant");

      const result = JSON.parse(fs.readFileSync(out, "utf8")) as PlanResult;
      const acme = tenantResources(result, "acme");
      const types = acme.map((r) => r.type);
      for (const t of ["aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:iam/role:Role", "aws:secretsmanager/secret:Secret", "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication", "cloudflare:index/dnsRecord:DnsRecord", "datadog:index/syntheticsTest:SyntheticsTest", "datadog:index/monitor:Monitor"]) {
        assert.ok(types.includes(t), `acme has a ${t}`);
      }
      assert.equal(acme.find((r) => r.type === "aws:kms/alias:Alias")?.inputs.name, "alias/tenant/acme");
      assert.equal((result.outputs.tenants as Record<string, { hostname: string }>).acme.hostname, "acme.example.net");
    } finally {
      p.cleanup();
    }
  });

  it("removing a tenant file removes it from the plan; what keeps its data is the retainOnDelete the plan showed", async () => {
    const p = new TempProject();
    try {
      p.removeFile("tenants/demo.yaml");
      const out = path.join(p.root, "dev.json");
      const run = await runLz(["plan", "dev-cell-01", "--json", out], p.root);
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(fs.readFileSync(out, "utf8")) as PlanResult;
      assert.deepEqual(result.resources.filter((r) => r.name.startsWith("tenant-")), []);
      assert.doesNotMatch(run.stdout, /^Tenants:/m, "no tenants section without tenants");
    } finally {
      p.cleanup();
    }
  });
});
