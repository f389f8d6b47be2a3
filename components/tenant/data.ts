import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tenantBucketPolicy } from "../../lib/iam/tenantBucketPolicy";
import { tenantKeyPolicy } from "../../lib/iam/tenantKeyPolicy";
import { NetworkPerimeter } from "../../lib/iam/tenantPerimeter";
import { tenantRolePolicy, tenantSftpPolicy, tenantSftpTrustPolicy, tenantTrustPolicy } from "../../lib/iam/tenantRolePolicies";
import { tenantSecretPolicy } from "../../lib/iam/tenantSecretPolicy";
import { tenantLifecycle } from "../../lib/tenants/lifecycle";
import { TENANT_ROLE_PATH } from "../../lib/zeroTrust/connector";
import { inboundPrefix } from "../../lib/iam/tenantBucketPolicy";
import {
  TENANT_SFTP_ROLE_PATH,
  tenantAwsTags,
  tenantBucketName,
  tenantKeyAlias,
  tenantRoleArn,
  tenantRoleName,
  tenantRolesPattern,
  tenantSecretName,
  tenantSftpRoleName,
} from "../../lib/tenants/names";
import { TenantAwsArgs, TenantSpec } from "./args";

/** The tenant's AWS side: what holds its data and who can read it. Exists in every status. */
export interface TenantData {
  readonly role: aws.iam.Role;
  readonly key: aws.kms.Key;
  readonly bucket: aws.s3.Bucket;
  readonly secret: aws.secretsmanager.Secret;
  /** The role AWS Transfer Family acts as for the tenant's SFTP users; undefined without an SFTP user. */
  readonly sftpRole?: aws.iam.Role;
}

/** Whether the tenant has an SFTP user: it asks for one, the stack has a server, and it is not offboarded. */
export function hasSftpUser(t: TenantSpec, a: TenantAwsArgs): boolean {
  return t.sftp !== undefined && a.sftpServerId !== undefined && t.status !== "offboarded";
}

function perimeterOf(endpointId: string, breakGlassRoleArn: string, others: readonly string[] = []): NetworkPerimeter {
  return { endpointId, exemptPrincipalArns: [breakGlassRoleArn, ...others] };
}

/**
 * Creates the key, bucket, role and settings secret as children of `parent`.
 *
 * Deleting a tenant file removes the tenant from the program, and Pulumi deletes what a program no
 * longer declares, unless the resource says otherwise. So the key and the bucket carry
 * `retainOnDelete: true` (Pulumi forgets them but leaves them in AWS), the bucket has no
 * `forceDestroy` (S3 refuses to delete a bucket that holds objects anyway), and in prod they are also
 * `protect`ed, so such a deployment stops with an error instead. The settings secret is retained
 * too, and so are the bucket's settings (encryption, versioning, public access block, ownership,
 * policy), so a retained bucket stays private, encrypted and TLS-only. Its lifecycle is not: once
 * nothing manages the bucket, nothing expires in it. The role goes, and with it the only way to
 * decrypt, until the key administrators grant it back (docs/TENANTS.md).
 */
