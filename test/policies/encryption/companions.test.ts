import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { cacheTransitEncryption } from "../../../policies/encryption/caches";
import { encryptionCompanionsOutsideStack } from "../../../policies/encryption/companions";
import { kmsKeyRotation } from "../../../policies/encryption/kms";
import { DEFAULT_TRANSFER_POLICIES, transferServerTls } from "../../../policies/encryption/transfer";
import { follow } from "../../../policies/lib/companions";
import { stackViewOfPlain, ViewResource } from "../../../policies/lib/stack";
import { messages, policyCases, StackFixture } from "../helpers";

const KEY_ARN = "arn:aws:kms:ap-southeast-2:555555555555:key/1111-2222";

function queueStack(key: string, withKey: boolean): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  if (withKey) s.add(aws.kms.Key, "key", { enableKeyRotation: true }, { outputs: { arn: KEY_ARN, keyId: "1111-2222" } });
  s.add(aws.kms.Alias, "key-alias", { name: "alias/queues", targetKeyId: "1111-2222" }, { outputs: { arn: "arn:aws:kms:ap-southeast-2:555555555555:alias/queues", name: "alias/queues" } });
  s.add(aws.sqs.Queue, "q", { kmsMasterKeyId: key });
  return s;
}

/** A Glue job naming a security configuration; the stack defines "lz-secure". */
function analyticsCompanions(config: string): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  s.add(aws.glue.SecurityConfiguration, "lz-secure", { name: "lz-secure", encryptionConfiguration: { s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN }, cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN }, jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY_ARN } } });
  s.add(aws.glue.Job, "etl", { roleArn: "arn:aws:iam::555555555555:role/etl", command: { scriptLocation: "s3://b/etl.py" }, securityConfiguration: config });
  return s;
}

describe("encryption: settings carried by another resource", () => {
  describe("KMS keys named by ARN, id or alias", () => {
    const cases: [string, string, boolean, RegExp | undefined][] = [
      ["a key of this stack by ARN", KEY_ARN, true, undefined],
      ["a key of this stack by key id", "1111-2222", true, undefined],
      ["an alias of this stack by name", "alias/queues", false, undefined],
      ["an AWS-managed alias (judged by cmk-recommended, nothing to follow)", "alias/aws/sqs", false, undefined],
      ["a key ARN outside the stack", "arn:aws:kms:ap-southeast-2:555555555555:key/elsewhere", false, /^q: kmsMasterKeyId = "arn:aws:kms:ap-southeast-2:555555555555:key\/elsewhere" names a KMS key that is not in this stack, so whether it is customer-managed and rotates cannot be verified here/],
      ["an alias outside the stack", "alias/shared", false, /kmsMasterKeyId = "alias\/shared" names a KMS key that is not in this stack/],
    ];
    for (const [title, key, withKey, expect] of cases) {
      it(`${expect ? "advisory" : "nothing to say"}: ${title}`, () => {
        const m = messages(encryptionCompanionsOutsideStack, queueStack(key, withKey).resources);
        if (!expect) assert.deepStrictEqual(m, []);
        else {
          assert.strictEqual(m.length, 1);
          assert.match(m[0], expect);
        }
      });
    }
    it("the advisory policy is advisory, and follow() reports the in-stack target", () => {
      const s = queueStack(KEY_ARN, true);
      assert.strictEqual(encryptionCompanionsOutsideStack.enforcementLevel, "advisory");
      const view = stackViewOfPlain(s.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, id: r.id ?? undefined, props: { ...r.inputs, ...r.outputs }, protect: false, propertyDependencies: r.propertyDependencies ?? {}, region: () => ({ region: "ap-southeast-2", source: "provider" as const }) }) as ViewResource));
      const q = view.ofType("aws:sqs/queue:Queue")[0];
      const [f] = follow(view, q, { from: [q.type], prop: "kmsMasterKeyId", to: ["aws:kms/key:Key"], what: "KMS key", carries: "x" });
      assert.strictEqual(f.kind, "in-stack");
      assert.deepStrictEqual(f.kind === "in-stack" && f.targets.map((t) => t.name), ["key"]);
    });
  });

  describe("ElastiCache member clusters inherit their replication group's transit encryption", () => {
    function cacheStack(groupTransit: boolean | undefined, member: Record<string, unknown>): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      if (groupTransit !== undefined) s.add(aws.elasticache.ReplicationGroup, "rg", { description: "r", replicationGroupId: "rg", transitEncryptionEnabled: groupTransit, authToken: "[secret]" });
      s.add(aws.elasticache.Cluster, "member", member);
      return s;
    }
    it("a member of an encrypted group passes without a flag of its own", () => {
      assert.deepStrictEqual(messages(cacheTransitEncryption, cacheStack(true, { replicationGroupId: "rg" }).resources), []);
    });
    it("a member of a plaintext group: the group fails, once, not the member", () => {
      const r = messages(cacheTransitEncryption, cacheStack(false, { replicationGroupId: "rg" }).resources);
      assert.deepStrictEqual(r, ["transitEncryptionEnabled is false; set transitEncryptionEnabled to true."]);
    });
    it("a member whose group is outside the stack is advisory, not guessed", () => {
      const s = cacheStack(undefined, { replicationGroupId: "shared-rg" });
      assert.deepStrictEqual(messages(cacheTransitEncryption, s.resources), []);
      assert.match(messages(encryptionCompanionsOutsideStack, s.resources)[0], /^member: replicationGroupId = "shared-rg" names a replication group that is not in this stack, so the transit encryption its member clusters inherit cannot be verified here/);
    });
    it("a standalone cluster still needs its own flag", () => {
      assert.match(messages(cacheTransitEncryption, cacheStack(undefined, { engine: "redis", nodeType: "cache.t4g.micro" }).resources)[0], /transitEncryptionEnabled is not set/);
    });
  });

  describe("Glue jobs and their security configuration", () => {
    it("a job whose configuration is in the stack says nothing; one elsewhere is advisory", () => {
      assert.deepStrictEqual(messages(encryptionCompanionsOutsideStack, analyticsCompanions("lz-secure").resources), []);
      assert.match(messages(encryptionCompanionsOutsideStack, analyticsCompanions("shared-config").resources)[0], /^etl: securityConfiguration = "shared-config" names a Glue security configuration that is not in this stack/);
    });
  });
});

