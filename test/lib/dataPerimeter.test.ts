import { strict as assert } from "assert";
import { PolicyDocument } from "../../lib/iam/policyDocument";
import { inboundPrefix, tenantBucketPolicy } from "../../lib/iam/tenantBucketPolicy";
import { tenantKeyPolicy } from "../../lib/iam/tenantKeyPolicy";
import { NetworkPerimeter } from "../../lib/iam/tenantPerimeter";
import { tenantRolePolicy, tenantSftpPolicy } from "../../lib/iam/tenantRolePolicies";
import { tenantSecretPolicy } from "../../lib/iam/tenantSecretPolicy";
import { interfaceEndpointPolicy, s3GatewayEndpointPolicy } from "../../lib/iam/vpcEndpointPolicy";
import { identityPerimeterRcp, resourcePerimeterScp } from "../../lib/scp/dataPerimeter";
import { tenantBucketName, tenantKeyAlias, tenantRoleArn, tenantRolesPattern, tenantSftpRoleArn } from "../../lib/tenants/names";
import { ALLOW_ALL, endpointPolicyAsFilter, Outcome, simulate } from "./iamSimulation";

/**
 * The tenant data plane, evaluated: the policies exactly as lib/ builds them for two tenants of a
 * prod workload account, A (alpha) and B (bravo), run through @cloud-copilot/iam-simulate with the
 * RCP on the account's OU and the request context AWS would set.
 */

const ACCOUNT = "666666666666";
const ORG = "o-abcdefghij";
const OTHER_ORG = "o-zyxwvutsrq";
const OUTSIDER_ACCOUNT = "999999999999";
const REGION = "ap-southeast-2";
const S3_VPCE = "vpce-0s3gateway0000000";
const KMS_VPCE = "vpce-0kmsinterface0000";
const SM_VPCE = "vpce-0secretsmanager00";
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/LandingZoneBreakGlass`;
const DEPLOYMENT = `arn:aws:iam::${ACCOUNT}:role/LandingZoneDeployment`;
const APP_TASK = `arn:aws:iam::${ACCOUNT}:role/prod-app-task`;

const doc = (d: unknown) => d as PolicyDocument;

interface Fixture {
  readonly slug: string;
  readonly roleArn: string;
  readonly sftpRoleArn: string;
  readonly keyArn: string;
  readonly bucketArn: string;
  readonly secretArn: string;
}

function fixture(slug: string, keyId: string): Fixture {
  return {
    slug,
    roleArn: tenantRoleArn(slug, ACCOUNT),
    sftpRoleArn: tenantSftpRoleArn(slug, ACCOUNT),
    keyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`,
    bucketArn: `arn:aws:s3:::${tenantBucketName(slug, ACCOUNT, REGION)}`,
    secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:tenant/${slug}/settings-AbCdEf`,
  };
}

const A = fixture("alpha", "1b4f0a9e-0000-4000-a000-00000000000a");
const B = fixture("bravo", "2c5a1b8f-0000-4000-a000-00000000000b");

const perimeter = (endpointId: string, extra: string[] = []): NetworkPerimeter => ({ endpointId, exemptPrincipalArns: [BREAK_GLASS, ...extra] });

/** The documents of one tenant, as components/tenant/data.ts assembles them. */
function policies(t: Fixture, o: { deliveriesFrom?: Fixture[]; deliversTo?: Fixture[]; sftp?: boolean } = {}) {
  const senders = (o.deliveriesFrom ?? []).map((s) => ({ from: s.slug, roleArn: s.roleArn }));
  const agents = o.sftp ? [t.sftpRoleArn] : [];
  return {
    bucket: doc(
      tenantBucketPolicy({
        bucketArn: t.bucketArn,
        keyArn: t.keyArn,
        tenantRoleArn: t.roleArn,
        ownAgentArns: agents,
        deliveries: senders,
        tenantRolePattern: tenantRolesPattern(ACCOUNT),
        perimeter: perimeter(S3_VPCE, agents),
      }),
    ),
    key: doc(
      tenantKeyPolicy({
        keyAdminArns: [DEPLOYMENT],
        encryptOnlyArns: [DEPLOYMENT, APP_TASK],
        tenantRoleArn: t.roleArn,
        ownAgentArns: agents,
        senderArns: senders.map((s) => s.roleArn),
        accountId: ACCOUNT,
        perimeter: perimeter(KMS_VPCE),
      }),
    ),
    secret: doc(tenantSecretPolicy({ perimeter: perimeter(SM_VPCE) })),
    role: doc(
      tenantRolePolicy({
        bucketArn: t.bucketArn,
        keyArn: t.keyArn,
        secretArn: t.secretArn,
        deliversTo: (o.deliversTo ?? []).map((r) => ({
          slug: r.slug,
          bucketArn: r.bucketArn,
          keyAlias: tenantKeyAlias(r.slug),
          keysInAccount: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`,
          prefix: inboundPrefix(t.slug),
        })),
      }),
    ),
  };
}

