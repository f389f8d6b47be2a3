import * as aws from "@pulumi/aws";
import { cloudtrailTrailName, iamPolicyDocuments, iamRoleFields, s3BucketName } from "../../../policies/preflight/names";
import { ruleCases, stack } from "./rules";

const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });

function one<T>(cls: new (name: string, args: T) => unknown, inputs: Record<string, unknown>) {
  return () => {
    const s = stack();
    s.add(cls as never, "subject", inputs as never);
    return s;
  };
}

describe("preflight: names and documents", () => {
  const bucket = (name: string) => one(aws.s3.Bucket, { bucket: name });
  ruleCases(s3BucketName, { "lz-logs-cloudtrail-222222222222-ap-southeast-2": bucket("lz-logs-cloudtrail-222222222222-ap-southeast-2"), "a.b-c": bucket("a.b-c"), "63 characters": bucket("a".repeat(63)) }, [
    { title: "64 characters", build: bucket("a".repeat(64)), expect: /is 64 characters \(3-63\)/ },
    { title: "upper case", build: bucket("Tenant-Data"), expect: /has characters other than lowercase/ },
    { title: "an underscore", build: bucket("tenant_data"), expect: /has characters other than lowercase/ },
    { title: "ends with a hyphen", build: bucket("tenant-"), expect: /does not begin and end with a letter or digit/ },
    { title: "adjacent periods", build: bucket("a..b"), expect: /two adjacent periods/ },
    { title: "an IP address", build: bucket("192.168.5.4"), expect: /formatted as an IP address/ },
    { title: "the xn-- prefix", build: bucket("xn--tenant"), expect: /reserved prefix xn--/ },
    { title: "the -s3alias suffix", build: bucket("tenant-s3alias"), expect: /reserved suffix -s3alias/ },
  ]);

  const role = (inputs: Record<string, unknown>) => one(aws.iam.Role, { assumeRolePolicy: TRUST, ...inputs });
  ruleCases(
    iamRoleFields,
    { "LandingZoneDeployment": role({ name: "LandingZoneDeployment" }), "64 characters, a path, 12 hours": role({ name: "r".repeat(64), path: "/service-role/", maxSessionDuration: 43200 }) },
    [
      { title: "65 characters", build: role({ name: "r".repeat(65) }), expect: /role name "r{65}" is 65 characters/ },
      { title: "a colon in the name", build: role({ name: "tenant:acme" }), expect: /with characters outside/ },
      { title: "a namePrefix of 39", build: role({ namePrefix: "p".repeat(39) }), expect: /namePrefix .* is 39 characters/ },
      { title: "a path without the trailing slash", build: role({ name: "r", path: "/service-role" }), expect: /path "\/service-role" does not begin and end with \// },
      { title: "a 13-hour session", build: role({ name: "r", maxSessionDuration: 46800 }), expect: /maxSessionDuration is 46800 seconds/ },
      {
        title: "a trust policy over 2,048 characters",
        build: role({ name: "r", assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`) }, Action: "sts:AssumeRole" }] }) }),
        expect: /the trust policy \(assumeRolePolicy\) is \d+ characters \(whitespace excluded\), over 2048/,
      },
    ],
  );

  const big = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: Array.from({ length: n }, (_, i) => `s3:GetObjectVersion${i}`), Resource: "*" }] });
  ruleCases(
    iamPolicyDocuments,
    {
      "a small managed policy": one(aws.iam.Policy, { name: "p", policy: big(2) }),
      "an inline policy of 8,000 characters (the inline quota is 10,240)": one(aws.iam.RolePolicy, { role: "r", name: "p", policy: big(300) }),
      "whitespace is not counted": one(aws.iam.Policy, { name: "p", policy: JSON.stringify(JSON.parse(big(200)), null, 12) }),
    },
    [
      { title: "a managed policy over 6,144 characters", build: one(aws.iam.Policy, { name: "p", policy: big(300) }), expect: /the managed policy is \d+ characters \(whitespace excluded\), over 6144/ },
      { title: "an inline policy over 10,240 characters", build: one(aws.iam.RolePolicy, { role: "r", name: "p", policy: big(450) }), expect: /the inline policy is \d+ characters .*over 10240/ },
      { title: "a 129-character name", build: one(aws.iam.Policy, { name: "n".repeat(129), policy: big(1) }), expect: /policy name is 129 characters, over 128/ },
    ],
  );

  const trail = (name: string) => one(aws.cloudtrail.Trail, { name, s3BucketName: "b" });
  ruleCases(cloudtrailTrailName, { "lz-organization-trail": trail("lz-organization-trail"), "org.trail_1": trail("org.trail_1") }, [
    { title: "two characters", build: trail("lz"), expect: /trail name "lz" breaks the naming rules/ },
    { title: "adjacent dashes", build: trail("lz--trail"), expect: /breaks the naming rules/ },
    { title: "a space", build: trail("lz trail"), expect: /breaks the naming rules/ },
    { title: "ends with a dash", build: trail("lz-trail-"), expect: /breaks the naming rules/ },
  ]);
});
