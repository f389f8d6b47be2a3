import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { cloudflareTunnelOriginTls, cloudflareTunnelPlainHttp, cloudflareZoneTls } from "../../../policies/encryption/cloudflare";
import { databaseRequireTls, docdbTls } from "../../../policies/encryption/databaseTls";
import { efsTlsOnly, sqsSnsTlsOnly } from "../../../policies/encryption/tlsOnly";
import { encryptionCompanionsOutsideStack } from "../../../policies/encryption/companions";
import { messages, policyCases, StackFixture, UNKNOWN_VALUE } from "../helpers";

function rds(group: Record<string, unknown> | undefined, db: Record<string, unknown> = {}): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  if (group) s.add(aws.rds.ParameterGroup, "pg", { family: "postgres16", name: "app-pg", ...group });
  s.add(aws.rds.Instance, "db", { instanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: true, parameterGroupName: group ? "app-pg" : undefined, ...db });
  return s;
}

describe("encryption: split resources judged together", () => {
  describe("database-require-tls (database + its parameter group)", () => {
    it("PostgreSQL with rds.force_ssl=1 in its group passes", () => {
      assert.deepStrictEqual(messages(databaseRequireTls, rds({ parameters: [{ name: "rds.force_ssl", value: "1" }] }).resources), []);
    });
    it("a group that does not force TLS fails, naming the group and the parameter", () => {
      assert.match(messages(databaseRequireTls, rds({ parameters: [{ name: "rds.force_ssl", value: "0" }] }).resources)[0], /aws.rds.ParameterGroup pg sets rds.force_ssl to "0"; add \{ name: "rds.force_ssl", value: "1" \}/);
    });
    it("the default group fails", () => {
      assert.match(messages(databaseRequireTls, rds(undefined).resources)[0], /parameterGroupName is not set: the default parameter group does not force TLS/);
    });
    it("MySQL needs require_secure_transport", () => {
      const m = messages(databaseRequireTls, rds({ family: "mysql8.0", parameters: [{ name: "rds.force_ssl", value: "1" }] }, { engine: "mysql" }).resources);
      assert.match(m[0], /require_secure_transport/);
      assert.deepStrictEqual(messages(databaseRequireTls, rds({ family: "mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] }, { engine: "mysql" }).resources), []);
    });
    it("a group outside the stack is not guessed: no mandatory finding, an advisory one that says so", () => {
      const s = rds(undefined, { parameterGroupName: "shared-pg" });
      assert.deepStrictEqual(messages(databaseRequireTls, s.resources), []);
      assert.match(messages(encryptionCompanionsOutsideStack, s.resources)[0], /^db: parameterGroupName = "shared-pg" names a parameter group that is not in this stack, so its TLS parameter cannot be verified here/);
    });
    it("a group unknown at preview with no dependency fails closed; with one, the group is judged", () => {
      assert.match(messages(databaseRequireTls, rds(undefined, { parameterGroupName: UNKNOWN_VALUE }).resources)[0], /^db: parameterGroupName is unknown until deployment and depends on no resource of this stack.*\(fail closed\)/);
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.rds.ParameterGroup, "pg", { family: "postgres16", name: "app-pg", parameters: [{ name: "rds.force_ssl", value: "0" }] });
      s.add(aws.rds.Instance, "db", { instanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: true, parameterGroupName: UNKNOWN_VALUE }, { propertyDependencies: { parameterGroupName: [s.urnOf("aws:rds/parameterGroup:ParameterGroup", "pg")] } });
      assert.match(messages(databaseRequireTls, s.resources)[0], /ParameterGroup pg sets rds.force_ssl to "0"/);
    });
    it("a default group named explicitly fails like no group", () => {
      assert.match(messages(databaseRequireTls, rds(undefined, { parameterGroupName: "default.postgres16" }).resources)[0], /parameterGroupName is "default.postgres16": the default parameter group does not force TLS/);
    });
    it("an Aurora cluster is judged through its cluster parameter group", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.rds.ClusterParameterGroup, "cpg", { family: "aurora-mysql8.0", name: "c-pg", parameters: [{ name: "require_secure_transport", value: "1" }] });
      s.add(aws.rds.Cluster, "c", { engine: "aurora-mysql", storageEncrypted: true, dbClusterParameterGroupName: "c-pg" });
      s.add(aws.rds.Instance, "c-1", { instanceClass: "db.r6g.large", engine: "aurora-mysql", clusterIdentifier: "c" });
      assert.deepStrictEqual(messages(databaseRequireTls, s.resources), []);
    });
    it("Redshift needs require_ssl; RDS proxies need requireTls; serverless needs configParameters", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.redshift.ParameterGroup, "rpg", { family: "redshift-1.0", name: "r-pg", parameters: [{ name: "require_ssl", value: "false" }] });
      s.add(aws.redshift.Cluster, "r", { clusterIdentifier: "r", nodeType: "ra3.xlplus", encrypted: "true", clusterParameterGroupName: "r-pg" });
      s.add(aws.rds.Proxy, "px", { engineFamily: "POSTGRESQL", roleArn: "r", vpcSubnetIds: [] });
      s.add(aws.redshiftserverless.Workgroup, "wg", { namespaceName: "n", workgroupName: "wg", configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }] });
      const m = messages(databaseRequireTls, s.resources);
      assert.strictEqual(m.length, 2);
      assert.match(m[0], /r-pg|rpg sets require_ssl to "false"/);
      assert.match(m[1], /^requireTls is not set; set requireTls to true/);
    });
  });

  describe("docdb-tls", () => {
    policyCases(docdbTls, aws.docdb.ClusterParameterGroup, { family: "docdb5.0", parameters: [{ name: "tls", value: "enabled" }] }, [{ title: "tls disabled fails", change: { parameters: [{ name: "tls", value: "disabled" }] }, expect: /sets tls to "disabled"/ }]);
  });

  describe("efs-tls-only (file system + its policy)", () => {
    const deny = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
    it("passes with a TLS-only file system policy, fails without one", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.efs.FileSystem, "fs", { encrypted: true }, { id: "fs-1" });
      assert.match(messages(efsTlsOnly, s.resources)[0], /file system fs has no policy denying non-TLS access/);
      s.add(aws.efs.FileSystemPolicy, "fs-policy", { fileSystemId: "fs-1", policy: deny });
      assert.deepStrictEqual(messages(efsTlsOnly, s.resources), []);
    });
  });

  describe("sqs-sns-tls-only (advisory)", () => {
    it("reports a queue and a topic without TLS-only statements, passes once policies exist", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.sqs.Queue, "q", {}, { id: "https://sqs.ap-southeast-2.amazonaws.com/5/q" });
      s.add(aws.sns.Topic, "t", {}, { id: "arn:aws:sns:ap-southeast-2:5:t" });
      const m = messages(sqsSnsTlsOnly, s.resources);
      assert.strictEqual(m.length, 2);
      const deny = (svc: string) => JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: `${svc}:*`, Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
      s.add(aws.sqs.QueuePolicy, "qp", { queueUrl: "https://sqs.ap-southeast-2.amazonaws.com/5/q", policy: deny("sqs") });
      s.add(aws.sns.TopicPolicy, "tp", { arn: "arn:aws:sns:ap-southeast-2:5:t", policy: deny("sns") });
      assert.deepStrictEqual(messages(sqsSnsTlsOnly, s.resources), []);
    });
  });

  describe("cloudflare-zone-tls (zone + its settings)", () => {
    function zone(settings: Record<string, string>): StackFixture {
      const s = new StackFixture();
      s.provider("pulumi:providers:cloudflare", "cf", {});
      s.push("cloudflare:index/zone:Zone", "example", { account: { id: "a" }, name: "example.com" }, { id: "zone-1" });
      for (const [id, value] of Object.entries(settings)) s.push("cloudflare:index/zoneSetting:ZoneSetting", `example-${id}`, { zoneId: "zone-1", settingId: id, value });
      return s;
    }
    it("passes with TLS 1.2, always-HTTPS and Full (strict)", () => {
      assert.deepStrictEqual(messages(cloudflareZoneTls, zone({ min_tls_version: "1.2", always_use_https: "on", ssl: "strict" }).resources), []);
    });
    it("flexible SSL fails (plain HTTP to the origin)", () => {
      assert.match(messages(cloudflareZoneTls, zone({ min_tls_version: "1.2", always_use_https: "on", ssl: "flexible" }).resources)[0], /sets ssl to "flexible"; set value to "strict"/);
    });
    it("a missing setting fails", () => {
      assert.match(messages(cloudflareZoneTls, zone({ min_tls_version: "1.3", ssl: "strict" }).resources)[0], /zone example has no always_use_https setting/);
    });
  });

  describe("cloudflare tunnels", () => {
    const type = "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig";
    const base = { accountId: "a", tunnelId: "t", config: { ingresses: [{ hostname: "app.example.com", service: "https://app.internal:443" }, { service: "http_status:404" }] } };
    policyCases(cloudflareTunnelOriginTls, type, base, [
      { title: "noTlsVerify true fails", change: { config: { ...base.config, originRequest: { noTlsVerify: true } } }, expect: /config.originRequest.noTlsVerify is true/ },
    ]);
    policyCases(cloudflareTunnelPlainHttp, type, base, [
      { title: "plain http to another host is reported", change: { config: { ingresses: [{ hostname: "a", service: "http://10.0.0.5:8080" }] } }, expect: /plain HTTP across the network/ },
      { title: "http to localhost passes", change: { config: { ingresses: [{ hostname: "a", service: "http://localhost:8080" }] } } },
    ]);
  });
});