const RCP = doc(identityPerimeterRcp({ organizationId: ORG, regions: [REGION], trustedAccounts: [{ accountId: "412381753143", reason: "Datadog" }] }));
const rcps = [{ target: "Workloads", policies: [RCP] }];

/** Inside the org, from the VPC: what a tenant's app task sends through the endpoints. */
const fromVpc = (vpce: string) => ({ "aws:PrincipalOrgID": ORG, "aws:PrincipalAccount": ACCOUNT, "aws:SecureTransport": "true", "aws:SourceVpce": vpce, "aws:ViaAWSService": "false" });
/** The same credentials used from a laptop on the internet: no endpoint. */
const fromInternet = { "aws:PrincipalOrgID": ORG, "aws:PrincipalAccount": ACCOUNT, "aws:SecureTransport": "true", "aws:ViaAWSService": "false" };

async function ask(principal: string, action: string, resource: string, resourcePolicy: PolicyDocument, identity: PolicyDocument[], context: Record<string, string | string[]>, extra: { sessionPolicy?: PolicyDocument } = {}): Promise<Outcome> {
  return simulate({ principal, action, resource, resourceAccount: ACCOUNT, resourcePolicy, identity, context, rcps, ...extra });
}

const objectOf = (t: Fixture, key = "records/2026/statement.pdf") => `${t.bucketArn}/${key}`;

