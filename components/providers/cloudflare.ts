import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";

export interface CloudflareProviderArgs {
  /** A Cloudflare API token scoped to the account and zone; a Pulumi secret (`cfg.secrets.cloudflareApiToken`). */
  readonly apiToken: pulumi.Output<string>;
}

/**
 * The stack's Cloudflare provider. Default providers are disabled in Pulumi.yaml, so every Cloudflare
 * resource and data-source call must be given this one; the token stays a secret in state.
 */
export function cloudflareProvider(name: string, args: CloudflareProviderArgs, opts?: pulumi.CustomResourceOptions): cloudflare.Provider {
  return new cloudflare.Provider(name, { apiToken: pulumi.secret(args.apiToken) }, opts);
}
