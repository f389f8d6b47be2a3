import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { at, flag, lower, obj, Props, str } from "../lib/values";
import { EMR_SECURITY_CONFIGURATION, emrEncryption } from "./services";

/**
 * In transit, for the services added from the coverage table: DMS endpoints, AppSync caches, MSK
 * Connect, Glue JDBC connections, Transfer AS2 connectors and EMR; and MemoryDB's open-access ACL.
 */

const DMS_ENDPOINT = "aws:dms/endpoint:Endpoint";
const APPSYNC_CACHE = "aws:appsync/apiCache:ApiCache";
const MSK_CONNECT = "aws:mskconnect/connector:Connector";
const GLUE_CONNECTION = "aws:glue/connection:Connection";
const TRANSFER_CONNECTOR = "aws:transfer/connector:Connector";
const MEMORYDB = "aws:memorydb/cluster:Cluster";
const DATA_QUALITY_JOB = "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition";
const CLOUDSEARCH = "aws:cloudsearch/domain:Domain";
const MEMORYDB_MULTI_REGION = "aws:memorydb/multiRegionCluster:MultiRegionCluster";
const HTTP_API_INTEGRATION = "aws:apigatewayv2/integration:Integration";
const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];

/** DMS engines that speak a database protocol, where `sslMode` (default "none") decides. */
const DMS_SSL_ENGINES = new Set(["mysql", "mariadb", "aurora", "aurora-postgresql", "aurora-serverless", "postgres", "oracle", "sqlserver", "sybase", "db2", "db2-zos", "mongodb", "docdb", "redshift", "redshift-serverless", "babelfish", "azuredb", "azure-sql-managed-instance"]);
const DMS_SSL_MODES = ["require", "verify-ca", "verify-full"];
const KAFKA_TLS = ["ssl-encryption", "ssl-authentication", "sasl-ssl"];

function dms(p: Props, report: (m: string) => void): void {
  const engine = lower(p.engineName) ?? "";
  if (DMS_SSL_ENGINES.has(engine)) {
    const mode = p.sslMode;
    if (!DMS_SSL_MODES.includes(lower(mode) ?? "")) report(wrong("sslMode", mode, `"verify-full" (or "require"; the default "none" sends ${engine} traffic in plaintext)`));
  } else if (engine === "redis") {
    const proto = at(p, "redisSettings.sslSecurityProtocol");
    if (lower(proto) === "plaintext" || isUnknown(proto)) report(wrong("redisSettings.sslSecurityProtocol", proto, '"ssl-encryption"'));
  } else if (engine === "kafka") {
    const proto = at(p, "kafkaSettings.securityProtocol");
    if (!KAFKA_TLS.includes(lower(proto) ?? "")) report(wrong("kafkaSettings.securityProtocol", proto, '"sasl-ssl" or "ssl-authentication" (DMS defaults to plaintext for Kafka)'));
  }
}

