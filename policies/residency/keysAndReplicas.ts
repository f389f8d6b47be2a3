import { regionProblem, ResidencyConfig } from "../lib/locate";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { collect, flag, obj, Props } from "../lib/values";
import { destinationPolicy, residencyDefaults, residencySchema } from "./dataMovement";

/** KMS multi-region keys and replicas; Secrets Manager, ECR and EFS replication; VPC and TGW peering. */

const KEY = "aws:kms/key:Key";
const REPLICA_KEYS = ["aws:kms/replicaKey:ReplicaKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"];

export const kmsReplicaResidency = destinationPolicy(
  {
    name: "kms-replica-residency",
    description: "KMS replica keys must replicate a primary key in an allowed region.",
    fix: "Point primaryKeyArn at a multi-region key in ap-southeast-2 or ap-southeast-4.",
  },
  REPLICA_KEYS.map((type) => ({ type, path: "primaryKeyArn", targets: [KEY, "aws:kms/externalKey:ExternalKey"], what: "primary key" })),
);

export const kmsMultiRegionKeys = stackPolicy({
  name: "kms-multi-region-keys",
  description: "A multi-region KMS key should have all its replicas declared in this stack (so their regions are checked); replicas elsewhere cannot be seen.",
  enforcementLevel: "advisory",
  types: [KEY, ...REPLICA_KEYS],
  fix: "Declare every aws.kms.ReplicaKey of the key in this stack, or set multiRegion: false.",
  validate(stack, _ctx, report) {
    for (const k of stack.ofType(KEY)) {
      if (flag(k.props.multiRegion) !== true) continue;
      if (stack.referrers(k, REPLICA_KEYS, "primaryKeyArn").length === 0) {
        report(k.urn, `multiRegion is true but no replica of ${k.name} is declared in this stack, so where its key material is copied cannot be checked; declare its aws.kms.ReplicaKey resources here (in ap-southeast-2/4), or set multiRegion to false.`);
      }
    }
  },
});

const SECRET = "aws:secretsmanager/secret:Secret";
const ECR_REPLICATION = "aws:ecr/replicationConfiguration:ReplicationConfiguration";
const EFS_REPLICATION = "aws:efs/replicationConfiguration:ReplicationConfiguration";
const PEERINGS = ["aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "aws:ec2transitgateway/peeringAttachment:PeeringAttachment"];

export const replicaResidency = resourcePolicy<Props, ResidencyConfig>({
  name: "replica-residency",
  description: "Secret replicas, ECR and EFS replication destinations and peering connections must stay in allowed regions.",
  types: [SECRET, ECR_REPLICATION, EFS_REPLICATION, ...PEERINGS],
  fix: "Set replicas[].region / destinations[].region / destination.region / peerRegion to ap-southeast-2 or ap-southeast-4.",
  config: residencySchema,
  defaults: residencyDefaults,
  validate(p, ctx, report) {
    const allowed = ctx.config.allowedRegions;
    const check = (path: string) => {
      for (const f of collect(p, path)) {
        const m = regionProblem(f.path, f.value, allowed);
        if (m) report(m);
      }
    };
    if (ctx.type === SECRET) check("replicas[].region");
    else if (ctx.type === ECR_REPLICATION) check("replicationConfiguration.rules[].destinations[].region");
    else if (ctx.type === EFS_REPLICATION) {
      // An omitted destination region replicates within the source's region, which placement judges.
      if (obj(p.destination)?.region !== undefined) check("destination.region");
    } else check("peerRegion");
  },
});
