import { strict as assert } from "assert";
// AGPL-licensed, a devDependency: it evaluates the documents here and is never part of the product.
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { tenantBucketPolicy } from "../../lib/iam/tenantBucketPolicy";
import { tenantKeyPolicy } from "../../lib/iam/tenantKeyPolicy";
import { PolicyDocument } from "../../lib/iam/tenantPolicyDocument";
import { tenantRolePolicy, tenantTrustPolicy } from "../../lib/iam/tenantRolePolicies";
import { tenantBucketName, tenantRoleName } from "../../lib/tenants/names";
import { appTaskPolicy, TENANT_ROLE_PATH } from "../../lib/zeroTrust/connector";

/**
 * "No super user", evaluated: the generated key, bucket, trust and role policies of two tenants,
 * A and B, run through an IAM policy simulator with the principals that exist in a workload account.
 */

const ACCOUNT = "555555555555";
const REGION = "ap-southeast-2";
const DEPLOYMENT = `arn:aws:iam::${ACCOUNT}:role/LandingZoneDeployment`;
const APP_TASK = `arn:aws:iam::${ACCOUNT}:role/dev-app-task`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;

const EVERYTHING: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] };

interface TenantFixture {
  readonly slug: string;
  readonly roleArn: string;
  readonly keyArn: string;
  readonly bucketArn: string;
  readonly keyPolicy: PolicyDocument;
  readonly bucketPolicy: PolicyDocument;
  readonly trustPolicy: PolicyDocument;
  readonly rolePolicy: PolicyDocument;
}

