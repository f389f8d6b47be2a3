import { hostRegion } from "../lib/arn";
import { locate, locationProblem, regionProblem } from "../lib/locate";
import { LzStackPolicy, stackPolicy } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { isSecretShown, isUnknown } from "../lib/unknown";
import { collect, Props, str } from "../lib/values";
import { residencyDefaults, residencySchema } from "./dataMovement";
import { checkExternal, DeliveryConfig, externalSchema } from "./delivery";

/**
 * Data paths beyond replication and delivery: Firehose backup and secondary destinations, Athena
 * result locations, EventBridge API destinations, Pipes and Scheduler targets, Transfer connectors,
 * log delivery destinations (vended logs, flow logs, firewall, Config, resolver query logs, API
 * Gateway and Step Functions logs, MSK broker logs), DMS targets, RDS exports and zero-ETL
 * integrations, FSx data repositories, SSM resource data syncs, DynamoDB Kinesis streaming, Image
 * Builder and CodePipeline regions.
 *
 * A destination named through another stack's outputs (a StackReference), and a log destination
 * (central log archives are in another account and stack by design), that cannot be located here
 * is reported by `data-path-unverified` (advisory) instead, unless `knownLocations` places it.
 * Anything else that cannot be located fails, as in the other residency policies.
 */

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const STREAM = "aws:kinesis/stream:Stream";
const ANY = [FIREHOSE, STREAM, LOG_GROUP, ...BUCKETS, "aws:lambda/function:Function", "aws:sqs/queue:Queue", "aws:sns/topic:Topic", "aws:cloudwatch/eventBus:EventBus", "aws:sfn/stateMachine:StateMachine", "aws:cloudwatch/eventApiDestination:EventApiDestination"];

type Kind =
  /** A reference (ARN, name, id) to an AWS resource. */
  | "ref"
  /** An `s3://bucket/prefix` URL (or a bare bucket name). */
  | "s3url"
  /** A literal region. */
  | "region"
  /** An endpoint outside AWS unless its host names an AWS region (URL, host, comma-separated brokers). */
  | "external";

export interface DataPath {
  readonly type: string;
  readonly path: string;
  readonly kind: Kind;
  readonly what: string;
  readonly targets?: readonly string[];
  /** A plain name is regional (log groups, streams): only ARNs can point elsewhere. */
  readonly onlyArns?: boolean;
  readonly when?: (p: Props) => boolean;
  /**
   * A log destination: central log archives live in another account and stack by design, so one
   * that cannot be located is reported as unverified (advisory), not failed.
   */
  readonly log?: boolean;
}

const dmsTarget = (p: Props): boolean => str(p.endpointType) === "target";

