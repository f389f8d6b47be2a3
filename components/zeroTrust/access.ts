import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";

/** One internal app behind Access. */
export interface AccessAppSpec {
  /** A short name, unique in the environment: `admin-portal`; used in resource names. */
  readonly name: string;
  /** The hostname Access protects. */
  readonly hostname: string;
  /** The Okta groups allowed in (any of them). */
  readonly oktaGroups: readonly string[];
  /** How long an Access session lasts, e.g. `8h`. */
  readonly sessionDuration: string;
}

export interface ZeroTrustAccessArgs {
  /** The Cloudflare account that owns the Access applications and the identity provider. */
  readonly accountId: string;
  /** The Okta OIDC application: org URL, client id and, optionally, a custom authorization server. */
  readonly okta: { readonly accountUrl: string; readonly clientId: string; readonly authorizationServerId?: string };
  /** The Okta application's client secret; a Pulumi secret. */
  readonly oktaClientSecret: pulumi.Input<string>;
  /** The internal apps, one Access application each. Default: none. */
  readonly apps?: readonly AccessAppSpec[];
  /** Prefix of the names shown in the Cloudflare dashboard (one account serves several environments): `landing-zone dev`. */
  readonly displayPrefix: string;
  /** Lifetime of the synthetics service token. Default `8760h` (a year; rotate by bumping `serviceTokenVersion`). */
  readonly serviceTokenDuration?: string;
  /** Incrementing it rotates the service token's client secret. Default 1. */
  readonly serviceTokenVersion?: number;
  /** The Cloudflare provider. */
  readonly provider: cloudflare.Provider;
}

/** What other parts need of one Access application. */
export interface AccessAppOutputs {
  readonly id: pulumi.Output<string>;
  /** The audience tag cloudflared checks at the origin. */
  readonly aud: pulumi.Output<string>;
}

/**
 * Cloudflare Access for an environment: Okta as the identity provider, one self-hosted application
 * per internal app with a policy that admits its Okta groups, and a service token (with a reusable
 * policy that admits it) for the synthetic tests.
 */
export class ZeroTrustAccess extends pulumi.ComponentResource {
  readonly identityProviderId: pulumi.Output<string>;
  /** The applications by hostname. */
  readonly apps: Readonly<Record<string, AccessAppOutputs>>;
  readonly serviceTokenId: pulumi.Output<string>;
  readonly serviceTokenClientId: pulumi.Output<string>;
  /** The service token's client secret, a Pulumi secret. */
  readonly serviceTokenClientSecret: pulumi.Output<string>;
  /** A reusable Access policy admitting the service token (decision `non_identity`); add it to any app the synthetics test. */
  readonly serviceTokenPolicyId: pulumi.Output<string>;

  constructor(name: string, args: ZeroTrustAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:zeroTrust:ZeroTrustAccess", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const apps = args.apps ?? [];
    const names = new Set<string>();
    for (const a of apps) {
      if (names.has(a.name)) throw new pulumi.ResourceError(`two Access apps are named "${a.name}"; names must be unique`, this);
      names.add(a.name);
      if (a.oktaGroups.length === 0) throw new pulumi.ResourceError(`the Access app "${a.name}" admits no Okta group`, this);
    }

    const idp = new cloudflare.ZeroTrustAccessIdentityProvider(
      `${name}-okta`,
      {
        accountId: args.accountId,
        name: `${args.displayPrefix} Okta`,
        type: "okta",
        config: {
          oktaAccount: args.okta.accountUrl,
          clientId: args.okta.clientId,
          clientSecret: pulumi.secret(args.oktaClientSecret),
          ...(args.okta.authorizationServerId ? { authorizationServerId: args.okta.authorizationServerId } : {}),
          claims: ["groups"],
        },
      },
      child,
    );
    this.identityProviderId = idp.id;

    const token = new cloudflare.ZeroTrustAccessServiceToken(
      `${name}-synthetics`,
      {
        accountId: args.accountId,
        name: `${args.displayPrefix} synthetics`,
        duration: args.serviceTokenDuration ?? "8760h",
        clientSecretVersion: args.serviceTokenVersion ?? 1,
      },
      child,
    );
    this.serviceTokenId = token.id;
    this.serviceTokenClientId = token.clientId;
    // The provider marks it secret in a real engine; say so here too, so no copy of it is ever plain.
    this.serviceTokenClientSecret = pulumi.secret(token.clientSecret);

    const tokenPolicy = new cloudflare.ZeroTrustAccessPolicy(
      `${name}-synthetics`,
      {
        accountId: args.accountId,
        name: `${args.displayPrefix} synthetics service token`,
        decision: "non_identity",
        includes: [{ serviceToken: { tokenId: token.id } }],
      },
      child,
    );
    this.serviceTokenPolicyId = tokenPolicy.id;

    const out: Record<string, AccessAppOutputs> = {};
    for (const a of apps) {
      const policy = new cloudflare.ZeroTrustAccessPolicy(
        `${name}-${a.name}`,
        {
          accountId: args.accountId,
          name: `${args.displayPrefix} ${a.name}: Okta groups`,
          decision: "allow",
          includes: a.oktaGroups.map((group) => ({ okta: { identityProviderId: idp.id, name: group } })),
          sessionDuration: a.sessionDuration,
        },
        child,
      );
      const app = new cloudflare.ZeroTrustAccessApplication(
        `${name}-${a.name}`,
        {
          accountId: args.accountId,
          name: `${args.displayPrefix} ${a.name}`,
          type: "self_hosted",
          domain: a.hostname,
          destinations: [{ type: "public", uri: a.hostname }],
          sessionDuration: a.sessionDuration,
          allowedIdps: [idp.id],
          autoRedirectToIdentity: true,
          appLauncherVisible: true,
          httpOnlyCookieAttribute: true,
          sameSiteCookieAttribute: "lax",
          serviceAuth401Redirect: true,
          policies: [
            { id: policy.id, precedence: 1 },
            { id: tokenPolicy.id, precedence: 2 },
          ],
        },
        child,
      );
      out[a.hostname] = { id: app.id, aud: app.aud };
    }
    this.apps = out;

    this.registerOutputs({
      identityProviderId: this.identityProviderId,
      apps: this.apps,
      serviceTokenId: this.serviceTokenId,
      serviceTokenClientId: this.serviceTokenClientId,
      serviceTokenClientSecret: this.serviceTokenClientSecret,
      serviceTokenPolicyId: this.serviceTokenPolicyId,
    });
  }
}
