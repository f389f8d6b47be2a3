/**
 * The IAM documents of the roles a workload stack assumes in the network account to associate and
 * propagate its own Transit Gateway attachment. One role per segment: the prod role can only
 * associate with the prod route table, so a workload pipeline cannot move itself into another
 * segment even with a wrong config. Plain JSON, `JSON.stringify`'d into the role.
 *
 * Each call names two resources, the route table and the attachment, and IAM checks both. The route
 * tables are scoped: only the segment's own. The attachments cannot be scoped to a segment: the
 * role acts in the network account, on the network account's side of each attachment (a
 * cross-account VPC attachment is also created as a resource in the Transit Gateway owner's
 * account, the accepter), whose ARN names the network account for every spoke alike.
 *
 * So no segment's role may disable a propagation at all: in a table several segments propagate
 * into (shared, egress) a nonprod pipeline could otherwise remove prod's route and cut prod's return
 * path. A workload stack's propagations are `retainOnDelete` (components/network/spokeRouting.ts):
 * deleting the attachment takes them with it, and removing one while the attachment stays is the
 * network pipeline's job. Enabling cannot hurt another segment: a table that must never reach a
 * segment holds a static blackhole for its CIDRs, which wins over any propagated route.
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
  /** The ARN of the route table the segment's attachments are associated with (the network account's). */
  readonly associateRouteTableArn: string;
  /** The ARNs of the route tables the segment's attachments propagate into. */
  readonly propagateRouteTableArns: readonly string[];
  /** The hub's region, for attachment ARNs. */
  readonly region: string;
}

export function attachRolePermissions(input: AttachRolePermissionsInput): PolicyDocument {
  // The attachments' side the role acts on is in the Transit Gateway owner's account, the one the
  // route tables are in.
  const owner = input.associateRouteTableArn.split(":")[4];
  if (!/^\d{12}$/.test(owner ?? "")) throw new Error(`attachRolePermissions: ${input.associateRouteTableArn} is not a route table ARN with an account`);
  const attachments = [`arn:aws:ec2:${input.region}:${owner}:transit-gateway-attachment/*`];
  return policyDocument([
    {
      Sid: "AssociateWithSegmentRouteTable",
      Effect: "Allow",
      Action: ["ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable"],
      Resource: [input.associateRouteTableArn, ...attachments],
    },
    {
      // Enable only: see the header. Disabling is left to the network account's own pipeline.
      Sid: "PropagateIntoSegmentRouteTables",
      Effect: "Allow",
      Action: "ec2:EnableTransitGatewayRouteTablePropagation",
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
