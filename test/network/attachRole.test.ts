import { strict as assert } from "assert";
import type { PlanResult } from "../../lib/plan";
import { PolicyDocument } from "../../lib/iam/policyDocument";
import { simulate } from "../lib/iamSimulation";
import { byType, planStack } from "../helpers/plan";

/**
 * Issue #16 item 6, proved with the IAM evaluator on the planned documents: the nonprod attach role
 * (assumed by nonprod pipelines) cannot disable the propagation of a prod attachment, nor of the
 * egress VPC's, in the shared and egress tables; it still can for its own accounts' attachments.
 */
describe("the attach roles cannot touch another segment's propagations (iam-simulate)", function () {
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

  const attachment = (account: string) => `arn:aws:ec2:${REGION}:${account}:transit-gateway-attachment/tgw-attach-0123456789abcdef0`;
  // EC2 has no resource policies: on a shared Transit Gateway the hub account's own IAM decides (RAM
  // made the attachment visible to it), so the request is evaluated as same-account, on the
  // identity policy alone; the attachment's ARN still names its owner, which is what the role scopes.
  const asNonprod = (action: string, resource: string, _owner: string) =>
    simulate({ principal: `arn:aws:sts::${NETWORK}:assumed-role/LandingZoneTgwAttach-nonprod/landing-zone-dev`, action, resource, resourceAccount: NETWORK, identity: [nonprod] });

  for (const rt of ["shared", "egress"]) {
    it(`cannot disable a prod attachment's propagation into the ${rt} table`, async () => {
      const table = await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", tableArn(rt), NETWORK);
      assert.equal(table.result, "Allowed", "the table itself is the segment's");
      const prodAttachment = await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", attachment(PROD), PROD);
      assert.equal(prodAttachment.result, "ImplicitlyDenied", "a prod account's attachment is out of the role's scope");
    });
  }

  it("cannot disable the egress VPC's propagation (the network account's attachment), nor re-associate a prod attachment", async () => {
    assert.equal((await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", attachment(NETWORK), NETWORK)).result, "ImplicitlyDenied");
    assert.equal((await asNonprod("ec2:DisassociateTransitGatewayRouteTable", attachment(PROD), PROD)).result, "ImplicitlyDenied");
  });

  it("still manages its own accounts' attachments, and never the prod table", async () => {
    assert.equal((await asNonprod("ec2:EnableTransitGatewayRouteTablePropagation", attachment(DEV), DEV)).result, "Allowed");
    assert.equal((await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", attachment(DEV), DEV)).result, "Allowed");
    assert.equal((await asNonprod("ec2:DisableTransitGatewayRouteTablePropagation", tableArn("prod"), NETWORK)).result, "ImplicitlyDenied");
  });
});
