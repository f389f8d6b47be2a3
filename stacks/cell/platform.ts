import * as pulumi from "@pulumi/pulumi";

/**
 * What a workload stack shares with its tenant cells: its stack output `tenantPlatform`, which each
 * cell reads by StackReference. Only what exists once the workload stack is deployed (ids, ARNs)
 * travels this way; what decides the shape or the names of a cell's resources (the zone, the team
 * name, data localisation, the Datadog site, the account) is config, which a cell reads from its
 * workload stack's file through config/ (config/index.ts loadStack), validated with its own.
 *
 * Tenants consume exactly these values, so a tenant's resources are the same, name for name and
 * value for value, in the workload stack and in a cell: that is what lets `pulumi state move` carry
 * a tenant over without replacing its data (docs/CELLS.md). Everything about another tenant a
 * tenant may need (to share its data, say) derives from that tenant's slug and the account
 * (lib/tenants/names.ts), never from the stack it lives in.
 */
export interface TenantPlatform {
  /** The environment's account and region: a cell checks they are its own. */
  readonly accountId: string;
  readonly region: string;
  readonly vpc: {
    readonly id: string;
    readonly cidr: string;
    /** The app tier's subnets, one per AZ: a cell's cloudflared connector runs there. */
    readonly appSubnetIds: string[];
    /** The interface endpoints' security group. */
    readonly endpointSecurityGroupId: string;
  };
  readonly aws: {
    /** Who administers tenant keys without decrypting (the deployment role). */
    readonly keyAdminArns: string[];
    /** The deployment role: may encrypt for a tenant, never decrypt. */
    readonly deploymentRoleArn: string;
    /** The apps' ECS task role: the only principal that may assume a tenant role. */
    readonly appTaskRoleArn: string;
  };
  /** The network perimeter's endpoints (tenant key and bucket policies require them), when `landing-zone:perimeter` is on. */
  readonly perimeter?: { readonly s3EndpointId: string; readonly kmsEndpointId: string; readonly secretsManagerEndpointId: string; readonly breakGlassRoleArn: string };
  /** The environment's SFTP server, when a tenant of the environment has `sftp`. */
  readonly sftpServerId?: string;
  readonly cloudflare: {
    /** The Okta identity provider in Access. */
    readonly oktaIdpId: string;
    /** The Access service token the synthetic tests present. */
    readonly serviceTokenId: string;
    /** The zone's Cloudflare for SaaS fallback origin (`saas-fallback.<zone>`); absent when no tenant of the environment brings its own domain. */
    readonly saasFallbackOrigin?: string;
  };
  readonly datadog: {
    readonly notificationHandle: string;
    readonly locations: string[];
    /** Headers that reference the Datadog global variables holding the service token (no secret here). */
    readonly requestHeaders: Record<string, string>;
    readonly configVariables: { type: string; name: string; id: string }[];
  };
}

/** The workload side: the output, from the values the workload stack built. */
export type TenantPlatformInput = { [K in keyof TenantPlatform]: pulumi.Input<unknown> };

/** The cell side: one field of the referenced workload stack's `tenantPlatform`, as an Output. */
export function platformField<T>(platform: pulumi.Output<TenantPlatform>, pick: (p: TenantPlatform) => T | undefined, what: string, workload: string): pulumi.Output<T> {
  return platform.apply((p) => {
    const v = p ? pick(p) : undefined;
    if (v === undefined || v === null) throw new Error(`the workload stack ${workload} exports no tenantPlatform ${what}; deploy it (pulumi up on ${workload}) before its cells`);
    return v;
  }) as pulumi.Output<T>;
}