describe("encryption: too strict no longer", () => {
  describe("kms-key-rotation: keys in a custom or external key store cannot rotate", () => {
    policyCases(kmsKeyRotation, aws.kms.Key, { enableKeyRotation: true }, [
      { title: "rotation off fails", change: { enableKeyRotation: false }, expect: /enableKeyRotation is false/ },
      { title: "a CloudHSM key store key without rotation passes", change: { enableKeyRotation: undefined, customKeyStoreId: "cks-1234567890abcdef0" } },
      { title: "an external key store key without rotation passes", change: { enableKeyRotation: undefined, customKeyStoreId: "cks-2", xksKeyId: "ext-key-1" } },
    ]);
  });

  describe("transfer-server-tls: the allow-list follows the pinned provider's own list", () => {
    /** Policies the provider lists that we refuse, and why. */
    const REFUSED: Record<string, string> = {
      "TransferSecurityPolicy-2018-11": "the default: SHA-1 key exchange and MACs",
      "TransferSecurityPolicy-2020-06": "SHA-1 MACs and ssh-rsa",
      "TransferSecurityPolicy-FIPS-2020-06": "SHA-1 MACs and ssh-rsa",
      "TransferSecurityPolicy-Restricted-2018-11": "SHA-1 key exchange",
      "TransferSecurityPolicy-Restricted-2020-06": "superseded by Restricted-2024-06",
      "TransferSecurityPolicy-PQ-SSH-Experimental-2023-04": "experimental, deprecated by 2025-03",
      "TransferSecurityPolicy-PQ-SSH-FIPS-Experimental-2023-04": "experimental, deprecated by FIPS-2025-03",
    };
    it("every policy the provider lists is allowed or refused with a reason, and nothing else is allowed", () => {
      const dts = fs.readFileSync(path.join(require.resolve("@pulumi/aws/package.json"), "..", "transfer", "server.d.ts"), "utf8");
      const listed = [...new Set(dts.match(/TransferSecurityPolicy-[A-Za-z0-9-]+[0-9]/g) ?? [])];
      assert.ok(listed.length >= 15, `the provider lists ${listed.length}`);
      const unclassified = listed.filter((p) => !DEFAULT_TRANSFER_POLICIES.includes(p) && !REFUSED[p]);
      assert.deepStrictEqual(unclassified, [], "a new provider policy: allow it in DEFAULT_TRANSFER_POLICIES or refuse it here with a reason");
      assert.deepStrictEqual(DEFAULT_TRANSFER_POLICIES.filter((p) => !listed.includes(p)), [], "allowed names the provider does not know");
      assert.deepStrictEqual(DEFAULT_TRANSFER_POLICIES.filter((p) => REFUSED[p]), []);
    });
    policyCases(transferServerTls, aws.transfer.Server, { protocols: ["SFTP"], securityPolicyName: "TransferSecurityPolicy-2025-03" }, [
      { title: "the post-quantum FIPS 2025 policy passes", change: { securityPolicyName: "TransferSecurityPolicy-FIPS-2025-03" } },
      { title: "AS2Restricted-2025-07 passes", change: { securityPolicyName: "TransferSecurityPolicy-AS2Restricted-2025-07" } },
      { title: "the experimental post-quantum policy fails", change: { securityPolicyName: "TransferSecurityPolicy-PQ-SSH-Experimental-2023-04" }, expect: /securityPolicyName is "TransferSecurityPolicy-PQ-SSH-Experimental-2023-04"/ },
    ]);
  });
});
