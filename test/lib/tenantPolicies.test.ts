import { strict as assert } from "assert";
import fc from "fast-check";
import { tenantBucketPolicy } from "../../lib/iam/tenantBucketPolicy";
import { DECRYPT_ACTIONS, KEY_ADMIN_ACTIONS, tenantKeyPolicy } from "../../lib/iam/tenantKeyPolicy";
import { tenantRolePolicy, tenantTrustPolicy } from "../../lib/iam/tenantRolePolicies";
import { tenantLifecycle } from "../../lib/tenants/lifecycle";

const DEPLOY = "arn:aws:iam::555555555555:role/LandingZoneDeployment";
const APP = "arn:aws:iam::555555555555:role/dev-app-task";
const TENANT = "arn:aws:iam::555555555555:role/tenant/tenant-acme";

describe("tenant policy documents (lib/iam/tenant*.ts): their shape", () => {
  const key = tenantKeyPolicy({ keyAdminArns: [DEPLOY], encryptOnlyArns: [DEPLOY, APP], tenantRoleArn: TENANT });
  const sid = (s: string) => key.Statement.find((x) => x.Sid === s)!;

  it("key administration holds no way to plaintext: no Decrypt, ReEncrypt, CreateGrant, and no wildcards", () => {
    const admin = sid("KeyAdministrationWithoutDecrypt").Action as string[];
    for (const a of [...DECRYPT_ACTIONS, "kms:ReEncryptTo", "kms:GenerateDataKey"]) assert.ok(!admin.includes(a), a);
    assert.ok(admin.every((a) => !a.includes("*")), "actions are listed one by one");
    assert.ok(admin.includes("kms:PutKeyPolicy") && admin.includes("kms:ScheduleKeyDeletion"), "the key stays manageable");
    assert.deepEqual(KEY_ADMIN_ACTIONS.filter((a) => /Decrypt|Grant$/.test(a) && a !== "kms:RevokeGrant"), []);
  });

  it("no statement trusts the account root or everyone with an Allow", () => {
    const text = JSON.stringify(key);
    assert.ok(!text.includes(":root"));
    for (const s of key.Statement) if (s.Effect === "Allow") assert.notEqual(s.Principal, "*");
  });

  it("only the tenant role is allowed Decrypt, and a Deny names everyone else", () => {
    const decrypters = key.Statement.filter((s) => s.Effect === "Allow" && ([] as string[]).concat(s.Action ?? []).includes("kms:Decrypt"));
    assert.deepEqual(decrypters.map((s) => s.Principal), [{ AWS: TENANT }]);
    assert.deepEqual(sid("NobodyElseDecrypts").Condition, { ArnNotEquals: { "aws:PrincipalArn": TENANT } });
  });

  it("refuses a tenant role that is also a platform role, and a key without administrator", () => {
    assert.throws(() => tenantKeyPolicy({ keyAdminArns: [TENANT], encryptOnlyArns: [APP], tenantRoleArn: TENANT }), /must not also be a platform role/);
    assert.throws(() => tenantKeyPolicy({ keyAdminArns: [], encryptOnlyArns: [APP], tenantRoleArn: TENANT }), /at least one key administrator/);
  });

  it("the trust policy has no Resource (IAM rejects one) and requires the tenant tag", () => {
    const trust = tenantTrustPolicy({ slug: "acme", appTaskRoleArn: APP });
    assert.equal(trust.Statement.length, 1);
    assert.ok(!("Resource" in trust.Statement[0]));
    assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { "aws:RequestTag/tenant": "acme" }, "ForAllValues:StringEquals": { "aws:TagKeys": ["tenant"] } });
  });

  it("the role and bucket policies name only the tenant's own resources", () => {
    const role = JSON.stringify(tenantRolePolicy({ bucketArn: "arn:aws:s3:::b", keyArn: "arn:aws:kms:ap-southeast-2:555555555555:key/k", secretArn: "arn:aws:secretsmanager:ap-southeast-2:555555555555:secret:s" }));
    assert.ok(!role.includes('"*"'), "no wildcard resource");
    const bucket = tenantBucketPolicy({ bucketArn: "arn:aws:s3:::b", keyArn: "k", tenantRoleArn: TENANT });
    assert.ok(bucket.Statement.every((s) => s.Effect === "Deny"), "the bucket policy only denies");
  });
});

describe("tenant lifecycle (lib/tenants/lifecycle.ts)", () => {
  it("expires at the retention, and steps down storage classes only where they pay off", () => {
    assert.deepEqual(tenantLifecycle(2555), { expireAfterDays: 2555, noncurrentExpireAfterDays: 2555, infrequentAccessAfterDays: 30, glacierInstantAfterDays: 90, abortIncompleteUploadsAfterDays: 7 });
    assert.deepEqual(tenantLifecycle(30), { expireAfterDays: 30, noncurrentExpireAfterDays: 30, infrequentAccessAfterDays: undefined, glacierInstantAfterDays: undefined, abortIncompleteUploadsAfterDays: 7 });
    assert.throws(() => tenantLifecycle(0), /positive whole number/);
  });

  it("every transition comes before the expiration (S3 refuses the configuration otherwise)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 36500 }), (days) => {
        const l = tenantLifecycle(days);
        for (const t of [l.infrequentAccessAfterDays, l.glacierInstantAfterDays]) if (t !== undefined) assert.ok(t < l.expireAfterDays);
        if (l.infrequentAccessAfterDays !== undefined && l.glacierInstantAfterDays !== undefined) assert.ok(l.infrequentAccessAfterDays < l.glacierInstantAfterDays);
      }),
    );
  });
});
