import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsAccountProvider } from "../components/providers/aws";
import { StackConfig } from "../config";
import { RefRole } from "../config/schema/base";

/** What every role program gets: its validated config, its AWS provider and its stack references. */
export interface StackContext<C extends StackConfig = StackConfig> {
  readonly cfg: C;
  /** The stack's one AWS provider (the deployment role in the stack's account). */
  readonly aws: aws.Provider;
  /** Resource options that place a resource in the stack's account. */
  readonly awsOpts: pulumi.CustomResourceOptions;
  /** The tags every resource gets through the provider's `defaultTags`. */
  readonly defaultTags: Record<string, string>;
  /** The role deployments of this stack run as, in its account (what its provider assumes). */
  readonly deploymentRoleArn: string;
  /** The stack that plays `role`, as a StackReference (one per role, created on first use). */
  ref(role: RefRole): pulumi.StackReference;
}

export function createContext<C extends StackConfig>(cfg: C): StackContext<C> {
  const defaultTags: Record<string, string> = {
    ...cfg.tags,
    environment: cfg.account.environment,
    "managed-by": `landing-zone/${cfg.stack}`,
  };
  // A cell shares its workload stack's account: its provider gets a name of its own, so that
  // `pulumi state move` can copy the workload stack's provider into the cell beside it.
  const providerName = cfg.role === "tenant-cell" ? `${cfg.stack}-aws` : `${cfg.account.name}-aws`;
  const provider = awsAccountProvider(providerName, {
    accountId: cfg.account.id,
    region: cfg.account.region,
    deploymentRoleName: cfg.account.deploymentRoleName,
    sessionName: `landing-zone-${cfg.stack}`,
    defaultTags,
  });
  const refs = new Map<RefRole, pulumi.StackReference>();
  return {
    cfg,
    aws: provider,
    awsOpts: { provider },
    defaultTags,
    deploymentRoleArn: `arn:aws:iam::${cfg.account.id}:role/${cfg.account.deploymentRoleName}`,
    ref(role: RefRole) {
      const stack = cfg.refStacks[role];
      if (!stack) throw new Error(`the ${cfg.role} role declares no ${role} reference (config/schema/*.ts refs)`);
      let r = refs.get(role);
      if (!r) {
        r = new pulumi.StackReference(`${cfg.pulumiOrg}/landing-zone/${stack}`);
        refs.set(role, r);
      }
      return r;
    },
  };
}
