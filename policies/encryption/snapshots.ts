import { show, wrong } from "../lib/messages";
import { stackPolicy } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { flag, isSet } from "../lib/values";

/**
 * Snapshots at rest. A snapshot has no encryption input: it is encrypted exactly when its source
 * is. The snapshot's own output (`encrypted` / `storageEncrypted`, what AWS recorded) is read when
 * the state holds it; otherwise the source is followed inside the stack (by id, name or ARN, or
 * through propertyDependencies) and judged. A source outside the stack cannot be judged here:
 * `snapshot-encryption-unverified` (advisory) says so instead of guessing.
 */

interface SnapshotKind {
  readonly type: string;
  /** The output that records the snapshot's encryption. */
  readonly output: string;
  /** The input naming the source. */
  readonly source: string;
  readonly sourceTypes: readonly string[];
  /** The source's flag. */
  readonly sourceFlag: string;
}

const KINDS: readonly SnapshotKind[] = [
  { type: "aws:rds/snapshot:Snapshot", output: "encrypted", source: "dbInstanceIdentifier", sourceTypes: ["aws:rds/instance:Instance"], sourceFlag: "storageEncrypted" },
  { type: "aws:rds/clusterSnapshot:ClusterSnapshot", output: "storageEncrypted", source: "dbClusterIdentifier", sourceTypes: ["aws:rds/cluster:Cluster"], sourceFlag: "storageEncrypted" },
  { type: "aws:docdb/clusterSnapshot:ClusterSnapshot", output: "storageEncrypted", source: "dbClusterIdentifier", sourceTypes: ["aws:docdb/cluster:Cluster"], sourceFlag: "storageEncrypted" },
  { type: "aws:neptune/clusterSnapshot:ClusterSnapshot", output: "storageEncrypted", source: "dbClusterIdentifier", sourceTypes: ["aws:neptune/cluster:Cluster"], sourceFlag: "storageEncrypted" },
  { type: "aws:ebs/snapshot:Snapshot", output: "encrypted", source: "volumeId", sourceTypes: ["aws:ebs/volume:Volume"], sourceFlag: "encrypted" },
  // Redshift records only the key in the snapshot's state: the cluster decides.
  { type: "aws:redshift/clusterSnapshot:ClusterSnapshot", output: "encrypted", source: "clusterIdentifier", sourceTypes: ["aws:redshift/cluster:Cluster"], sourceFlag: "encrypted" },
];

const SNAPSHOT_IMPORT = "aws:ebs/snapshotImport:SnapshotImport";

export type SnapshotVerdict =
  | { readonly kind: "ok" }
  | { readonly kind: "unencrypted"; readonly message: string }
  | { readonly kind: "unverified"; readonly message: string };

/** The verdict for one snapshot of `k`. */
export function snapshotVerdict(stack: StackView, r: ViewResource, k: SnapshotKind): SnapshotVerdict {
  const own = flag(r.props[k.output]);
  if (own === true) return { kind: "ok" };
  if (own === false) return { kind: "unencrypted", message: `${r.name}'s output ${k.output} is false (read from the stack state): the snapshot holds its source's data unencrypted; copy it with aws.rds.SnapshotCopy / aws.ebs.SnapshotCopy under a customer-managed kmsKeyId and delete this one.` };
  const ref = r.props[k.source];
  const sources = stack.refs(r, k.source, k.sourceTypes);
  const src = sources[0];
  if (!src) {
    const what = isUnknown(ref) ? "is unknown until deployment and names no resource of this stack" : `names ${show(ref)}, which is not a resource of this stack`;
    return { kind: "unverified", message: `${r.name}: ${k.source} ${what}, and the state records no ${k.output}; its encryption cannot be verified here. Snapshot a source declared in this stack, or check the source's storage encryption before trusting this snapshot.` };
  }
  if (k.type === "aws:ebs/snapshot:Snapshot" && !isSet(src.props[k.sourceFlag])) {
    // The volume relies on EBS default encryption: ebs-encryption judges that on the volume.
    return { kind: "ok" };
  }
  if (k.sourceFlag === "storageEncrypted" && isSet(src.props.replicateSourceDb)) {
    return { kind: "unverified", message: `${r.name}: its source ${src.name} is a read replica of ${show(src.props.replicateSourceDb)}, whose encryption it inherits; that source's encryption decides this snapshot's.` };
  }
  const f = flag(src.props[k.sourceFlag]);
  if (f === true) return { kind: "ok" };
  return { kind: "unencrypted", message: `${r.name} snapshots ${src.name} (${k.source}), whose ${k.sourceFlag} is ${show(src.props[k.sourceFlag])}, so the snapshot is unencrypted too; set ${k.sourceFlag}: true on ${src.name} (or copy the snapshot with a customer-managed kmsKeyId).` };
}

/** Verdicts per stack view: both snapshot policies read the same ones. */
const verdicts = new WeakMap<StackView, { urn: string; verdict: SnapshotVerdict }[]>();

function snapshotVerdicts(stack: StackView): { urn: string; verdict: SnapshotVerdict }[] {
  let v = verdicts.get(stack);
  if (!v) {
    v = [];
    for (const k of KINDS) for (const r of stack.ofType(k.type)) v.push({ urn: r.urn, verdict: snapshotVerdict(stack, r, k) });
    verdicts.set(stack, v);
  }
  return v;
}

export const snapshotEncryption = stackPolicy({
  name: "snapshot-encryption",
  description: "Database and EBS snapshots must be encrypted: a snapshot is as encrypted as its source, and an imported snapshot must ask for encryption.",
  types: [...KINDS.map((k) => k.type), ...new Set(KINDS.flatMap((k) => k.sourceTypes)), SNAPSHOT_IMPORT],
  fix: "Encrypt the source (storageEncrypted / encrypted: true) or copy the snapshot with a customer-managed kmsKeyId; aws.ebs.SnapshotImport: encrypted: true.",
  validate(stack, _ctx, report) {
    for (const { urn, verdict } of snapshotVerdicts(stack)) if (verdict.kind === "unencrypted") report(urn, verdict.message);
    for (const r of stack.ofType(SNAPSHOT_IMPORT)) {
      if (flag(r.props.encrypted) !== true) report(r.urn, wrong("encrypted", r.props.encrypted, "true with kmsKeyId a customer-managed key (an imported disk image is stored as given)"));
    }
  },
});

export const snapshotEncryptionUnverified = stackPolicy({
  name: "snapshot-encryption-unverified",
  description: "A snapshot whose source is outside the stack, and whose state records no encryption, cannot be verified.",
  enforcementLevel: "advisory",
  types: KINDS.map((k) => k.type),
  fix: "Declare the snapshot's source in the same stack, or verify its storage encryption where it is declared.",
  validate(stack, _ctx, report) {
    for (const { urn, verdict } of snapshotVerdicts(stack)) if (verdict.kind === "unverified") report(urn, verdict.message);
  },
});
