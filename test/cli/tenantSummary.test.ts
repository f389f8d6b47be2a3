import { strict as assert } from "assert";
import { SUMMARY_SECTIONS } from "../../cli/plan/sections";
import "../../cli/plan/summary";
import { tenantRows, tenantsSection } from "../../cli/plan/tenants";
import type { PlanResource, PlanResult } from "../../lib/plan";

function res(type: string, name: string, parent: string | null, extra: Partial<PlanResource> = {}): PlanResource {
  return { urn: `urn:${name}`, type, name, id: null, parent, provider: null, region: null, inputs: {}, outputs: {}, protect: false, retainOnDelete: false, custom: true, ...extra };
}

describe("the Tenants section of `lz plan`", () => {
  const plan: PlanResult = {
    stack: "prod",
    role: "workload",
    outputs: {},
    violations: [],
    resources: [
      res("landing-zone:tenant:Tenant", "tenant-zeta", null, { custom: false, inputs: { slug: "zeta", status: "offboarded" } }),
      res("aws:kms/key:Key", "tenant-zeta-key", "urn:tenant-zeta", { protect: true, retainOnDelete: true }),
      res("landing-zone:tenant:Tenant", "tenant-acme", null, { custom: false, inputs: { slug: "acme", status: "active" } }),
      res("aws:kms/key:Key", "tenant-acme-key", "urn:tenant-acme", { retainOnDelete: true }),
      res("cloudflare:index/dnsRecord:DnsRecord", "tenant-acme-dns", "urn:tenant-acme", { inputs: { name: "acme.example.com" } }),
      res("cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication", "tenant-acme-access-app", "urn:tenant-acme"),
      res("aws:s3/bucket:Bucket", "other", null),
    ],
  };

  it("is registered with the summary", () => {
    assert.ok(SUMMARY_SECTIONS.includes(tenantsSection));
  });

  it("lists each tenant with its status, hostname, access and how its data is kept", () => {
    assert.deepEqual(tenantRows(plan), [
      { slug: "acme", status: "active", hostname: "acme.example.com", resources: 3, access: true, dataKept: "retained" },
      { slug: "zeta", status: "offboarded", hostname: "-", resources: 1, access: false, dataKept: "retained, protected" },
    ]);
    const text = tenantsSection.render(plan, [plan])!;
    assert.match(text, /acme +active +acme\.example\.com +yes +3 +retained/);
    assert.match(text, /zeta +offboarded +- +removed +1 +retained, protected/);
  });

  it("says nothing for a stack without tenants", () => {
    assert.equal(tenantsSection.render({ ...plan, resources: [res("aws:s3/bucket:Bucket", "b", null)] }, []), undefined);
  });
});
