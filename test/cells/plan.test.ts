import { strict as assert } from "assert";
import * as YAML from "yaml";
import type { PlanResult } from "../../lib/plan";
import { planStacks } from "../../cli/plan/command";
import { planStack, TempProject } from "../helpers/plan";
import { demoTenant, tenantResources } from "../tenants/helpers";

/**
 * Tenant cells as the sample plans them: a cell holds its tenants, reads what they share from its
 * workload stack by StackReference, and routes them through a tunnel of its own; the workload stack
 * holds no tenant, and a new tenant changes its cell's plan and no other.
 */

const TENANT = "landing-zone:tenant:Tenant";
const comparable = (p: PlanResult) => JSON.stringify({ resources: p.resources.map((r) => [r.urn, r.inputs, r.protect, r.retainOnDelete]), outputs: p.outputs });

describe("tenant cells: the plans", function () {
  this.timeout(180000);
  let dev: PlanResult;
  let prod: PlanResult;
  let devCell: PlanResult;
  let prodCell: PlanResult;
  before(async () => {
    [dev, prod, devCell, prodCell] = [await planStack("dev"), await planStack("prod"), await planStack("dev-cell-01"), await planStack("prod-cell-01")];
  });

  it("the sample tenants live in their cells; the workload stacks hold none", () => {
    const names = (p: PlanResult) => p.resources.filter((r) => r.type === TENANT).map((r) => r.name).sort();
    assert.deepEqual(names(dev), []);
    assert.deepEqual(names(prod), []);
    assert.deepEqual(names(devCell), ["tenant-demo"]);
    assert.deepEqual(names(prodCell), ["tenant-contoso-bank", "tenant-fabrikam", "tenant-northwind-health"]);
    for (const p of [devCell, prodCell]) assert.deepEqual(p.violations.filter((v) => v.enforcementLevel === "mandatory"), [], `${p.stack} plans clean`);
  });

  it("a cell reads its workload stack's tenantPlatform by StackReference, and its tenants use what it says", () => {
    const refs = prodCell.resources.filter((r) => r.type === "pulumi:pulumi:StackReference").map((r) => r.name);
    assert.deepEqual(refs, ["example-org/landing-zone/prod"]);
    const platform = prod.outputs.tenantPlatform as any;
    assert.equal(platform.accountId, "666666666666");
    const key = tenantResources(prodCell, "contoso-bank").find((r) => r.type === "aws:kms/key:Key")!;
    const policy = JSON.parse(String(key.inputs.policy));
    const encryptOnly = policy.Statement.find((s: { Sid: string }) => s.Sid === "PlatformMayEncryptOnly").Principal.AWS;
    assert.deepEqual(encryptOnly, [platform.aws.appTaskRoleArn, platform.aws.deploymentRoleArn].sort(), "the app task role of the workload stack, read through the reference");
    const access = tenantResources(prodCell, "contoso-bank").find((r) => r.type === "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication")!;
    assert.deepEqual(access.inputs.allowedIdps, [platform.cloudflare.oktaIdpId]);
    const synthetics = tenantResources(prodCell, "contoso-bank").find((r) => r.type === "datadog:index/syntheticsTest:SyntheticsTest")!;
    assert.deepEqual((synthetics.inputs.configVariables as { id: string }[]).map((v) => v.id), platform.datadog.configVariables.map((v: { id: string }) => v.id));
  });

  it("a cell's tenants get the environment's perimeter endpoints and SFTP server through the reference", () => {
    const user = tenantResources(prodCell, "contoso-bank").find((r) => r.type === "aws:transfer/user:User")!;
    assert.equal(user.inputs.serverId, (prod.outputs.sftpServer as { id: string }).id);
    const platform = prod.outputs.tenantPlatform as any;
    assert.deepEqual(
      [platform.perimeter.s3EndpointId, platform.perimeter.kmsEndpointId],
      [(prod.outputs.vpcEndpointIds as Record<string, string>).s3, (prod.outputs.vpcEndpointIds as Record<string, string>).kms],
    );
    assert.equal(platform.perimeter.breakGlassRoleArn, "arn:aws:iam::666666666666:role/LandingZoneBreakGlass");
  });

  it("a cell routes exactly its tenants through its own tunnel and connector, in the workload VPC's app tier", () => {
    const tunnelConfig = prodCell.resources.find((r) => r.type === "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig")!;
    const hosts = (tunnelConfig.inputs.config as { ingresses: { hostname?: string }[] }).ingresses.map((i) => i.hostname ?? "*");
    assert.deepEqual(hosts, ["contoso-bank.example.com", "fabrikam.example.com", "northwind-health.example.com", "portal.northwindhealth.example", "*"]);
    const workloadConfig = prod.resources.find((r) => r.type === tunnelConfig.type)!;
    const workloadHosts = (workloadConfig.inputs.config as { ingresses: { hostname?: string }[] }).ingresses.map((i) => i.hostname ?? "*");
    assert.ok(!workloadHosts.some((h) => h.includes("contoso")), "the workload tunnel routes no cell tenant");
    const dns = tenantResources(prodCell, "contoso-bank").find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord")!;
    assert.equal(dns.inputs.content, prodCell.outputs.tunnelCname);
    const service = prodCell.resources.find((r) => r.type === "aws:ecs/service:Service")!;
    const subnets = (service.inputs.networkConfiguration as { subnets: string[] }).subnets;
    assert.deepEqual(subnets, (prod.outputs.tenantPlatform as any).vpc.appSubnetIds);
    assert.equal(prodCell.outputs.connectorCluster, "prod-cell-01-edge");
  });

  it("a cell's custom host name goes to the tenant's own host name, which the cell routes (not the zone's fallback origin)", () => {
    const ch = tenantResources(prodCell, "northwind-health").find((r) => r.type === "cloudflare:index/customHostname:CustomHostname")!;
    assert.equal(ch.inputs.customOriginServer, "northwind-health.example.com");
    assert.equal(prod.outputs.tenantSaasFallbackOrigin, "saas-fallback.example.com", "the zone's one fallback origin stays in the workload stack");
  });

  it("a cell has providers of its own, named after it (so `pulumi state move` can copy the workload's beside them)", () => {
    const providers = prodCell.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.name).sort();
    assert.deepEqual(providers, ["prod-cell-01-aws", "prod-cell-01-cloudflare", "prod-cell-01-datadog"]);
  });

  describe("adding one tenant", () => {
    let base: Map<string, PlanResult>;
    let after: Map<string, PlanResult>;
    before(async () => {
      base = new Map([dev, prod, devCell, prodCell].map((p) => [p.stack, p]));
      const p = new TempProject();
      try {
        p.writeFile("tenants/acme.yaml", YAML.stringify(demoTenant({ slug: "acme", hostname: "acme.example.net", cell: "dev-cell-01" })));
        const run = await planStacks("all", { root: p.root });
        after = new Map(run.plans.map((x) => [x.result.stack, x.result]));
        for (const s of ["management", "log-archive", "security", "network"]) base.set(s, await planStack(s));
      } finally {
        p.cleanup();
      }
    });

    it("changes exactly one stack's plan, its cell's, by that tenant's resources and the cell's tunnel", () => {
      const changed = [...after.keys()].filter((s) => comparable(after.get(s)!) !== comparable(base.get(s)!));
      assert.deepEqual(changed, ["dev-cell-01"]);
      const cell = after.get("dev-cell-01")!;
      const beforeUrns = new Set(base.get("dev-cell-01")!.resources.map((r) => r.urn));
      const added = cell.resources.filter((r) => !beforeUrns.has(r.urn));
      assert.ok(added.length >= 19 && added.every((r) => r.name.startsWith("tenant-acme")), added.map((r) => r.name).join(", "));
    });

    it("leaves the workload stack's resources as they were: its size does not depend on the tenants", () => {
      assert.equal(after.get("dev")!.resources.length, dev.resources.length);
    });
  });
});