export const serviceTransitEncryption = resourcePolicy<Props>({
  name: "service-transit-encryption",
  description: "DMS endpoints, AppSync caches, MSK Connect, Glue JDBC connections, Transfer AS2 connectors, EMR, SageMaker monitoring jobs, CloudSearch, API Gateway private integrations and MemoryDB multi-Region clusters must encrypt data in transit.",
  types: [DMS_ENDPOINT, APPSYNC_CACHE, MSK_CONNECT, GLUE_CONNECTION, TRANSFER_CONNECTOR, EMR_SECURITY_CONFIGURATION, DATA_QUALITY_JOB, CLOUDSEARCH, HTTP_API_INTEGRATION, MEMORYDB_MULTI_REGION],
  fix: 'DMS: sslMode "verify-full"; AppSync: transitEncryptionEnabled true; MSK Connect: kafkaClusterEncryptionInTransit.encryptionType "TLS"; Glue JDBC: JDBC_ENFORCE_SSL "true"; AS2 over http: an encryptionAlgorithm; EMR: EnableInTransitEncryption true; SageMaker: networkConfig.enableInterContainerTrafficEncryption true; CloudSearch: endpointOptions { enforceHttps: true, tlsSecurityPolicy "Policy-Min-TLS-1-2-2019-07" }; HTTP API VPC_LINK integrations: tlsConfig.',
  validate(p, ctx, report) {
    switch (ctx.type) {
      case DMS_ENDPOINT:
        dms(p, report);
        return;
      case APPSYNC_CACHE:
        if (flag(p.transitEncryptionEnabled) !== true) report(wrong("transitEncryptionEnabled", p.transitEncryptionEnabled, "true (off by default; it cannot be changed once the cache exists)"));
        return;
      case MSK_CONNECT: {
        const t = at(p, "kafkaClusterEncryptionInTransit.encryptionType");
        if (str(t) !== "TLS") report(wrong("kafkaClusterEncryptionInTransit.encryptionType", t, '"TLS" (the default is PLAINTEXT)'));
        return;
      }
      case GLUE_CONNECTION: {
        const type = str(p.connectionType) ?? "JDBC";
        if (type !== "JDBC") return;
        // connectionProperties is sensitive in the provider (it holds the password): a secret map cannot be read, and is not judged.
        const props = obj(p.connectionProperties);
        if (!props) return;
        const v = props.JDBC_ENFORCE_SSL;
        if (lower(v) !== "true") report(wrong("connectionProperties.JDBC_ENFORCE_SSL", v, '"true" (Glue otherwise connects to the database without TLS)'));
        return;
      }
      case TRANSFER_CONNECTOR: {
        const url = str(p.url) ?? "";
        const alg = at(p, "as2Config.encryptionAlgorithm");
        if (/^http:\/\//i.test(url) && (str(alg) === "NONE" || isUnknown(alg))) {
          report(`url is ${show(p.url)} (plain HTTP) and as2Config.encryptionAlgorithm is ${show(alg)}, so AS2 messages travel in clear; use an https:// url, or set as2Config.encryptionAlgorithm to "AES256_CBC".`);
        }
        return;
      }
      case EMR_SECURITY_CONFIGURATION: {
        const e = emrEncryption(p);
        if (e === "unknown") return;
        if (flag(e?.EnableInTransitEncryption) !== true) report(wrong("configuration EncryptionConfiguration.EnableInTransitEncryption", e?.EnableInTransitEncryption, "true (with a TLS certificate provider)"));
        return;
      }
      case CLOUDSEARCH: {
        const ep = obj(p.endpointOptions);
        if (flag(ep?.enforceHttps) !== true) report(wrong("endpointOptions.enforceHttps", ep?.enforceHttps, "true"));
        if (str(ep?.tlsSecurityPolicy) !== "Policy-Min-TLS-1-2-2019-07") report(wrong("endpointOptions.tlsSecurityPolicy", ep?.tlsSecurityPolicy, '"Policy-Min-TLS-1-2-2019-07" (the default allows TLS 1.0)'));
        return;
      }
      case MEMORYDB_MULTI_REGION: {
        const v = flag(p.tlsEnabled);
        if (v === false || v === "unknown") report(wrong("tlsEnabled", p.tlsEnabled, "true (or leave it unset: the default is TLS; its member clusters inherit it)"));
        return;
      }
      case HTTP_API_INTEGRATION: {
        if (str(p.connectionType) !== "VPC_LINK") return;
        const tls = obj(p.tlsConfig);
        if (!tls) report(`connectionType is "VPC_LINK" and tlsConfig is not set, so API Gateway reaches the private load balancer over plain HTTP; set tlsConfig { serverNameToVerify: <the target's certificate name> } with an HTTPS listener behind it.`);
        else if (flag(tls.insecureSkipVerification) === true) report(`tlsConfig.insecureSkipVerification is true, so the private integration's certificate is not verified; remove it.`);
        return;
      }
      case DATA_QUALITY_JOB: {
        const v = at(p, "networkConfig.enableInterContainerTrafficEncryption");
        if (flag(v) !== true) report(wrong("networkConfig.enableInterContainerTrafficEncryption", v, "true (the monitoring job's instances exchange the data it inspects)"));
        return;
      }
    }
  },
});

export const memorydbAuthentication = resourcePolicy<Props>({
  name: "memorydb-authentication",
  description: "MemoryDB clusters must not use the open-access ACL, which lets any client that reaches the port connect without a password.",
  types: [MEMORYDB],
  fix: "Set aclName to an aws.memorydb.Acl whose users have passwords or IAM authentication.",
  validate(p, _ctx, report) {
    const acl = p.aclName;
    if (str(acl) === "open-access") report(`aclName is "open-access": every client that reaches the cluster connects unauthenticated; set aclName to an aws.memorydb.Acl with password or IAM users.`);
  },
});

export const targetGroupPlaintext = resourcePolicy<Props>({
  name: "load-balancer-target-plaintext",
  description: "Target groups using HTTP carry decrypted requests from the load balancer to the targets; prefer HTTPS to the targets.",
  enforcementLevel: "advisory",
  types: TARGET_GROUPS,
  fix: 'Set protocol "HTTPS" (targets present a certificate; the load balancer does not validate it) or use TLS listeners with TLS targets.',
  validate(p, _ctx, report) {
    if (lower(p.protocol) === "http") report(`protocol is "HTTP", so traffic between the load balancer and its targets is plaintext inside the VPC; set protocol "HTTPS".`);
  },
});
