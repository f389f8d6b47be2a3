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
    for (const [action, rt] of [["ec2:AssociateTransitGatewayRouteTable", "nonprod"], ["ec2:EnableTransitGatewayRouteTablePropagation", "shared"], ["ec2:EnableTransitGatewayRouteTablePropagation", "egress"], ["ec2:DisableTransitGatewayRouteTablePropagation", "shared"]]) {
      assert.equal((await asNonprod(action, tableArn(rt))).result, "Allowed", `${action} on the ${rt} table`);
      assert.equal((await asNonprod(action, attachment(NETWORK))).result, "Allowed", `${action} on the attachment`);
    }
  });

  it("never touches the prod table, and names no spoke account's ARN (which the calls in the network account never carry)", async () => {
    assert.equal((await asNonprod("ec2:AssociateTransitGatewayRouteTable", tableArn("prod"))).result, "ImplicitlyDenied");
    assert.equal((await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", tableArn("prod"))).result, "ImplicitlyDenied");
    assert.equal((await asNonprod("ec2:EnableTransitGatewayRouteTablePropagation", attachment(DEV))).result, "ImplicitlyDenied");
  });
});
