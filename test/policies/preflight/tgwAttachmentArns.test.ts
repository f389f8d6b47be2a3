import * as aws from "@pulumi/aws";
import { tgwAttachmentArnOwner } from "../../../policies/preflight/tgwAttachmentArns";
import { ACCOUNT, ruleCases, stack } from "./rules";

const REGION = "ap-southeast-2";
const TABLE = `arn:aws:ec2:${REGION}:${ACCOUNT}:transit-gateway-route-table/tgw-rtb-0123456789abcdef0`;
const SPOKE = "666666666666";

/** An attach role's inline policy granting the route table actions on `attachments` (deployed into ACCOUNT unless `provider` is false). */
function attachPolicy(attachments: string[], opts: { provider?: boolean; actions?: string[] } = {}) {
  const s = stack();
  const doc = {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AssociateWithSegmentRouteTable", Effect: "Allow", Action: opts.actions ?? ["ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable"], Resource: [TABLE, ...attachments] },
      { Sid: "ReadTransitGatewayState", Effect: "Allow", Action: ["ec2:DescribeTransitGatewayAttachments"], Resource: "*" },
    ],
  };
  s.add(aws.iam.RolePolicy, "spoke-attach-nonprod", { role: "LandingZoneTgwAttach-nonprod", policy: JSON.stringify(doc) }, opts.provider === false ? { provider: null } : {});
  return s;
}

describe("preflight: Transit Gateway attachment ARNs in IAM policies", () => {
  ruleCases(
    tgwAttachmentArnOwner,
    {
      "the Transit Gateway owner's attachments (the role's own account)": () => attachPolicy([`arn:aws:ec2:${REGION}:${ACCOUNT}:transit-gateway-attachment/*`]),
      "any account (a wildcard)": () => attachPolicy([`arn:aws:ec2:${REGION}:*:transit-gateway-attachment/*`]),
      "a spoke ARN under actions that are not the route table's (CreateTransitGatewayVpcAttachment in the spoke)": () => attachPolicy([`arn:aws:ec2:${REGION}:${SPOKE}:transit-gateway-attachment/*`], { actions: ["ec2:CreateTransitGatewayVpcAttachment"] }),
    },
    [
      { title: "a spoke account's attachment ARNs", build: () => attachPolicy([`arn:aws:ec2:${REGION}:${SPOKE}:transit-gateway-attachment/*`]), expect: /spoke-attach-nonprod grants AssociateWithSegmentRouteTable's route table actions on arn:aws:ec2:ap-southeast-2:666666666666:transit-gateway-attachment\/\*, an attachment ARN of account 666666666666, but those calls run in account 111111111111/ },
      { title: "spoke ARNs with ec2:*Propagation, the acting account read from the route table ARN", build: () => attachPolicy([`arn:aws:ec2:${REGION}:${SPOKE}:transit-gateway-attachment/*`], { provider: false, actions: ["ec2:*TransitGatewayRouteTablePropagation"] }), expect: /account 666666666666, but those calls run in account 111111111111/ },
    ],
  );
});
