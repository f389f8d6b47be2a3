import { resourcePolicy } from "../lib/policy";
import { Props } from "../lib/values";

/**
 * Stateful resources survive a mistaken delete: `protect` or `retainOnDelete`. The Pulumi CLI shows
 * policies only `protect`; the offline runner also shows retainOnDelete, so under the CLI a resource
 * kept only by retainOnDelete is reported with a note saying so.
 */

export const DEFAULT_STATEFUL_TYPES = [
  "aws:organizations/account:Account",
  "aws:kms/key:Key",
  "aws:kms/replicaKey:ReplicaKey",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:dynamodb/table:Table",
  "aws:efs/fileSystem:FileSystem",
  "aws:backup/vault:Vault",
  "aws:docdb/cluster:Cluster",
  "aws:neptune/cluster:Cluster",
  "aws:redshift/cluster:Cluster",
  "aws:secretsmanager/secret:Secret",
];

export const statefulRetained = resourcePolicy<Props>({
  name: "stateful-resources-retained",
  description: "Stateful resources (accounts, keys, buckets, databases, file systems, vaults, secrets) must be protected or retained on delete.",
  types: DEFAULT_STATEFUL_TYPES,
  fix: "Pass { protect: true } (prod) or { retainOnDelete: true } in the resource options.",
  validate(_p, ctx, report) {
    if (ctx.opts.protect || ctx.opts.retainOnDelete === true) return;
    const invisible = ctx.opts.retainOnDelete === undefined ? " (retainOnDelete, if set, is not visible to Pulumi CLI policies: use protect, or check with lz plan)" : "";
    report(`${ctx.name} is neither protected nor retained on delete, so removing it from the program deletes its data; set protect: true or retainOnDelete: true in its resource options${invisible}.`);
  },
});
