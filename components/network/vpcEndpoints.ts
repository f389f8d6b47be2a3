import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { minifiedPolicy, PolicyDocument } from "../../lib/iam/policyDocument";
import { dynamoDbGatewayEndpointPolicy, interfaceEndpointPolicy, s3GatewayEndpointPolicy } from "../../lib/iam/vpcEndpointPolicy";

/** The gateway endpoints every workload VPC gets: free, and they keep S3 and DynamoDB traffic off the TGW. */
export const GATEWAY_ENDPOINTS = ["s3", "dynamodb"] as const;
export type GatewayEndpoint = (typeof GATEWAY_ENDPOINTS)[number];

export interface VpcEndpointsArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's CIDR: the endpoints' security group allows HTTPS from it, and only it. */
  readonly vpcCidr: string;
  /** The region, for service names (`com.amazonaws.<region>.ssm`). */
  readonly region: string;
  /** Interface endpoints by short service name (`ssm`, `ecr.api`). Default none. */
  readonly interfaceServices?: readonly string[];
  /** The subnets the interface endpoints' interfaces go in, one per AZ (the app tier). */
  readonly interfaceSubnetIds: pulumi.Input<string>[];
  /** The route tables that get the S3 and DynamoDB gateway endpoints' routes. */
  readonly gatewayRouteTableIds: pulumi.Input<string>[];
  /** The provider of the VPC's account. */
  readonly provider: aws.Provider;
  /**
   * With the data perimeter on, the organisation whose principals and resources alone pass the
   * endpoints (lib/iam/vpcEndpointPolicy.ts). Default: none, AWS's default full-access policy.
   */
  readonly perimeterOrganizationId?: pulumi.Input<string>;
}

/**
 * The VPC's endpoints: S3 and DynamoDB gateway endpoints on the given route tables, and interface
 * endpoints with private DNS, so that AWS API calls never leave the VPC. Their security group allows
 * 443 from the VPC's CIDR and nothing else.
 */
export class VpcEndpoints extends pulumi.ComponentResource {
  readonly securityGroupId: pulumi.Output<string>;
  /** Gateway endpoints by service; their `cidrBlocks` are the services' public ranges (for NACLs). */
  readonly gateway: Record<GatewayEndpoint, aws.ec2.VpcEndpoint>;
  /** Interface endpoint ids by short service name. */
  readonly interfaceEndpointIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: VpcEndpointsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:VpcEndpoints", name, {}, opts);
    const child = { parent: this, provider: args.provider };

    const sg = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      { vpcId: args.vpcId, description: "Interface endpoints: HTTPS from the VPC only", tags: { Name: `${name}-sg` } },
      child,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-sg-https`,
      { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: args.vpcCidr, description: "HTTPS to the AWS APIs from inside the VPC" },
      child,
    );

    const orgId = args.perimeterOrganizationId;
    const policy = (build: (a: { organizationId: string; region: string }) => PolicyDocument) =>
      orgId === undefined ? undefined : pulumi.output(orgId).apply((organizationId) => minifiedPolicy(build({ organizationId, region: args.region })));
    const gatewayPolicies: Record<GatewayEndpoint, typeof s3GatewayEndpointPolicy> = { s3: s3GatewayEndpointPolicy, dynamodb: dynamoDbGatewayEndpointPolicy };

    const gateway = {} as Record<GatewayEndpoint, aws.ec2.VpcEndpoint>;
    for (const service of GATEWAY_ENDPOINTS) {
      gateway[service] = new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          vpcId: args.vpcId,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Gateway",
          routeTableIds: args.gatewayRouteTableIds,
          policy: policy(gatewayPolicies[service]),
          tags: { Name: `${name}-${service}` },
        },
        child,
      );
    }

    const interfaceEndpointIds: Record<string, pulumi.Output<string>> = {};
    for (const service of args.interfaceServices ?? []) {
      interfaceEndpointIds[service] = new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(/\./g, "-")}`,
        {
          vpcId: args.vpcId,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          ipAddressType: "ipv4",
          subnetIds: args.interfaceSubnetIds,
          securityGroupIds: [sg.id],
          policy: policy(interfaceEndpointPolicy),
          tags: { Name: `${name}-${service}` },
        },
        child,
      ).id;
    }

    this.securityGroupId = sg.id;
    this.gateway = gateway;
    this.interfaceEndpointIds = interfaceEndpointIds;
    this.registerOutputs({ securityGroupId: this.securityGroupId, interfaceEndpointIds });
  }
}
