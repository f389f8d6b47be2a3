import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { attachRolePermissions, attachRoleTrustPolicy } from "../../lib/network/attachRolePolicy";
import { attachRoleName, HubRouteTable, Segment, SEGMENTS, spokeRouting } from "../../lib/network/segmentation";

export interface SpokeAttachRolesArgs {
  /** The workload accounts by segment, with the deployment role each stack runs as. */
  readonly spokes: readonly { readonly segment: Segment; readonly accountId: string; readonly deploymentRoleName: string }[];
  /** The hub's route table ARNs, by name. */
  readonly routeTableArns: Record<HubRouteTable, pulumi.Input<string>>;
  /** The hub's region. */
  readonly region: string;
  /** The provider of the network account. */
  readonly provider: aws.Provider;
}

/**
 * One role per segment that has spokes, assumed by that segment's workload stacks (through their
 * own deployment role) to associate and propagate their attachments: only with the route tables
 * their segment uses. Its name is fixed (`LandingZoneTgwAttach-<segment>`), so a workload stack can
 * build its ARN from config without reading this stack's outputs.
 */
export class SpokeAttachRoles extends pulumi.ComponentResource {
  /** Role ARNs by segment (only segments with spokes). */
  readonly roleArns: Partial<Record<Segment, pulumi.Output<string>>>;

  constructor(name: string, args: SpokeAttachRolesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:SpokeAttachRoles", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const roleArns: Partial<Record<Segment, pulumi.Output<string>>> = {};
    for (const segment of SEGMENTS) {
      const deployers = args.spokes.filter((s) => s.segment === segment).map((s) => ({ accountId: s.accountId, roleName: s.deploymentRoleName }));
      if (deployers.length === 0) continue;
      const routing = spokeRouting(segment);
      const role = new aws.iam.Role(
        `${name}-${segment}`,
        {
          name: attachRoleName(segment),
          description: `Lets ${segment} workload stacks associate and propagate their own Transit Gateway attachments`,
          assumeRolePolicy: JSON.stringify(attachRoleTrustPolicy({ deployers })),
          maxSessionDuration: 3600,
          tags: { Name: attachRoleName(segment), segment },
        },
        child,
      );
      const policy = pulumi
        .all([args.routeTableArns[routing.associate], ...routing.propagateTo.map((rt) => args.routeTableArns[rt])])
        .apply(([associate, ...propagate]) => JSON.stringify(attachRolePermissions({ associateRouteTableArn: associate, propagateRouteTableArns: propagate, region: args.region })));
      new aws.iam.RolePolicy(`${name}-${segment}`, { role: role.name, name: "segment-route-tables", policy }, child);
      roleArns[segment] = role.arn;
    }
    this.roleArns = roleArns;
    this.registerOutputs({ roleArns });
  }
}
