import type * as aws from "@pulumi/aws";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { hostRegion, isAwsHost } from "../lib/arn";
import { locate, locationProblem, regionProblem, ResidencyConfig } from "../lib/locate";
import { show } from "../lib/messages";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { at, collect, flag, get, obj, Props, str } from "../lib/values";
import { waiverMatchesResource } from "../lib/waivers";
import { residencyDefaults, residencySchema } from "./dataMovement";

/**
 * The edge: CloudFront origins, Origin Shield and logs, and API Gateway endpoint types. Edge caches
 * are global by design; what can be held to Australia is where the origin, the shield and the logs are.
 */

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const REALTIME_LOGS = "aws:cloudfront/realtimeLogConfig:RealtimeLogConfig";
const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const ORIGIN_TARGETS = [...BUCKETS, "aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "aws:apigateway/restApi:RestApi", "aws:lambda/functionUrl:FunctionUrl"];

interface EdgeConfig extends ResidencyConfig {
  readonly allowedOriginHosts: readonly string[];
}

const originSchema: Record<string, PolicyConfigJSONSchema> = {
  allowedOriginHosts: { type: "array", items: { type: "string" }, default: [], description: "Globs of non-AWS origin hosts known to be in Australia (e.g. *.example.com behind a Sydney tunnel)" },
};

function bucketFromHost(host: string): string | undefined {
  const m = /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/.exec(host);
  return m ? m[1] : undefined;
}

export const cloudfrontResidency = stackPolicy<EdgeConfig>({
  name: "cloudfront-residency",
  description: "CloudFront origins, Origin Shield, standard logs and real-time logs must be in allowed regions.",
  types: [DISTRIBUTION, REALTIME_LOGS],
  fix: "Serve from origins in ap-southeast-2 / ap-southeast-4 (S3 regional endpoints, load balancers, execute-api), set originShieldRegion there, and log to buckets and streams there.",
  config: { ...residencySchema, ...originSchema },
  defaults: { ...residencyDefaults, allowedOriginHosts: [] },
  validate(stack, { config }, report) {
    const allowed = config.allowedRegions;
    for (const d of stack.ofType(DISTRIBUTION)) {
      for (const o of collect(d.props, "origins[]")) {
        const origin = obj(o.value) ?? {};
        const host = origin.domainName;
        const path = `${o.path}.domainName`;
        if (isUnknown(host)) {
          const m = locationProblem("origin", path, host, locate(stack, d, "origins", host, ORIGIN_TARGETS, config), allowed);
          if (m) report(d.urn, m);
        } else if (str(host)) {
          const h = str(host)!;
          const region = hostRegion(h);
          const bucket = bucketFromHost(h);
          if (region) {
            if (!allowed.includes(region)) report(d.urn, `origin ${path} = ${JSON.stringify(h)} is in ${region}; serve from an origin in ${allowed[0]}.`);
          } else if (bucket || isAwsHost(h)) {
            const m = locationProblem("origin", path, h, locate(stack, d, "origins", bucket ?? h, ORIGIN_TARGETS, config), allowed);
            if (m) report(d.urn, m);
          } else if (!config.allowedOriginHosts.some((g) => waiverMatchesResource({ resource: g, reason: "", approvedBy: "", expires: "" }, h, h))) {
            report(d.urn, `origin ${path} = ${JSON.stringify(h)} is not an AWS regional host, so its location cannot be verified; use an AWS origin in ${allowed[0]} or add the host to allowedOriginHosts once it is confirmed to be in Australia.`);
          }
        }
        const shield = obj(origin.originShield);
        if (shield && flag(shield.enabled) !== false) {
          const m = regionProblem(`${o.path}.originShield.originShieldRegion`, shield.originShieldRegion, allowed, `set it to ${JSON.stringify(allowed[0])}.`);
          if (m) report(d.urn, m);
        }
      }
      const logBucket = at(d.props, "loggingConfig.bucket");
      if (logBucket !== undefined && logBucket !== "") {
        const name = str(logBucket) ? (bucketFromHost(str(logBucket)!) ?? str(logBucket)) : logBucket;
        const m = locationProblem("log bucket", "loggingConfig.bucket", logBucket, locate(stack, d, "loggingConfig.bucket", name, BUCKETS, config), allowed);
        if (m) report(d.urn, m);
      }
    }
    for (const l of stack.ofType(REALTIME_LOGS)) {
      for (const f of collect(l.props, "endpoint.kinesisStreamConfig.streamArn")) {
        const m = locationProblem("real-time log stream", f.path, f.value, locate(stack, l, "endpoint", f.value, ["aws:kinesis/stream:Stream"], config), allowed);
        if (m) report(l.urn, m);
      }
    }
  },
});

const REST_API = "aws:apigateway/restApi:RestApi";
const DOMAIN = "aws:apigateway/domainName:DomainName";

export const apiGatewayEndpointResidency = resourcePolicy<Props>({
  name: "api-gateway-endpoint-residency",
  description: "API Gateway REST APIs and custom domains must be REGIONAL or PRIVATE: EDGE endpoints terminate TLS at CloudFront edges worldwide.",
  types: [REST_API, DOMAIN],
  fix: 'Set endpointConfiguration: { types: "REGIONAL" } (domains: with regionalCertificateArn instead of certificateArn).',
  validate(p, ctx, report) {
    const types = at(get<aws.apigateway.RestApiArgs>(p, "endpointConfiguration"), "types");
    const list = (Array.isArray(types) ? types : [types]).map((t) => str(t));
    if (isUnknown(types) || !list.some((t) => t === "REGIONAL" || t === "PRIVATE")) {
      report(`endpointConfiguration.types is ${types === undefined ? "not set (EDGE, the default)" : show(types)}; set it to "REGIONAL" (or "PRIVATE").`);
    }
    if (ctx.type === DOMAIN && get<aws.apigateway.DomainNameArgs>(p, "certificateArn") !== undefined) {
      report(`certificateArn is set, which makes this an edge-optimised domain served from CloudFront; use regionalCertificateArn (an ACM certificate in the API's region) with endpointConfiguration.types "REGIONAL".`);
    }
  },
});

export const regionalSettingsResidency = resourcePolicy<Props, ResidencyConfig>({
  name: "regional-settings-residency",
  description: "Settings that pick a region for data (notification hubs, cost reports, OpenSearch connections, MSK replicators, Bedrock profiles, Config aggregators) must pick allowed regions.",
  types: [
    "aws:notifications/notificationHub:NotificationHub",
    "aws:cur/reportDefinition:ReportDefinition",
    "aws:opensearch/outboundConnection:OutboundConnection",
    "aws:msk/replicator:Replicator",
    "aws:bedrock/inferenceProfile:InferenceProfile",
    "aws:cfg/configurationAggregator:ConfigurationAggregator",
  ],
  fix: "Set the region-picking property to ap-southeast-2 or ap-southeast-4 (Bedrock: an au. profile; Config: list regions, not allRegions).",
  config: residencySchema,
  defaults: residencyDefaults,
  validate(p, ctx, report) {
    const allowed = ctx.config.allowedRegions;
    const literal = (path: string) => {
      for (const f of collect(p, path)) {
        const m = regionProblem(f.path, f.value, allowed, `set it to ${JSON.stringify(allowed[0])}.`);
        if (m) report(m);
      }
    };
    const arnIn = (path: string) => {
      for (const f of collect(p, path)) {
        const s = str(f.value);
        const region = s?.split(":")[3];
        if (isUnknown(f.value) || (region !== undefined && region !== "" && !allowed.includes(region))) report(`${f.path} is ${show(f.value)}; use an ARN in ${allowed.join(" or ")}.`);
      }
    };
    switch (ctx.type) {
      case "aws:notifications/notificationHub:NotificationHub":
        return literal("notificationHubRegion");
      case "aws:cur/reportDefinition:ReportDefinition":
        return literal("s3Region");
      case "aws:opensearch/outboundConnection:OutboundConnection":
        return literal("remoteDomainInfo.region");
      case "aws:msk/replicator:Replicator":
        return arnIn("kafkaClusters[].amazonMskCluster.mskClusterArn");
      case "aws:bedrock/inferenceProfile:InferenceProfile": {
        const src = str(at(p, "modelSource.copyFrom"));
        if (src && /inference-profile\/global\./.test(src)) report(`modelSource.copyFrom is ${JSON.stringify(src)}, a global profile that routes requests to any region; copy from an "au." profile.`);
        return arnIn("modelSource.copyFrom");
      }
      default:
        for (const src of ["accountAggregationSource", "organizationAggregationSource"]) {
          const s = obj(p[src]);
          if (!s) continue;
          if (flag(s.allRegions) === true) report(`${src}.allRegions is true, which aggregates (and so copies) configuration data from every region; set allRegions to false and regions to ${JSON.stringify(allowed)}.`);
          literal(`${src}.regions[]`);
        }
    }
  },
});
