import { strict as assert } from "assert";
import * as YAML from "yaml";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { byName, demoTenant, planTemp, tenantResources } from "./helpers";

/**
 * Suspension and offboarding, checked on the plan: the same project planned with the dev tenant
 * (which brings its own domain here) active, suspended and offboarded, and the resource sets and
 * inputs compared.
 */

const withStatus = (status: string) =>
  planTemp("dev", (p) => p.writeFile("tenants/demo.yaml", YAML.stringify(demoTenant({ status, customHostname: "portal.demo-customer.example" }))));

const same = (a: PlanResource, b: PlanResource) => JSON.stringify(a.inputs) === JSON.stringify(b.inputs) && a.protect === b.protect && a.retainOnDelete === b.retainOnDelete;

function changed(before: PlanResult, after: PlanResult) {
  const a = byName(before.resources);
  const b = byName(after.resources);
  return {
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    modified: [...a.keys()].filter((k) => b.has(k) && !same(a.get(k)!, b.get(k)!)).sort(),
  };
}

describe("tenant status on the plan", function () {
  this.timeout(120000);
  let active: PlanResult;
  let suspended: PlanResult;
  let offboarded: PlanResult;
  before(async () => {
    active = await withStatus("active");
    suspended = await withStatus("suspended");
    offboarded = await withStatus("offboarded");
  });

  it("an active tenant has its data, its way in and its monitoring", () => {
    const types = new Set(tenantResources(active, "demo").map((r) => r.type));
    for (const t of [
      "aws:kms/key:Key",
      "aws:s3/bucket:Bucket",
      "aws:iam/role:Role",
      "aws:secretsmanager/secret:Secret",
      "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
      "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy",
      "cloudflare:index/dnsRecord:DnsRecord",
      "cloudflare:index/customHostname:CustomHostname",
      "datadog:index/syntheticsTest:SyntheticsTest",
      "datadog:index/monitor:Monitor",
    ]) {
      assert.ok(types.has(t), `active tenant has a ${t}`);
    }
  });

  it("suspension changes exactly the Access policies (deny everyone) and what the synthetic test expects", () => {
    const d = changed(active, suspended);
    assert.deepEqual(d.removed, [], "suspension removes nothing");
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.modified, [
      "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy::tenant-demo-access-policy",
      "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy::tenant-demo-synthetics-policy",
      "datadog:index/syntheticsTest:SyntheticsTest::tenant-demo-synthetic",
      "landing-zone:tenant:Tenant::tenant-demo",
    ]);
    const after = byName(suspended.resources);
    for (const name of ["tenant-demo-access-policy", "tenant-demo-synthetics-policy"]) {
      const policy = after.get(`cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy::${name}`)!;
      assert.equal(policy.inputs.decision, "deny");
      assert.deepEqual(policy.inputs.includes, [{ everyone: {} }]);
    }
    const test = after.get("datadog:index/syntheticsTest:SyntheticsTest::tenant-demo-synthetic")!;
    assert.deepEqual(test.inputs.assertions, [{ type: "statusCode", operator: "is", target: "403" }]);
  });

  it("offboarding removes exactly the way in and the synthetic test (and its monitor), and keeps the data", () => {
    const d = changed(active, offboarded);
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.removed, [
      "cloudflare:index/customHostname:CustomHostname::tenant-demo-custom-hostname",
      "cloudflare:index/customHostnameFallbackOrigin:CustomHostnameFallbackOrigin::dev-saas-origin",
      "cloudflare:index/dnsRecord:DnsRecord::dev-saas-dns",
      "cloudflare:index/dnsRecord:DnsRecord::tenant-demo-dns",
      "cloudflare:index/regionalHostname:RegionalHostname::dev-saas-regional",
      "cloudflare:index/regionalHostname:RegionalHostname::tenant-demo-regional",
      "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication::tenant-demo-access-app",
      "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy::tenant-demo-access-policy",
      "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy::tenant-demo-synthetics-policy",
      "datadog:index/monitor:Monitor::tenant-demo-latency",
      "datadog:index/syntheticsTest:SyntheticsTest::tenant-demo-synthetic",
      "landing-zone:tenant:SaasFallbackOrigin::dev-saas",
    ]);
    // The tunnel's one configuration loses the tenant's rules; the component records the new status.
    assert.deepEqual(d.modified, ["cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig::dev-tunnel-config", "landing-zone:tenant:Tenant::tenant-demo"]);
    const hostnames = (plan: PlanResult) =>
      (plan.resources.find((r) => r.type === "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig")!.inputs.config as { ingresses: { hostname?: string }[] }).ingresses.map((i) => i.hostname);
    assert.ok(hostnames(active).includes("demo.example.net") && hostnames(active).includes("portal.demo-customer.example"));
    assert.deepEqual(hostnames(offboarded).filter((h) => h && /demo/.test(h)), []);
    assert.equal(hostnames(offboarded).at(-1), undefined, "the catch-all stays last");

    const kept = byName(tenantResources(offboarded, "demo"));
    for (const t of ["aws:kms/key:Key::tenant-demo-key", "aws:s3/bucket:Bucket::tenant-demo-bucket", "aws:secretsmanager/secret:Secret::tenant-demo-settings"]) {
      assert.equal(kept.get(t)?.retainOnDelete, true, `${t} is kept and retained on delete`);
    }
    assert.ok(kept.has("aws:iam/role:Role::tenant-demo-role"), "the role stays: the tenant's data can still be handed back");
  });

  it("the tenant's stack output follows its status; offboarded tenants have no custom hostname records", () => {
    const out = (plan: PlanResult) => (plan.outputs.tenants as Record<string, { status: string }>).demo.status;
    assert.deepEqual([out(active), out(suspended), out(offboarded)], ["active", "suspended", "offboarded"]);
    assert.ok((active.outputs.tenantCustomHostnameRecords as Record<string, unknown>).demo);
    assert.equal(offboarded.outputs.tenantCustomHostnameRecords, undefined);
  });
});
