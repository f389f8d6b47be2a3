import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { tenantDatadogTags } from "../../lib/tenants/names";
import { StatusEffects } from "../../lib/tenants/status";
import { TenantDatadogArgs, TenantSpec } from "./args";

export const DEFAULT_SYNTHETIC_LOCATIONS = ["aws:ap-southeast-2"] as const;

/** Response time (ms) of the tenant's front door above which the monitor warns, and alerts. */
export const LATENCY_WARNING_MS = 1500;
export const LATENCY_CRITICAL_MS = 3000;

export interface TenantMonitoring {
  readonly syntheticTest: datadog.SyntheticsTest;
  readonly monitor: datadog.Monitor;
}

/**
 * A synthetic API test of the tenant's host name through Access (with the service token), from
 * Australia, and a monitor on its response time. The test's own alert covers failures; the monitor
 * catches a tenant that is up but slow. A suspended tenant's test expects Access's 403, so it keeps
 * proving that the suspension holds. Both go when the tenant is offboarded.
 */
export function createTenantMonitoring(parent: pulumi.ComponentResource, name: string, t: TenantSpec, dd: TenantDatadogArgs, effects: StatusEffects): TenantMonitoring {
  const opts: pulumi.CustomResourceOptions = { parent, provider: dd.provider };
  const tags = tenantDatadogTags(t.slug, t.stack);
  const expectation = effects.denyAll ? "Access denies everyone (tenant suspended)" : "the tenant's front door answers through Access";

  const syntheticTest = new datadog.SyntheticsTest(
    `${name}-synthetic`,
    {
      name: `tenant ${t.slug} (${t.stack}): https://${t.hostname}`,
      type: "api",
      subtype: "http",
      status: "live",
      locations: [...(dd.locations ?? DEFAULT_SYNTHETIC_LOCATIONS)],
      requestDefinition: { method: "GET", url: `https://${t.hostname}/`, timeout: 30 },
      requestHeaders: dd.requestHeaders,
      configVariables: dd.configVariables,
      assertions: [{ type: "statusCode", operator: "is", target: String(effects.expectedStatusCode) }],
      optionsList: {
        tickEvery: 300,
        minLocationFailed: 1,
        retry: { count: 2, interval: 5000 },
        followRedirects: false,
        monitorOptions: { renotifyInterval: 120 },
      },
      message: pulumi.interpolate`Tenant ${t.slug} (${t.displayName}) in ${t.stack}: expected ${expectation}, but the check at https://${t.hostname}/ failed. ${dd.notificationHandle}`,
      tags,
    },
    opts,
  );

  const monitor = new datadog.Monitor(
    `${name}-latency`,
    {
      name: `tenant ${t.slug} (${t.stack}): front door slow`,
      type: "metric alert",
      query: `avg(last_15m):avg:synthetics.http.response.time{tenant:${t.slug},env:${t.stack}} > ${LATENCY_CRITICAL_MS}`,
      monitorThresholds: { critical: String(LATENCY_CRITICAL_MS), warning: String(LATENCY_WARNING_MS) },
      message: pulumi.interpolate`Tenant ${t.slug} (${t.displayName}) in ${t.stack}: https://${t.hostname}/ takes over {{threshold}} ms through Access. ${dd.notificationHandle}`,
      notifyNoData: false,
      requireFullWindow: false,
      includeTags: true,
      tags,
    },
    opts,
  );
  return { syntheticTest, monitor };
}
