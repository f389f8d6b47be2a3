import { regionProblem } from "../lib/locate";
import { collect, Props } from "../lib/values";
import { destinationPolicy } from "./dataMovement";

/**
 * Copies and replicas of databases, snapshots, images and backups: source and destination both in
 * allowed regions (the copy resource's own placement is judged by resource-placement).
 */

const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const VAULT = "aws:backup/vault:Vault";

/** Literal region properties: `[type, path]`. */
const REGION_PROPS: readonly [string, string][] = [
  [RDS_CLUSTER, "sourceRegion"],
  ["aws:rds/snapshotCopy:SnapshotCopy", "destinationRegion"],
  ["aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", "destinationRegion"],
  ["aws:redshift/snapshotCopy:SnapshotCopy", "destinationRegion"],
  ["aws:ebs/snapshotCopy:SnapshotCopy", "sourceRegion"],
  ["aws:ec2/amiCopy:AmiCopy", "sourceAmiRegion"],
  ["aws:dlm/lifecyclePolicy:LifecyclePolicy", "policyDetails.schedules[].crossRegionCopyRules[].targetRegion"],
  ["aws:dlm/lifecyclePolicy:LifecyclePolicy", "policyDetails.schedules[].crossRegionCopyRules[].target"],
  ["aws:dlm/lifecyclePolicy:LifecyclePolicy", "policyDetails.action.crossRegionCopies[].target"],
];

function literalRegions(p: Props, path: string, allowed: readonly string[]): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const f of collect(p, path)) {
    // DLM `target` may be an Outpost ARN or a region; only region-shaped values are regions.
    if (path.endsWith(".target") && typeof f.value === "string" && f.value.startsWith("arn:")) continue;
    const m = regionProblem(f.path, f.value, allowed);
    if (m) out.push({ path: f.path, message: m });
  }
  return out;
}

export const copyResidency = destinationPolicy(
  {
    name: "copy-residency",
    description: "Database replicas, snapshot, image and backup copies must come from and go to allowed regions.",
    fix: "Keep sourceRegion / destinationRegion / copyActions / replicateSourceDb in ap-southeast-2 or ap-southeast-4.",
    extraTypes: REGION_PROPS.map(([t]) => t),
  },
  [
    { type: RDS_INSTANCE, path: "replicateSourceDb", targets: [RDS_INSTANCE], what: "replica source" },
    { type: RDS_CLUSTER, path: "replicationSourceIdentifier", targets: [RDS_CLUSTER, RDS_INSTANCE], what: "replication source" },
    { type: "aws:rds/globalCluster:GlobalCluster", path: "sourceDbClusterIdentifier", targets: [RDS_CLUSTER], what: "global cluster source" },
    { type: "aws:docdb/globalCluster:GlobalCluster", path: "sourceDbClusterIdentifier", targets: ["aws:docdb/cluster:Cluster"], what: "global cluster source" },
    { type: "aws:neptune/globalCluster:GlobalCluster", path: "sourceDbClusterIdentifier", targets: ["aws:neptune/cluster:Cluster"], what: "global cluster source" },
    { type: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", path: "sourceDbInstanceArn", targets: [RDS_INSTANCE], what: "backup source" },
    { type: "aws:backup/plan:Plan", path: "rules[].copyActions[].destinationVaultArn", targets: [VAULT], what: "backup copy vault" },
  ].map((d) => ({ ...d, onlyArns: true })),
  (stack, { config }, report) => {
    for (const [type, path] of REGION_PROPS) {
      for (const r of stack.ofType(type)) for (const x of literalRegions(r.props, path, config.allowedRegions)) report(r.urn, x.message);
    }
  },
);
