import { regionProblem } from "../lib/locate";
import { collect, obj } from "../lib/values";
import { destinationPolicy } from "./dataMovement";

/** S3 and DynamoDB replication, multi-region access points and table exports stay in allowed regions. */

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const MRAP = "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint";

export const s3ReplicationResidency = destinationPolicy(
  {
    name: "s3-replication-residency",
    description: "S3 replication destinations and multi-region access point buckets must be in allowed regions.",
    fix: "Replicate only to buckets in ap-southeast-2 / ap-southeast-4 (declared in this stack, or listed under knownLocations).",
    extraTypes: [MRAP],
  },
  [
    { type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig", path: "rules[].destination.bucket", targets: BUCKETS, what: "replication destination bucket" },
    { type: "aws:s3/bucket:Bucket", path: "replicationConfiguration.rules[].destination.bucket", targets: BUCKETS, what: "replication destination bucket" },
    { type: "aws:s3/bucketV2:BucketV2", path: "replicationConfigurations[].rules[].destinations[].bucket", targets: BUCKETS, what: "replication destination bucket" },
    { type: MRAP, path: "details.regions[].bucket", targets: BUCKETS, what: "multi-region access point bucket" },
  ],
  (stack, { config }, report) => {
    for (const ap of stack.ofType(MRAP)) {
      for (const f of collect(ap.props, "details.regions[]")) {
        const m = regionProblem(`${f.path}.region`, obj(f.value)?.region, config.allowedRegions);
        if (m) report(ap.urn, m);
      }
    }
  },
);

const TABLE = "aws:dynamodb/table:Table";
const GLOBAL_TABLE = "aws:dynamodb/globalTable:GlobalTable";

export const dynamodbResidency = destinationPolicy(
  {
    name: "dynamodb-residency",
    description: "DynamoDB replicas, global tables and exports must stay in allowed regions.",
    fix: "Keep replicas[].regionName in ap-southeast-2 / ap-southeast-4 and export only to buckets there.",
    extraTypes: [TABLE, GLOBAL_TABLE],
  },
  [
    { type: "aws:dynamodb/tableReplica:TableReplica", path: "globalTableArn", targets: [TABLE], what: "global table" },
    { type: "aws:dynamodb/tableExport:TableExport", path: "s3Bucket", targets: BUCKETS, what: "export bucket" },
  ],
  (stack, { config }, report) => {
    for (const t of stack.ofType(TABLE, GLOBAL_TABLE)) {
      for (const f of collect(t.props, "replicas[]")) {
        const m = regionProblem(`${f.path}.regionName`, obj(f.value)?.regionName, config.allowedRegions);
        if (m) report(t.urn, `replica of ${t.name}: ${m}`);
      }
    }
  },
);
