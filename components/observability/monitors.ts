import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { MonitorSpec } from "../../lib/observability/monitorQueries";

export interface WorkloadMonitorsArgs {
  /** The monitors, from `workloadMonitors` (lib/observability/monitorQueries.ts). */
  readonly monitors: readonly MonitorSpec[];
  /** Tags on every monitor: `env:dev`, `service:landing-zone`. */
  readonly tags: readonly string[];
  /** The Datadog provider. */
  readonly provider: datadog.Provider;
}

/** One Datadog monitor per spec, tagged, its message routed to the configured handle. */
export class WorkloadMonitors extends pulumi.ComponentResource {
  /** Monitor ids by spec key. */
  readonly monitorIds: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: WorkloadMonitorsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:observability:WorkloadMonitors", name, {}, opts);
    const ids: Record<string, pulumi.Output<string>> = {};
    for (const m of args.monitors) {
      if (ids[m.key]) throw new pulumi.ResourceError(`two monitors have the key ${m.key}`, this);
      const monitor = new datadog.Monitor(
        `${name}-${m.key}`,
        {
          name: m.name,
          type: m.type,
          query: m.query,
          message: m.message,
          monitorThresholds: { critical: String(m.critical) },
          notifyNoData: m.notifyNoData,
          ...(m.notifyNoData ? { noDataTimeframe: 20 } : {}),
          renotifyInterval: 60,
          includeTags: true,
          priority: String(m.priority),
          tags: [...args.tags, `monitor:${m.key}`],
        },
        { parent: this, provider: args.provider },
      );
      ids[m.key] = monitor.id;
    }
    this.monitorIds = ids;
    this.registerOutputs({ monitorIds: this.monitorIds });
  }
}
