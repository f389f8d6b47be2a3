import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_ROOT } from "../../config/raw";
import { CATCH_ALL_SERVICE } from "../../lib/zeroTrust/ingress";
import { TUNNEL_EDGE_IPV4, TUNNEL_PORT } from "../../lib/zeroTrust/connector";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { byType, one, planStack } from "../helpers/plan";

const T = {
  tunnel: "cloudflare:index/zeroTrustTunnelCloudflared:ZeroTrustTunnelCloudflared",
  config: "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig",
  dns: "cloudflare:index/dnsRecord:DnsRecord",
  regional: "cloudflare:index/regionalHostname:RegionalHostname",
  app: "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
  policy: "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy",
  idp: "cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider",
  zoneSetting: "cloudflare:index/zoneSetting:ZoneSetting",
  connector: "landing-zone:zeroTrust:CloudflaredConnector",
};

/** The sample stack file's `landing-zone:cloudflare`, as written. */
function cloudflareConfig(stack: string): any {
  return YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config["landing-zone:cloudflare"];
}

/** Resources under the component named `name` (any depth). */
function under(plan: PlanResult, type: string, name: string): PlanResource[] {
  const root = one(plan, type, name);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  return plan.resources.filter((r) => {
    for (let p = r.parent; p; p = byUrn.get(p)?.parent ?? null) if (p === root.urn) return true;
    return false;
  });
}

