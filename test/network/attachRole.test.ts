import { strict as assert } from "assert";
import type { PlanResult } from "../../lib/plan";
import { PolicyDocument } from "../../lib/iam/policyDocument";
import { simulate } from "../lib/iamSimulation";
import { byType, planStack } from "../helpers/plan";

/**
 * The attach roles, with the IAM evaluator on the planned documents. A workload stack's calls go to
 * the network account, on the network account's side of its attachment (a cross-account VPC
 * attachment is also a resource of the Transit Gateway owner, the accepter): that side's ARN names
 * the network account, so that is the ARN IAM sees. The route tables are what bound a segment.
 */
describe("the attach roles act on the network account's side of the attachments, within their segment's route tables (iam-simulate)", function () {
  const REGION = "ap-southeast-2";
  const NETWORK = "444444444444";
  const DEV = "555555555555";
  const PROD = "666666666666";
  let plan: PlanResult;
  let nonprod: PolicyDocument;
  let tableArn: (rt: string) => string;
  before(async () => {
    plan = await planStack("network");
    const policy = byType(plan, "aws:iam/rolePolicy:RolePolicy").find((r) => r.name === "spoke-attach-nonprod")!;
    nonprod = JSON.parse(policy.inputs.policy as string);
    const ids = plan.outputs.transitGatewayRouteTableIds as Record<string, string>;
    tableArn = (rt) => `arn:aws:ec2:${REGION}:${NETWORK}:transit-gateway-route-table/${ids[rt]}`;
  });

  /** An attachment as the account `account` sees it. */
  const attachment = (account: string) => `arn:aws:ec2:${REGION}:${account}:transit-gateway-attachment/tgw-attach-0123456789abcdef0`;
  // EC2 has no resource policies: in the hub account the role's identity policy alone decides.
  const asNonprod = (action: string, resource: string) =>
    simulate({ principal: `arn:aws:sts::${NETWORK}:assumed-role/LandingZoneTgwAttach-nonprod/landing-zone-dev`, action, resource, resourceAccount: NETWORK, identity: [nonprod] });

  it("associates and propagates a dev attachment (as the network account sees it) with nonprod's tables", async () => {
    for (const [action, rt] of [["ec2:AssociateTransitGatewayRouteTable", "nonprod"], ["ec2:EnableTransitGatewayRouteTablePropagation", "nonprod"], ["ec2:EnableTransitGatewayRouteTablePropagation", "shared"], ["ec2:EnableTransitGatewayRouteTablePropagation", "egress"]]) {
      assert.equal((await asNonprod(action, tableArn(rt))).result, "Allowed", `${action} on the ${rt} table`);
      assert.equal((await asNonprod(action, attachment(NETWORK))).result, "Allowed", `${action} on the attachment`);
    }
  });

  it("never touches the prod table, and names no spoke account's ARN (which the calls in the network account never carry)", async () => {
    assert.equal((await asNonprod("ec2:AssociateTransitGatewayRouteTable", tableArn("prod"))).result, "ImplicitlyDenied");
    assert.equal((await asNonprod("ec2:EnableTransitGatewayRouteTablePropagation", tableArn("prod"))).result, "ImplicitlyDenied");
    assert.equal((await asNonprod("ec2:EnableTransitGatewayRouteTablePropagation", attachment(DEV))).result, "ImplicitlyDenied");
  });

  it("nonprod cannot disable a prod propagation: no segment's role disables any propagation, in any table (#16 item 6)", async () => {
    for (const rt of ["prod", "nonprod", "shared", "egress"]) {
      assert.equal((await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", tableArn(rt))).result, "ImplicitlyDenied", `disable on the ${rt} table`);
    }
    for (const account of [NETWORK, PROD, DEV]) {
      assert.equal((await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", attachment(account))).result, "ImplicitlyDenied", `disable on an attachment of ${account}`);
    }
    // Nor can it take the route another way: no static-route or route-table writes at all.
    for (const action of ["ec2:CreateTransitGatewayRoute", "ec2:DeleteTransitGatewayRoute", "ec2:ReplaceTransitGatewayRoute", "ec2:DeleteTransitGatewayRouteTable"]) {
      assert.equal((await asNonprod(action, tableArn("shared"))).result, "ImplicitlyDenied", `${action} on the shared table`);
    }
  });

  it("every segment's role is the same shape: enable and associate only, never disable", () => {
    for (const r of byType(plan, "aws:iam/rolePolicy:RolePolicy").filter((x) => x.name.startsWith("spoke-attach-"))) {
      const doc = JSON.parse(r.inputs.policy as string) as PolicyDocument;
      const actions = doc.Statement.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
      assert.ok(!actions.includes("ec2:DisableTransitGatewayRouteTablePropagation"), `${r.name} grants DisableTransitGatewayRouteTablePropagation`);
      assert.ok(actions.includes("ec2:EnableTransitGatewayRouteTablePropagation"), r.name);
    }
  });
});
