import { strict as assert } from "assert";
import { assembleIngress, CATCH_ALL_SERVICE, ingressIssues, inZone, isHostname, originIssue, originPort } from "../../lib/zeroTrust/ingress";
import { connectorEgress, TUNNEL_PORT } from "../../lib/zeroTrust/connector";

const ZONE = "example.net";
const ok = [
  { hostname: "admin.example.net", service: "https://admin.internal.example.net" },
  { hostname: "docs.example.net", service: "https://docs.internal.example.net:8443" },
  { service: CATCH_ALL_SERVICE },
];

describe("zero trust: ingress rules (pure)", () => {
  it("accepts rules in the zone to private HTTPS origins, ending with the catch-all 404", () => {
    assert.deepEqual(ingressIssues(ok, ZONE), []);
  });

  it("requires the list to end with a catch-all", () => {
    const issues = ingressIssues(ok.slice(0, 2), ZONE);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].path, "");
    assert.match(issues[0].message, /must end with a catch-all.*http_status:404/);
  });

  it("requires the catch-all to answer 404, not an origin", () => {
    const issues = ingressIssues([ok[0], { service: "https://fallback.internal.example.net" }], ZONE);
    assert.deepEqual(issues.map((i) => i.path), ["[1].service"]);
  });

  it("allows only the last rule to go without a hostname", () => {
    const issues = ingressIssues([{ service: CATCH_ALL_SERVICE }, ...ok], ZONE);
    assert.deepEqual(issues.map((i) => i.path), ["[0].hostname"]);
  });

  it("names a hostname outside the zone and suggests one inside", () => {
    const issues = ingressIssues([{ hostname: "admin.example.org", service: "https://a.internal" }, ok[2]], ZONE);
    assert.equal(issues[0].path, "[0].hostname");
    assert.match(issues[0].message, /outside the zone example\.net.*admin\.example\.net/);
  });

  it("refuses plain HTTP, public IPs and non-URLs as origins", () => {
    assert.match(originIssue("http://admin.internal.example.net")!, /not HTTPS/);
    assert.match(originIssue("https://8.8.8.8")!, /public IP/);
    assert.match(originIssue("admin.internal")!, /not a URL/);
    assert.equal(originIssue("https://10.16.0.10:8443"), undefined);
  });

  it("refuses a hostname routed twice", () => {
    const issues = ingressIssues([ok[0], { ...ok[0] }, ok[2]], ZONE);
    assert.deepEqual(issues.map((i) => i.path), ["[1].hostname"]);
    assert.match(issues[0].message, /already routed by rule \[0\]/);
  });

  it("knows hostnames and zones", () => {
    assert.ok(isHostname("a.example.net"));
    assert.ok(!isHostname("Admin.example.net"));
    assert.ok(!isHostname("example"));
    assert.ok(inZone("example.net", ZONE));
    assert.ok(inZone("a.b.example.net", ZONE));
    assert.ok(!inZone("badexample.net", ZONE));
  });

  it("assembles config rules, tenant rules, then one catch-all 404", () => {
    const all = assembleIngress(ok, [{ hostname: "acme.example.net", service: "https://acme.tenants.internal.example.net" }]);
    assert.deepEqual(all.map((r) => r.hostname ?? r.service), ["admin.example.net", "docs.example.net", "acme.example.net", CATCH_ALL_SERVICE]);
    assert.throws(() => assembleIngress(ok, [{ hostname: "admin.example.net", service: "https://x.internal" }]), /already routed/);
    assert.throws(() => assembleIngress(ok, [{ service: CATCH_ALL_SERVICE }]), /no hostname/);
  });

  it("derives origin ports, and opens only those besides the tunnel and HTTPS", () => {
    assert.equal(originPort("https://a.internal"), 443);
    assert.equal(originPort("https://a.internal:8443"), 8443);
    assert.equal(originPort(CATCH_ALL_SERVICE), undefined);
    const rules = connectorEgress("10.16.0.0/16", [443, 8443, 8443]);
    assert.deepEqual(rules.map((r) => `${r.protocol}/${r.port}`), [`udp/${TUNNEL_PORT}`, `tcp/${TUNNEL_PORT}`, "tcp/443", "tcp/8443"]);
    assert.deepEqual(rules[3].cidrIpv4s, ["10.16.0.0/16"]);
    for (const r of rules.filter((x) => x.port === TUNNEL_PORT)) assert.ok(!r.cidrIpv4s.includes("0.0.0.0/0"), "the tunnel port goes to Cloudflare's edge only");
  });
});