describe("the tenant data plane under a real policy evaluator", function () {
  this.timeout(60000);
  const pa = policies(A);

  describe("the network perimeter: credentials alone are not enough", () => {
    it("A's role is allowed A's objects, key and settings through the VPC endpoints", async () => {
      assert.equal((await ask(A.roleArn, "s3:GetObject", objectOf(A), pa.bucket, [pa.role], fromVpc(S3_VPCE))).result, "Allowed");
      assert.equal((await ask(A.roleArn, "s3:PutObject", objectOf(A), pa.bucket, [pa.role], fromVpc(S3_VPCE))).result, "Allowed");
      assert.equal((await ask(A.roleArn, "kms:Decrypt", A.keyArn, pa.key, [pa.role], fromVpc(KMS_VPCE))).result, "Allowed");
      assert.equal((await ask(A.roleArn, "secretsmanager:GetSecretValue", A.secretArn, pa.secret, [pa.role], fromVpc(SM_VPCE))).result, "Allowed");
    });

    it("the same role with the same credentials is denied all of them from outside the VPC, by the perimeter statement", async () => {
      for (const [action, resource, policy] of [
        ["s3:GetObject", objectOf(A), pa.bucket],
        ["s3:PutObject", objectOf(A), pa.bucket],
        ["kms:Decrypt", A.keyArn, pa.key],
        ["kms:GenerateDataKey", A.keyArn, pa.key],
        ["secretsmanager:GetSecretValue", A.secretArn, pa.secret],
      ] as const) {
        assert.deepEqual(await ask(A.roleArn, action, resource, policy, [pa.role], fromInternet), { result: "ExplicitlyDenied", deniedBy: ["DenyOutsideNetworkPerimeter"] }, action);
      }
    });

    it("and through another VPC's endpoint", async () => {
      const r = await ask(A.roleArn, "s3:GetObject", objectOf(A), pa.bucket, [pa.role], fromVpc("vpce-0someoneelses00000"));
      assert.deepEqual(r, { result: "ExplicitlyDenied", deniedBy: ["DenyOutsideNetworkPerimeter"] });
    });

    it("S3 decrypting with A's key on A's behalf (aws:ViaAWSService) passes the key's perimeter", async () => {
      assert.equal((await ask(A.roleArn, "kms:Decrypt", A.keyArn, pa.key, [pa.role], { ...fromInternet, "aws:ViaAWSService": "true", "kms:ViaService": `s3.${REGION}.amazonaws.com` })).result, "Allowed");
    });

    it("break-glass is exempt from the perimeter (and still cannot decrypt: the key's deny holds)", async () => {
      const bg = await ask(BREAK_GLASS, "s3:PutObject", objectOf(A), pa.bucket, [ALLOW_ALL], fromInternet);
      assert.equal(bg.result, "Allowed");
      assert.deepEqual((await ask(BREAK_GLASS, "kms:Decrypt", A.keyArn, pa.key, [ALLOW_ALL], fromInternet)).deniedBy, ["NobodyElseDecrypts"]);
    });

    it("the deployment role still manages the bucket and key from CI, outside the VPC (no data action is involved)", async () => {
      for (const [action, resource, policy] of [
        ["s3:PutBucketPolicy", A.bucketArn, pa.bucket],
        ["s3:ListBucket", A.bucketArn, pa.bucket],
        ["kms:DescribeKey", A.keyArn, pa.key],
        ["kms:PutKeyPolicy", A.keyArn, pa.key],
      ] as const) {
        assert.equal((await ask(DEPLOYMENT, action, resource, policy, [ALLOW_ALL], fromInternet)).result, "Allowed", action);
      }
    });
  });

  describe("the organisation perimeter: no principal of another account reaches tenant data", () => {
    const outsider = `arn:aws:iam::${OUTSIDER_ACCOUNT}:role/Exfiltrator`;
    const foreign = { "aws:PrincipalOrgID": OTHER_ORG, "aws:PrincipalAccount": OUTSIDER_ACCOUNT, "aws:SecureTransport": "true", "aws:SourceVpce": S3_VPCE };
    const targets = [
      ["s3:GetObject", objectOf(A), pa.bucket],
      ["s3:PutObject", objectOf(A), pa.bucket],
      ["s3:ListBucket", A.bucketArn, pa.bucket],
      ["kms:Decrypt", A.keyArn, pa.key],
      ["kms:Encrypt", A.keyArn, pa.key],
      ["secretsmanager:GetSecretValue", A.secretArn, pa.secret],
    ] as const;

    it("an outsider with an allow-all identity policy is denied every tenant bucket, key and secret, explicitly by the RCP", async () => {
      for (const [action, resource, policy] of targets) {
        const r = await ask(outsider, action, resource, policy, [ALLOW_ALL], foreign);
        assert.equal(r.result, "ExplicitlyDenied", action);
        assert.ok(r.deniedBy.includes("DenyPrincipalsOutsideOrganization"), `${action}: ${r.deniedBy}`);
      }
    });

    it("even if a resource policy were changed to grant the outsider, the RCP still denies", async () => {
      const opened = (p: PolicyDocument): PolicyDocument => ({ ...p, Statement: [...p.Statement, { Sid: "Mistake", Effect: "Allow", Principal: { AWS: outsider }, Action: "*", Resource: "*" }] });
      for (const [action, resource, policy] of targets) {
        const r = await ask(outsider, action, resource, opened(policy), [ALLOW_ALL], foreign);
        assert.equal(r.result, "ExplicitlyDenied", action);
        assert.ok(r.deniedBy.includes("DenyPrincipalsOutsideOrganization"), action);
      }
    });

    it("without the RCP, the resource policies alone still refuse the outsider", async () => {
      for (const [action, resource, policy] of targets) {
        const r = await simulate({ principal: outsider, action, resource, resourceAccount: ACCOUNT, resourcePolicy: policy, identity: [ALLOW_ALL], context: foreign });
        assert.notEqual(r.result, "Allowed", action);
      }
    });

    it("the RCP denies assuming a tenant role from outside, but lets the trusted Datadog account assume roles", async () => {
      const trust = doc({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] });
      const out = await ask(outsider, "sts:AssumeRole", A.roleArn, trust, [ALLOW_ALL], foreign);
      assert.deepEqual(out.deniedBy, ["DenyPrincipalsOutsideOrganization", "DenyRoleAssumptionOutsideOrganization"].filter((s) => out.deniedBy.includes(s)));
      assert.ok(out.deniedBy.includes("DenyRoleAssumptionOutsideOrganization"));
      const datadog = "arn:aws:iam::412381753143:role/DatadogIntegrationRole";
      const dd = await ask(datadog, "sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/prod-datadog-integration`, trust, [ALLOW_ALL], { "aws:PrincipalAccount": "412381753143", "aws:PrincipalOrgID": "o-datadog000", "aws:SecureTransport": "true" });
      assert.equal(dd.result, "Allowed");
    });

    it("the RCP refuses a request without TLS even from inside the organisation", async () => {
      const r = await ask(A.roleArn, "s3:GetObject", objectOf(A), pa.bucket, [pa.role], { ...fromVpc(S3_VPCE), "aws:SecureTransport": "false" });
      assert.ok(r.deniedBy.includes("DenyInsecureTransport"));
    });

    it("an AWS service acting for another organisation is denied (confused deputy); acting for ours it passes the RCP", async () => {
      const svc = "cloudtrail.amazonaws.com";
      const ctx = (org: string) => ({ "aws:SourceOrgID": org, "aws:SourceAccount": org === ORG ? ACCOUNT : OUTSIDER_ACCOUNT, "aws:SecureTransport": "true" });
      const allowSvc = doc({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: svc }, Action: "s3:PutObject", Resource: `${A.bucketArn}/*` }] });
      assert.deepEqual((await simulate({ principal: svc, action: "s3:PutObject", resource: objectOf(A), resourceAccount: ACCOUNT, resourcePolicy: allowSvc, context: ctx(OTHER_ORG), rcps })).deniedBy, ["DenyServicesActingForOtherOrganizations"]);
      assert.equal((await simulate({ principal: svc, action: "s3:PutObject", resource: objectOf(A), resourceAccount: ACCOUNT, resourcePolicy: allowSvc, context: ctx(ORG), rcps })).result, "Allowed");
    });
  });

  describe("sharing: A shares deliver with B", () => {
    const shared = { a: policies(A, { deliveriesFrom: [B] }), b: policies(B, { deliversTo: [A] }) };
    const revoked = { a: policies(A), b: policies(B) };
    const inbound = objectOf(A, `${inboundPrefix("bravo")}batch-0001.csv`);
    const aliases = { "kms:ResourceAliases": [tenantKeyAlias("alpha")], "kms:CallerAccount": ACCOUNT };
    const withAKey = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": A.keyArn };

    it("B can PutObject under inbound/bravo/ in A's bucket with A's key, and GenerateDataKey on A's key", async () => {
      assert.equal((await ask(B.roleArn, "s3:PutObject", inbound, shared.a.bucket, [shared.b.role], { ...fromVpc(S3_VPCE), ...withAKey })).result, "Allowed");
      assert.equal((await ask(B.roleArn, "kms:GenerateDataKey", A.keyArn, shared.a.key, [shared.b.role], { ...fromVpc(KMS_VPCE), ...aliases })).result, "Allowed");
      assert.equal((await ask(B.roleArn, "kms:Encrypt", A.keyArn, shared.a.key, [shared.b.role], { ...fromVpc(KMS_VPCE), ...aliases })).result, "Allowed");
    });

    it("B cannot read what it delivered, nor decrypt with A's key", async () => {
      assert.equal((await ask(B.roleArn, "s3:GetObject", inbound, shared.a.bucket, [shared.b.role, ALLOW_ALL], fromVpc(S3_VPCE))).result, "ExplicitlyDenied");
      assert.equal((await ask(B.roleArn, "kms:Decrypt", A.keyArn, shared.a.key, [shared.b.role, ALLOW_ALL], { ...fromVpc(KMS_VPCE), ...aliases })).result, "ExplicitlyDenied");
      assert.equal((await ask(B.roleArn, "s3:ListBucket", A.bucketArn, shared.a.bucket, [shared.b.role, ALLOW_ALL], fromVpc(S3_VPCE))).result, "ExplicitlyDenied");
    });

    it("B cannot write anywhere else in A's bucket, nor with another key, even with an allow-all identity policy", async () => {
      for (const key of ["records/2026/statement.pdf", `${inboundPrefix("charlie")}x.csv`, "inbound/bravo-evil/x.csv"]) {
        assert.equal((await ask(B.roleArn, "s3:PutObject", objectOf(A, key), shared.a.bucket, [shared.b.role, ALLOW_ALL], fromVpc(S3_VPCE))).result, "ExplicitlyDenied", key);
      }
      const bKey = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": B.keyArn };
      assert.deepEqual((await ask(B.roleArn, "s3:PutObject", inbound, shared.a.bucket, [shared.b.role], { ...fromVpc(S3_VPCE), ...bKey })).deniedBy, ["DenyOtherKeys"]);
      assert.equal((await ask(B.roleArn, "s3:DeleteObject", inbound, shared.a.bucket, [ALLOW_ALL], fromVpc(S3_VPCE))).result, "ExplicitlyDenied");
    });

    it("A still reads its inbound folder; a third tenant is denied by name", async () => {
      assert.equal((await ask(A.roleArn, "s3:GetObject", inbound, shared.a.bucket, [shared.a.role], fromVpc(S3_VPCE))).result, "Allowed");
      const C = tenantRoleArn("charlie", ACCOUNT);
      assert.ok((await ask(C, "s3:PutObject", objectOf(A, `${inboundPrefix("charlie")}x.csv`), shared.a.bucket, [ALLOW_ALL], fromVpc(S3_VPCE))).deniedBy.includes("NoOtherTenant"));
    });

    it("revoked (the entry removed): every one of those is denied", async () => {
      assert.equal((await ask(B.roleArn, "s3:PutObject", inbound, revoked.a.bucket, [revoked.b.role], { ...fromVpc(S3_VPCE), ...withAKey })).result, "ExplicitlyDenied");
      // Even if B's own role kept an old grant, A's bucket names it no more: NoOtherTenant denies.
      assert.ok((await ask(B.roleArn, "s3:PutObject", inbound, revoked.a.bucket, [shared.b.role], { ...fromVpc(S3_VPCE), ...withAKey })).deniedBy.includes("NoOtherTenant"));
      assert.notEqual((await ask(B.roleArn, "kms:GenerateDataKey", A.keyArn, revoked.a.key, [shared.b.role], { ...fromVpc(KMS_VPCE), ...aliases })).result, "Allowed");
      assert.notEqual((await ask(B.roleArn, "kms:Encrypt", A.keyArn, revoked.a.key, [shared.b.role], { ...fromVpc(KMS_VPCE), ...aliases })).result, "Allowed");
      assert.equal((await ask(B.roleArn, "s3:GetObject", inbound, revoked.a.bucket, [ALLOW_ALL], fromVpc(S3_VPCE))).result, "ExplicitlyDenied");
      assert.equal((await ask(B.roleArn, "kms:Decrypt", A.keyArn, revoked.a.key, [ALLOW_ALL], fromVpc(KMS_VPCE))).result, "ExplicitlyDenied");
    });
  });

  describe("SFTP: a tenant's session reaches its own bucket and key only", () => {
    const sa = policies(A, { sftp: true });
    const session = tenantSftpPolicy({ bucketArn: A.bucketArn, keyArn: A.keyArn }) as unknown as PolicyDocument;
    const roleA = tenantSftpPolicy({ bucketArn: A.bucketArn, keyArn: A.keyArn }) as unknown as PolicyDocument;
    const pb = policies(B, { sftp: true });
    // Transfer Family makes the requests from its own network: no endpoint of ours.
    const viaTransfer = { "aws:PrincipalOrgID": ORG, "aws:PrincipalAccount": ACCOUNT, "aws:SecureTransport": "true", "aws:ViaAWSService": "false" };

    it("A's SFTP session uploads to and reads from A's bucket with A's key", async () => {
      for (const action of ["s3:PutObject", "s3:GetObject"]) {
        assert.equal((await ask(A.sftpRoleArn, action, objectOf(A, "uploads/batch.csv"), sa.bucket, [roleA], viaTransfer, { sessionPolicy: session })).result, "Allowed", action);
      }
      assert.equal((await ask(A.sftpRoleArn, "s3:ListBucket", A.bucketArn, sa.bucket, [roleA], viaTransfer, { sessionPolicy: session })).result, "Allowed");
      assert.equal((await ask(A.sftpRoleArn, "kms:GenerateDataKey", A.keyArn, sa.key, [roleA], { ...viaTransfer, "aws:ViaAWSService": "true" }, { sessionPolicy: session })).result, "Allowed");
    });

    it("A's SFTP session policy cannot reach B's bucket or key, even if A's SFTP role allowed everything", async () => {
      for (const [action, resource, policy] of [
        ["s3:GetObject", objectOf(B), pb.bucket],
        ["s3:PutObject", objectOf(B), pb.bucket],
        ["s3:ListBucket", B.bucketArn, pb.bucket],
        ["kms:Decrypt", B.keyArn, pb.key],
        ["kms:GenerateDataKey", B.keyArn, pb.key],
      ] as const) {
        const r = await ask(A.sftpRoleArn, action, resource, policy, [ALLOW_ALL], { ...viaTransfer, "aws:SourceVpce": action.startsWith("kms") ? KMS_VPCE : S3_VPCE }, { sessionPolicy: session });
        assert.notEqual(r.result, "Allowed", `${action} on ${resource}`);
      }
    });

    it("the session policy stays under Transfer Family's 2,048 characters for the longest slug", () => {
      const long = fixture("a".repeat(32), "ffffffff-ffff-4fff-afff-ffffffffffff");
      assert.ok(JSON.stringify(tenantSftpPolicy({ bucketArn: long.bucketArn, keyArn: long.keyArn })).length < 2048);
    });

    it("without the SFTP user the SFTP role's name is not a reader: A's bucket denies it", async () => {
      const r = await ask(A.sftpRoleArn, "s3:GetObject", objectOf(A), pa.bucket, [roleA], viaTransfer);
      assert.equal(r.result, "ExplicitlyDenied");
    });
  });

  describe("the resource perimeter SCP and the endpoint policies", () => {
    const scp = doc(resourcePerimeterScp({ regions: [REGION] }));
    const scps = [
      { target: "root", policies: [ALLOW_ALL] },
      { target: "Workloads", policies: [ALLOW_ALL, scp] },
    ];
    const app = `arn:aws:sts::${ACCOUNT}:assumed-role/prod-app-task/task-1`;
    const theirs = "arn:aws:s3:::attacker-dropbox/stolen.csv";
    const viaScp = (resource: string, action: string, ctx: Record<string, string>) => simulate({ principal: app, action, resource, resourceAccount: OUTSIDER_ACCOUNT, context: { "aws:PrincipalOrgID": ORG, ...ctx }, scps, resourcePolicy: doc({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }) });

    it("our principals cannot put data into a bucket of another organisation", async () => {
      assert.deepEqual(await viaScp(theirs, "s3:PutObject", { "aws:ResourceOrgID": OTHER_ORG }), { result: "ExplicitlyDenied", deniedBy: ["DenyDataActionsOnResourcesOutsideOrganization"] });
    });

    it("but still read ECR's AWS-owned layer bucket (named and justified), and may not write there", async () => {
      const layer = `arn:aws:s3:::prod-${REGION}-starport-layer-bucket/sha256/abc`;
      assert.equal((await viaScp(layer, "s3:GetObject", { "aws:ResourceOrgID": "o-awsowned00" })).result, "Allowed");
      assert.deepEqual((await viaScp(layer, "s3:PutObject", { "aws:ResourceOrgID": "o-awsowned00" })).deniedBy, ["OnlyReadAwsOwnedBuckets"]);
    });

    const endpoint = endpointPolicyAsFilter(doc(interfaceEndpointPolicy({ organizationId: ORG, region: REGION })));
    const s3Endpoint = endpointPolicyAsFilter(doc(s3GatewayEndpointPolicy({ organizationId: ORG, region: REGION })));
    const anyone = doc({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });
    // IAM and the resource allow everything here: only the endpoint's filter decides.
    const through = (principal: string, action: string, resource: string, ctx: Record<string, string>, filter = endpoint, resourceAccount = ACCOUNT) =>
      simulate({ principal, action, resource, resourceAccount, context: ctx, resourcePolicy: anyone, scps: [{ target: "vpc-endpoint", policies: [filter] }] });

    it("the endpoints pass our principals to our resources, and to calls with no resource", async () => {
      assert.equal((await through(app, "kms:Decrypt", A.keyArn, { "aws:PrincipalOrgID": ORG, "aws:ResourceOrgID": ORG })).result, "Allowed");
      assert.equal((await through(app, "s3:GetObject", objectOf(A), { "aws:PrincipalOrgID": ORG, "aws:ResourceOrgID": ORG }, s3Endpoint)).result, "Allowed");
      assert.equal((await through(app, "sts:GetCallerIdentity", "*", { "aws:PrincipalOrgID": ORG })).result, "Allowed");
    });

    it("the endpoints stop other organisations' credentials, and our credentials on other organisations' resources", async () => {
      assert.notEqual((await through(`arn:aws:iam::${OUTSIDER_ACCOUNT}:role/x`, "kms:Decrypt", A.keyArn, { "aws:PrincipalOrgID": OTHER_ORG, "aws:ResourceOrgID": ORG })).result, "Allowed");
      assert.notEqual((await through(app, "s3:PutObject", theirs, { "aws:PrincipalOrgID": ORG, "aws:ResourceOrgID": OTHER_ORG }, s3Endpoint, OUTSIDER_ACCOUNT)).result, "Allowed");
    });

    it("the S3 gateway endpoint lets the presigned ECR layer downloads through", async () => {
      const ecr = "arn:aws:iam::123456789012:role/ecr-layer-signer";
      assert.equal((await through(ecr, "s3:GetObject", `arn:aws:s3:::prod-${REGION}-starport-layer-bucket/sha256/abc`, { "aws:ResourceOrgID": "o-awsowned00" }, s3Endpoint, "123456789012")).result, "Allowed");
    });
  });
});

