import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { TenantStatus } from "../../lib/tenants/names";

/** The tenant as the registry validated it: plain values, since they decide what exists and its names. */
export interface TenantSpec {
  readonly slug: string;
  readonly displayName: string;
  /** The workload stack hosting it (tags and Datadog `env`). */
  readonly stack: string;
  readonly hostname: string;
  readonly oktaGroups: readonly string[];
  readonly dataClassification: string;
  readonly retentionDays: number;
  readonly status: TenantStatus;
  /** The customer's own domain (Cloudflare for SaaS). No default: none. */
  readonly customHostname?: string;
  /** Tenants that deliver files to this one, each into `inbound/<slug>/` (grants in force: lib/tenants/shares.ts). Default none. */
  readonly deliveriesFrom?: readonly string[];
  /** Tenants this one delivers files to. Default none. */
  readonly deliversTo?: readonly string[];
  /** The tenant's SFTP user: its public keys. Default: no SFTP user. */
  readonly sftp?: { readonly publicKeys: readonly string[] };
}

/** The VPC endpoints a tenant's data may be reached through when the network perimeter is on. */
export interface TenantPerimeterArgs {
  /** The S3 gateway endpoint (`vpce-...`). */
  readonly s3EndpointId: pulumi.Input<string>;
  /** The KMS interface endpoint. */
  readonly kmsEndpointId: pulumi.Input<string>;
  /** The Secrets Manager interface endpoint. */
  readonly secretsManagerEndpointId: pulumi.Input<string>;
  /** The break-glass role, exempt from the perimeter (plain: it is in the policies' conditions). */
  readonly breakGlassRoleArn: string;
}

/** Where the tenant's AWS resources live and who else touches its key. */
export interface TenantAwsArgs {
  /** The stack's AWS provider; every AWS child uses it. */
  readonly provider: aws.Provider;
  /** The account id (plain: it is part of the bucket's name). */
  readonly accountId: string;
  /** The region (plain: part of the bucket's name). */
  readonly region: string;
  /** Roles that administer the tenant key without decrypting: the deployment role (and break-glass, if wanted). */
  readonly keyAdminArns: readonly pulumi.Input<string>[];
  /** The stack's deployment role: may encrypt for the tenant, never decrypt. */
  readonly deploymentRoleArn: pulumi.Input<string>;
  /** The apps' ECS task role: the only principal that may assume the tenant role, with `tenant=<slug>`. Encrypt only. */
  readonly appTaskRoleArn: pulumi.Input<string>;
  /** The network perimeter on the tenant's bucket, key and settings secret. Default: none (off). */
  readonly perimeter?: TenantPerimeterArgs;
  /** The stack's AWS Transfer Family server id: a tenant with `sftp` gets a user there. Default: none (no SFTP user). */
  readonly sftpServerId?: pulumi.Input<string>;
}

/** The environment's Cloudflare Zero Trust pieces the tenant plugs into. */
export interface TenantCloudflareArgs {
  readonly provider: cloudflare.Provider;
  readonly accountId: pulumi.Input<string>;
  readonly zoneId: pulumi.Input<string>;
  /** `<tunnel id>.cfargotunnel.com`: the tenant's DNS record points there. */
  readonly tunnelCname: pulumi.Input<string>;
  /** The Okta identity provider in Access; the tenant's Okta groups are matched through it. */
  readonly oktaIdpId: pulumi.Input<string>;
  /** The id of the Access service token the synthetic tests present. */
  readonly serviceTokenId: pulumi.Input<string>;
  /** How long an Access session lasts. Default `8h`. */
  readonly sessionDuration?: string;
  /** With data localisation, the region key (`au`) of a regional hostname next to each proxied record. Default: none. */
  readonly regionKey?: string;
  /**
   * A resource the custom hostname must wait for (the zone's Cloudflare for SaaS fallback origin).
   * Default: none.
   */
  readonly customHostnameDependsOn?: pulumi.Resource;
  /**
   * Send the custom host name's traffic to the tenant's own host name (Cloudflare for SaaS "custom
   * origin server") rather than to the zone's fallback origin: a tenant in a cell is routed by the
   * cell's tunnel, and the fallback origin points at the workload stack's. Default false.
   */
  readonly customOriginServer?: boolean;
}

/** The environment's Datadog pieces. */
export interface TenantDatadogArgs {
  readonly provider: datadog.Provider;
  /** Where alerts go, e.g. `@slack-platform-alerts` or `@pagerduty-platform`. */
  readonly notificationHandle: pulumi.Input<string>;
  /** Synthetic test locations. Default `["aws:ap-southeast-2"]` (Sydney). */
  readonly locations?: readonly string[];
  /**
   * Headers the synthetic test sends to pass Access: the service token's `CF-Access-Client-Id` and
   * `CF-Access-Client-Secret` (keep the secret a Pulumi secret or a `{{ GLOBAL_VARIABLE }}`).
   */
  readonly requestHeaders: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Datadog global variables the headers reference. Default: none. */
  readonly configVariables?: pulumi.Input<pulumi.Input<datadog.types.input.SyntheticsTestConfigVariable>[]>;
}

export interface TenantArgs {
  readonly tenant: TenantSpec;
  /** `protect: true` on the key and bucket (prod). Default false; `retainOnDelete` is always on. */
  readonly protectData?: boolean;
  readonly aws: TenantAwsArgs;
  readonly cloudflare: TenantCloudflareArgs;
  readonly datadog: TenantDatadogArgs;
}
