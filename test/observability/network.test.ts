import { strict as assert } from "assert";
import type { PlanResult } from "../../lib/plan";
import { byType, planStack } from "../helpers/plan";

/** Issue #16 item 10: Datadog in the network account, watching the shared egress and the hub. */
describe("observability of the network account (plan)", function () {
  let plan: PlanResult;
  before(async () => {
    plan = await planStack("network");
  });

  it("integrates the network account with Datadog through a role only Datadog can assume", () => {
    const role = byType(plan, "aws:iam/role:Role").find((r) => r.inputs.name === "network-datadog-integration")!;
    assert.ok(role, "the integration role");
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
    assert.ok(trust.Statement[0].Condition.StringEquals["sts:ExternalId"], "with the external id");
    assert.equal(byType(plan, "datadog:aws/integrationAccount:IntegrationAccount").length + byType(plan, "datadog:aws/integration:Integration").length > 0, true);
    assert.equal(plan.outputs.datadogIntegrationRoleArn, role.outputs.arn);
    const provider = byType(plan, "pulumi:providers:datadog")[0];
    assert.deepEqual([...(provider.secretInputs ?? [])].sort(), ["apiKey", "appKey"]);
  });

  it("watches the NAT gateways, the hub (no-route drops only) and the firewall, paging the platform handle", () => {
    const monitors = byType(plan, "datadog:index/monitor:Monitor");
    const byKey = new Map(monitors.map((m) => [String((m.inputs.tags as string[]).find((t) => t.startsWith("monitor:"))).slice(8), m]));
    assert.deepEqual([...byKey.keys()].sort(), ["firewall-drops", "nat-packets-dropped", "nat-port-allocation", "tgw-no-route"]);
    assert.match(String(byKey.get("nat-port-allocation")!.inputs.query), /aws\.natgateway\.error_port_allocation\{aws_account:444444444444\}/);
    assert.match(String(byKey.get("tgw-no-route")!.inputs.query), /packet_drop_count_no_route/);
    for (const m of monitors) {
      assert.doesNotMatch(String(m.inputs.query), /blackhole/, "the intended blackhole drops never page");
      assert.match(String(m.inputs.message), /@pagerduty-platform/);
    }
    assert.match(String(byKey.get("firewall-drops")!.inputs.query), /aws\.networkfirewall\.dropped_packets/);
  });
});
