import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { flag, isSet, obj, Props, str } from "../lib/values";

/**
 * Databases at rest: RDS instances and clusters, global clusters, DocumentDB, Neptune, Redshift and
 * DAX. Their storage flags default to off, so an omitted or unknown flag fails.
 */

const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL_CLUSTERS = ["aws:rds/globalCluster:GlobalCluster", "aws:docdb/globalCluster:GlobalCluster", "aws:neptune/globalCluster:GlobalCluster"];
const STORAGE_ENCRYPTED = [RDS_CLUSTER, "aws:docdb/cluster:Cluster", "aws:neptune/cluster:Cluster"];
const REDSHIFT = "aws:redshift/cluster:Cluster";
const DAX = "aws:dax/cluster:Cluster";

function needTrue(report: (m: string) => void, path: string, value: unknown, why = ""): void {
  if (flag(value) !== true) report(wrong(path, value, `true${why}`));
}

export const databaseEncryption = resourcePolicy<Props>({
  name: "database-encryption",
  description: "Database storage (RDS, Aurora, DocumentDB, Neptune, Redshift, DAX) must be encrypted at rest.",
  types: [RDS_INSTANCE, ...STORAGE_ENCRYPTED, ...GLOBAL_CLUSTERS, REDSHIFT, DAX],
  fix: "Set storageEncrypted: true (Redshift: encrypted: \"true\"; DAX: serverSideEncryption.enabled: true), with kmsKeyId a customer-managed key.",
  validate(p, ctx, report) {
    switch (ctx.type) {
      case RDS_INSTANCE:
        // Read replicas inherit the source's encryption (the source is judged); Aurora instances store nothing themselves.
        if (isSet(p.replicateSourceDb)) return;
        if (isSet(p.clusterIdentifier) || /^aurora/.test(str(p.engine) ?? "")) return;
        needTrue(report, "storageEncrypted", p.storageEncrypted, " (RDS defaults to unencrypted)");
        return;
      case REDSHIFT:
        needTrue(report, "encrypted", p.encrypted, ' (the string "true" is accepted too; Redshift must be told explicitly)');
        return;
      case DAX: {
        const sse = obj(p.serverSideEncryption);
        if (flag(sse?.enabled) !== true) report(wrong("serverSideEncryption.enabled", sse?.enabled, "true (DAX is unencrypted by default)"));
        return;
      }
      default:
        if (GLOBAL_CLUSTERS.includes(ctx.type) && isSet(p.sourceDbClusterIdentifier)) {
          // Built from an existing cluster: encryption comes from that cluster, which is judged itself.
          if (flag(p.storageEncrypted) === false) report(`storageEncrypted is false while sourceDbClusterIdentifier is ${show(p.sourceDbClusterIdentifier)}; remove storageEncrypted or set it to true.`);
          return;
        }
        needTrue(report, "storageEncrypted", p.storageEncrypted);
    }
  },
});