describe("docs/TENANTS.md shows the statements the builders make", () => {
  it("names every statement of the RCP, the SCP, the endpoint policies, the tenant bucket, key, role and SFTP policies", () => {
    const text = require("fs").readFileSync(require("path").join(__dirname, "..", "..", "docs", "TENANTS.md"), "utf8") as string;
    const all = [
      identityPerimeterRcp({ organizationId: ORG, regions: [REGION] }),
      resourcePerimeterScp({ regions: [REGION] }),
      s3GatewayEndpointPolicy({ organizationId: ORG, region: REGION }),
      ...Object.values(policies(A, { deliveriesFrom: [B], sftp: true })),
      policies(B, { deliversTo: [A] }).role,
      tenantSftpPolicy({ bucketArn: A.bucketArn, keyArn: A.keyArn }),
    ];
    // The statements before this issue are described in prose above them in the docs.
    const older = new Set(["OnlyTheTenantReadsObjects", "DenyOtherEncryption", "DenyOtherKeys", "DenyInsecureTransport", "KeyAdministrationWithoutDecrypt", "PlatformMayEncryptOnly", "TenantRoleMayDecrypt", "NobodyElseDecrypts", "ListOwnBucket", "ReadWriteOwnObjects", "UseOwnKey", "ReadOwnSettings"]);
    // A delivery's Sids carry a tenant's name: the docs show them for contoso-bank and northwind-health.
    const shown = (sid: string) => new RegExp(`"Sid": "\\w*${sid.replace(/Bravo|Alpha/, "")}\\w*"`).test(text);
    const missing = [...new Set(all.flatMap((d) => (d as PolicyDocument).Statement.map((s) => s.Sid as string)))].filter((sid) => sid && !older.has(sid) && !shown(sid));
    assert.deepEqual(missing, [], "statements the docs do not show");
  });
});
