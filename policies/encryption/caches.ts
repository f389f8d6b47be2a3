import type * as aws from "@pulumi/aws";
import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { arr, flag, get, isSet, Props, str } from "../lib/values";

/** ElastiCache, MemoryDB and DAX: at rest and in transit. */

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
const MEMORYDB = "aws:memorydb/cluster:Cluster";
const DAX = "aws:dax/cluster:Cluster";

export const cacheEncryption = resourcePolicy<Props>({
  name: "cache-encryption",
  description: "ElastiCache replication groups must be encrypted at rest, explicitly (the default differs by engine).",
  types: [REPLICATION_GROUP],
  fix: "Set atRestEncryptionEnabled: true.",
  validate(p, _ctx, report) {
    const v = get<aws.elasticache.ReplicationGroupArgs>(p, "atRestEncryptionEnabled");
    if (flag(v) !== true) report(wrong("atRestEncryptionEnabled", v, "true"));
  },
});

export const cacheTransitEncryption = resourcePolicy<Props>({
  name: "cache-transit-encryption",
  description: "ElastiCache, MemoryDB and DAX must accept only TLS connections, and Redis/Valkey must require authentication.",
  types: [REPLICATION_GROUP, CACHE_CLUSTER, MEMORYDB, DAX],
  fix: 'ElastiCache: transitEncryptionEnabled: true, transitEncryptionMode "required", authToken or userGroupIds; MemoryDB: tlsEnabled not false; DAX: clusterEndpointEncryptionType "TLS".',
  validate(p, ctx, report) {
    if (ctx.type === MEMORYDB) {
      const v = get<aws.memorydb.ClusterArgs>(p, "tlsEnabled");
      if (flag(v) === false || flag(v) === "unknown") report(wrong("tlsEnabled", v, "true (or leave it unset: MemoryDB defaults to TLS)"));
      return;
    }
    if (ctx.type === DAX) {
      const v = get<aws.dax.ClusterArgs>(p, "clusterEndpointEncryptionType");
      if (str(v) !== "TLS") report(wrong("clusterEndpointEncryptionType", v, '"TLS" (DAX defaults to NONE)'));
      return;
    }
    // A replication group's member clusters take its transit encryption (the group is judged itself).
    if (ctx.type === CACHE_CLUSTER && isSet(get<aws.elasticache.ClusterArgs>(p, "replicationGroupId"))) return;
    const enabled = get<aws.elasticache.ReplicationGroupArgs>(p, "transitEncryptionEnabled");
    if (flag(enabled) !== true) report(wrong("transitEncryptionEnabled", enabled, "true"));
    if (ctx.type !== REPLICATION_GROUP) return;
    const mode = get<aws.elasticache.ReplicationGroupArgs>(p, "transitEncryptionMode");
    if (str(mode) === "preferred") report(`transitEncryptionMode is "preferred", which still accepts plaintext; set transitEncryptionMode to "required".`);
    const engine = str(get<aws.elasticache.ReplicationGroupArgs>(p, "engine")) ?? "redis";
    const token = get<aws.elasticache.ReplicationGroupArgs>(p, "authToken") ?? get<aws.elasticache.ReplicationGroupArgs>(p, "authTokenWo");
    const groups = arr(get<aws.elasticache.ReplicationGroupArgs>(p, "userGroupIds"));
    if (engine !== "memcached" && !isSet(token) && groups.length === 0) {
      report(`authToken is ${show(token)} and userGroupIds is empty, so clients connect without authenticating; set authToken (a secret) or userGroupIds (RBAC user groups).`);
    }
  },
});