export const DATA_PATHS: readonly DataPath[] = [
  // Firehose: backups and secondary destinations (the primary ones are delivery-residency's).
  ...[
    "extendedS3Configuration.s3BackupConfiguration.bucketArn",
    "redshiftConfiguration.s3Configuration.bucketArn",
    "redshiftConfiguration.s3BackupConfiguration.bucketArn",
    "opensearchConfiguration.s3Configuration.bucketArn",
    "elasticsearchConfiguration.s3Configuration.bucketArn",
    "opensearchserverlessConfiguration.s3Configuration.bucketArn",
    "httpEndpointConfiguration.s3Configuration.bucketArn",
    "splunkConfiguration.s3Configuration.bucketArn",
    "snowflakeConfiguration.s3Configuration.bucketArn",
    "icebergConfiguration.s3Configuration.bucketArn",
  ].map((path): DataPath => ({ type: FIREHOSE, path, kind: "ref", targets: BUCKETS, what: "Firehose backup bucket" })),
  { type: FIREHOSE, path: "elasticsearchConfiguration.domainArn", kind: "ref", targets: ["aws:elasticsearch/domain:Domain"], what: "Firehose Elasticsearch destination" },
  { type: FIREHOSE, path: "icebergConfiguration.catalogArn", kind: "ref", targets: [], what: "Firehose Iceberg catalog" },
  { type: FIREHOSE, path: "opensearchserverlessConfiguration.collectionEndpoint", kind: "external", what: "Firehose OpenSearch Serverless collection" },
  // Athena results.
  { type: "aws:athena/workgroup:Workgroup", path: "configuration.resultConfiguration.outputLocation", kind: "s3url", targets: BUCKETS, what: "Athena result location" },
  { type: "aws:athena/database:Database", path: "bucket", kind: "s3url", targets: BUCKETS, what: "Athena result bucket" },
  // EventBridge and friends.
  { type: "aws:cloudwatch/eventApiDestination:EventApiDestination", path: "invocationEndpoint", kind: "external", what: "API destination" },
  { type: "aws:pipes/pipe:Pipe", path: "target", kind: "ref", targets: ANY, what: "pipe target", onlyArns: true },
  { type: "aws:pipes/pipe:Pipe", path: "enrichment", kind: "ref", targets: ANY, what: "pipe enrichment", onlyArns: true },
  { type: "aws:scheduler/schedule:Schedule", path: "target.arn", kind: "ref", targets: ANY, what: "schedule target", onlyArns: true },
  // Transfer Family connectors (AS2 partners, SFTP servers).
  { type: "aws:transfer/connector:Connector", path: "url", kind: "external", what: "Transfer connector" },
  // Log delivery destinations.
  { type: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", path: "deliveryDestinationConfiguration.destinationResourceArn", kind: "ref", targets: [LOG_GROUP, FIREHOSE, ...BUCKETS], what: "log delivery destination", log: true },
  { type: "aws:cloudwatch/logDestination:LogDestination", path: "targetArn", kind: "ref", targets: [STREAM, FIREHOSE], what: "log destination target", log: true },
  { type: "aws:cloudwatch/metricStream:MetricStream", path: "firehoseArn", kind: "ref", targets: [FIREHOSE], what: "metric stream", log: true },
  { type: "aws:ec2/flowLog:FlowLog", path: "logDestination", kind: "ref", targets: [LOG_GROUP, FIREHOSE, ...BUCKETS], what: "flow log destination", onlyArns: true, log: true },
  { type: "aws:networkfirewall/loggingConfiguration:LoggingConfiguration", path: "loggingConfiguration.logDestinationConfigs[].logDestination.bucketName", kind: "ref", targets: BUCKETS, what: "firewall log bucket", log: true },
  { type: "aws:cfg/deliveryChannel:DeliveryChannel", path: "s3BucketName", kind: "ref", targets: BUCKETS, what: "Config delivery bucket", log: true },
  { type: "aws:cfg/deliveryChannel:DeliveryChannel", path: "snsTopicArn", kind: "ref", targets: ["aws:sns/topic:Topic"], what: "Config delivery topic", onlyArns: true, log: true },
  { type: "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig", path: "destinationArn", kind: "ref", targets: [LOG_GROUP, FIREHOSE, ...BUCKETS], what: "resolver query log destination", log: true },
  { type: "aws:redshift/logging:Logging", path: "bucketName", kind: "ref", targets: BUCKETS, what: "Redshift audit log bucket", log: true },
  { type: "aws:apigateway/stage:Stage", path: "accessLogSettings.destinationArn", kind: "ref", targets: [LOG_GROUP, FIREHOSE], what: "access log destination", log: true },
  { type: "aws:apigatewayv2/stage:Stage", path: "accessLogSettings.destinationArn", kind: "ref", targets: [LOG_GROUP, FIREHOSE], what: "access log destination", log: true },
  { type: "aws:sfn/stateMachine:StateMachine", path: "loggingConfiguration.logDestination", kind: "ref", targets: [LOG_GROUP], what: "state machine log group", log: true },
  { type: "aws:msk/cluster:Cluster", path: "loggingInfo.brokerLogs.s3.bucket", kind: "ref", targets: BUCKETS, what: "broker log bucket", log: true },
  { type: "aws:ecs/cluster:Cluster", path: "configuration.executeCommandConfiguration.logConfiguration.s3BucketName", kind: "ref", targets: BUCKETS, what: "ECS Exec log bucket", log: true },
  // Migration, exports, integrations.
  { type: "aws:dms/endpoint:Endpoint", path: "serverName", kind: "external", what: "DMS target", when: dmsTarget },
  { type: "aws:dms/endpoint:Endpoint", path: "kinesisSettings.streamArn", kind: "ref", targets: [STREAM], what: "DMS target stream", when: dmsTarget },
  { type: "aws:dms/endpoint:Endpoint", path: "kafkaSettings.broker", kind: "external", what: "DMS target brokers", when: dmsTarget },
  { type: "aws:dms/endpoint:Endpoint", path: "elasticsearchSettings.endpointUri", kind: "external", what: "DMS target domain", when: dmsTarget },
  { type: "aws:dms/endpoint:Endpoint", path: "redshiftSettings.bucketName", kind: "ref", targets: BUCKETS, what: "DMS Redshift staging bucket", when: dmsTarget },
  { type: "aws:dms/s3Endpoint:S3Endpoint", path: "bucketName", kind: "ref", targets: BUCKETS, what: "DMS target bucket", when: dmsTarget },
  { type: "aws:rds/exportTask:ExportTask", path: "s3BucketName", kind: "ref", targets: BUCKETS, what: "snapshot export bucket" },
  { type: "aws:rds/integration:Integration", path: "targetArn", kind: "ref", targets: ["aws:redshiftserverless/namespace:Namespace", "aws:redshift/cluster:Cluster"], what: "zero-ETL target" },
  { type: "aws:fsx/lustreFileSystem:LustreFileSystem", path: "importPath", kind: "s3url", targets: BUCKETS, what: "Lustre import path" },
  { type: "aws:fsx/lustreFileSystem:LustreFileSystem", path: "exportPath", kind: "s3url", targets: BUCKETS, what: "Lustre export path" },
  { type: "aws:fsx/dataRepositoryAssociation:DataRepositoryAssociation", path: "dataRepositoryPath", kind: "s3url", targets: BUCKETS, what: "data repository" },
  { type: "aws:ssm/resourceDataSync:ResourceDataSync", path: "s3Destination.region", kind: "region", what: "resource data sync" },
  { type: "aws:ssm/resourceDataSync:ResourceDataSync", path: "s3Destination.bucketName", kind: "ref", targets: BUCKETS, what: "resource data sync bucket" },
  { type: "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", path: "streamArn", kind: "ref", targets: [STREAM], what: "table change stream" },
  { type: "aws:sagemaker/featureGroup:FeatureGroup", path: "offlineStoreConfig.s3StorageConfig.s3Uri", kind: "s3url", targets: BUCKETS, what: "offline feature store" },
  { type: "aws:imagebuilder/distributionConfiguration:DistributionConfiguration", path: "distributions[].region", kind: "region", what: "image distribution" },
  { type: "aws:codepipeline/pipeline:Pipeline", path: "artifactStores[].region", kind: "region", what: "artifact store" },
];

/** The bucket of `s3://bucket/prefix` (a bare name or ARN passes through). */
export function s3UrlBucket(v: unknown): unknown {
  const s = str(v);
  if (!s) return v;
  const m = /^s3a?:\/\/([^/]+)/i.exec(s);
  return m ? m[1] : s;
}

/** Whether `path`'s value came from another stack's outputs. */
function viaStackReference(r: ViewResource, path: string): boolean {
  const top = path.split(/[.[]/)[0];
  return (r.propertyDependencies[top] ?? []).some((u) => u.includes("::pulumi:pulumi:StackReference::"));
}

type Report = (urn: string, m: string) => void;

/** Judges every data path: `report` for findings, `unverified` for destinations in other stacks. */
export function checkDataPaths(stack: StackView, config: DeliveryConfig, report: Report, unverified: Report): void {
  const secretSeen = new Set<string>();
  for (const d of DATA_PATHS) {
    for (const r of stack.ofType(d.type)) {
      if (d.when && !d.when(r.props)) continue;
      const top = d.path.split(/[.[]/)[0];
      if (isSecretShown(r.props[top])) {
        // Pulumi makes a whole block secret when one field is (a Firehose HTTP endpoint's access key).
        if (!secretSeen.has(`${r.urn}|${top}`)) report(r.urn, `${top} is a Pulumi secret, so where it sends data (${d.what}) cannot be read (fail closed); keep the destination out of the secret (pass only the key or password as a secret, or as a Secrets Manager reference).`);
        secretSeen.add(`${r.urn}|${top}`);
        continue;
      }
      for (const f of collect(r.props, d.path)) {
        if (f.value === undefined || f.value === null || f.value === "") continue;
        if (d.kind === "region") {
          const m = regionProblem(f.path, f.value, config.allowedRegions);
          if (m) report(r.urn, `${d.what}: ${m}`);
          continue;
        }
        if (d.kind === "external") {
          for (const one of isUnknown(f.value) ? [f.value] : (str(f.value) ?? "").split(",").map((x) => x.trim()).filter(Boolean)) {
            const host = str(one);
            if (host && hostRegion(host) === undefined && viaStackReference(r, d.path) && !isUnknown(one)) {
              unverified(r.urn, `${d.what} ${f.path} = ${JSON.stringify(host)} comes from another stack's outputs and is not an AWS hostname with a region; list it in allowedExternalEndpoints once it is confirmed to keep data in Australia.`);
              continue;
            }
            checkExternal(r, `${d.what} ${f.path}`, one, config, report);
          }
          continue;
        }
        if (d.onlyArns && typeof f.value === "string" && !isUnknown(f.value) && !f.value.startsWith("arn:")) continue;
        const value = d.kind === "s3url" ? s3UrlBucket(f.value) : f.value;
        const loc = locate(stack, r, d.path, value, d.targets ?? [], config);
        if (loc.kind === "unresolved" && (d.log || viaStackReference(r, d.path))) {
          const why = viaStackReference(r, d.path) ? "comes from another stack's outputs" : "is a log destination outside this stack";
          unverified(r.urn, `${d.what} ${f.path} = ${JSON.stringify(str(value) ?? "")} ${why}, so its region cannot be verified here; declare { resource: ${JSON.stringify(str(value) ?? "")}, region } under knownLocations, or check it in the stack that owns it.`);
          continue;
        }
        const m = locationProblem(d.what, f.path, f.value, loc, config.allowedRegions);
        if (m) report(r.urn, m);
      }
    }
  }
}

const TYPES = [...new Set(DATA_PATHS.map((d) => d.type))];
const schema = { ...residencySchema, ...externalSchema };
const defaults = { ...residencyDefaults, allowedExternalEndpoints: [] };

interface Finding {
  readonly urn: string;
  readonly message: string;
}

/**
 * Both data-path policies judge the same paths: the work is done once per stack view and config
 * (the two policies' options are normally the same list), and each reports its half.
 */
const judged = new WeakMap<StackView, Map<string, { findings: Finding[]; unverified: Finding[] }>>();

function judge(stack: StackView, config: DeliveryConfig): { findings: Finding[]; unverified: Finding[] } {
  let byConfig = judged.get(stack);
  if (!byConfig) judged.set(stack, (byConfig = new Map()));
  const key = JSON.stringify([config.allowedRegions, config.knownLocations, config.allowedExternalEndpoints]);
  let hit = byConfig.get(key);
  if (!hit) {
    const out = { findings: [] as Finding[], unverified: [] as Finding[] };
    checkDataPaths(stack, config, (urn, message) => out.findings.push({ urn, message }), (urn, message) => out.unverified.push({ urn, message }));
    byConfig.set(key, (hit = out));
  }
  return hit;
}

export const dataPathResidency: LzStackPolicy = stackPolicy<DeliveryConfig>({
  name: "data-path-residency",
  description: "Backups, result locations, API destinations, connectors, log destinations, migration targets and exports must send data to allowed regions.",
  types: TYPES,
  fix: "Point the destination at a resource in ap-southeast-2 / ap-southeast-4 (declare out-of-stack ones under knownLocations); list external endpoints that keep data in Australia under allowedExternalEndpoints.",
  config: schema,
  defaults,
  validate(stack, { config }, report) {
    for (const f of judge(stack, config).findings) report(f.urn, f.message);
  },
});

export const dataPathUnverified: LzStackPolicy = stackPolicy<DeliveryConfig>({
  name: "data-path-unverified",
  description: "A data destination named through another stack's outputs cannot be located in this stack; its region is not verified here.",
  enforcementLevel: "advisory",
  types: TYPES,
  fix: "Declare the destination's region under knownLocations (or allowedExternalEndpoints), or verify it in the stack that owns it.",
  config: schema,
  defaults,
  validate(stack, { config }, report) {
    for (const f of judge(stack, config).unverified) report(f.urn, f.message);
  },
});
