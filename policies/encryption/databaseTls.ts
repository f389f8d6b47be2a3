import { Companion, follow, unknownMessage } from "../lib/companions";
import { show, wrong } from "../lib/messages";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { collect, flag, isSet, obj, Props, str } from "../lib/values";

/**
 * Databases require TLS through their parameter groups, so the database is judged with the group it
 * names: RDS/Aurora (`rds.force_ssl` or `require_secure_transport`), Redshift (`require_ssl`),
 * Redshift Serverless (`configParameters`), RDS Proxy (`requireTls`). A default group does not force
 * TLS, so a database without its own group fails; a group named but unknown at preview with no
 * dependency fails closed; a group outside the stack is listed (advisory) by
 * encryption-companions-outside-stack instead of guessed.
 */

const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const RDS_PG = "aws:rds/parameterGroup:ParameterGroup";
const RDS_CPG = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const RDS_PROXY = "aws:rds/proxy:Proxy";
const REDSHIFT = "aws:redshift/cluster:Cluster";
const REDSHIFT_PG = "aws:redshift/parameterGroup:ParameterGroup";
const REDSHIFT_WG = "aws:redshiftserverless/workgroup:Workgroup";
const DOCDB_CPG = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";

const TRUE_VALUES = ["1", "on", "true"];

/** The TLS parameter an engine uses, or undefined for engines this check does not cover (Oracle, Db2). */
export function tlsParameterFor(engine: string | undefined): string | undefined {
  const e = (engine ?? "").toLowerCase();
  if (e === "postgres" || e === "aurora-postgresql" || e.startsWith("sqlserver")) return "rds.force_ssl";
  if (e === "mysql" || e === "mariadb" || e === "aurora-mysql" || e === "aurora") return "require_secure_transport";
  return undefined;
}

function paramValue(group: ViewResource, name: string, listPath = "parameters[]", key = "name", valueKey = "value"): unknown {
  for (const f of collect(group.props, listPath)) {
    const p = obj(f.value);
    if (p && str(p[key]) === name) return p[valueKey];
  }
  return undefined;
}

function isOn(v: unknown): boolean {
  return TRUE_VALUES.includes((str(v) ?? "").toLowerCase());
}

/** A default parameter group (`default.postgres16`, `default:...`) forces nothing. */
function isDefaultGroup(v: string): boolean {
  return /^default[.:]/.test(v);
}

const standalone = (db: ViewResource) => !isSet(db.props.clusterIdentifier) && !isSet(db.props.replicateSourceDb);

/** The parameter groups that carry a database's TLS setting, followed by companions.ts. */
export const DATABASE_GROUPS: readonly Companion[] = [
  // Aurora instances take TLS settings from their cluster's group; read replicas from their source.
  { from: [RDS_INSTANCE], prop: "parameterGroupName", to: [RDS_PG], what: "parameter group", carries: "its TLS parameter", applies: (db) => standalone(db) && !!tlsParameterFor(str(db.props.engine)), builtIn: isDefaultGroup },
  { from: [RDS_CLUSTER], prop: "dbClusterParameterGroupName", to: [RDS_CPG], what: "cluster parameter group", carries: "its TLS parameter", applies: (db) => !!tlsParameterFor(str(db.props.engine)), builtIn: isDefaultGroup },
  { from: [REDSHIFT], prop: "clusterParameterGroupName", to: [REDSHIFT_PG], what: "parameter group", carries: "its require_ssl parameter", builtIn: isDefaultGroup },
];

/** Judges a database with the group it names; a group outside the stack is listed by the advisory companions policy. */
function judge(stack: StackView, db: ViewResource, c: Companion, param: string, groupKind: string, report: (urn: string, m: string) => void): void {
  const value = param === "require_ssl" ? "true" : "1";
  const fix = `set ${c.prop} to an ${groupKind} (in this stack) whose parameters include { name: "${param}", value: "${value}" }`;
  for (const f of follow(stack, db, c)) {
    if (f.kind === "absent" || f.kind === "built-in") {
      report(db.urn, `${c.prop} is ${show(f.kind === "built-in" ? f.value : undefined)}: the default parameter group does not force TLS; ${fix}.`);
    } else if (f.kind === "unknown") {
      report(db.urn, unknownMessage(db, c, f.path));
    } else if (f.kind === "in-stack") {
      for (const g of f.targets) {
        const v = paramValue(g, param);
        if (!isOn(v) && !isUnknown(v)) report(db.urn, `${groupKind} ${g.name} sets ${param} to ${show(v)}; add { name: "${param}", value: "${value}" } to its parameters.`);
      }
    }
  }
}

export const databaseRequireTls = stackPolicy({
  name: "database-require-tls",
  description: "Databases must refuse unencrypted client connections, through their parameter groups (or requireTls on an RDS proxy).",
  types: [RDS_INSTANCE, RDS_CLUSTER, RDS_PROXY, REDSHIFT, REDSHIFT_WG],
  fix: "Attach a parameter group that sets rds.force_ssl=1 (PostgreSQL, SQL Server) or require_secure_transport=1 (MySQL, MariaDB), require_ssl=true (Redshift); set requireTls: true on RDS proxies.",
  validate(stack, _ctx, report) {
    const [instances, clusters, redshift] = DATABASE_GROUPS;
    for (const db of stack.ofType(RDS_INSTANCE)) if (instances.applies!(db)) judge(stack, db, instances, tlsParameterFor(str(db.props.engine))!, "aws.rds.ParameterGroup", report);
    for (const db of stack.ofType(RDS_CLUSTER)) if (clusters.applies!(db)) judge(stack, db, clusters, tlsParameterFor(str(db.props.engine))!, "aws.rds.ClusterParameterGroup", report);
    for (const db of stack.ofType(REDSHIFT)) judge(stack, db, redshift, "require_ssl", "aws.redshift.ParameterGroup", report);
    for (const px of stack.ofType(RDS_PROXY)) {
      if (flag(px.props.requireTls) !== true) report(px.urn, wrong("requireTls", px.props.requireTls, "true"));
    }
    for (const wg of stack.ofType(REDSHIFT_WG)) {
      const v = paramValue(wg, "require_ssl", "configParameters[]", "parameterKey", "parameterValue");
      if (!isOn(v) && !isUnknown(v)) report(wg.urn, `configParameters sets require_ssl to ${show(v)}; add { parameterKey: "require_ssl", parameterValue: "true" } to configParameters.`);
    }
  },
});

export const docdbTls = resourcePolicy<Props>({
  name: "docdb-tls",
  description: "DocumentDB cluster parameter groups must not turn TLS off.",
  types: [DOCDB_CPG],
  fix: 'Remove the tls parameter or set it to "enabled" (or "tls1.2+").',
  validate(p, _ctx, report) {
    for (const f of collect(p, "parameters[]")) {
      const prm = obj(f.value);
      if (prm && str(prm.name) === "tls" && (str(prm.value) === "disabled" || isUnknown(prm.value))) {
        report(`${f.path} sets tls to ${show(prm.value)}; set it to "enabled" (or "tls1.2+").`);
      }
    }
  },
});
