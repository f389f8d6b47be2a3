import { strict as assert } from "assert";
import * as YAML from "yaml";
import { parseTenantSources, readStackZones, readTenantRegistry, renderTenantFile, StackZone, TenantSource } from "../../config/tenants";
import { PROJECT_ROOT } from "../../config/raw";
import { tenantSchema } from "../../config/schema/tenant";

const STACKS: ReadonlyMap<string, StackZone> = new Map([
  ["dev", { stack: "dev", role: "workload", zone: "example.net", reservedHosts: ["admin.example.net"] }],
  ["prod", { stack: "prod", role: "workload", zone: "example.com" }],
  ["network", { stack: "network", role: "network" }],
]);

function file(slug: string, overrides: Record<string, unknown> = {}, name = `${slug}.yaml`): TenantSource {
  const doc = {
    slug,
    displayName: slug.toUpperCase(),
    stack: "dev",
    hostname: `${slug}.example.net`,
    oktaGroups: [`${slug}-users`],
    dataClassification: "confidential",
    retentionDays: 365,
    contacts: [{ name: "Ops", email: `ops@${slug}.example`, role: "technical" }],
    status: "active",
    ...overrides,
  };
  for (const [k, v] of Object.entries(doc)) if (v === undefined) delete (doc as Record<string, unknown>)[k];
  return { file: `tenants/${name}`, text: YAML.stringify(doc) };
}

function issuesOf(sources: TenantSource[]) {
  return parseTenantSources(sources, STACKS).issues.map((i) => `${i.file}: ${i.path}: ${i.message}`);
}

function expectIssue(sources: TenantSource[], file: string, path: string, message: RegExp) {
  const r = parseTenantSources(sources, STACKS);
  const hit = r.issues.find((i) => i.file === file && i.path === path && message.test(i.message));
  assert.ok(hit, `expected ${file}: ${path}: ${message}; got:\n${issuesOf(sources).join("\n")}`);
  return r;
}

