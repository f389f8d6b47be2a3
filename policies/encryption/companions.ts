import { Companion, companionsOutsideStack } from "../lib/companions";
import { ViewResource } from "../lib/stack";
import { isSet } from "../lib/values";
import { KEY_SITES } from "./cmkTable";
import { DATABASE_GROUPS } from "./databaseTls";

/**
 * The encryption pack's settings carried by another resource, followed inside the stack by the
 * policies that judge them (database-require-tls, cache-transit-encryption, glue-encryption,
 * cmk-required); those that lead outside the stack are listed by one advisory policy.
 */

const KEY_TYPES = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey", "aws:kms/alias:Alias"];

/** AWS-managed keys (`alias/aws/<service>`) are AWS's, in every account: nothing to find in a stack. */
const awsManagedAlias = (v: string) => /(^|:)alias\/aws\//.test(v);

/** Each key site of the CMK table: the key it names is customer-managed only if it is a key (or alias) we can see. */
const KEY_REFERENCES: readonly Companion[] = KEY_SITES.flatMap((site) =>
  site.keys.map(
    (prop): Companion => ({
      from: [site.type],
      prop,
      to: KEY_TYPES,
      what: "KMS key",
      carries: "whether it is customer-managed and rotates",
      applies: site.when ? (r: ViewResource) => site.when!(r.props) : undefined,
      builtIn: awsManagedAlias,
    }),
  ),
);

export const CACHE_MEMBERS: Companion = {
  from: ["aws:elasticache/cluster:Cluster"],
  prop: "replicationGroupId",
  to: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  what: "replication group",
  carries: "the transit encryption its member clusters inherit",
};

export const GLUE_SECURITY_CONFIGURATIONS: Companion = {
  from: ["aws:glue/job:Job", "aws:glue/crawler:Crawler"],
  prop: "securityConfiguration",
  to: ["aws:glue/securityConfiguration:SecurityConfiguration"],
  what: "Glue security configuration",
  carries: "its S3, CloudWatch and bookmark encryption",
  applies: (r) => isSet(r.props.securityConfiguration),
};

export const ENCRYPTION_COMPANIONS: readonly Companion[] = [...DATABASE_GROUPS, CACHE_MEMBERS, GLUE_SECURITY_CONFIGURATIONS, ...KEY_REFERENCES];

export const encryptionCompanionsOutsideStack = companionsOutsideStack(
  "encryption-companions-outside-stack",
  "parameter groups, replication groups, Glue security configurations, KMS keys",
  ENCRYPTION_COMPANIONS,
);