export function createTenantData(parent: pulumi.ComponentResource, name: string, t: TenantSpec, a: TenantAwsArgs, protectData: boolean): TenantData {
  const opts: pulumi.CustomResourceOptions = { parent, provider: a.provider };
  const kept: pulumi.CustomResourceOptions = { ...opts, retainOnDelete: true };
  const stateful: pulumi.CustomResourceOptions = { ...kept, protect: protectData };
  const tags = tenantAwsTags(t.slug, t.dataClassification);

  const role = new aws.iam.Role(
    `${name}-role`,
    {
      name: tenantRoleName(t.slug),
      // The app task role may assume roles under this path only (lib/zeroTrust/connector.ts).
      path: TENANT_ROLE_PATH,
      description: `Tenant ${t.slug}: the only principal that can decrypt its data. Assumed by the app task role with session tag tenant=${t.slug}.`,
      assumeRolePolicy: pulumi.output(a.appTaskRoleArn).apply((appTaskRoleArn) => JSON.stringify(tenantTrustPolicy({ slug: t.slug, appTaskRoleArn }))),
      maxSessionDuration: 3600,
      tags,
    },
    opts,
  );

  const sftp = hasSftpUser(t, a);
  const sftpRole = sftp
    ? new aws.iam.Role(
        `${name}-sftp-role`,
        {
          name: tenantSftpRoleName(t.slug),
          path: TENANT_SFTP_ROLE_PATH,
          description: `Tenant ${t.slug}: what AWS Transfer Family does for its SFTP users; its bucket and key only`,
          assumeRolePolicy: pulumi.output(a.sftpServerId as pulumi.Input<string>).apply((serverId) => JSON.stringify(tenantSftpTrustPolicy({ accountId: a.accountId, region: a.region, serverId }))),
          maxSessionDuration: 3600,
          tags,
        },
        opts,
      )
    : undefined;
  const senders = (t.deliveriesFrom ?? []).map((from) => ({ from, roleArn: tenantRoleArn(from, a.accountId) }));
  const perimeter = a.perimeter;
  const sftpRoleArn = sftpRole ? sftpRole.arn : pulumi.output(undefined);

  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `Tenant ${t.slug}: encrypts its bucket and settings; only role ${tenantRoleName(t.slug)} can decrypt`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi
        .all([pulumi.all(a.keyAdminArns.map((x) => pulumi.output(x))), a.deploymentRoleArn, a.appTaskRoleArn, role.arn, sftpRoleArn, perimeter?.kmsEndpointId])
        .apply(([keyAdminArns, deploymentRoleArn, appTaskRoleArn, tenantRoleArn, sftpArn, kmsEndpointId]) =>
          JSON.stringify(
            tenantKeyPolicy({
              keyAdminArns,
              encryptOnlyArns: [deploymentRoleArn, appTaskRoleArn],
              tenantRoleArn,
              ownAgentArns: sftpArn ? [sftpArn] : [],
              senderArns: senders.map((x) => x.roleArn),
              accountId: a.accountId,
              perimeter: perimeter && kmsEndpointId ? perimeterOf(kmsEndpointId, perimeter.breakGlassRoleArn) : undefined,
            }),
          ),
        ),
      tags,
    },
    stateful,
  );
  new aws.kms.Alias(`${name}-key-alias`, { name: tenantKeyAlias(t.slug), targetKeyId: key.keyId }, opts);

  const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: tenantBucketName(t.slug, a.accountId, a.region), forceDestroy: false, tags }, stateful);
  const ownership = new aws.s3.BucketOwnershipControls(`${name}-bucket-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, kept);
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${name}-bucket-public-access`,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    kept,
  );
  const versioning = new aws.s3.BucketVersioning(`${name}-bucket-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, kept);
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-bucket-encryption`,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
    kept,
  );
  new aws.s3.BucketPolicy(
    `${name}-bucket-policy`,
    {
      bucket: bucket.id,
      policy: pulumi.all([bucket.arn, key.arn, role.arn, sftpRoleArn, perimeter?.s3EndpointId]).apply(([bucketArn, keyArn, tenantRoleArn, sftpArn, s3EndpointId]) =>
        JSON.stringify(
          tenantBucketPolicy({
            bucketArn,
            keyArn,
            tenantRoleArn,
            ownAgentArns: sftpArn ? [sftpArn] : [],
            deliveries: senders,
            tenantRolePattern: tenantRolesPattern(a.accountId),
            // The SFTP role's requests come from Transfer Family's network, after the VPC-internal server let the user in.
            perimeter: perimeter && s3EndpointId ? perimeterOf(s3EndpointId, perimeter.breakGlassRoleArn, sftpArn ? [sftpArn] : []) : undefined,
          }),
        ),
      ),
    },
    { ...kept, dependsOn: [publicAccess, ownership] },
  );
  const life = tenantLifecycle(t.retentionDays);
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-bucket-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "retention",
          status: "Enabled",
          filter: {},
          expiration: { days: life.expireAfterDays },
          noncurrentVersionExpiration: { noncurrentDays: life.noncurrentExpireAfterDays },
          transitions: [
            ...(life.infrequentAccessAfterDays !== undefined ? [{ days: life.infrequentAccessAfterDays, storageClass: "STANDARD_IA" }] : []),
            ...(life.glacierInstantAfterDays !== undefined ? [{ days: life.glacierInstantAfterDays, storageClass: "GLACIER_IR" }] : []),
          ],
          abortIncompleteMultipartUpload: { daysAfterInitiation: life.abortIncompleteUploadsAfterDays },
        },
        { id: "expired-delete-markers", status: "Enabled", filter: {}, expiration: { expiredObjectDeleteMarker: true } },
      ],
    },
    { ...opts, dependsOn: [versioning] },
  );

  const secret = new aws.secretsmanager.Secret(
    `${name}-settings`,
    {
      name: tenantSecretName(t.slug),
      description: `Settings of tenant ${t.slug}; encrypted with its key, readable only by its role`,
      kmsKeyId: key.arn,
      recoveryWindowInDays: 30,
      tags,
    },
    // The tenant's settings are its data too: kept when the file goes, like the key and bucket.
    kept,
  );
  if (perimeter) {
    new aws.secretsmanager.SecretPolicy(
      `${name}-settings-policy`,
      {
        secretArn: secret.arn,
        blockPublicPolicy: true,
        policy: pulumi.output(perimeter.secretsManagerEndpointId).apply((endpointId) => JSON.stringify(tenantSecretPolicy({ perimeter: perimeterOf(endpointId, perimeter.breakGlassRoleArn) }))),
      },
      kept,
    );
  }
  new aws.iam.RolePolicy(
    `${name}-role-policy`,
    {
      role: role.id,
      name: "tenant-data",
      policy: pulumi.all([bucket.arn, key.arn, secret.arn]).apply(([bucketArn, keyArn, secretArn]) =>
        JSON.stringify(
          tenantRolePolicy({
            bucketArn,
            keyArn,
            secretArn,
            deliversTo: (t.deliversTo ?? []).map((to) => ({
              slug: to,
              bucketArn: `arn:aws:s3:::${tenantBucketName(to, a.accountId, a.region)}`,
              keyAlias: tenantKeyAlias(to),
              keysInAccount: `arn:aws:kms:${a.region}:${a.accountId}:key/*`,
              prefix: inboundPrefix(t.slug),
            })),
          }),
        ),
      ),
    },
    opts,
  );
  if (sftpRole) {
    new aws.iam.RolePolicy(
      `${name}-sftp-role-policy`,
      { role: sftpRole.id, name: "tenant-sftp", policy: pulumi.all([bucket.arn, key.arn]).apply(([bucketArn, keyArn]) => JSON.stringify(tenantSftpPolicy({ bucketArn, keyArn }))) },
      opts,
    );
  }
  return { role, key, bucket, secret, sftpRole };
}
