import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface HybridVpnArgs {
  readonly transitGatewayId: pulumi.Input<string>;
  readonly customerGatewayIp: string;
  readonly bgpAsn: number;
  /** The corporate networks behind the VPN. */
  readonly onPremisesCidrs: readonly string[];
  /** The hub's egress table (the egress VPC's association): it routes the corporate ranges to the VPN. */
  readonly egressRouteTableId: pulumi.Input<string>;
  /** The egress VPC's attachment: the only one the VPN's route table learns. */
  readonly egressAttachmentId: pulumi.Input<string>;
  readonly provider: aws.Provider;
}

/**
 * The corporate network on the hub: a site-to-site VPN attached to the Transit Gateway, with static
 * routes (explicit, like the rest of the hub). The egress table sends the corporate ranges to it,
 * so the resolver's outbound endpoint reaches the corporate DNS servers; the VPN's own route table
 * learns only the egress VPC, so the corporate network reaches the resolver's inbound endpoint and
 * no spoke.
 */
export class HybridVpn extends pulumi.ComponentResource {
  readonly attachmentId: pulumi.Output<string>;
  readonly routeTableId: pulumi.Output<string>;

  constructor(name: string, args: HybridVpnArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:network:HybridVpn", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const cgw = new aws.ec2.CustomerGateway(`${name}-cgw`, { bgpAsn: String(args.bgpAsn), ipAddress: args.customerGatewayIp, type: "ipsec.1", tags: { Name: `${name}-cgw` } }, child);
    const vpn = new aws.ec2.VpnConnection(`${name}-vpn`, { customerGatewayId: cgw.id, transitGatewayId: args.transitGatewayId, type: "ipsec.1", staticRoutesOnly: true, tags: { Name: `${name}-vpn` } }, child);
    const attachmentId = vpn.transitGatewayAttachmentId.apply((id) => {
      if (!id) throw new Error(`${name}: the VPN connection reports no Transit Gateway attachment`);
      return id;
    });
    const table = new aws.ec2transitgateway.RouteTable(`${name}-rt`, { transitGatewayId: args.transitGatewayId, tags: { Name: `${name}-rt`, routeTable: "hybrid" } }, child);
    new aws.ec2transitgateway.RouteTableAssociation(`${name}-associate`, { transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: table.id }, child);
    new aws.ec2transitgateway.RouteTablePropagation(`${name}-egress`, { transitGatewayAttachmentId: args.egressAttachmentId, transitGatewayRouteTableId: table.id }, child);
    for (const cidr of [...args.onPremisesCidrs].sort()) {
      new aws.ec2transitgateway.Route(`${name}-egress-to-${cidr.replace(/[./]/g, "-")}`, { transitGatewayRouteTableId: args.egressRouteTableId, destinationCidrBlock: cidr, transitGatewayAttachmentId: attachmentId }, child);
    }
    this.attachmentId = attachmentId;
    this.routeTableId = table.id;
    this.registerOutputs({ attachmentId, routeTableId: this.routeTableId });
  }
}
