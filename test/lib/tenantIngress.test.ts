import { strict as assert } from "assert";
import { tenantIngressRules } from "../../lib/tenants/ingress";
import { regionCode, tenantBucketName, tenantOrigin } from "../../lib/tenants/names";
import { statusEffects } from "../../lib/tenants/status";
import { TenantStatus } from "../../lib/tenants/names";

const t = (slug: string, status: TenantStatus, extra: { customHostname?: string; origin?: string } = {}) => ({ slug, hostname: `${slug}.example.net`, status, ...extra });

describe("tenant ingress rules (lib/tenants/ingress.ts)", () => {
  it("one rule per hostname for active and suspended tenants, none for offboarded ones", () => {
    const rules = tenantIngressRules([t("acme", "active"), t("bravo", "suspended"), t("gone", "offboarded")]);
    assert.deepEqual(rules, [
      { hostname: "acme.example.net", service: "https://acme.tenants.internal.example.net" },
      { hostname: "bravo.example.net", service: "https://bravo.tenants.internal.example.net" },
    ]);
  });

  it("a custom hostname gets a rule to the same origin; a file's origin wins over the default", () => {
    const rules = tenantIngressRules([t("acme", "active", { customHostname: "portal.acme.example", origin: "https://acme-app.internal.example.net:8443" })]);
    assert.deepEqual(rules, [
      { hostname: "acme.example.net", service: "https://acme-app.internal.example.net:8443" },
      { hostname: "portal.acme.example", service: "https://acme-app.internal.example.net:8443" },
    ]);
    assert.deepEqual(tenantIngressRules([t("gone", "offboarded", { customHostname: "portal.gone.example" })]), []);
  });

  it("does not depend on the order of the tenants (no rule moves when a file is added)", () => {
    const list = [t("c", "active"), t("a", "active"), t("b", "suspended")];
    assert.deepEqual(tenantIngressRules(list), tenantIngressRules([...list].reverse()));
    assert.deepEqual(tenantIngressRules(list).map((r) => r.hostname), ["a.example.net", "b.example.net", "c.example.net"]);
  });

  it("never routes in clear text", () => {
    for (const r of tenantIngressRules([t("acme", "active"), t("bravo", "suspended")])) assert.match(r.service, /^https:\/\//);
  });
});

describe("tenant names and status effects (lib/tenants)", () => {
  it("bucket names are unique per account and region and fit S3's 63 characters at the longest slug", () => {
    assert.equal(regionCode("ap-southeast-2"), "apse2");
    assert.equal(regionCode("ap-southeast-4"), "apse4");
    assert.equal(tenantBucketName("acme", "555555555555", "ap-southeast-2"), "tenant-acme-555555555555-apse2");
    assert.ok(tenantBucketName("a".repeat(32), "555555555555", "ap-southeast-4").length <= 63);
    assert.equal(tenantOrigin({ slug: "acme", hostname: "acme.example.com" }), "https://acme.tenants.internal.example.com");
  });

  it("suspension keeps the way in but denies everyone; offboarding removes it and the synthetic test", () => {
    assert.deepEqual(statusEffects("active"), { reachable: true, denyAll: false, monitored: true, expectedStatusCode: 200 });
    assert.deepEqual(statusEffects("suspended"), { reachable: true, denyAll: true, monitored: true, expectedStatusCode: 403 });
    const off = statusEffects("offboarded");
    assert.equal(off.reachable, false);
    assert.equal(off.monitored, false);
  });
});
