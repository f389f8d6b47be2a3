import { strict as assert } from "assert";
import * as YAML from "yaml";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { PolicyDocument } from "../../lib/iam/policyDocument";
import { byType, planStack } from "../helpers/plan";
import { simulate } from "../lib/iamSimulation";
import { byName, demoTenant, planTemp, tenantResources } from "./helpers";

/**
 * The tenant data plane on the sample plans: prod has the network perimeter (on by default there),
 * contoso-bank an SFTP user, northwind-health receives contoso-bank's deliveries, and fabrikam's
 * share is declared but not in force (it is suspended). Dev has none of it.
 */

const json = (r: PlanResource, key = "policy") => JSON.parse(String(r.inputs[key])) as PolicyDocument;
const named = (res: readonly PlanResource[], type: string, name: string) => {
  const r = res.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} is planned`);
  return r;
};
const sids = (d: PolicyDocument) => d.Statement.map((s) => s.Sid);

describe("the tenant data plane on the plans", function () {
  this.timeout(120000);
  let prod: PlanResult;
  let dev: PlanResult;
  // The sample tenants live in cells: what they consume comes from prod and dev (tenantPlatform).
  let prodCell: PlanResult;
  let devCell: PlanResult;
  before(async () => {
    prod = await planStack("prod");
    dev = await planStack("dev");
    prodCell = await planStack("prod-cell-01");
    devCell = await planStack("dev-cell-01");
  });

  it("prod's VPC endpoints admit only the organisation; dev's (perimeter off) keep AWS's default", () => {
    const org = "o-"; // the mock organisation id's prefix
    for (const e of byType(prod, "aws:ec2/vpcEndpoint:VpcEndpoint")) {
      const p = json(e);
      const first = p.Statement[0];
      assert.equal(first.Sid, "OrganizationPrincipalsOnOrganizationResources", e.name);
      const cond = (first.Condition as any).StringEquals;
      assert.ok(String(cond["aws:PrincipalOrgID"]).startsWith(org) && cond["aws:PrincipalOrgID"] === cond["aws:ResourceOrgID"], e.name);
    }
    for (const e of byType(dev, "aws:ec2/vpcEndpoint:VpcEndpoint")) assert.equal(e.inputs.policy, undefined, e.name);
    assert.equal(prod.outputs.dataPerimeter, true);
    assert.equal(dev.outputs.dataPerimeter, false);
    assert.deepEqual(Object.keys(prod.outputs.vpcEndpointIds as object).sort(), ["dynamodb", "ecr.api", "ecr.dkr", "ec2messages", "kms", "logs", "s3", "secretsmanager", "ssm", "ssmmessages", "sts"].sort());
  });

  it("prod's tenant bucket, key and settings secret name the planned endpoints in their perimeter; the plan's own policies deny A's role from outside the VPC", async () => {
    const res = tenantResources(prodCell, "northwind-health");
    const ids = prod.outputs.vpcEndpointIds as Record<string, string>;
    const bucketPolicy = json(named(res, "aws:s3/bucketPolicy:BucketPolicy", "tenant-northwind-health-bucket-policy"));
    const keyPolicy = json(named(res, "aws:kms/key:Key", "tenant-northwind-health-key"));
    const secretPolicy = json(named(res, "aws:secretsmanager/secretPolicy:SecretPolicy", "tenant-northwind-health-settings-policy"));
    const vpceOf = (d: PolicyDocument) => (d.Statement.find((s) => s.Sid === "DenyOutsideNetworkPerimeter")!.Condition as any).StringNotEqualsIfExists["aws:SourceVpce"];
    assert.equal(vpceOf(bucketPolicy), ids.s3);
    assert.equal(vpceOf(keyPolicy), ids.kms);
    assert.equal(vpceOf(secretPolicy), ids.secretsmanager);
    const role = String(named(res, "aws:iam/role:Role", "tenant-northwind-health-role").outputs.arn);
    const key = String(named(res, "aws:kms/key:Key", "tenant-northwind-health-key").outputs.arn);
    const ctx = { "aws:PrincipalArn": role, "aws:SecureTransport": "true", "aws:ViaAWSService": "false" };
    assert.equal((await simulate({ principal: role, action: "kms:Decrypt", resource: key, resourceAccount: "666666666666", resourcePolicy: keyPolicy, context: { ...ctx, "aws:SourceVpce": ids.kms } })).result, "Allowed");
    assert.deepEqual((await simulate({ principal: role, action: "kms:Decrypt", resource: key, resourceAccount: "666666666666", resourcePolicy: keyPolicy, context: ctx })).deniedBy, ["DenyOutsideNetworkPerimeter"]);
    for (const r of tenantResources(devCell, "demo").filter((x) => x.type === "aws:s3/bucketPolicy:BucketPolicy")) assert.ok(!sids(json(r)).includes("DenyOutsideNetworkPerimeter"));
  });

  it("one SFTP server in prod: SFTP only, VPC endpoint with no Elastic IP, port 22 from the app tier only, a current policy, structured logs to an encrypted log group", () => {
    const [server] = byType(prod, "aws:transfer/server:Server");
    assert.deepEqual(server.inputs.protocols, ["SFTP"]);
    assert.equal(server.inputs.endpointType, "VPC");
    assert.equal((server.inputs.endpointDetails as any).addressAllocationIds, undefined);
    assert.equal(server.inputs.securityPolicyName, "TransferSecurityPolicy-2025-03");
    assert.equal(server.inputs.identityProviderType, "SERVICE_MANAGED");
    const logGroup = byType(prod, "aws:cloudwatch/logGroup:LogGroup").find((l) => l.name === "prod-sftp-logs")!;
    assert.deepEqual(server.inputs.structuredLogDestinations, [`${logGroup.outputs.arn}:*`]);
    assert.ok(logGroup.inputs.kmsKeyId, "the log group is encrypted with a key");
    const sg = (server.inputs.endpointDetails as any).securityGroupIds[0];
    const rules = byType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg);
    assert.deepEqual(rules.map((r) => String(r.inputs.cidrIpv4)).sort(), [...(prod.outputs.vpcSubnetCidrs as any).app].sort(), "the app tier's subnets, and no partner range in the sample");
    for (const r of rules) assert.equal(r.inputs.fromPort, 22);
    assert.equal(byType(dev, "aws:transfer/server:Server").length, 0, "dev has no SFTP tenant, so no server");
    assert.equal((prod.outputs.sftpServer as any).id, server.id);
  });

  it("contoso-bank's SFTP user: logical home in its own bucket, its SFTP role, a session policy of its bucket and key, one SSH key per public key", () => {
    const res = tenantResources(prodCell, "contoso-bank");
    const user = named(res, "aws:transfer/user:User", "tenant-contoso-bank-sftp-user");
    const bucket = named(res, "aws:s3/bucket:Bucket", "tenant-contoso-bank-bucket");
    const key = named(res, "aws:kms/key:Key", "tenant-contoso-bank-key");
    assert.equal(user.inputs.homeDirectoryType, "LOGICAL");
    assert.deepEqual(user.inputs.homeDirectoryMappings, [{ entry: "/", target: `/${bucket.outputs.bucket}` }]);
    const session = json(user);
    assert.deepEqual(session.Statement.map((s) => s.Resource).flat().sort(), [bucket.outputs.arn, `${bucket.outputs.arn}/*`, key.outputs.arn].sort());
    const role = named(res, "aws:iam/role:Role", "tenant-contoso-bank-sftp-role");
    assert.equal(role.inputs.path, "/tenant-sftp/");
    assert.equal(user.inputs.role, role.outputs.arn);
    assert.equal(res.filter((r) => r.type === "aws:transfer/sshKey:SshKey").length, 2);
    // The SFTP role decrypts for the tenant (Transfer Family's multipart uploads need it); no one else does.
    const decrypters = (json(key).Statement.find((s) => s.Sid === "NobodyElseDecrypts")!.Condition as any).ArnNotEquals["aws:PrincipalArn"];
    assert.deepEqual([...decrypters].sort(), [String(role.outputs.arn), String(named(res, "aws:iam/role:Role", "tenant-contoso-bank-role").outputs.arn)].sort());
  });

  it("shares: northwind-health receives contoso-bank's deliveries; fabrikam's share is not in force while it is suspended", () => {
    const nw = json(named(tenantResources(prodCell, "northwind-health"), "aws:s3/bucketPolicy:BucketPolicy", "tenant-northwind-health-bucket-policy"));
    assert.ok(sids(nw).includes("DeliverFromContosoBank"));
    const contosoRole = json(named(tenantResources(prodCell, "contoso-bank"), "aws:iam/rolePolicy:RolePolicy", "tenant-contoso-bank-role-policy"));
    assert.ok(sids(contosoRole).includes("DeliverToNorthwindHealth") && sids(contosoRole).includes("EncryptForNorthwindHealth"));
    assert.ok(!sids(contosoRole).includes("DeliverToFabrikam"));
    const fab = json(named(tenantResources(prodCell, "fabrikam"), "aws:s3/bucketPolicy:BucketPolicy", "tenant-fabrikam-bucket-policy"));
    assert.ok(!sids(fab).some((s) => s?.startsWith("DeliverFrom")));
    const tenants = prodCell.outputs.tenants as Record<string, any>;
    assert.deepEqual(tenants["northwind-health"].deliveriesFrom, ["contoso-bank"]);
    assert.deepEqual(tenants["contoso-bank"].deliversTo, ["northwind-health"]);
    assert.equal(tenants["contoso-bank"].sftpUser, "contoso-bank");
  });

  it("landing-zone:perimeter: true (a string, as Pulumi passes it) turns the perimeter on in dev", async () => {
    // The demo tenant back in the workload stack itself (the sample puts it in a cell), to see its policies in this plan.
    const on = await planTemp("dev", (p) => p.editStack("dev", (c) => (c["landing-zone:perimeter"] = "true")).writeFile("tenants/demo.yaml", YAML.stringify(demoTenant())));
    assert.equal(on.outputs.dataPerimeter, true);
    for (const e of byType(on, "aws:ec2/vpcEndpoint:VpcEndpoint")) assert.equal(json(e).Statement[0].Sid, "OrganizationPrincipalsOnOrganizationResources", e.name);
    assert.ok(sids(json(named(tenantResources(on, "demo"), "aws:s3/bucketPolicy:BucketPolicy", "tenant-demo-bucket-policy"))).includes("DenyOutsideNetworkPerimeter"));
  });

  describe("an SFTP tenant's lifecycle (dev, with the perimeter off)", () => {
    const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF26HQ2qXSL9u/RGbOF3SkffFNqpovIvnWE2rrIUp90O demo@example.net";
    const withSftp = (status: string) => planTemp("dev", (p) => p.writeFile("tenants/demo.yaml", YAML.stringify(demoTenant({ status, sftp: { publicKeys: [key] } }))));
    let active: PlanResult;
    let suspended: PlanResult;
    let offboarded: PlanResult;
    before(async () => {
      [active, suspended, offboarded] = [await withSftp("active"), await withSftp("suspended"), await withSftp("offboarded")];
    });

    it("active: a server, the user and its key; suspended: the user without keys; offboarded: no user, no server, and the data kept", () => {
      const types = (p: PlanResult) => tenantResources(p, "demo").map((r) => r.type);
      assert.equal(byType(active, "aws:transfer/server:Server").length, 1);
      assert.ok(types(active).includes("aws:transfer/user:User") && types(active).includes("aws:transfer/sshKey:SshKey"));
      assert.ok(types(suspended).includes("aws:transfer/user:User") && !types(suspended).includes("aws:transfer/sshKey:SshKey"));
      assert.ok(!types(offboarded).includes("aws:transfer/user:User"));
      assert.equal(byType(offboarded, "aws:transfer/server:Server").length, 0);
      const kept = byName(tenantResources(offboarded, "demo"));
      for (const k of ["aws:kms/key:Key::tenant-demo-key", "aws:s3/bucket:Bucket::tenant-demo-bucket"]) assert.ok(kept.get(k)?.retainOnDelete, `${k} stays`);
      assert.ok(!kept.has("aws:iam/role:Role::tenant-demo-sftp-role"), "the SFTP role goes with the user");
    });
  });
});
