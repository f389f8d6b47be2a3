import * as pulumi from "@pulumi/pulumi";
import { tenantComponentName } from "../../lib/tenants/names";
import { statusEffects } from "../../lib/tenants/status";
import { CustomHostnameRecords, createTenantAccess } from "./access";
import { TenantArgs } from "./args";
import { createTenantData } from "./data";
import { createTenantMonitoring } from "./monitoring";
import { createTenantSftpUser } from "./sftp";

/**
 * One white-label tenant in its environment's workload stack: its customer key ("no super user":
 * the platform encrypts, only the tenant's role decrypts), its bucket, role and settings secret; its
 * way in through Cloudflare Access; its synthetic test and monitor.
 *
 * Its status decides what exists: a suspended tenant keeps everything but Access denies everyone;
 * an offboarded one loses its way in (Access application and policies, DNS record, custom
 * hostname, and, outside this component, its tunnel ingress rule) and its synthetic test and
 * monitor, and keeps its data. Every child is named `tenant-<slug>-<part>`, so no tenant's
 * resources depend on another's, and the cost of a tenant does not grow with their number.
 */
export class Tenant extends pulumi.ComponentResource {
  readonly slug: string;
  readonly roleArn: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly secretArn: pulumi.Output<string>;
  /** The Access application's audience tag; undefined once offboarded. */
  readonly accessAud?: pulumi.Output<string>;
  /** What the customer publishes for its own domain; undefined without a custom hostname or once offboarded. */
  readonly customHostnameRecords?: CustomHostnameRecords;
  /** The tenant's SFTP user name on the stack's server; undefined without one. */
  readonly sftpUserName?: pulumi.Output<string>;

  constructor(args: TenantArgs, opts?: pulumi.ComponentResourceOptions) {
    const t = args.tenant;
    const name = tenantComponentName(t.slug);
    // Only the slug and status go to super(): component inputs are stored in state.
    super("landing-zone:tenant:Tenant", name, { slug: t.slug, status: t.status }, opts);
    if (args.aws.keyAdminArns.length === 0) throw new pulumi.ResourceError(`tenant ${t.slug}: keyAdminArns is empty; the key would have no administrator`, this);

    const effects = statusEffects(t.status);
    const data = createTenantData(this, name, t, args.aws, args.protectData ?? false);
    const access = effects.reachable ? createTenantAccess(this, name, t, args.cloudflare, effects) : undefined;
    if (effects.monitored) createTenantMonitoring(this, name, t, args.datadog, effects);
    const sftpUser = data.sftpRole ? createTenantSftpUser(this, name, t, args.aws, data) : undefined;

    this.slug = t.slug;
    this.roleArn = data.role.arn;
    this.keyArn = data.key.arn;
    this.bucketName = data.bucket.bucket;
    this.secretArn = data.secret.arn;
    this.accessAud = access?.application.aud;
    this.customHostnameRecords = access?.records;
    this.sftpUserName = sftpUser?.userName;
    this.registerOutputs({
      roleArn: this.roleArn,
      keyArn: this.keyArn,
      bucketName: this.bucketName,
      secretArn: this.secretArn,
      accessAud: this.accessAud,
      sftpUserName: this.sftpUserName,
    });
  }
}
