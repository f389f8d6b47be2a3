import { strict as assert } from "assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { planStack } from "../helpers/plan";
import { tenantResources } from "./helpers";

/**
 * The Tenant component as the sample stacks plan it: resources, wiring, options, outputs. The sample
 * tenants live in cells (dev-cell-01, prod-cell-01); what they share comes from dev and prod.
 */

const TAGGABLE = ["aws:iam/role:Role", "aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:secretsmanager/secret:Secret"];

function one(resources: readonly PlanResource[], type: string): PlanResource {
  const found = resources.filter((r) => r.type === type);
  assert.equal(found.length, 1, `one ${type}, found ${found.map((r) => r.name).join(", ")}`);
  return found[0];
}

const json = (r: PlanResource, key: string) => JSON.parse(String(r.inputs[key]));

describe("tenants in the sample plans", function () {
  this.timeout(120000);
  let dev: PlanResult;
  let prod: PlanResult;
  let devWorkload: PlanResult;
  let prodWorkload: PlanResult;
  before(async () => {
    dev = await planStack("dev-cell-01");
    prod = await planStack("prod-cell-01");
    devWorkload = await planStack("dev");
    prodWorkload = await planStack("prod");
  });

  it("one Tenant component per tenant of the stack, named after its slug", () => {
    const names = (plan: PlanResult) => plan.resources.filter((r) => r.type === "landing-zone:tenant:Tenant").map((r) => r.name).sort();
    assert.deepEqual(names(dev), ["tenant-demo"]);
    assert.deepEqual(names(prod), ["tenant-contoso-bank", "tenant-fabrikam", "tenant-northwind-health"]);
  });

  it("every tenant child names its explicit provider, of the right package, and carries the slug in its name", () => {
    for (const plan of [dev, prod]) {
      assert.deepEqual(plan.violations.filter((v) => v.pack === "lz-engine"), []);
      for (const slug of ["demo", "contoso-bank", "fabrikam", "northwind-health"]) {
        for (const r of tenantResources(plan, slug)) {
          if (r.custom === false) continue;
          assert.ok(r.name.startsWith(`tenant-${slug}-`), r.name);
          const pkg = r.type.split(":")[0];
          assert.ok(r.provider?.includes(`::pulumi:providers:${pkg}::`), `${r.name} uses an explicit ${pkg} provider, not ${r.provider}`);
        }
      }
    }
  });

  it("the key: rotation on, 30-day deletion window, alias alias/tenant/<slug>, policy naming the stack's real roles", () => {
    const res = tenantResources(prod, "contoso-bank");
    const key = one(res, "aws:kms/key:Key");
    assert.equal(key.inputs.enableKeyRotation, true);
    assert.equal(key.inputs.deletionWindowInDays, 30);
    assert.equal(one(res, "aws:kms/alias:Alias").inputs.name, "alias/tenant/contoso-bank");
    const policy = json(key, "policy");
    // contoso-bank has an SFTP user: its SFTP role decrypts for it too (test/tenants/dataPlane.test.ts).
    const roles = res.filter((r) => r.type === "aws:iam/role:Role").map((r) => r.outputs.arn).sort();
    const principals = (sid: string) => policy.Statement.find((s: { Sid: string }) => s.Sid === sid).Principal.AWS;
    assert.deepEqual(principals("TenantRoleMayDecrypt"), roles);
    assert.deepEqual(principals("PlatformMayEncryptOnly"), [prodWorkload.outputs.appTaskRoleArn, "arn:aws:iam::666666666666:role/LandingZoneDeployment"].sort());
    assert.deepEqual(principals("KeyAdministrationWithoutDecrypt"), ["arn:aws:iam::666666666666:role/LandingZoneDeployment"]);
    assert.ok(!key.inputs.policy!.toString().includes(":root"));
  });

  it("the bucket: SSE-KMS with the tenant key and a bucket key, versioned, private, TLS-only, lifecycle by retention", () => {
    const res = tenantResources(prod, "contoso-bank");
    const bucket = one(res, "aws:s3/bucket:Bucket");
    const key = one(res, "aws:kms/key:Key");
    assert.equal(bucket.inputs.bucket, "tenant-contoso-bank-666666666666-apse2");
    assert.equal(bucket.inputs.forceDestroy, false, "a bucket holding objects is never force-deleted");
    const sse = one(res, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules as any[];
    assert.deepEqual(sse, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.outputs.arn }, bucketKeyEnabled: true }]);
    assert.equal((one(res, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration as any).status, "Enabled");
    const pab = one(res, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
    for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.equal(pab[k], true, k);
    const policy = json(one(res, "aws:s3/bucketPolicy:BucketPolicy"), "policy");
    assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    const rules = one(res, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules as any[];
    assert.equal(rules[0].expiration.days, 3650, "contoso-bank keeps data 3650 days");
    assert.equal(rules[0].noncurrentVersionExpiration.noncurrentDays, 3650);
  });

  it("the role is assumable only by the app task role with tenant=<slug>, under /tenant/; the secret uses the tenant key", () => {
    const res = tenantResources(dev, "demo");
    const role = one(res, "aws:iam/role:Role");
    assert.equal(role.inputs.path, "/tenant/");
    const trust = json(role, "assumeRolePolicy");
    assert.deepEqual(trust.Statement[0].Principal, { AWS: devWorkload.outputs.appTaskRoleArn });
    assert.equal(trust.Statement[0].Condition.StringEquals["aws:RequestTag/tenant"], "demo");
    const secret = one(res, "aws:secretsmanager/secret:Secret");
    assert.equal(secret.inputs.kmsKeyId, one(res, "aws:kms/key:Key").outputs.arn);
    assert.equal(secret.inputs.name, "tenant/demo/settings");
  });

  it("data is retained on delete everywhere, and protected in prod only; set explicitly on each resource", () => {
    for (const [plan, slug, protect] of [[dev, "demo", false], [prod, "northwind-health", true]] as const) {
      const res = tenantResources(plan, slug);
      for (const type of ["aws:kms/key:Key", "aws:s3/bucket:Bucket"]) {
        const r = one(res, type);
        assert.equal(r.retainOnDelete, true, `${r.name} retainOnDelete`);
        assert.equal(r.protect, protect, `${r.name} protect in ${plan.stack}`);
      }
      for (const type of ["aws:secretsmanager/secret:Secret", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"]) {
        assert.equal(one(res, type).retainOnDelete, true, type);
      }
    }
  });

  it("tags tenant=<slug> on every taggable AWS resource and tenant:<slug> on the Datadog ones", () => {
    for (const r of tenantResources(prod, "fabrikam")) {
      if (TAGGABLE.includes(r.type)) assert.equal((r.inputs.tags as Record<string, string>).tenant, "fabrikam", r.name);
      if (r.type.startsWith("datadog:")) assert.ok((r.inputs.tags as string[]).includes("tenant:fabrikam"), r.name);
      if (r.type === "cloudflare:index/dnsRecord:DnsRecord") assert.match(String(r.inputs.comment), /tenant=fabrikam/);
    }
  });

  it("Cloudflare: an Access app on the tenant's hostnames, Okta-group and service-token policies, a proxied CNAME to the tunnel, a regional hostname", () => {
    const res = tenantResources(prod, "northwind-health");
    const app = one(res, "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication");
    assert.deepEqual(app.inputs.destinations, [{ type: "public", uri: "northwind-health.example.com" }, { type: "public", uri: "portal.northwindhealth.example" }]);
    const policies = res.filter((r) => r.type === "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy");
    assert.deepEqual((app.inputs.policies as { id: string }[]).map((p) => p.id).sort(), policies.map((p) => p.outputs.id ?? p.id).sort());
    const people = policies.find((p) => p.name.endsWith("-access-policy"))!;
    assert.equal(people.inputs.decision, "allow");
    assert.deepEqual((people.inputs.includes as any[]).map((i) => i.okta.name), ["northwind-health-users", "northwind-health-admins"]);
    assert.equal(policies.find((p) => p.name.endsWith("-synthetics-policy"))!.inputs.decision, "non_identity");
    const dns = one(res, "cloudflare:index/dnsRecord:DnsRecord");
    assert.deepEqual([dns.inputs.type, dns.inputs.name, dns.inputs.content, dns.inputs.proxied], ["CNAME", "northwind-health.example.com", prod.outputs.tunnelCname, true]);
    assert.equal(one(res, "cloudflare:index/regionalHostname:RegionalHostname").inputs.regionKey, "au");
  });

  it("the tunnel routes each reachable tenant hostname before the catch-all, with the tenant app's audience checked at the origin", () => {
    const cfg = prod.resources.find((r) => r.type === "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig")!;
    const ingress = (cfg.inputs.config as { ingresses: any[] }).ingresses;
    const appAud = (slug: string) => one(tenantResources(prod, slug), "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication").outputs.aud;
    for (const [host, slug] of [["contoso-bank.example.com", "contoso-bank"], ["fabrikam.example.com", "fabrikam"], ["portal.northwindhealth.example", "northwind-health"]]) {
      const rule = ingress.find((i) => i.hostname === host);
      assert.ok(rule, `${host} is routed`);
      assert.deepEqual(rule.originRequest.access.audTags, [appAud(slug)]);
      assert.equal(rule.originRequest.access.required, true);
      assert.match(rule.service, /^https:\/\//);
    }
    assert.deepEqual(ingress.at(-1), { service: "http_status:404" });
  });

  it("Datadog: a synthetic test from Sydney through Access, and a monitor, per tenant", () => {
    const res = tenantResources(dev, "demo");
    const test = one(res, "datadog:index/syntheticsTest:SyntheticsTest");
    assert.deepEqual(test.inputs.locations, ["aws:ap-southeast-2"]);
    assert.equal((test.inputs.requestDefinition as any).url, "https://demo.example.net/");
    assert.match(JSON.stringify(test.inputs.requestHeaders), /CF-Access-Client-Secret.*\{\{ CF_ACCESS_CLIENT_SECRET_DEV \}\}/);
    assert.deepEqual(test.secretInputs ?? [], [], "no secret value is in the test: it references secure global variables");
    const monitor = one(res, "datadog:index/monitor:Monitor");
    assert.match(String(monitor.inputs.query), /\{tenant:demo,env:dev\}/);
  });

  it("stack outputs: each tenant's data handles, and the records a customer publishes for its own domain", () => {
    const tenants = prod.outputs.tenants as Record<string, Record<string, string>>;
    assert.deepEqual(Object.keys(tenants).sort(), ["contoso-bank", "fabrikam", "northwind-health"]);
    assert.equal(tenants.fabrikam.status, "suspended");
    assert.match(tenants["contoso-bank"].keyArn, /^arn:aws:kms:ap-southeast-2:666666666666:key\//);
    const records = (prod.outputs.tenantCustomHostnameRecords as Record<string, any>)["northwind-health"];
    assert.deepEqual(records.cname, { name: "portal.northwindhealth.example", type: "CNAME", value: "northwind-health.example.com" });
    assert.ok(records.ownership.name && records.ownership.value, "the ownership TXT record is reported");
    assert.equal(prodWorkload.outputs.tenantSaasFallbackOrigin, "saas-fallback.example.com", "the zone-wide fallback origin stays in the workload stack");
    assert.equal(devWorkload.outputs.tenantSaasFallbackOrigin, undefined, "no fallback origin where no tenant brings its own domain");
  });

  it("the planned key and bucket policies, with the plan's real ARNs, isolate tenant A from tenant B (iam-simulate)", async () => {
    const facts = (slug: string) => {
      const res = tenantResources(prod, slug);
      const bucket = one(res, "aws:s3/bucket:Bucket");
      return {
        role: String(res.find((r) => r.type === "aws:iam/role:Role" && r.name === `tenant-${slug}-role`)!.outputs.arn),
        key: String(one(res, "aws:kms/key:Key").outputs.arn),
        keyPolicy: json(one(res, "aws:kms/key:Key"), "policy"),
        object: `${bucket.outputs.arn}/statements/2025.pdf`,
        bucketPolicy: json(one(res, "aws:s3/bucketPolicy:BucketPolicy"), "policy"),
      };
    };
    const A = facts("contoso-bank");
    const B = facts("northwind-health");
    const app = String(prodWorkload.outputs.appTaskRoleArn);
    // Prod has the network perimeter: the requests come through the VPC's endpoints, as the planned ids say.
    const vpce = prodWorkload.outputs.vpcEndpointIds as Record<string, string>;
    const decide = async (principal: string, action: string, resource: string, resourcePolicy: unknown, tls = true) => {
      const sourceVpce = action.startsWith("kms:") ? vpce.kms : vpce.s3;
      const r = await runSimulation(
        {
          request: { principal, action, resource: { resource, accountId: "666666666666" }, contextVariables: { "aws:PrincipalArn": principal, "aws:SecureTransport": String(tls), "aws:SourceVpce": sourceVpce } },
          identityPolicies: [{ name: "all", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy,
        },
        {},
      );
      if (r.resultType === "error") throw new Error(JSON.stringify(r.errors));
      return r.overallResult;
    };
    assert.equal(await decide(A.role, "kms:Decrypt", A.key, A.keyPolicy), "Allowed");
    assert.equal(await decide(A.role, "s3:GetObject", A.object, A.bucketPolicy), "Allowed");
    assert.notEqual(await decide(A.role, "kms:Decrypt", B.key, B.keyPolicy), "Allowed");
    assert.notEqual(await decide(A.role, "s3:GetObject", B.object, B.bucketPolicy), "Allowed");
    for (const platform of [app, "arn:aws:iam::666666666666:role/LandingZoneDeployment"]) {
      for (const t of [A, B]) {
        assert.notEqual(await decide(platform, "kms:Decrypt", t.key, t.keyPolicy), "Allowed");
        assert.equal(await decide(platform, "kms:GenerateDataKey", t.key, t.keyPolicy), "Allowed");
      }
    }
    for (const t of [A, B]) assert.equal(await decide(A.role, "s3:GetObject", t.object, t.bucketPolicy, false), "ExplicitlyDenied");
  });
});
