import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { DATADOG_STANDARD_IAM_PERMISSIONS } from "../../cli/engine/mocks/datadog";
import { PROJECT_ROOT } from "../../config/raw";
import { AU_SYNTHETICS_LOCATION } from "../../lib/observability/datadogSites";
import type { PlanResult } from "../../lib/plan";
import { byType, one, planStack } from "../helpers/plan";

const T = {
  provider: "pulumi:providers:datadog",
  externalId: "datadog:aws/integrationExternalId:IntegrationExternalId",
  account: "datadog:aws/integrationAccount:IntegrationAccount",
  monitor: "datadog:index/monitor:Monitor",
  test: "datadog:index/syntheticsTest:SyntheticsTest",
  variable: "datadog:index/syntheticsGlobalVariable:SyntheticsGlobalVariable",
  app: "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
};

function stackConfig(stack: string): Record<string, any> {
  return YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
}

for (const stack of ["dev", "prod"]) {
  describe(`observability on the ${stack} plan`, function () {
    let plan: PlanResult;
    let cfg: Record<string, any>;
    let handle: string;
    before(async () => {
      plan = await planStack(stack);
      cfg = stackConfig(stack);
      const h = cfg["landing-zone:datadog"].notificationHandle as string;
      handle = h.startsWith("@") ? h : `@${h}`;
    });

    it("talks to Datadog AP2 (Australia) with the API and app keys as secrets", () => {
      const provider = one(plan, T.provider);
      assert.equal(provider.inputs.apiUrl, "https://api.ap2.datadoghq.com/");
      assert.deepEqual(provider.secretInputs, ["apiKey", "appKey"]);
      assert.equal(provider.inputs.apiKey, "[secret]");
      assert.equal(provider.inputs.appKey, "[secret]");
      for (const r of plan.resources.filter((x) => x.type.startsWith("datadog:"))) {
        assert.ok(r.provider?.startsWith(`${provider.urn}::`), `${r.name} uses the stack's Datadog provider`);
      }
    });

    it("integrates the account through a role that trusts Datadog's AP2 account with the external id", () => {
      const externalId = one(plan, T.externalId);
      const role = one(plan, "aws:iam/role:Role", `${stack}-datadog-aws-role`);
      const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
      assert.equal(trust.Statement.length, 1);
      const [s] = trust.Statement;
      assert.equal(s.Effect, "Allow");
      assert.equal(s.Action, "sts:AssumeRole");
      assert.deepEqual(s.Principal, { AWS: "arn:aws:iam::412381753143:root" });
      assert.deepEqual(s.Condition, { StringEquals: { "sts:ExternalId": externalId.id } });
      assert.match(externalId.id!, /^[0-9a-f]{32}$/);

      const account = one(plan, T.account);
      const auth = (account.inputs.authConfig as any).awsAuthConfigRole;
      assert.deepEqual(auth, { roleName: role.outputs.name, externalId: externalId.id });
      assert.equal(account.inputs.awsAccountId, cfg["landing-zone:account"].id);
      assert.deepEqual((account.inputs.awsRegions as any).includeOnlies, [cfg["landing-zone:account"].region]);
      assert.equal((account.inputs.resourcesConfig as any).extendedCollection, false, "no collection the standard permissions do not cover");
    });

    it("grants the role exactly the provider's standard permissions, never `*`", () => {
      const role = one(plan, "aws:iam/role:Role", `${stack}-datadog-aws-role`);
      const attached = byType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.outputs.name);
      const policies = byType(plan, "aws:iam/policy:Policy").filter((p) => attached.some((a) => a.inputs.policyArn === p.outputs.arn));
      assert.equal(policies.length, 2);
      const actions: string[] = [];
      for (const p of policies) {
        const doc = JSON.parse(p.inputs.policy as string);
        for (const st of doc.Statement) {
          assert.equal(st.Effect, "Allow");
          for (const a of [st.Action].flat()) {
            assert.notEqual(a, "*");
            assert.doesNotMatch(a, /^[\w-]+:\*$/, `${a} is not a whole service`);
            actions.push(a);
          }
        }
      }
      assert.deepEqual(actions.sort(), [...DATADOG_STANDARD_IAM_PERMISSIONS].sort());
      assert.equal(byType(plan, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === role.outputs.name).length, 0, "no inline policy besides");
    });

    it("monitors the connector, the TGW attachment and the load balancers, tagged and routed to the handle", () => {
      const monitors = byType(plan, T.monitor).filter((m) => (m.inputs.tags as string[]).includes("service:landing-zone"));
      const byKey = new Map(monitors.map((m) => [(m.inputs.tags as string[]).find((t) => t.startsWith("monitor:")), m]));
      const running = byKey.get("monitor:connector-running");
      assert.match(String(running?.inputs.query), /aws\.ecs\.service\.desired\{[^}]*clustername:[a-z]+-edge,servicename:cloudflared\} - avg:aws\.ecs\.service\.running\{.*\} > 0$/);
      assert.equal(running?.inputs.notifyNoData, true);
      assert.match(String(byKey.get("monitor:tgw-packet-drops")?.inputs.query), /packet_drop_count_no_route/);
      assert.doesNotMatch(String(byKey.get("monitor:tgw-packet-drops")?.inputs.query), /blackhole/, "the intended blackhole drops (segmentation) never page");
      assert.match(String(byKey.get("monitor:load-balancer-5xx")?.inputs.query), /httpcode_elb_5xx.*httpcode_target_5xx/);
      for (const m of monitors) {
        assert.ok((m.inputs.message as string).endsWith(handle), `${m.name} notifies ${handle}`);
        assert.ok((m.inputs.tags as string[]).includes(`env:${stack}`));
        const threshold = Number((m.inputs.monitorThresholds as any).critical);
        assert.ok((m.inputs.query as string).endsWith(`> ${threshold}`), `${m.name}'s threshold matches its query`);
      }
    });

    it("tests each Access-protected hostname once, from Sydney, through the service token", () => {
      const apps = cfg["landing-zone:cloudflare"].apps as { hostname: string; healthPath?: string }[];
      const tests = byType(plan, T.test).filter((t) => (t.inputs.tags as string[]).includes("service:landing-zone"));
      assert.equal(tests.length, apps.length);
      const protectedHosts = new Set(byType(plan, T.app).map((a) => a.inputs.domain));
      const variables = new Map(byType(plan, T.variable).map((v) => [v.id, v]));
      for (const app of apps) {
        assert.ok(protectedHosts.has(app.hostname), `${app.hostname} is behind Access`);
        const matching = tests.filter((t) => (t.inputs.requestDefinition as any).url === `https://${app.hostname}${app.healthPath ?? "/"}`);
        assert.equal(matching.length, 1, `one test for ${app.hostname}`);
        const [t] = matching;
        assert.deepEqual(t.inputs.locations, [AU_SYNTHETICS_LOCATION]);
        assert.match(AU_SYNTHETICS_LOCATION, /ap-southeast-2$/);
        assert.equal(t.inputs.type, "api");
        assert.equal((t.inputs.optionsList as any).followRedirects, false, "a redirect to the login page fails the test");
        assert.ok((t.inputs.message as string).endsWith(handle));
        const headers = t.inputs.requestHeaders as Record<string, string>;
        assert.deepEqual(Object.keys(headers).sort(), ["CF-Access-Client-Id", "CF-Access-Client-Secret"]);
        for (const cv of t.inputs.configVariables as any[]) {
          const v = variables.get(cv.id);
          assert.ok(v, `variable ${cv.name} exists`);
          assert.equal(v!.inputs.secure, true);
          assert.deepEqual(v!.secretInputs, ["value"]);
          assert.ok(Object.values(headers).includes(`{{ ${cv.name} }}`), `a header reads ${cv.name}`);
        }
        assert.deepEqual(t.secretInputs, [], "the test itself holds no secret");
      }
    });
  });
}
