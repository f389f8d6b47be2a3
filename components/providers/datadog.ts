import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { datadogSite, DatadogSiteName } from "../../lib/observability/datadogSites";

export interface DatadogProviderArgs {
  /** The Datadog API key; a Pulumi secret (`cfg.secrets.datadogApiKey`). */
  readonly apiKey: pulumi.Output<string>;
  /** The Datadog application key; a Pulumi secret (`cfg.secrets.datadogAppKey`). */
  readonly appKey: pulumi.Output<string>;
  /** The Datadog site; it decides `apiUrl`. Config defaults it to ap2.datadoghq.com (Australia). */
  readonly site: DatadogSiteName;
}

/**
 * The stack's Datadog provider. `apiUrl` is always set: left unset, the provider would talk to US1
 * (or whatever DD_HOST says on the machine running `pulumi up`), which the residency pack cannot see.
 */
export function datadogProvider(name: string, args: DatadogProviderArgs, opts?: pulumi.CustomResourceOptions): datadog.Provider {
  return new datadog.Provider(
    name,
    {
      apiKey: pulumi.secret(args.apiKey),
      appKey: pulumi.secret(args.appKey),
      apiUrl: datadogSite(args.site).apiUrl,
    },
    opts,
  );
}
