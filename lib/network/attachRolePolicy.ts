/**
 * The IAM documents of the roles a workload stack assumes in the network account to associate and
 * propagate its own Transit Gateway attachment. One role per segment: the prod role can only
 * associate with the prod route table, so a workload pipeline cannot move itself into another
 * segment even with a wrong config. Plain JSON, `JSON.stringify`'d into the role.
 *
 * IAM cannot tell whose attachment a call names. A segment's role propagating another segment's
 * attachment into its own tables is harmless: the hub's blackholes are static routes, which win
 * over propagated ones. Associating another segment's attachment is possible only while that
 * attachment is still unassociated (between its creation and its own stack's association); that
 * residual window is for CloudTrail alerting on AssociateTransitGatewayRouteTable to watch.
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
}

export function attachRolePermissions(input: AttachRolePermissionsInput): PolicyDocument {
  // The attachments belong to the workload accounts, so any account; what an attachment can be
  // associated with is what this role restricts.
  const attachments = `arn:aws:ec2:${input.region}:*:transit-gateway-attachment/*`;
  return policyDocument([
    {
      Sid: "AssociateWithSegmentRouteTable",
      Effect: "Allow",
      Action: ["ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable"],
      Resource: [input.associateRouteTableArn, attachments],
    },
    {
      Sid: "PropagateIntoSegmentRouteTables",
      Effect: "Allow",
      Action: ["ec2:EnableTransitGatewayRouteTablePropagation", "ec2:DisableTransitGatewayRouteTablePropagation"],
      Resource: [...[...input.propagateRouteTableArns].sort(), attachments],
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
