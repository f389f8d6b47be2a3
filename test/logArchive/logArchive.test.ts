import * as assert from "assert";
import { organizationId } from "../../cli/engine/fakeIds";
import { PlanResource, PlanResult } from "../../lib/plan";
import { logBucketName } from "../../lib/logArchiveNames";
import { byType, LzRun, one, planEdited, planStack } from "../helpers/plan";

const ORG = organizationId("111111111111");
const KINDS = ["cloudtrail", "config", "awsconfig", "flowlogs", "accesslogs"] as const;
const ARCHIVED = ["cloudtrail", "config", "flowlogs"] as const;
const KMS_ENCRYPTED = [...ARCHIVED, "awsconfig"] as const;

describe("log-archive stack plan", () => {
  let plan: PlanResult;
  before(async () => {
    plan = await planStack("log-archive");
  });
  const bucketName = (kind: (typeof KINDS)[number]) => logBucketName(kind, "222222222222", "ap-southeast-2");
  const forBucket = (type: string, kind: (typeof KINDS)[number]): PlanResource => {
    const found = byType(plan, type).filter((r) => r.inputs.bucket === bucketName(kind));
    assert.strictEqual(found.length, 1, `${type} for ${kind}`);
    return found[0];
  };
  const key = () => one(plan, "aws:kms/key:Key", "log-archive-key");

  it("plans with no mandatory finding, everything on the stack's explicit provider", () => {
    assert.deepStrictEqual(plan.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
    for (const r of plan.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:"))) assert.ok(r.provider, `${r.type} ${r.name}`);
  });

  it("creates the five buckets under derived names, each and every setting protected and retained", () => {
    const buckets = byType(plan, "aws:s3/bucket:Bucket");
    assert.deepStrictEqual(buckets.map((b) => b.inputs.bucket).sort(), KINDS.map(bucketName).sort());
    const s3 = plan.resources.filter((r) => r.type.startsWith("aws:s3/") && r.type !== "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
    assert.ok(s3.length >= 4 * 7);
    for (const r of s3) assert.ok(r.protect && r.retainOnDelete, `${r.type} ${r.name}`);
    for (const b of buckets) assert.notStrictEqual(b.inputs.forceDestroy, true);
  });

  it("encrypts the archived buckets with the log key, and the access-log bucket with SSE-S3 (S3 access logging cannot use KMS)", () => {
    for (const kind of KMS_ENCRYPTED) {
      const rule = (forBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", kind).inputs.rules as any[])[0];
      assert.deepStrictEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: key().outputs.arn }, kind);
      assert.strictEqual(rule.bucketKeyEnabled, true);
    }
    const access = (forBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "accesslogs").inputs.rules as any[])[0];
    assert.strictEqual(access.applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
  });

  it("versions every bucket and blocks all public access", () => {
    for (const kind of KINDS) {
      assert.deepStrictEqual(forBucket("aws:s3/bucketVersioning:BucketVersioning", kind).inputs.versioningConfiguration, { status: "Enabled" });
      const pab = forBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", kind).inputs;
      for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.strictEqual(pab[k], true, `${kind} ${k}`);
      assert.deepStrictEqual(forBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls", kind).inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
    }
  });

  it("object-locks the archived buckets with the configured retention: the trail bucket always in COMPLIANCE mode, the others as configured", () => {
    for (const kind of ARCHIVED) {
      const bucket = byType(plan, "aws:s3/bucket:Bucket").find((b) => b.inputs.bucket === bucketName(kind))!;
      assert.strictEqual(bucket.inputs.objectLockEnabled, true);
      const lock = forBucket("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", kind);
      assert.deepStrictEqual((lock.inputs.rule as any).defaultRetention, { mode: kind === "cloudtrail" ? "COMPLIANCE" : "GOVERNANCE", days: 365 });
    }
    assert.strictEqual(byType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").length, 3, "not on the access-log bucket, nor on the one Config delivers to");
  });

  it("AWS Config delivers to an unlocked bucket that S3 replicates, deletes excluded, into the locked archive; the channel waits for the bucket policy", () => {
    const awsConfig = byType(plan, "aws:s3/bucket:Bucket").find((b) => b.inputs.bucket === bucketName("awsconfig"))!;
    assert.strictEqual(awsConfig.inputs.objectLockEnabled, false);
    const replication = forBucket("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "awsconfig");
    const rule = (replication.inputs.rules as any[])[0];
    assert.strictEqual(rule.status, "Enabled");
    assert.deepStrictEqual(rule.deleteMarkerReplication, { status: "Disabled" });
    assert.strictEqual(rule.destination.bucket, `arn:aws:s3:::${bucketName("config")}`);
    assert.strictEqual(rule.destination.encryptionConfiguration.replicaKmsKeyId, key().outputs.arn);
    const role = byType(plan, "aws:iam/role:Role").find((r) => r.outputs.arn === replication.inputs.role)!;
    assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal, { Service: "s3.amazonaws.com" });
    const keyPolicy = JSON.parse(key().inputs.policy as string);
    assert.ok(keyPolicy.Statement.some((s: any) => s.Sid === "ConfigReplicaEncrypt" && s.Principal.AWS === role.outputs.arn));
    const policy = forBucket("aws:s3/bucketPolicy:BucketPolicy", "awsconfig");
    for (const c of byType(plan, "aws:cfg/deliveryChannel:DeliveryChannel")) {
      assert.strictEqual(c.inputs.s3BucketName, bucketName("awsconfig"));
      assert.ok(c.dependencies!.includes(policy.urn), `${c.name} waits for the bucket policy`);
    }
  });

  it("lets the security account read every archived bucket, never write", () => {
    for (const kind of [...ARCHIVED, "awsconfig"] as const) {
      const doc = JSON.parse(forBucket("aws:s3/bucketPolicy:BucketPolicy", kind).inputs.policy as string);
      const read = doc.Statement.find((s: any) => s.Sid === "SecurityAccountReads");
      assert.deepStrictEqual(read.Principal, { AWS: "arn:aws:iam::333333333333:root" }, kind);
      assert.ok(read.Action.every((a: string) => /^s3:(Get|List)/.test(a)), kind);
    }
  });

  it("moves logs to Glacier, then Deep Archive, then expires them, as configured", () => {
    const rule = (forBucket("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "cloudtrail").inputs.rules as any[])[0];
    assert.strictEqual(rule.status, "Enabled");
    assert.deepStrictEqual(rule.transitions, [
      { days: 90, storageClass: "GLACIER" },
      { days: 365, storageClass: "DEEP_ARCHIVE" },
    ]);
    assert.deepStrictEqual(rule.expiration, { days: 2557 });
    assert.deepStrictEqual(rule.noncurrentVersionExpiration, { noncurrentDays: 365 });
  });

  it("logs access to the archived buckets into the access-log bucket", () => {
    for (const kind of ARCHIVED) {
      const logging = forBucket("aws:s3/bucketLogging:BucketLogging", kind);
      assert.strictEqual(logging.inputs.targetBucket, bucketName("accesslogs"));
      assert.strictEqual(logging.inputs.targetPrefix, `${bucketName(kind)}/`);
    }
  });

  it("gives every bucket a TLS-only, organisation-only policy for the organisation read from the management stack", () => {
    for (const kind of KINDS) {
      const policy = JSON.parse(forBucket("aws:s3/bucketPolicy:BucketPolicy", kind).inputs.policy as string);
      const sids = policy.Statement.map((s: any) => s.Sid);
      assert.deepStrictEqual(sids.slice(0, 3), ["DenyInsecureTransport", "DenyPrincipalsOutsideOrganization", "DenyServicesActingForOtherOrganizations"], kind);
      assert.strictEqual(policy.Statement[1].Condition.StringNotEqualsIfExists["aws:PrincipalOrgID"], ORG);
      assert.strictEqual(policy.Statement[2].Condition.StringNotEqualsIfExists["aws:SourceOrgID"], ORG);
    }
  });

  it("keys the archive with a rotated customer key that only delivering services and the organisation may use", () => {
    const k = key();
    assert.strictEqual(k.inputs.enableKeyRotation, true);
    assert.ok(k.protect && k.retainOnDelete);
    const policy = JSON.parse(k.inputs.policy as string);
    const services = policy.Statement.filter((s: any) => s.Principal?.Service).map((s: any) => s.Principal.Service);
    assert.deepStrictEqual([...new Set(services)].sort(), ["cloudtrail.amazonaws.com", "config.amazonaws.com", "delivery.logs.amazonaws.com"]);
    const org = policy.Statement.find((s: any) => s.Sid === "OrganizationReadsLogsThroughS3");
    assert.strictEqual(org.Condition.StringEquals["aws:PrincipalOrgID"], ORG);
  });

  it("creates the organisation trail: multi-region, log file validation, the log key, into the trail bucket, after its policy", () => {
    const trail = one(plan, "aws:cloudtrail/trail:Trail");
    assert.strictEqual(trail.inputs.isOrganizationTrail, true);
    assert.strictEqual(trail.inputs.isMultiRegionTrail, true);
    assert.strictEqual(trail.inputs.includeGlobalServiceEvents, true);
    assert.strictEqual(trail.inputs.enableLogFileValidation, true);
    assert.strictEqual(trail.inputs.kmsKeyId, key().outputs.arn);
    assert.strictEqual(trail.inputs.s3BucketName, bucketName("cloudtrail"));
    assert.strictEqual(trail.region, "ap-southeast-2");
    assert.ok(trail.protect);
    assert.ok(trail.dependencies?.includes(forBucket("aws:s3/bucketPolicy:BucketPolicy", "cloudtrail").urn));
  });

  it("exports the names other stacks read", () => {
    assert.strictEqual(plan.outputs.flowLogBucketArn, `arn:aws:s3:::${bucketName("flowlogs")}`);
    assert.strictEqual(plan.outputs.cloudTrailBucketName, bucketName("cloudtrail"));
    assert.strictEqual(plan.outputs.configBucketName, bucketName("awsconfig"));
    assert.strictEqual(plan.outputs.configArchiveBucketName, bucketName("config"));
    assert.strictEqual(plan.outputs.logKeyArn, key().outputs.arn);
    assert.strictEqual(plan.outputs.organizationId, ORG);
  });
});

describe("log-archive config refused at config time (exit 2, key named)", () => {
  const expectKey = (run: LzRun, key: string, message: RegExp) => {
    assert.strictEqual(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes(`Pulumi.log-archive.yaml: ${key}:`), run.stderr);
    assert.match(run.stderr, message);
  };

  it("logs that would expire before their Object Lock retention ends", async () => {
    const run = await planEdited("log-archive", (p) =>
      p.editStack("log-archive", (c) => {
        c["landing-zone:logArchive"].objectLock.retentionDays = 3000;
      }),
    );
    expectKey(run, "landing-zone:logArchive.lifecycle.expireAfterDays", /shorter than objectLock.retentionDays \(3000\)/);
  });

  it("an unknown Object Lock mode", async () => {
    const run = await planEdited("log-archive", (p) =>
      p.editStack("log-archive", (c) => {
        c["landing-zone:logArchive"].objectLock.mode = "LEGAL_HOLD";
      }),
    );
    expectKey(run, "landing-zone:logArchive.objectLock.mode", /"LEGAL_HOLD" is not allowed; use one of: "GOVERNANCE", "COMPLIANCE"/);
  });
});

describe("the organisation trail's events (#13 item 10)", () => {
  it("records management events, and S3 data events on the tenant and log buckets only", async () => {
    const plan = await planStack("log-archive");
    const trail = one(plan, "aws:cloudtrail/trail:Trail");
    const selectors = trail.inputs.advancedEventSelectors as { name: string; fieldSelectors: { field: string; equals?: string[]; startsWith?: string[] }[] }[];
    assert.deepStrictEqual(selectors[0].fieldSelectors, [{ field: "eventCategory", equals: ["Management"] }]);
    const data = selectors[1].fieldSelectors;
    assert.deepStrictEqual(data.find((f) => f.field === "resources.type")!.equals, ["AWS::S3::Object"]);
    assert.deepStrictEqual(data.find((f) => f.field === "resources.ARN")!.startsWith, ["arn:aws:s3:::tenant-", "arn:aws:s3:::lz-logs-"]);
    assert.strictEqual(trail.inputs.isOrganizationTrail, true);
  });
});
