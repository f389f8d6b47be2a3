import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { tenantSftpPolicy } from "../../lib/iam/tenantRolePolicies";
import { tenantAwsTags } from "../../lib/tenants/names";
import { TenantAwsArgs, TenantSpec } from "./args";
import { TenantData } from "./data";

/** A public key's stable short name: the hash of its type and body (the comment may change freely). */
export function sshKeyId(publicKey: string): string {
  const [type, body] = publicKey.trim().split(/\s+/);
  return createHash("sha256").update(`${type} ${body}`).digest("hex").slice(0, 12);
}

/**
 * The tenant's SFTP user on the stack's Transfer Family server: service-managed, its user name the
 * slug, its logical home directory the root of its own bucket (it sees nothing else, and no real
 * bucket name), acting as the tenant's SFTP role with a session policy confined to its bucket and
 * key. A suspended tenant keeps the user but loses its keys, so nobody signs in; an offboarded one
 * has no user at all (components/tenant/data.ts hasSftpUser), and its files stay in the bucket.
 */
export function createTenantSftpUser(parent: pulumi.ComponentResource, name: string, t: TenantSpec, a: TenantAwsArgs, data: TenantData): aws.transfer.User {
  if (!data.sftpRole || !t.sftp || a.sftpServerId === undefined) throw new pulumi.ResourceError(`tenant ${t.slug}: an SFTP user needs the stack's server and the tenant's SFTP role`, parent);
  const opts: pulumi.CustomResourceOptions = { parent, provider: a.provider };
  const user = new aws.transfer.User(
    `${name}-sftp-user`,
    {
      serverId: a.sftpServerId,
      userName: t.slug,
      role: data.sftpRole.arn,
      homeDirectoryType: "LOGICAL",
      homeDirectoryMappings: [{ entry: "/", target: pulumi.interpolate`/${data.bucket.bucket}` }],
      policy: pulumi.all([data.bucket.arn, data.key.arn]).apply(([bucketArn, keyArn]) => JSON.stringify(tenantSftpPolicy({ bucketArn, keyArn }))),
      tags: tenantAwsTags(t.slug, t.dataClassification),
    },
    opts,
  );
  if (t.status === "active") {
    for (const key of t.sftp.publicKeys) {
      new aws.transfer.SshKey(`${name}-sftp-key-${sshKeyId(key)}`, { serverId: a.sftpServerId, userName: user.userName, body: key.trim() }, opts);
    }
  }
  return user;
}
