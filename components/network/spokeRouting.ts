import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HubRouteTable, Segment, spokeRouting } from "../../lib/network/segmentation";

export interface SpokeRoutingArgs {
  /** The spoke's segment: it decides the association and the propagations (lib/network/segmentation.ts). */
  readonly segment: Segment;
  /** The spoke's Transit Gateway attachment (created in the workload account). */
  readonly attachmentId: pulumi.Input<string>;
  /** The hub's route table ids, by name (the network stack's `transitGatewayRouteTableIds`). */
  readonly routeTableIds: Record<HubRouteTable, pulumi.Input<string>>;
  /** A provider in the network account, assuming the segment's attach role (see hubProvider.ts). */
  readonly hubProvider: aws.Provider;
}

/**
 * A spoke's place in the hub: its attachment's association and propagations. Only the Transit
 * Gateway's owner can make them, so they use the hub provider; the attach role it assumes allows
 * only this segment's route tables, so a wrong segment fails in IAM as well as in config.
 */
export class SpokeRouting extends pulumi.ComponentResource {
  /** The route table the attachment is associated with. */
  readonly associatedWith: HubRouteTable;
  /** The route tables that learn the spoke's CIDR. */
  readonly propagatedTo: readonly HubRouteTable[];

  constructor(name: string, args: SpokeRoutingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:SpokeRouting", name, {}, opts);
    const child = { parent: this, provider: args.hubProvider };
    const plan = spokeRouting(args.segment);
    new aws.ec2transitgateway.RouteTableAssociation(
      `${name}-associate-${plan.associate}`,
      { transitGatewayAttachmentId: args.attachmentId, transitGatewayRouteTableId: args.routeTableIds[plan.associate] },
      child,
    );
    // The attach role may enable a propagation but never disable one (lib/network/attachRolePolicy.ts),
    // so these are retained on delete: the attachment's deletion removes them with it.
    for (const rt of plan.propagateTo) {
      new aws.ec2transitgateway.RouteTablePropagation(
        `${name}-propagate-${rt}`,
        { transitGatewayAttachmentId: args.attachmentId, transitGatewayRouteTableId: args.routeTableIds[rt] },
        { ...child, retainOnDelete: true },
      );
    }
    this.associatedWith = plan.associate;
    this.propagatedTo = plan.propagateTo;
    this.registerOutputs({ associatedWith: this.associatedWith, propagatedTo: this.propagatedTo });
  }
}
