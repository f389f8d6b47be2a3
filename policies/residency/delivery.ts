import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { hostRegion } from "../lib/arn";
import { locate, locationProblem, regionProblem, ResidencyConfig } from "../lib/locate";
import { show } from "../lib/messages";
import { stackPolicy } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { collect, str } from "../lib/values";
import { waiverMatchesResource } from "../lib/waivers";
import { checkDestinations, Destination, residencyDefaults, residencySchema } from "./dataMovement";

/**
 * Where logs, events, notifications and streams are delivered: AWS targets in allowed regions;
 * external endpoints (HTTP, Splunk, Snowflake, e-mail, SMS) only when allow-listed, since their
 * location cannot be read from the program.
 */

export interface DeliveryConfig extends ResidencyConfig {
  /** Globs of external endpoints (URLs, hosts, e-mail addresses, phone numbers) known to be in Australia. */
  readonly allowedExternalEndpoints: readonly string[];
}

export const externalSchema: Record<string, PolicyConfigJSONSchema> = {
  allowedExternalEndpoints: {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Globs of external delivery endpoints (https://..., hosts, e-mail addresses, +61...) known to keep data in Australia",
  },
};

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ANY_TARGET = [FIREHOSE, "aws:kinesis/stream:Stream", "aws:lambda/function:Function", "aws:sqs/queue:Queue", "aws:sns/topic:Topic", LOG_GROUP, "aws:cloudwatch/logDestination:LogDestination"];

const DESTINATIONS: readonly Destination[] = [
  { type: FIREHOSE, path: "extendedS3Configuration.bucketArn", targets: BUCKETS, what: "Firehose S3 destination" },
  { type: FIREHOSE, path: "opensearchConfiguration.domainArn", targets: ["aws:opensearch/domain:Domain"], what: "Firehose OpenSearch destination" },
  { type: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", path: "destinationArn", targets: ANY_TARGET, what: "log subscription destination" },
  { type: "aws:cloudwatch/eventTarget:EventTarget", path: "arn", targets: ANY_TARGET, what: "event target" },
  { type: "aws:cloudtrail/trail:Trail", path: "s3BucketName", targets: BUCKETS, what: "trail bucket" },
  { type: "aws:cloudtrail/trail:Trail", path: "cloudWatchLogsGroupArn", targets: [LOG_GROUP], what: "trail log group" },
  { type: "aws:transfer/server:Server", path: "structuredLogDestinations[]", targets: [LOG_GROUP], what: "Transfer Family structured log destination" },
];

/** External URLs of Firehose destinations, by path. */
const EXTERNAL_URLS: readonly string[] = [
  "httpEndpointConfiguration.url",
  "splunkConfiguration.hecEndpoint",
  "snowflakeConfiguration.accountUrl",
];

function allowListed(globs: readonly string[], value: string): boolean {
  return globs.some((g) => waiverMatchesResource({ resource: g, reason: "", approvedBy: "", expires: "" }, value, value));
}

export function checkExternal(r: ViewResource, path: string, value: unknown, config: DeliveryConfig, report: (urn: string, m: string) => void): void {
  if (value === undefined || value === null || value === "") return;
  if (isUnknown(value)) {
    report(r.urn, `${path} is unknown until deployment, so where data goes cannot be verified (fail closed); use a literal endpoint listed in allowedExternalEndpoints.`);
    return;
  }
  const s = str(value) ?? "";
  const region = hostRegion(s);
  if (region && config.allowedRegions.includes(region)) return;
  if (allowListed(config.allowedExternalEndpoints, s)) return;
  report(r.urn, `${path} is ${show(value)}, an external endpoint whose location cannot be verified${region ? ` (its host names ${region})` : ""}; deliver to an AWS target in ${config.allowedRegions[0]}, or add it to allowedExternalEndpoints in the policy config once it is confirmed to keep data in Australia.`);
}

function redshiftHost(jdbc: unknown): string | undefined {
  const s = str(jdbc);
  return s ? s.replace(/^jdbc:redshift:\/\//, "https://") : undefined;
}

function checkSubscriptions(stack: StackView, config: DeliveryConfig, report: (urn: string, m: string) => void): void {
  for (const s of stack.ofType("aws:sns/topicSubscription:TopicSubscription")) {
    const protocol = str(s.props.protocol) ?? "";
    const endpoint = s.props.endpoint;
    if (["sqs", "lambda", "firehose", "application"].includes(protocol)) {
      const loc = locate(stack, s, "endpoint", endpoint, ANY_TARGET, config);
      const m = locationProblem("subscription endpoint", "endpoint", endpoint, loc, config.allowedRegions);
      if (m) report(s.urn, m);
    } else {
      checkExternal(s, `endpoint (protocol ${protocol || "unknown"})`, endpoint, config, report);
    }
  }
}

export const deliveryResidency = stackPolicy<DeliveryConfig>({
  name: "delivery-residency",
  description: "Logs, events, notifications and delivery streams must deliver into allowed regions.",
  types: [...new Set([...DESTINATIONS.map((d) => d.type), "aws:sns/topicSubscription:TopicSubscription", "aws:cloudwatch/eventEndpoint:EventEndpoint"])],
  fix: "Deliver to AWS targets in ap-southeast-2 / ap-southeast-4; list external endpoints that keep data in Australia under allowedExternalEndpoints.",
  config: { ...residencySchema, ...externalSchema },
  defaults: { ...residencyDefaults, allowedExternalEndpoints: [] },
  validate(stack, { config }, report) {
    checkDestinations(stack, DESTINATIONS, config, report);
    for (const f of stack.ofType(FIREHOSE)) {
      for (const path of EXTERNAL_URLS) for (const x of collect(f.props, path)) checkExternal(f, x.path, x.value, config, report);
      for (const x of collect(f.props, "redshiftConfiguration.clusterJdbcurl")) checkExternal(f, x.path, redshiftHost(x.value) ?? x.value, config, report);
    }
    checkSubscriptions(stack, config, report);
    for (const e of stack.ofType("aws:cloudwatch/eventEndpoint:EventEndpoint")) {
      for (const x of collect(e.props, "routingConfig.failoverConfig.secondary.route")) {
        const m = regionProblem(x.path, x.value, config.allowedRegions);
        if (m) report(e.urn, m);
      }
    }
  },
});
