/**
 * Where Network Firewall's S3 log delivery writes. Like every vended log, it writes under
 * `[<prefix>/]AWSLogs/<account>/network-firewall/<log type>/<region>/<firewall>/<yyyy>/<MM>/<dd>/<HH>/`,
 * so a bucket policy that admits log delivery under `AWSLogs/` refuses any firewall log with a prefix.
 */
export type FirewallLogType = "alert" | "flow" | "tls";

export function firewallLogKey(args: { prefix?: string; accountId: string; logType: FirewallLogType; region: string; firewallName: string }): string {
  const lead = args.prefix ? `${args.prefix.replace(/^\/+|\/+$/g, "")}/` : "";
  return `${lead}AWSLogs/${args.accountId}/network-firewall/${args.logType}/${args.region}/${args.firewallName}/2025/01/01/00/${args.accountId}_network-firewall_${args.logType}_20250101T0000Z_example.log.gz`;
}
