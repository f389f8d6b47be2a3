import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AwsAccountProviderArgs {
  /** The 12-digit account the provider may touch; any other account is refused (`allowedAccountIds`). */
  readonly accountId: string;
  /** The region resources go to unless they set their own `region`. Validated as Australian by config. */
  readonly region: string;
  /** The role assumed in the account, by name. */
  readonly deploymentRoleName: string;
  /** The session name, visible in CloudTrail: `landing-zone-<stack>`. */
  readonly sessionName: string;
  /** Default tags on every taggable resource (environment, owner, data classification). */
  readonly defaultTags: Record<string, string>;
}

/**
 * The one AWS provider of a stack: it assumes the deployment role in the stack's own account and
 * refuses every other account, so a mistyped credential cannot deploy into the wrong place.
 * Default providers are disabled in Pulumi.yaml, so every resource must be given this provider.
 */
export function awsAccountProvider(name: string, args: AwsAccountProviderArgs, opts?: pulumi.CustomResourceOptions): aws.Provider {
  return pinnedAwsProvider(
    name,
    {
      accountId: args.accountId,
      region: args.region,
      roleChain: [`arn:aws:iam::${args.accountId}:role/${args.deploymentRoleName}`],
      sessionName: args.sessionName,
      defaultTags: args.defaultTags,
    },
    opts,
  );
}

export interface PinnedAwsProviderArgs {
  /** The only account the provider may touch (`allowedAccountIds`). */
  readonly accountId: string;
  /** The provider's region. */
  readonly region: string;
  /** The roles assumed in order (a role chain); the last one is in `accountId`. */
  readonly roleChain: readonly string[];
  /** The session name of every hop, visible in CloudTrail. */
  readonly sessionName: string;
  readonly defaultTags: Record<string, string>;
}

/** An AWS provider pinned to one account and region, reached through a chain of assumed roles. */
export function pinnedAwsProvider(name: string, args: PinnedAwsProviderArgs, opts?: pulumi.CustomResourceOptions): aws.Provider {
  return new aws.Provider(
    name,
    {
      region: args.region as aws.Region,
      allowedAccountIds: [args.accountId],
      assumeRoles: args.roleChain.map((roleArn) => ({ roleArn, sessionName: args.sessionName })),
      defaultTags: { tags: args.defaultTags },
    },
    opts,
  );
}
