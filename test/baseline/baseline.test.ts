import * as assert from "assert";
import { planStack as planWithEngine } from "../../cli/engine/planner";
import { loadStackConfig, PROJECT_ROOT } from "../../config";
import { PlanResult } from "../../lib/plan";
import { accountBaseline } from "../../stacks/baseline";
import { createContext } from "../../stacks/context";
import { byType, one, planEdited, planStack } from "../helpers/plan";

const AU = ["ap-southeast-2", "ap-southeast-4"];
const STACKS = ["management", "log-archive", "security"];

describe("account baseline in the management, log-archive and security stacks", () => {
  const plans: Record<string, PlanResult> = {};
  before(async () => {
    for (const s of STACKS) plans[s] = await planStack(s);
  });
  const inBaseline = (plan: PlanResult, type: string) => byType(plan, type).filter((r) => r.parent?.endsWith("landing-zone:baseline:AccountBaseline::baseline"));

  it("turns on EBS encryption by default in each Australian region, with the account's own rotated key", () => {
    for (const s of STACKS) {
      const plan = plans[s];
      const keys = inBaseline(plan, "aws:kms/key:Key");
      assert.deepStrictEqual(keys.map((k) => k.region).sort(), AU, s);
      for (const region of AU) {
        const key = keys.find((k) => k.region === region)!;
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        assert.ok(key.protect && key.retainOnDelete, `${s} ${region} key`);
        const policy = JSON.parse(key.inputs.policy as string);
        assert.strictEqual(policy.Statement.find((x: any) => x.Sid === "UseThroughEc2").Condition.StringEquals["kms:ViaService"], `ec2.${region}.amazonaws.com`);
        assert.strictEqual(inBaseline(plan, "aws:ebs/encryptionByDefault:EncryptionByDefault").find((r) => r.region === region)?.inputs.enabled, true, `${s} ${region}`);
        assert.strictEqual(inBaseline(plan, "aws:ebs/defaultKmsKey:DefaultKmsKey").find((r) => r.region === region)?.inputs.keyArn, key.outputs.arn, `${s} ${region}`);
      }
    }
  });

  it("blocks S3 public access account-wide, sets a strong password policy, and runs an account Access Analyzer per region", () => {
    for (const s of STACKS) {
      const plan = plans[s];
      const pab = one(plan, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
      for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.strictEqual(pab.inputs[k], true, `${s} ${k}`);
      assert.match(String(pab.inputs.accountId), /^\d{12}$/);
      const pp = one(plan, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy").inputs;
      assert.strictEqual(pp.minimumPasswordLength, 14);
      assert.strictEqual(pp.passwordReusePrevention, 24);
      for (const k of ["requireLowercaseCharacters", "requireUppercaseCharacters", "requireNumbers", "requireSymbols"]) assert.strictEqual(pp[k], true);
      const analyzers = inBaseline(plan, "aws:accessanalyzer/analyzer:Analyzer");
      assert.deepStrictEqual(analyzers.map((a) => `${a.region}:${a.inputs.type}`).sort(), AU.map((r) => `${r}:ACCOUNT`));
    }
  });

  it("records AWS Config into the log-archive bucket with the log key (global types in the home region only)", async () => {
    const logArchive = plans["log-archive"].outputs;
    for (const s of ["log-archive", "security"]) {
      const plan = plans[s];
      const recorders = inBaseline(plan, "aws:cfg/recorder:Recorder");
      assert.deepStrictEqual(recorders.map((r) => r.region).sort(), AU, s);
      for (const r of recorders) assert.strictEqual((r.inputs.recordingGroup as any).includeGlobalResourceTypes, r.region === "ap-southeast-2");
      for (const ch of inBaseline(plan, "aws:cfg/deliveryChannel:DeliveryChannel")) {
        assert.strictEqual(ch.inputs.s3BucketName, logArchive.configBucketName, s);
        assert.strictEqual(ch.inputs.s3KmsKeyArn, logArchive.logKeyArn, s);
      }
      for (const st of inBaseline(plan, "aws:cfg/recorderStatus:RecorderStatus")) {
        assert.strictEqual(st.inputs.isEnabled, true);
        const channel = inBaseline(plan, "aws:cfg/deliveryChannel:DeliveryChannel").find((c) => c.region === st.region)!;
        assert.ok(st.dependencies?.includes(channel.urn), "the recorder starts once it can deliver");
      }
    }
  });

  it("records the management account too, delivering to the log archive's Config bucket by its derived name", () => {
    assert.strictEqual(byType(plans.management, "aws:cfg/recorder:Recorder").length, 2);
    for (const c of byType(plans.management, "aws:cfg/deliveryChannel:DeliveryChannel")) assert.strictEqual(c.inputs.s3BucketName, "lz-logs-awsconfig-222222222222-ap-southeast-2");
  });

  it("strips every rule from the default security group of the VPCs it is given", async () => {
    const program = async () => {
      const ctx = createContext(loadStackConfig());
      accountBaseline(ctx, { defaultSecurityGroupVpcIds: { app: "vpc-0123456789abcdef0" } });
      return {};
    };
    const plan = (await planWithEngine("security", { root: PROJECT_ROOT, cache: new Map(), program, policies: false })).result;
    const sg = one(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "baseline-default-sg-app");
    assert.strictEqual(sg.inputs.vpcId, "vpc-0123456789abcdef0");
    assert.deepStrictEqual(sg.inputs.ingress, []);
    assert.deepStrictEqual(sg.inputs.egress, []);
    assert.ok(sg.provider);
  });

  it("refuses baseline regions without the home region (exit 2, key named)", async () => {
    const run = await planEdited("security", (p) =>
      p.editStack("security", (c) => {
        c["landing-zone:baseline"] = { regions: ["ap-southeast-4"] };
      }),
    );
    assert.strictEqual(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes("Pulumi.security.yaml: landing-zone:baseline.regions: must include the home region ap-southeast-2"), run.stderr);
  });
});
