import * as aws from "@pulumi/aws";
import { kmsAliasName, kmsDeletionWindow, kmsKeyPolicyLockout, kmsRotation } from "../../../policies/preflight/kms";
import { ACCOUNT, DEPLOY_ROLE, ruleCases, stack } from "./rules";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const ROOT_ADMIN = { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["kms:Put*", "kms:Describe*"], Resource: "*" };
const SERVICE_USE = { Sid: "Use", Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" };

function key(inputs: Record<string, unknown>) {
  const s = stack();
  s.add(aws.kms.Key, "key", { enableKeyRotation: true, deletionWindowInDays: 30, ...inputs });
  return s;
}

describe("preflight: kms", () => {
  ruleCases(
    kmsKeyPolicyLockout,
    {
      "the account root may put the policy (kms:Put*)": () => key({ policy: doc(ROOT_ADMIN, SERVICE_USE) }),
      "only the deployment role administers the key": () => key({ policy: doc({ Effect: "Allow", Principal: { AWS: DEPLOY_ROLE }, Action: "kms:PutKeyPolicy", Resource: "*" }) }),
      "a Deny on PutKeyPolicy that exempts the deployment role by aws:PrincipalArn": () =>
        key({ policy: doc(ROOT_ADMIN, { Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/LandingZoneDeployment" } } }) }),
      "no policy (KMS's default key policy)": () => key({}),
      "the check bypassed on purpose": () => key({ policy: doc(SERVICE_USE), bypassPolicyLockoutSafetyCheck: true }),
    },
    [
      { title: "only services are named", build: () => key({ policy: doc(SERVICE_USE) }), expect: /key's policy: no statement allows kms:PutKeyPolicy to the account \(arn:aws:iam::111111111111:root\) or to the deploying role arn:aws:iam::111111111111:role\/LandingZoneDeployment/ },
      { title: "the root may only describe", build: () => key({ policy: doc({ ...ROOT_ADMIN, Action: "kms:Describe*" }) }), expect: /no statement allows kms:PutKeyPolicy/ },
      {
        title: "a Deny of kms:* to everyone",
        build: () => key({ policy: doc(ROOT_ADMIN, { Sid: "NoOne", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }) }),
        expect: /statement NoOne denies kms:PutKeyPolicy to arn:aws:iam::111111111111:role\/LandingZoneDeployment/,
      },
      {
        title: "a standalone KeyPolicy that locks out",
        build: () => {
          const s = stack();
          s.add(aws.kms.KeyPolicy, "kp", { keyId: "k", policy: doc(SERVICE_USE) });
          return s;
        },
        expect: /kp's policy: no statement allows kms:PutKeyPolicy/,
      },
    ],
  );

  ruleCases(kmsDeletionWindow, { "30 days": () => key({ deletionWindowInDays: 30 }), "7 days": () => key({ deletionWindowInDays: 7 }) }, [
    { title: "6 days", build: () => key({ deletionWindowInDays: 6 }), expect: /key: deletionWindowInDays is 6/ },
    { title: "31 days", build: () => key({ deletionWindowInDays: 31 }), expect: /key: deletionWindowInDays is 31/ },
  ]);

  ruleCases(
    kmsRotation,
    { "a symmetric key rotated yearly": () => key({ rotationPeriodInDays: 365 }), "an asymmetric key not rotated": () => key({ enableKeyRotation: false, customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }) },
    [
      { title: "rotation on an RSA signing key", build: () => key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }), expect: /key has enableKeyRotation true but is a RSA_2048 SIGN_VERIFY key/ },
      { title: "a period of 60 days", build: () => key({ rotationPeriodInDays: 60 }), expect: /rotationPeriodInDays is 60/ },
      { title: "a period of 3,000 days", build: () => key({ rotationPeriodInDays: 3000 }), expect: /rotationPeriodInDays is 3000/ },
    ],
  );

  const alias = (name: string) => () => {
    const s = stack();
    s.add(aws.kms.Alias, "alias", { name, targetKeyId: "k" });
    return s;
  };
  ruleCases(kmsAliasName, { "alias/lz-log-archive": alias("alias/lz-log-archive"), "alias/tenants/acme_1": alias("alias/tenants/acme_1") }, [
    { title: "no alias/ prefix", build: alias("lz-log-archive"), expect: /alias name "lz-log-archive" is not alias\// },
    { title: "a space", build: alias("alias/lz log"), expect: /is not alias\// },
    { title: "the reserved alias/aws/", build: alias("alias/aws/s3"), expect: /under the reserved alias\/aws\// },
  ]);
});
