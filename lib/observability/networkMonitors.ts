import { monitorMessage, MonitorSpec } from "./monitorQueries";

/**
 * The network account's monitors, as plain data: the shared egress path (NAT gateways and the
 * Network Firewall) and the hub (Transit Gateway). Every environment's internet traffic and
 * cross-VPC traffic crosses them, so they page the platform team, not an environment's.
 */
export interface NetworkMonitorInputs {
  readonly accountId: string;
  /** The notification handle as a mention: `@pagerduty-platform`. */
  readonly handle: string;
  /** Dropped TGW packets (no route) in 10 minutes above which to alert. */
  readonly tgwPacketDrops: number;
  /** Firewall-dropped packets in 10 minutes above which to warn: a relied-on destination may be off the allow-list. */
  readonly firewallDrops: number;
  /** Whether the egress path has a firewall. */
  readonly firewall: boolean;
}

export function networkMonitors(m: NetworkMonitorInputs): MonitorSpec[] {
  const account = `aws_account:${m.accountId}`;
  const specs: MonitorSpec[] = [
    {
      key: "nat-port-allocation",
      name: "[network] NAT gateway cannot allocate source ports",
      type: "query alert",
      query: `sum(last_5m):sum:aws.natgateway.error_port_allocation{${account}} by {natgatewayid}.as_count() > 0`,
      critical: 0,
      message: monitorMessage(
        "The NAT gateway {{natgatewayid.name}} of the central egress fails to allocate source ports: new connections to the internet fail.",
        "Too many concurrent connections to one destination: spread them, or add an address to the NAT gateway.",
        m.handle,
      ),
      notifyNoData: false,
      priority: 1,
    },
    {
      key: "nat-packets-dropped",
      name: "[network] NAT gateway dropping packets",
      type: "query alert",
      query: `sum(last_10m):sum:aws.natgateway.packets_drop_count{${account}} by {natgatewayid}.as_count() > 100`,
      critical: 100,
      message: monitorMessage("The NAT gateway {{natgatewayid.name}} of the central egress drops packets.", "Check the NAT gateway's bandwidth and the egress VPC's routes.", m.handle),
      notifyNoData: false,
      priority: 2,
    },
    {
      key: "tgw-no-route",
      name: "[network] Transit Gateway dropping packets for lack of a route",
      type: "query alert",
      // Blackhole drops are the segmentation working (prod and nonprod kept apart): not counted.
      query: `sum(last_10m):sum:aws.transitgateway.packet_drop_count_no_route{${account}} by {transitgateway}.as_count() > ${m.tgwPacketDrops}`,
      critical: m.tgwPacketDrops,
      message: monitorMessage(
        "The hub {{transitgateway.name}} drops packets it has no route for.",
        "A spoke's association or propagation is missing: run `lz reach <stack>` and compare the hub's route tables with lib/network/segmentation.ts.",
        m.handle,
      ),
      notifyNoData: false,
      priority: 2,
    },
  ];
  if (m.firewall) {
    specs.push({
      key: "firewall-drops",
      name: "[network] Egress firewall dropping more than usual",
      type: "query alert",
      query: `sum(last_10m):sum:aws.networkfirewall.dropped_packets{${account}} by {firewallname}.as_count() > ${m.firewallDrops}`,
      critical: m.firewallDrops,
      message: monitorMessage(
        "The egress firewall {{firewallname.name}} drops more packets than usual.",
        "A destination a workload relies on may be off the allow-list: read the firewall's alert log in the log archive, and `lz reach <stack> --from app --to <host>`.",
        m.handle,
      ),
      notifyNoData: false,
      priority: 3,
    });
  }
  return specs;
}
