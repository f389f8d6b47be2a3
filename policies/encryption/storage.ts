import type * as aws from "@pulumi/aws";
import { isCmk, keyProblem } from "../lib/kms";
import { wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { flag, get, obj, Props } from "../lib/values";

/** File systems, search domains, backup vaults and database backup copies at rest. */

const EFS = "aws:efs/fileSystem:FileSystem";
const SEARCH = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];
const VAULT = "aws:backup/vault:Vault";
const RDS_COPIES = [
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  "aws:rds/snapshotCopy:SnapshotCopy",
  "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
];

export const storageEncryption = resourcePolicy<Props>({
  name: "storage-encryption",
  description: "EFS file systems and OpenSearch domains must be encrypted at rest; backup vaults and database backup copies must name a customer-managed key.",
  types: [EFS, ...SEARCH, VAULT, ...RDS_COPIES],
  fix: "EFS: encrypted: true; OpenSearch: encryptAtRest.enabled: true; backup vaults and RDS copies: kmsKeyArn / kmsKeyId set to a customer-managed key.",
  validate(p, ctx, report) {
    if (ctx.type === EFS) {
      const v = get<aws.efs.FileSystemArgs>(p, "encrypted");
      if (flag(v) !== true) report(wrong("encrypted", v, "true (EFS defaults to unencrypted; encryption cannot be added later)"));
    } else if (SEARCH.includes(ctx.type)) {
      const at = obj(get<aws.opensearch.DomainArgs>(p, "encryptAtRest"));
      if (flag(at?.enabled) !== true) report(wrong("encryptAtRest.enabled", at?.enabled, "true"));
    } else if (ctx.type === VAULT) {
      const k = get<aws.backup.VaultArgs>(p, "kmsKeyArn");
      if (!isCmk(k)) report(keyProblem("kmsKeyArn", k));
    } else {
      const k = get<aws.rds.SnapshotCopyArgs>(p, "kmsKeyId");
      if (!isCmk(k)) report(keyProblem("kmsKeyId", k));
    }
  },
});
