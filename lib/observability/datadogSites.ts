/**
 * The Datadog sites, with what the landing zone needs to know of each: the API URL the provider
 * talks to, the AWS account Datadog assumes the integration role from, and whether the site keeps
 * data in Australia. Pure data: config validates against it, components and policies read it.
 */
export interface DatadogSite {
  /** The API base URL, as the provider's `apiUrl` takes it (trailing slash included). */
  readonly apiUrl: string;
  /** The AWS account Datadog's crawlers assume the integration role from (commercial AWS partition). */
  readonly awsAccountId: string;
  /** Where the site stores data, for messages. */
  readonly location: string;
  /** True when the site stores data in Australia. */
  readonly australian: boolean;
}

export const DATADOG_SITES = {
  "ap2.datadoghq.com": { apiUrl: "https://api.ap2.datadoghq.com/", awsAccountId: "412381753143", location: "Australia (AP2)", australian: true },
  "ap1.datadoghq.com": { apiUrl: "https://api.ap1.datadoghq.com/", awsAccountId: "417141415827", location: "Japan (AP1)", australian: false },
  "datadoghq.com": { apiUrl: "https://api.datadoghq.com/", awsAccountId: "464622532012", location: "United States (US1)", australian: false },
  "us3.datadoghq.com": { apiUrl: "https://api.us3.datadoghq.com/", awsAccountId: "464622532012", location: "United States (US3)", australian: false },
  "us5.datadoghq.com": { apiUrl: "https://api.us5.datadoghq.com/", awsAccountId: "464622532012", location: "United States (US5)", australian: false },
  "datadoghq.eu": { apiUrl: "https://api.datadoghq.eu/", awsAccountId: "464622532012", location: "Europe (EU1)", australian: false },
  // Commercial (non-GovCloud) AWS accounts integrate with US1-FED through this account.
  "ddog-gov.com": { apiUrl: "https://api.ddog-gov.com/", awsAccountId: "392588925713", location: "United States (US1-FED)", australian: false },
} as const satisfies Record<string, DatadogSite>;

export type DatadogSiteName = keyof typeof DATADOG_SITES;

export const DATADOG_SITE_NAMES = Object.keys(DATADOG_SITES) as [DatadogSiteName, ...DatadogSiteName[]];

/** Australia (AP2): the default, and the only site that keeps monitoring data onshore. */
export const DEFAULT_DATADOG_SITE: DatadogSiteName = "ap2.datadoghq.com";

export function datadogSite(name: DatadogSiteName): DatadogSite {
  return DATADOG_SITES[name];
}

/** The site whose API URL is `apiUrl` (with or without the trailing slash), if any. */
export function datadogSiteOfApiUrl(apiUrl: string): DatadogSiteName | undefined {
  const norm = apiUrl.replace(/\/+$/, "");
  return DATADOG_SITE_NAMES.find((s) => DATADOG_SITES[s].apiUrl.replace(/\/+$/, "") === norm);
}

/** The Datadog-managed synthetics location in Australia: tests run from AWS Sydney. */
export const AU_SYNTHETICS_LOCATION = "aws:ap-southeast-2";