function tenant(slug: string, keyId: string): TenantFixture {
  const roleArn = `arn:aws:iam::${ACCOUNT}:role${TENANT_ROLE_PATH}${tenantRoleName(slug)}`;
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
  const bucketArn = `arn:aws:s3:::${tenantBucketName(slug, ACCOUNT, REGION)}`;
  const secretArn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:tenant/${slug}/settings-AbCdEf`;
  return {
    slug,
    roleArn,
    keyArn,
    bucketArn,
    keyPolicy: tenantKeyPolicy({ keyAdminArns: [DEPLOYMENT], encryptOnlyArns: [DEPLOYMENT, APP_TASK], tenantRoleArn: roleArn }),
    bucketPolicy: tenantBucketPolicy({ bucketArn, keyArn, tenantRoleArn: roleArn }),
    trustPolicy: tenantTrustPolicy({ slug, appTaskRoleArn: APP_TASK }),
    rolePolicy: tenantRolePolicy({ bucketArn, keyArn, secretArn }),
  };
}

const A = tenant("alpha", "1b4f0a9e-0000-4000-a000-00000000000a");
const B = tenant("bravo", "2c5a1b8f-0000-4000-a000-00000000000b");

/** Who asks: the principal's ARN (what `aws:PrincipalArn` is for a role session) and its identity policies. */
interface Caller {
  readonly name: string;
  readonly arn: string;
  readonly identity: readonly PolicyDocument[];
}

const callers = {
  tenantA: { name: "A's role", arn: A.roleArn, identity: [A.rolePolicy] },
  tenantB: { name: "B's role", arn: B.roleArn, identity: [B.rolePolicy] },
  // The deployment role administers everything in the account: its identity policy allows all.
  deployment: { name: "the deployment role", arn: DEPLOYMENT, identity: [EVERYTHING] },
  // The app task role's real policy, plus everything, to show the resource policies alone stop it.
  appTask: { name: "the app task role", arn: APP_TASK, identity: [appTaskPolicy(ACCOUNT), EVERYTHING] },
  admin: { name: "an account administrator", arn: ADMIN, identity: [EVERYTHING] },
} satisfies Record<string, Caller>;

type Result = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

async function decide(caller: Caller, action: string, resource: string, resourcePolicy: PolicyDocument, context: Record<string, string | string[]> = {}): Promise<Result> {
  const response = await runSimulation(
    {
      request: {
        principal: caller.arn,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: { "aws:PrincipalArn": caller.arn, "aws:PrincipalAccount": ACCOUNT, "aws:SecureTransport": "true", ...context },
      },
      identityPolicies: caller.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
  if (response.resultType === "error") throw new Error(`the simulator rejected ${action} on ${resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult as Result;
}

const allowed = async (c: Caller, action: string, resource: string, policy: PolicyDocument, ctx?: Record<string, string | string[]>) =>
  assert.equal(await decide(c, action, resource, policy, ctx), "Allowed", `${c.name} should be allowed ${action} on ${resource}`);

async function denied(c: Caller, action: string, resource: string, policy: PolicyDocument, ctx?: Record<string, string | string[]>): Promise<Result> {
  const result = await decide(c, action, resource, policy, ctx);
  assert.notEqual(result, "Allowed", `${c.name} must not be allowed ${action} on ${resource}`);
  return result;
}

describe("tenant isolation, evaluated with iam-simulate", function () {
  this.timeout(60000);

  describe("the customer keys: the platform encrypts, only the tenant decrypts", () => {
    it("A's role can decrypt with A's key", async () => {
      await allowed(callers.tenantA, "kms:Decrypt", A.keyArn, A.keyPolicy);
      await allowed(callers.tenantB, "kms:Decrypt", B.keyArn, B.keyPolicy);
      // As the app uses it: a session of the role, assumed with the tenant tag.
      const session: Caller = { name: "a session of A's role", arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${tenantRoleName("alpha")}/app-task-7f3a`, identity: [A.rolePolicy] };
      assert.equal(await decide(session, "kms:Decrypt", A.keyArn, A.keyPolicy, { "aws:PrincipalArn": A.roleArn }), "Allowed");
      assert.equal(await decide(session, "kms:Decrypt", B.keyArn, B.keyPolicy, { "aws:PrincipalArn": A.roleArn }), "ExplicitlyDenied");
    });

    it("A's role cannot decrypt with B's key, nor encrypt with it", async () => {
      for (const action of ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"]) {
        await denied(callers.tenantA, action, B.keyArn, B.keyPolicy);
        await denied(callers.tenantB, action, A.keyArn, A.keyPolicy);
      }
    });

    for (const who of ["deployment", "appTask"] as const) {
      it(`${callers[who].name} can encrypt for either tenant but never decrypt`, async () => {
        for (const t of [A, B]) {
          for (const action of ["kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"]) await allowed(callers[who], action, t.keyArn, t.keyPolicy);
          for (const action of ["kms:Decrypt", "kms:ReEncryptFrom", "kms:CreateGrant"]) {
            assert.equal(await denied(callers[who], action, t.keyArn, t.keyPolicy), "ExplicitlyDenied", `${action} on ${t.slug}'s key is refused by name`);
          }
        }
      });
    }

    it("an account administrator with kms:* in IAM cannot use or manage a tenant key: the policy does not trust the account root", async () => {
      for (const action of ["kms:Decrypt", "kms:Encrypt", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"]) {
        await denied(callers.admin, action, A.keyArn, A.keyPolicy);
      }
      // Even without the final Deny, the admin gets nothing: IAM policies count only for keys whose policy trusts the account.
      const withoutDeny: PolicyDocument = { ...A.keyPolicy, Statement: A.keyPolicy.Statement.filter((s) => s.Effect === "Allow") };
      assert.equal(await decide(callers.admin, "kms:Decrypt", A.keyArn, withoutDeny), "ImplicitlyDenied");
      assert.ok(!JSON.stringify(A.keyPolicy).includes(":root"), "no statement names the account root");
    });

    it("the deployment role administers the key (policy, rotation, deletion) without decrypting", async () => {
      for (const action of ["kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:DescribeKey"]) {
        await allowed(callers.deployment, action, A.keyArn, A.keyPolicy);
      }
      await denied(callers.appTask, "kms:PutKeyPolicy", A.keyArn, A.keyPolicy);
    });
  });

  describe("the buckets", () => {
    const objectOf = (t: TenantFixture) => `${t.bucketArn}/records/2025/statement.pdf`;

    it("A's role can read and write A's bucket", async () => {
      await allowed(callers.tenantA, "s3:GetObject", objectOf(A), A.bucketPolicy);
      await allowed(callers.tenantA, "s3:PutObject", objectOf(A), A.bucketPolicy);
      await allowed(callers.tenantA, "s3:ListBucket", A.bucketArn, A.bucketPolicy);
    });

    it("A's role cannot read B's bucket (nor B's role A's)", async () => {
      assert.equal(await denied(callers.tenantA, "s3:GetObject", objectOf(B), B.bucketPolicy), "ExplicitlyDenied");
      assert.equal(await denied(callers.tenantB, "s3:GetObject", objectOf(A), A.bucketPolicy), "ExplicitlyDenied");
      await denied(callers.tenantA, "s3:ListBucket", B.bucketArn, B.bucketPolicy);
      await denied(callers.tenantA, "s3:PutObject", objectOf(B), B.bucketPolicy);
    });

    it("the platform roles and an administrator cannot read either tenant's objects, though IAM allows them everything", async () => {
      for (const who of ["deployment", "appTask", "admin"] as const) {
        for (const t of [A, B]) {
          for (const action of ["s3:GetObject", "s3:GetObjectVersion"]) {
            assert.equal(await denied(callers[who], action, objectOf(t), t.bucketPolicy), "ExplicitlyDenied");
          }
        }
      }
    });

    it("the platform may write into a tenant's bucket with the tenant's key, and with no other", async () => {
      await allowed(callers.deployment, "s3:PutObject", objectOf(A), A.bucketPolicy, {
        "s3:x-amz-server-side-encryption": "aws:kms",
        "s3:x-amz-server-side-encryption-aws-kms-key-id": A.keyArn,
      });
      assert.equal(await denied(callers.deployment, "s3:PutObject", objectOf(A), A.bucketPolicy, { "s3:x-amz-server-side-encryption-aws-kms-key-id": B.keyArn }), "ExplicitlyDenied");
      assert.equal(await denied(callers.tenantA, "s3:PutObject", objectOf(A), A.bucketPolicy, { "s3:x-amz-server-side-encryption": "AES256" }), "ExplicitlyDenied");
    });

    it("a request without TLS to either bucket is denied, even the tenant's own", async () => {
      const plain = { "aws:SecureTransport": "false" };
      for (const t of [A, B]) {
        const own = t === A ? callers.tenantA : callers.tenantB;
        for (const [action, resource] of [
          ["s3:GetObject", objectOf(t)],
          ["s3:PutObject", objectOf(t)],
          ["s3:ListBucket", t.bucketArn],
        ] as const) {
          assert.equal(await denied(own, action, resource, t.bucketPolicy, plain), "ExplicitlyDenied", `${action} without TLS on ${t.slug}'s bucket`);
          assert.equal(await denied(callers.deployment, action, resource, t.bucketPolicy, plain), "ExplicitlyDenied");
        }
      }
    });
  });

  describe("becoming a tenant", () => {
    const tagged = (slug: string) => ({ "aws:RequestTag/tenant": slug, "aws:TagKeys": ["tenant"] });

    it("the app task role can assume A's role with the session tag tenant=alpha", async () => {
      await allowed(callers.appTask, "sts:AssumeRole", A.roleArn, A.trustPolicy, tagged("alpha"));
      await allowed(callers.appTask, "sts:TagSession", A.roleArn, A.trustPolicy, tagged("alpha"));
    });

    it("but not with another tenant's tag, an extra tag, or no tag", async () => {
      await denied(callers.appTask, "sts:AssumeRole", A.roleArn, A.trustPolicy, tagged("bravo"));
      await denied(callers.appTask, "sts:TagSession", A.roleArn, A.trustPolicy, { "aws:RequestTag/tenant": "alpha", "aws:RequestTag/admin": "true", "aws:TagKeys": ["tenant", "admin"] });
      await denied(callers.appTask, "sts:AssumeRole", A.roleArn, A.trustPolicy);
    });

    it("nobody else can assume a tenant role, not even with the right tag", async () => {
      for (const who of ["deployment", "admin", "tenantB"] as const) {
        await denied(callers[who], "sts:AssumeRole", A.roleArn, A.trustPolicy, tagged("alpha"));
      }
    });
  });
});
