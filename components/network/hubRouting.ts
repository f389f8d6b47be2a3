import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EGRESS_ROUTING, hubStaticRoutes, HubRouteTable, HUB_ROUTE_TABLES, SpokeCidr } from "../../lib/network/segmentation";

export interface HubRoutingArgs {
  /** The hub's route table ids, by name. */
  readonly routeTableIds: Record<HubRouteTable, pulumi.Input<string>>;
  /** The egress VPC's attachment. */
  readonly egressAttachmentId: pulumi.Input<string>;
  /** Every spoke VPC (from the workload stacks' config): the blackholes name their CIDRs. */
  readonly spokes: readonly SpokeCidr[];
  /** The provider of the network account. */
  readonly provider: aws.Provider;
}

/**
 * The hub's side of the segmentation (lib/network/segmentation.ts): the egress attachment's
 * association and propagations, each spoke table's default route to the egress VPC, and the
 * blackholes that keep prod and nonprod apart. The spokes' own associations and propagations are
 * made by their workload stacks (SpokeRouting), once their attachments exist.
 */
export class HubRouting extends pulumi.ComponentResource {
  /** The static routes, by route table, as planned: `{ destination, target }`. */
  readonly staticRoutes: Record<HubRouteTable, { destination: string; target: string }[]>;

  constructor(name: string, args: HubRoutingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:HubRouting", name, {}, opts);
    const child = { parent: this, provider: args.provider };

    new aws.ec2transitgateway.RouteTableAssociation(
      `${name}-egress-associate-${EGRESS_ROUTING.associate}`,
      { transitGatewayAttachmentId: args.egressAttachmentId, transitGatewayRouteTableId: args.routeTableIds[EGRESS_ROUTING.associate] },
      child,
    );
    for (const rt of EGRESS_ROUTING.propagateTo) {
      new aws.ec2transitgateway.RouteTablePropagation(`${name}-egress-propagate-${rt}`, { transitGatewayAttachmentId: args.egressAttachmentId, transitGatewayRouteTableId: args.routeTableIds[rt] }, child);
    }

    const plan = hubStaticRoutes(args.spokes);
    const staticRoutes = {} as Record<HubRouteTable, { destination: string; target: string }[]>;
    for (const rt of HUB_ROUTE_TABLES) {
      staticRoutes[rt] = plan[rt].map((r) => ({ destination: r.destination, target: r.target }));
      for (const r of plan[rt]) {
        new aws.ec2transitgateway.Route(
          `${name}-${rt}-${r.key}`,
          r.target === "blackhole"
            ? { transitGatewayRouteTableId: args.routeTableIds[rt], destinationCidrBlock: r.destination, blackhole: true }
            : { transitGatewayRouteTableId: args.routeTableIds[rt], destinationCidrBlock: r.destination, transitGatewayAttachmentId: args.egressAttachmentId },
          child,
        );
      }
    }
    this.staticRoutes = staticRoutes;
    this.registerOutputs({ staticRoutes });
  }
}
