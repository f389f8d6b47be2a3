/**
 * The IAM documents of the roles a workload stack assumes in the network account to associate and
 * propagate its own Transit Gateway attachment. One role per segment: the prod role can only
 * associate with the prod route table, so a workload pipeline cannot move itself into another
 * segment even with a wrong config. Plain JSON, `JSON.stringify`'d into the role.
 *
 * Both halves of each call are scoped. The route tables: only the segment's own. The attachments: only
 * those of the segment's own workload accounts, by the account in the attachment's ARN (a VPC
 * attachment belongs to the account that owns the VPC, even on a shared Transit Gateway). Without
 * the second half the nonprod role could disable the propagation of a prod attachment (or of the
 * egress VPC's, owned by the network account) in the shared and egress tables, and cut prod's return
 * path. A segment's accounts can still act on each other's attachments: one segment, one trust.
 */
import { accountRoot, PolicyDocument, policyDocument } from "../iam/policyDocument";

export interface AttachRoleTrustInput {
  /** The deployment roles of the segment's workload accounts: `{ accountId, roleName }`. */
  readonly deployers: readonly { readonly accountId: string; readonly roleName: string }[];
}

/**
 * Trusts each workload account, but only its deployment role (by `aws:PrincipalArn`, so that the
 * trust survives the role being re-created, which a role-ARN principal would not).
 */
export function attachRoleTrustPolicy(input: AttachRoleTrustInput): PolicyDocument {
  const accounts = [...new Set(input.deployers.map((d) => d.accountId))].sort();
  const roles = [...new Set(input.deployers.map((d) => `arn:aws:iam::${d.accountId}:role/${d.roleName}`))].sort();
  return policyDocument([
    {
      Sid: "WorkloadDeploymentRoles",
      Effect: "Allow",
      Principal: { AWS: accounts.map(accountRoot) },
      Action: "sts:AssumeRole",
      Condition: { ArnEquals: { "aws:PrincipalArn": roles } },
    },
  ]);
}

export interface AttachRolePermissionsInput {
  /** The ARN of the route table the segment's attachments are associated with. */
  readonly associateRouteTableArn: string;
  /** The ARNs of the route tables the segment's attachments propagate into. */
  readonly propagateRouteTableArns: readonly string[];
  /** The hub's region, for attachment ARNs. */
  readonly region: string;
  /** The segment's workload accounts: the only owners of attachments the role may act on. */
  readonly attachmentAccountIds: readonly string[];
}

export function attachRolePermissions(input: AttachRolePermissionsInput): PolicyDocument {
  const accounts = [...new Set(input.attachmentAccountIds)].sort();
  if (accounts.length === 0) throw new Error("attachRolePermissions: a segment role needs at least one workload account");
  const attachments = accounts.map((a) => `arn:aws:ec2:${input.region}:${a}:transit-gateway-attachment/*`);
  return policyDocument([
    {
      Sid: "AssociateWithSegmentRouteTable",
      Effect: "Allow",
      Action: ["ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable"],
      Resource: [input.associateRouteTableArn, ...attachments],
    },
    {
      Sid: "PropagateIntoSegmentRouteTables",
      Effect: "Allow",
      Action: ["ec2:EnableTransitGatewayRouteTablePropagation", "ec2:DisableTransitGatewayRouteTablePropagation"],
      Resource: [...[...input.propagateRouteTableArns].sort(), ...attachments],
    },
    {
      Sid: "ReadTransitGatewayState",
      Effect: "Allow",
      Action: [
        "ec2:DescribeTransitGateways",
        "ec2:DescribeTransitGatewayAttachments",
        "ec2:DescribeTransitGatewayVpcAttachments",
        "ec2:DescribeTransitGatewayRouteTables",
        "ec2:GetTransitGatewayRouteTableAssociations",
        "ec2:GetTransitGatewayRouteTablePropagations",
      ],
      Resource: "*",
    },
  ]);
}
