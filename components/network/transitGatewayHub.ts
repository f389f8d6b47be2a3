import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HUB_ROUTE_TABLES, HubRouteTable } from "../../lib/network/segmentation";
import { flowLogToS3 } from "./flowLogs";

/** Who the hub is shared with through RAM: the whole organisation, or OUs by path. */
export type HubSharing = { readonly organizationArn: pulumi.Input<string> } | { readonly ouArns: Record<string, pulumi.Input<string>> };

export interface TransitGatewayHubArgs {
  /** The Amazon-side ASN (private range; validated by config). */
  readonly asn: number;
  /** Who the Transit Gateway is shared with. */
  readonly shareWith: HubSharing;
  /** The log-archive flow-log bucket's ARN. */
  readonly flowLogBucketArn: pulumi.Input<string>;
  /** The provider of the network account. */
  readonly provider: aws.Provider;
}

/**
 * The Transit Gateway, its four route tables and its RAM share. Default association and propagation
 * are off, so a new attachment routes nowhere until it is associated on purpose (the segmentation
 * lives in explicit associations, propagations and blackholes: see HubRouting and SpokeRouting).
 * Shared attachments are accepted automatically: only principals in the RAM share can attach, and an
 * accepted attachment without an association reaches nothing.
 */
export class TransitGatewayHub extends pulumi.ComponentResource {
  readonly transitGatewayId: pulumi.Output<string>;
  readonly transitGatewayArn: pulumi.Output<string>;
  /** Route table ids by name: prod, nonprod, shared, egress. */
  readonly routeTableIds: Record<HubRouteTable, pulumi.Output<string>>;
  readonly routeTableArns: Record<HubRouteTable, pulumi.Output<string>>;
  /** The RAM share; the resolver's forwarding rules join it. */
  readonly resourceShareArn: pulumi.Output<string>;

  constructor(name: string, args: TransitGatewayHubArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:TransitGatewayHub", name, {}, opts);
    const child = { parent: this, provider: args.provider };

    const tgw = new aws.ec2transitgateway.TransitGateway(
      `${name}-tgw`,
      {
        description: "Landing zone hub: segmented prod / nonprod / shared, central egress",
        amazonSideAsn: args.asn,
        defaultRouteTableAssociation: "disable",
        defaultRouteTablePropagation: "disable",
        autoAcceptSharedAttachments: "enable",
        dnsSupport: "enable",
        vpnEcmpSupport: "enable",
        multicastSupport: "disable",
        tags: { Name: name },
      },
      child,
    );
    flowLogToS3(`${name}-flow-log`, { transitGatewayId: tgw.id }, args.flowLogBucketArn, child);

    const routeTableIds = {} as Record<HubRouteTable, pulumi.Output<string>>;
    const routeTableArns = {} as Record<HubRouteTable, pulumi.Output<string>>;
    for (const rt of HUB_ROUTE_TABLES) {
      const table = new aws.ec2transitgateway.RouteTable(`${name}-${rt}`, { transitGatewayId: tgw.id, tags: { Name: `${name}-${rt}`, routeTable: rt } }, child);
      routeTableIds[rt] = table.id;
      routeTableArns[rt] = table.arn;
    }

    const share = new aws.ram.ResourceShare(`${name}-share`, { name: `${name}-share`, allowExternalPrincipals: false, tags: { Name: `${name}-share` } }, child);
    new aws.ram.ResourceAssociation(`${name}-share-tgw`, { resourceArn: tgw.arn, resourceShareArn: share.arn }, child);
    if ("organizationArn" in args.shareWith) {
      new aws.ram.PrincipalAssociation(`${name}-share-org`, { principal: args.shareWith.organizationArn, resourceShareArn: share.arn }, child);
    } else {
      for (const [path, arn] of Object.entries(args.shareWith.ouArns)) {
        new aws.ram.PrincipalAssociation(`${name}-share-ou-${slug(path)}`, { principal: arn, resourceShareArn: share.arn }, child);
      }
    }

    this.transitGatewayId = tgw.id;
    this.transitGatewayArn = tgw.arn;
    this.routeTableIds = routeTableIds;
    this.routeTableArns = routeTableArns;
    this.resourceShareArn = share.arn;
    this.registerOutputs({ transitGatewayId: this.transitGatewayId, transitGatewayArn: this.transitGatewayArn, routeTableIds, routeTableArns, resourceShareArn: this.resourceShareArn });
  }
}

/** `Workloads/Prod` -> `workloads-prod`, for child names. */
export function slug(path: string): string {
  return path.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
