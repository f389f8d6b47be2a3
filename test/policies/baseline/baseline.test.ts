import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { vpcFlowLogs } from "../../../policies/baseline/flowLogs";
import { imdsv2Required } from "../../../policies/baseline/imds";
import { noOpenIngress } from "../../../policies/baseline/openIngress";
import { requiredTags } from "../../../policies/baseline/requiredTags";
import { statefulRetained } from "../../../policies/baseline/retention";
import { s3NoPublicAccess } from "../../../policies/baseline/s3PublicAccess";
import { messages, policyCases, runAll, StackFixture, violationsOf } from "../helpers";

const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("baseline (advisory by default)", () => {
  describe("s3-no-public-access", () => {
    function bucket(block: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.s3.Bucket, "b", { bucket: "b", ...extra });
      if (block) s.add(aws.s3.BucketPublicAccessBlock, "b-pab", { bucket: "b", ...block });
      return s;
    }
    it("a bucket with a full public access block passes", () => assert.deepStrictEqual(messages(s3NoPublicAccess, bucket(ALL_ON).resources), []));
    it("a bucket without one fails", () => assert.match(messages(s3NoPublicAccess, bucket(undefined).resources)[0], /bucket b has no public access block/));
    it("a partial block fails, naming the setting", () => assert.match(messages(s3NoPublicAccess, bucket({ ...ALL_ON, restrictPublicBuckets: false }).resources)[0], /leaves restrictPublicBuckets off/));
    it("an account-wide block covers every bucket", () => {
      const s = bucket(undefined);
      s.add(aws.s3.AccountPublicAccessBlock, "account", ALL_ON);
      assert.deepStrictEqual(messages(s3NoPublicAccess, s.resources), []);
    });
    it("a public-read ACL fails even with a block", () => assert.match(messages(s3NoPublicAccess, bucket(ALL_ON, { acl: "public-read" }).resources)[0], /acl is "public-read"/));
    it("a policy allowing everyone fails", () => {
      const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
      assert.match(messages(s3NoPublicAccess, bucket(ALL_ON, { policy }).resources)[0], /allows everyone/);
    });
    it("is advisory by default", () => {
      const v = violationsOf(runAll(bucket(undefined).resources), "s3-no-public-access");
      assert.strictEqual(v[0].enforcementLevel, "advisory");
    });
  });

  describe("no-open-ingress (tier from the tier tag or the name)", () => {
    const open = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }];
    policyCases(noOpenIngress, aws.ec2.SecurityGroup, { tags: { tier: "dmz" }, ingress: open }, [
      { title: "the same rule in the app tier fails", change: { tags: { tier: "app" } }, expect: /opens ingress\[0\]\.cidrBlocks\[0\] to 0.0.0.0\/0, but security group subject is in tier app/ },
      { title: "::/0 in the data tier fails", change: { tags: { tier: "data" }, ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, ipv6CidrBlocks: ["::/0"] }] }, expect: /to ::\/0/ },
      { title: "a private CIDR passes in any tier", change: { tags: { tier: "data" }, ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.16.0.0/16"] }] } },
      { title: "a DMZ group named so passes without a tag", change: { tags: undefined, name: "web-dmz-sg" } },
    ]);
    it("standalone rules are judged with their group", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.ec2.SecurityGroup, "app-sg", { tags: { tier: "app" } }, { id: "sg-app" });
      s.add(aws.ec2.SecurityGroup, "dmz-sg", { tags: { tier: "dmz" } }, { id: "sg-dmz" });
      s.add(aws.vpc.SecurityGroupIngressRule, "app-https", { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
      s.add(aws.ec2.SecurityGroupRule, "dmz-https", { type: "ingress", securityGroupId: "sg-dmz", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] });
      const m = messages(noOpenIngress, s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /^rule app-https opens cidrIpv4 to 0.0.0.0\/0, but security group app-sg is in tier app/);
    });
  });

  describe("imdsv2-required", () => {
    policyCases(imdsv2Required, aws.ec2.Instance, { ami: "ami-1", metadataOptions: { httpTokens: "required" } }, [
      { title: "optional tokens fail", change: { metadataOptions: { httpTokens: "optional" } }, expect: /metadataOptions.httpTokens is "optional"; set metadataOptions.httpTokens to "required"/ },
      { title: "no metadataOptions fails", change: { metadataOptions: undefined }, expect: /IMDSv1 stays available/ },
      { title: "a disabled endpoint passes", change: { metadataOptions: { httpEndpoint: "disabled" } } },
    ]);
    policyCases(imdsv2Required, aws.ec2.LaunchTemplate, { metadataOptions: { httpTokens: "required" } }, [{ title: "a template without IMDSv2 fails", change: { metadataOptions: undefined }, expect: /httpTokens/ }]);
  });

  describe("vpc-flow-logs", () => {
    it("a VPC without a flow log fails; with one, passes", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.ec2.Vpc, "vpc", { cidrBlock: "10.16.0.0/16" }, { id: "vpc-1" });
      assert.match(messages(vpcFlowLogs, s.resources)[0], /VPC vpc has no flow log/);
      s.add(aws.ec2.FlowLog, "vpc-flow", { vpcId: "vpc-1", trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::flow" });
      assert.deepStrictEqual(messages(vpcFlowLogs, s.resources), []);
    });
  });

  describe("stateful-resources-retained", () => {
    function key(opts: { protect?: boolean; retainOnDelete?: boolean }): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.kms.Key, "k", { enableKeyRotation: true }, opts);
      return s;
    }
    it("protect passes", () => assert.deepStrictEqual(messages(statefulRetained, key({ protect: true }).resources), []));
    it("retainOnDelete passes (the runner shows it)", () => assert.deepStrictEqual(messages(statefulRetained, key({ retainOnDelete: true }).resources), []));
    it("neither fails", () => assert.match(messages(statefulRetained, key({}).resources)[0], /k is neither protected nor retained on delete/));
  });

  describe("required-tags (provider defaultTags count)", () => {
    it("a resource passes on its provider's default tags", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.sqs.Queue, "q", {});
      assert.deepStrictEqual(messages(requiredTags, s.resources), []);
    });
    it("a provider without default tags leaves its resources untagged", () => {
      const s = new StackFixture();
      s.awsProvider("bare", { defaultTags: undefined });
      s.add(aws.sqs.Queue, "q", { tags: { owner: "me" } });
      assert.match(messages(requiredTags, s.resources)[0], /tags "dataClassification", "environment" are missing/);
    });
    it("resource tags complete a partial default set", () => {
      const s = new StackFixture();
      s.awsProvider("partial", { defaultTags: JSON.stringify({ tags: { owner: "me" } }) });
      s.add(aws.sqs.Queue, "q", { tags: { dataClassification: "internal", environment: "dev" } });
      assert.deepStrictEqual(messages(requiredTags, s.resources), []);
    });
    it("untaggable types are not judged", () => {
      const s = new StackFixture();
      s.awsProvider("bare", { defaultTags: undefined });
      s.add(aws.s3.BucketPolicy, "p", { bucket: "b", policy: "{}" });
      assert.deepStrictEqual(messages(requiredTags, s.resources), []);
    });
  });
});