for (const stack of ["dev", "prod"]) {
  describe(`zero trust on the ${stack} plan`, function () {
    let plan: PlanResult;
    let cf: any;
    before(async () => {
      plan = await planStack(stack);
      cf = cloudflareConfig(stack);
    });

    it("has one remotely managed tunnel whose secret is a Pulumi secret", () => {
      const tunnel = one(plan, T.tunnel);
      assert.equal(tunnel.inputs.configSrc, "cloudflare");
      assert.equal(tunnel.inputs.accountId, cf.accountId);
      assert.deepEqual(tunnel.secretInputs, ["tunnelSecret"]);
      assert.equal(tunnel.inputs.tunnelSecret, "[secret]");
    });

    it("routes the configured hostnames, then the tenants', and ends with the catch-all 404", () => {
      const tunnel = one(plan, T.tunnel);
      const config = one(plan, T.config);
      assert.equal(config.inputs.tunnelId, tunnel.id);
      const rules = (config.inputs.config as any).ingresses as any[];
      const last = rules[rules.length - 1];
      assert.deepEqual(last, { service: CATCH_ALL_SERVICE });
      assert.equal(rules.filter((r) => r.hostname === undefined).length, 1, "only the catch-all has no hostname");
      const configured = cf.ingress.filter((r: any) => r.hostname);
      assert.deepEqual(rules.slice(0, configured.length).map((r) => [r.hostname, r.service]), configured.map((r: any) => [r.hostname, r.service]));
    });

    it("requires Access at the origin with the app's audience tag, and never turns TLS verification off", () => {
      const rules = (one(plan, T.config).inputs.config as any).ingresses as any[];
      const apps = byType(plan, T.app);
      assert.equal((one(plan, T.config).inputs.config as any).originRequest.noTlsVerify, false);
      for (const r of rules.filter((x) => x.hostname)) {
        assert.equal(r.originRequest.noTlsVerify, false, r.hostname);
        assert.equal(r.originRequest.access.required, true, r.hostname);
        assert.equal(r.originRequest.access.teamName, cf.teamName);
        const app = apps.find((a) => (a.inputs.destinations as any[]).some((d) => d.uri === r.hostname));
        assert.ok(app, `an Access app covers ${r.hostname}`);
        assert.deepEqual(r.originRequest.access.audTags, [app!.outputs.aud], `${r.hostname} checks its app's audience`);
        assert.match(r.originRequest.access.audTags[0], /^[0-9a-f]{64}$/);
      }
    });

    it("points a proxied CNAME at the tunnel for every configured hostname, with an `au` regional hostname", () => {
      const cname = `${one(plan, T.tunnel).id}.cfargotunnel.com`;
      const records = byType(plan, T.dns);
      const regional = byType(plan, T.regional);
      for (const app of cf.apps) {
        const record = records.find((r) => r.inputs.name === app.hostname);
        assert.ok(record, `a DNS record for ${app.hostname}`);
        assert.deepEqual([record!.inputs.type, record!.inputs.content, record!.inputs.proxied, record!.inputs.zoneId], ["CNAME", cname, true, cf.zoneId]);
        const rh = regional.find((r) => r.inputs.hostname === app.hostname);
        assert.equal(rh?.inputs.regionKey, "au", `${app.hostname} is localised to Australia`);
      }
      for (const record of records) assert.equal(record.inputs.content, cname, `${record.inputs.name} points at the tunnel`);
    });

    it("protects each internal app with an Access application whose policy admits its Okta groups", () => {
      const idp = one(plan, T.idp);
      assert.equal(idp.inputs.type, "okta");
      assert.deepEqual(idp.secretInputs, ["config"], "the Okta client secret travels as a secret");
      const policies = new Map(byType(plan, T.policy).map((p) => [p.id, p]));
      for (const spec of cf.apps) {
        const app = byType(plan, T.app).find((a) => a.inputs.domain === spec.hostname);
        assert.ok(app, `an Access app for ${spec.hostname}`);
        assert.equal(app!.inputs.type, "self_hosted");
        assert.equal(app!.inputs.sessionDuration, spec.sessionDuration ?? "8h");
        assert.deepEqual(app!.inputs.allowedIdps, [idp.id]);
        const attached = (app!.inputs.policies as any[]).map((p) => policies.get(p.id));
        const people = attached.find((p) => p?.inputs.decision === "allow");
        assert.ok(people, "an allow policy");
        assert.deepEqual(
          (people!.inputs.includes as any[]).map((i) => i.okta),
          spec.oktaGroups.map((g: string) => ({ identityProviderId: idp.id, name: g })),
        );
        const robots = attached.find((p) => p?.inputs.decision === "non_identity");
        assert.ok(robots && (robots.inputs.includes as any[])[0].serviceToken, "the synthetics service token is admitted");
      }
    });

    it("hardens the zone: TLS 1.2 minimum, always HTTPS, strict TLS to origins", () => {
      const settings = Object.fromEntries(byType(plan, T.zoneSetting).filter((s) => s.inputs.zoneId === cf.zoneId).map((s) => [s.inputs.settingId, s.inputs.value]));
      assert.deepEqual(settings, { min_tls_version: "1.2", always_use_https: "on", ssl: "strict" });
    });

    it("runs the connector on Fargate in the app subnets, without a public IP", () => {
      const parts = under(plan, T.connector, `${stack}-cloudflared`);
      const service = parts.find((r) => r.type === "aws:ecs/service:Service")!;
      const appSubnets = (plan.outputs.vpcSubnetIds as any)?.app as string[] | undefined;
      assert.ok(appSubnets && appSubnets.length >= 2, "the network part exports the app subnets");
      const net = service.inputs.networkConfiguration as any;
      assert.deepEqual([...net.subnets].sort(), [...appSubnets!].sort());
      assert.equal(net.assignPublicIp, false);
      assert.equal(service.inputs.launchType, "FARGATE");
      assert.equal(service.inputs.desiredCount, cf.connector?.desiredCount ?? 2);
      const subnets = byType(plan, "aws:ec2/subnet:Subnet").filter((s) => appSubnets!.includes(s.id!));
      for (const s of subnets) assert.notEqual(s.inputs.mapPublicIpOnLaunch, true, `${s.name} gives no public IPs`);
    });

    it("lets the connector out only to the tunnel edge, HTTPS and its origins, and nothing in", () => {
      const parts = under(plan, T.connector, `${stack}-cloudflared`);
      const sg = parts.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
      const service = parts.find((r) => r.type === "aws:ecs/service:Service")!;
      assert.deepEqual((service.inputs.networkConfiguration as any).securityGroups, [sg.id]);
      assert.deepEqual(sg.inputs.ingress, []);
      const egress = sg.inputs.egress as any[];
      for (const e of egress) {
        assert.notEqual(e.protocol, "-1", "no all-traffic rule");
        assert.equal(e.fromPort, e.toPort, "one port per rule");
      }
      const edge = egress.filter((e) => e.fromPort === TUNNEL_PORT);
      assert.deepEqual(edge.map((e) => e.protocol).sort(), ["tcp", "udp"]);
      for (const e of edge) assert.deepEqual(e.cidrBlocks, [...TUNNEL_EDGE_IPV4]);
      const open = egress.filter((e) => (e.cidrBlocks ?? []).includes("0.0.0.0/0"));
      assert.deepEqual(open.map((e) => `${e.protocol}/${e.fromPort}`), ["tcp/443"], "only HTTPS goes anywhere");
    });

    it("keeps the token in Secrets Manager under a retained customer key, and logs in a KMS-encrypted log group", () => {
      const parts = under(plan, T.connector, `${stack}-cloudflared`);
      const key = parts.find((r) => r.type === "aws:kms/key:Key")!;
      assert.equal(key.protect, true);
      assert.equal(key.retainOnDelete, true);
      assert.equal(key.inputs.enableKeyRotation, true);
      const keyArn = key.outputs.arn;
      const secret = parts.find((r) => r.type === "aws:secretsmanager/secret:Secret" && r.name.endsWith("-token"))!;
      assert.equal(secret.inputs.kmsKeyId, keyArn);
      const version = parts.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion" && r.inputs.secretId === secret.id)!;
      assert.equal(version.inputs.secretId, secret.id);
      assert.deepEqual(version.secretInputs, ["secretString"]);
      const logs = parts.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")!;
      assert.equal(logs.inputs.kmsKeyId, keyArn);
      const task = parts.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")!;
      const [container] = JSON.parse(task.inputs.containerDefinitions as string);
      assert.deepEqual(container.secrets, [{ name: "TUNNEL_TOKEN", valueFrom: secret.outputs.arn }]);
      assert.equal(container.environment, undefined, "no token in the environment");
      assert.equal(container.logConfiguration.options["awslogs-group"], logs.inputs.name);
      assert.match(container.image, /^\d{12}\.dkr\.ecr\.ap-southeast-2\.amazonaws\.com\/landing-zone-docker-hub\/cloudflare\/cloudflared:\d{4}\.\d+\.\d+$/, "a pinned image, from ECR");
      assert.equal(task.inputs.taskRoleArn, undefined, "cloudflared gets no AWS credentials");
    });

    it("pulls cloudflared from ECR (Docker Hub pull-through cache), can pull it, and fails the deployment if the tasks never run", () => {
      const parts = under(plan, T.connector, `${stack}-cloudflared`);
      const rule = parts.find((r) => r.type === "aws:ecr/pullThroughCacheRule:PullThroughCacheRule")!;
      assert.deepEqual([rule.inputs.ecrRepositoryPrefix, rule.inputs.upstreamRegistryUrl], ["landing-zone-docker-hub", "registry-1.docker.io"]);
      const upstream = parts.find((r) => r.type === "aws:secretsmanager/secret:Secret" && String(r.inputs.name).startsWith("ecr-pullthroughcache/"))!;
      assert.equal(rule.inputs.credentialArn, upstream.outputs.arn);
      const upstreamVersion = parts.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion" && r.inputs.secretId === upstream.id)!;
      assert.deepEqual(upstreamVersion.secretInputs, ["secretString"], "the Docker Hub token is a Pulumi secret");
      const task = parts.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")!;
      const account = JSON.parse(task.inputs.containerDefinitions as string)[0].image.split(".")[0];
      const execution = JSON.parse(parts.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!.inputs.policy as string);
      const pull = execution.Statement.find((x: any) => x.Sid === "PullConnectorImage");
      assert.equal(pull.Resource, `arn:aws:ecr:ap-southeast-2:${account}:repository/landing-zone-docker-hub/*`);
      for (const a of ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]) assert.ok(pull.Action.includes(a), a);
      assert.ok(execution.Statement.some((x: any) => x.Action === "ecr:GetAuthorizationToken" && x.Resource === "*"));
      const service = parts.find((r) => r.type === "aws:ecs/service:Service")!;
      assert.equal(service.inputs.waitForSteadyState, true);
    });

    it("creates the apps' task role: trusted by ECS tasks, may only assume tenant roles with a tenant tag", () => {
      const role = one(plan, "aws:iam/role:Role", `${stack}-app-task-role`);
      const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "ecs-tasks.amazonaws.com" });
      assert.deepEqual(trust.Statement[0].Action, ["sts:AssumeRole", "sts:TagSession"]);
      const policy = JSON.parse(one(plan, "aws:iam/rolePolicy:RolePolicy", `${stack}-app-task-assume-tenants`).inputs.policy as string);
      assert.match(policy.Statement[0].Resource, /:role\/tenant\/\*$/);
      assert.deepEqual(policy.Statement[0].Condition, { StringLike: { "aws:RequestTag/tenant": "?*" } });
      assert.equal(plan.outputs.appTaskRoleArn, role.outputs.arn);
    });

    it("gives every Cloudflare resource the stack's Cloudflare provider", () => {
      const provider = one(plan, "pulumi:providers:cloudflare");
      assert.deepEqual(provider.secretInputs, ["apiToken"]);
      const cloudflare = plan.resources.filter((r) => r.type.startsWith("cloudflare:"));
      assert.ok(cloudflare.length > 10);
      for (const r of cloudflare) assert.ok(r.provider?.startsWith(`${provider.urn}::`), `${r.name} uses ${provider.name}`);
      assert.deepEqual(plan.violations.filter((v) => v.pack === "lz-engine"), [], "no resource or invoke without an explicit provider");
    });
  });
}
