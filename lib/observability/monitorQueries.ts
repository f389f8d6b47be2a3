/**
 * Datadog monitor definitions for a workload environment, as plain data: the query, the threshold,
 * and the message routed to the notification handle. The component turns each into a monitor.
 */

export interface MonitorSpec {
  /** A stable key for the resource name: `connector-running`. */
  readonly key: string;
  readonly name: string;
  readonly type: "metric alert" | "query alert";
  readonly query: string;
  /** The critical threshold, equal to the one in the query. */
  readonly critical: number;
  readonly message: string;
  /** Alert when the metric stops arriving. */
  readonly notifyNoData: boolean;
  /** 1 (highest) to 5. */
  readonly priority: number;
}

export interface MonitorInputs {
  /** The environment: `dev`. */
  readonly environment: string;
  /** The AWS account the metrics come from (Datadog tags them `aws_account`). */
  readonly accountId: string;
  /** The notification handle as a mention: `@pagerduty-platform`. */
  readonly handle: string;
  /** The connector's ECS cluster and service names. */
  readonly clusterName: string;
  readonly serviceName: string;
  /** Dropped TGW packets in 10 minutes above which to alert. */
  readonly tgwPacketDrops: number;
  /** Load-balancer 5xx in 5 minutes above which to alert. */
  readonly loadBalancer5xx: number;
}

/** The message body: what broke, where, and who is told. */
export function monitorMessage(what: string, runbook: string, handle: string): string {
  return `{{#is_alert}}${what}{{/is_alert}}\n{{#is_recovery}}Recovered: ${what}{{/is_recovery}}\n\n${runbook}\n\n${handle}`;
}

export function workloadMonitors(m: MonitorInputs): MonitorSpec[] {
  const account = `aws_account:${m.accountId}`;
  const ecs = `${account},clustername:${m.clusterName.toLowerCase()},servicename:${m.serviceName.toLowerCase()}`;
  return [
    {
      key: "connector-running",
      name: `[${m.environment}] cloudflared connectors running below desired`,
      type: "query alert",
      // Desired minus running, at its lowest over 10 minutes: above 0 means a connector has been missing all that time.
      query: `min(last_10m):avg:aws.ecs.service.desired{${ecs}} - avg:aws.ecs.service.running{${ecs}} > 0`,
      critical: 0,
      message: monitorMessage(
        `Fewer cloudflared connectors are running than desired in ${m.clusterName}/${m.serviceName} (${m.environment}).`,
        "Access to the environment's apps runs through these connectors. Check the ECS service events and the /landing-zone/<env>/cloudflared log group.",
        m.handle,
      ),
      notifyNoData: true,
      priority: 1,
    },
    {
      key: "tgw-packet-drops",
      name: `[${m.environment}] Transit Gateway attachment dropping packets`,
      type: "query alert",
      // Only "no route": blackhole drops are the segmentation working (prod and nonprod probing each
      // other hit the hub's blackholes by design), and must not page anyone.
      query: `sum(last_10m):sum:aws.transitgateway.packet_drop_count_no_route{${account}} by {transitgatewayattachment}.as_count() > ${m.tgwPacketDrops}`,
      critical: m.tgwPacketDrops,
      message: monitorMessage(
        `The Transit Gateway attachment {{transitgatewayattachment.name}} of ${m.environment} drops packets for lack of a route.`,
        "A route is missing: compare the attachment's route table with the network stack's segmentation (blackhole drops are intended and not counted here).",
        m.handle,
      ),
      notifyNoData: false,
      priority: 2,
    },
    {
      key: "load-balancer-5xx",
      name: `[${m.environment}] load balancer 5xx responses`,
      type: "query alert",
      query: `sum(last_5m):sum:aws.applicationelb.httpcode_elb_5xx{${account}} by {loadbalancer}.as_count() + sum:aws.applicationelb.httpcode_target_5xx{${account}} by {loadbalancer}.as_count() > ${m.loadBalancer5xx}`,
      critical: m.loadBalancer5xx,
      message: monitorMessage(
        `The load balancer {{loadbalancer.name}} in ${m.environment} answered more than ${m.loadBalancer5xx} 5xx responses in 5 minutes.`,
        "Check the target group's health and the app's logs.",
        m.handle,
      ),
      notifyNoData: false,
      priority: 2,
    },
  ];
}
