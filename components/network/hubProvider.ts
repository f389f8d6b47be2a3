import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { pinnedAwsProvider } from "../providers/aws";

export interface HubProviderArgs {
  /** The network account (the Transit Gateway's owner); the provider refuses any other account. */
  readonly hubAccountId: string;
  /** The hub's region (config checks it is the workload's region). */
  readonly region: string;
  /** The workload stack's own deployment role, assumed first (the attach role trusts only it). */
  readonly deploymentRoleArn: string;
  /** The segment's attach role in the network account, assumed second. */
  readonly attachRoleArn: string;
  /** The session name, visible in the network account's CloudTrail: `landing-zone-<stack>`. */
  readonly sessionName: string;
  /** Default tags (as the stack's own provider has). */
  readonly defaultTags: Record<string, string>;
}

/**
 * The workload stack's second AWS provider, in the network account. It exists because only the
 * Transit Gateway's owner can associate an attachment with a route table and enable propagation,
 * and the attachment exists only once the workload stack has created it: doing this in the network
 * stack would need the attachment ids before they exist (a cycle between stacks, or a second run of
 * the network stack after every new workload). The role chain is workload deployment role -> the
 * segment's attach role, which the network stack creates with rights on its segment's route tables
 * only (lib/network/attachRolePolicy.ts).
 */
export function hubProvider(name: string, args: HubProviderArgs, opts?: pulumi.CustomResourceOptions): aws.Provider {
  return pinnedAwsProvider(
    name,
    {
      accountId: args.hubAccountId,
      region: args.region,
      roleChain: [args.deploymentRoleArn, args.attachRoleArn],
      sessionName: args.sessionName,
      defaultTags: args.defaultTags,
    },
    opts,
  );
}