describe("the tenant registry (config/tenants.ts)", () => {
  it("accepts valid files and returns them sorted by slug, with defaults applied", () => {
    const r = parseTenantSources([file("zeta", { status: undefined }), file("acme", { stack: "prod", hostname: "acme.example.com" })], STACKS);
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.tenants.map((t) => t.slug), ["acme", "zeta"]);
    assert.equal(r.tenants[1].status, "active", "status defaults to active");
    assert.equal(r.tenants[0].file, "tenants/acme.yaml");
  });

  it("a bad slug names the file and the key", () => {
    for (const slug of ["ab", "Acme", "acme_corp", "-acme", "acme-", "a".repeat(33), "ac--me", "9lives"]) {
      expectIssue([file(slug, {}, "bad.yaml")], "tenants/bad.yaml", "slug", /3–32 lower-case|two hyphens/);
    }
    assert.deepEqual(issuesOf([file("abc"), file("a".repeat(32))]), [], "3 and 32 characters are fine");
  });

  it("the slug must match the file name", () => {
    expectIssue([file("acme", {}, "acme-corp.yaml")], "tenants/acme-corp.yaml", "slug", /does not match the file name.*acme\.yaml/);
  });

  it("an unknown stack, or a stack that is not a workload stack, is refused with the workload stacks listed", () => {
    expectIssue([file("acme", { stack: "staging" })], "tenants/acme.yaml", "stack", /"staging" is not a stack.*dev, prod/);
    expectIssue([file("acme", { stack: "network" })], "tenants/acme.yaml", "stack", /is a network stack/);
  });

  it("the hostname must be one label directly under its stack's zone", () => {
    expectIssue([file("acme", { hostname: "acme.example.com" })], "tenants/acme.yaml", "hostname", /not in the dev stack's zone example\.net.*acme\.example\.net/);
    expectIssue([file("acme", { hostname: "acme.eu.example.net" })], "tenants/acme.yaml", "hostname", /one label under it/);
    expectIssue([file("acme", { hostname: "example.net" })], "tenants/acme.yaml", "hostname", /not in the dev stack's zone/);
    expectIssue([file("acme", { hostname: "Acme.example.net" })], "tenants/acme.yaml", "hostname", /lower-case host name/);
  });

  it("reserved names: the SaaS fallback origin and the stack's own apps", () => {
    expectIssue([file("acme", { hostname: "saas-fallback.example.net" })], "tenants/acme.yaml", "hostname", /reserved for the Cloudflare for SaaS fallback origin/);
    expectIssue([file("acme", { hostname: "admin.example.net" })], "tenants/acme.yaml", "hostname", /already an internal app of the dev stack/);
  });

  it("hostnames are unique across tenants, custom hostnames included; the later file is blamed", () => {
    expectIssue([file("acme"), file("bravo", { hostname: "acme.example.net" })], "tenants/bravo.yaml", "hostname", /already used by tenants\/acme\.yaml \(hostname\)/);
    expectIssue([file("acme", { customHostname: "portal.acme.example" }), file("bravo", { customHostname: "portal.acme.example" })], "tenants/bravo.yaml", "customHostname", /already used/);
    expectIssue([file("acme", { customHostname: "bravo.example.net" }), file("bravo")], "tenants/acme.yaml", "customHostname", /platform's zone example\.net/);
  });

  it("a custom hostname must be the customer's domain, not one of the platform's zones", () => {
    expectIssue([file("acme", { customHostname: "portal.example.com" })], "tenants/acme.yaml", "customHostname", /platform's zone example\.com/);
  });

  it("reports every problem of every file at once, each with its file and key", () => {
    const r = parseTenantSources(
      [file("acme", { stack: "nope" }), file("bravo", { hostname: "bravo.example.org", retentionDays: 10 }), file("charlie", { oktaGroups: [], contacts: [], color: "red" })],
      STACKS,
    );
    const keys = r.issues.map((i) => `${i.file}#${i.path}`).sort();
    assert.deepEqual(keys, ["tenants/acme.yaml#stack", "tenants/bravo.yaml#retentionDays", "tenants/charlie.yaml#color", "tenants/charlie.yaml#contacts", "tenants/charlie.yaml#oktaGroups"]);
    assert.equal(r.tenants.length, 0, "no invalid tenant is returned");
  });

  it("rejects YAML that does not parse, is not a map, repeats a key, or is a .yml", () => {
    expectIssue([{ file: "tenants/acme.yaml", text: "slug: [acme" }], "tenants/acme.yaml", "", /cannot read it as YAML/);
    expectIssue([{ file: "tenants/acme.yaml", text: "- acme\n" }], "tenants/acme.yaml", "", /must be a map/);
    expectIssue([{ file: "tenants/acme.yaml", text: "slug: acme\nslug: acme\n" }], "tenants/acme.yaml", "", /cannot read it as YAML/);
    expectIssue([{ ...file("acme"), file: "tenants/acme.yml" }], "tenants/acme.yml", "", /end in \.yaml/);
  });

  it("validates each value: classification, retention, contacts, origin", () => {
    expectIssue([file("acme", { dataClassification: "secret" })], "tenants/acme.yaml", "dataClassification", /not allowed; use one of: "internal", "confidential", "restricted"/);
    expectIssue([file("acme", { retentionDays: "forever" })], "tenants/acme.yaml", "retentionDays", /expected number/);
    expectIssue([file("acme", { contacts: [{ name: "x", email: "not-an-email", role: "technical" }] })], "tenants/acme.yaml", "contacts[0].email", /valid email/);
    expectIssue([file("acme", { origin: "http://acme.internal" })], "tenants/acme.yaml", "origin", /https URL/);
    expectIssue([file("acme", { oktaGroups: ["a", "a"] })], "tenants/acme.yaml", "oktaGroups", /twice/);
    expectIssue([file("acme", { status: "paused" })], "tenants/acme.yaml", "status", /"active", "suspended", "offboarded"/);
  });

  it("is linear: 2,000 files cost about four times 500, and well under a second of CPU", () => {
    // CPU time of this process, not wall time: two cores shared with other work make wall-clock
    // bounds flaky. The best of three runs per size; a quadratic check would be ~16x, linear ~4x.
    const cpuMs = (n: number) => {
      const sources = Array.from({ length: n }, (_, i) => file(`t${String(i).padStart(4, "0")}`));
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = process.cpuUsage();
        const r = parseTenantSources(sources, STACKS);
        const used = process.cpuUsage(started);
        assert.equal(r.tenants.length, n);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      return best;
    };
    const small = cpuMs(500);
    const large = cpuMs(2000);
    assert.ok(large < 1000, `2,000 files took ${large.toFixed(0)} ms of CPU`);
    assert.ok(large < Math.max(small, 5) * 8, `2,000 files took ${large.toFixed(0)} ms of CPU against ${small.toFixed(0)} ms for 500: not linear`);
  });

  it("renders files that parse back to the same tenant", () => {
    const t = tenantSchema.parse(YAML.parse(file("acme", { customHostname: "portal.acme.example" }).text));
    const text = renderTenantFile(t);
    assert.match(text, /^# Tenant acme: .*never deletes/);
    assert.deepEqual(tenantSchema.parse(YAML.parse(text)), t);
  });

  it("the sample registry is valid: two or more tenants in prod, one or more in dev, zones from the stack files", () => {
    const zones = readStackZones(PROJECT_ROOT);
    assert.equal(zones.get("dev")?.zone, "example.net");
    assert.equal(zones.get("prod")?.zone, "example.com");
    const r = readTenantRegistry(PROJECT_ROOT, zones);
    assert.deepEqual(r.issues, []);
    assert.ok(r.tenants.filter((t) => t.stack === "prod").length >= 2);
    assert.ok(r.tenants.filter((t) => t.stack === "dev").length >= 1);
    assert.ok(r.tenants.some((t) => t.status === "suspended"), "the sample shows a suspended tenant");
    assert.ok(r.tenants.some((t) => t.customHostname), "the sample shows a custom hostname");
  });
});
