import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RegionOptInsArgs {
  /** The opt-in Regions to enable (ap-southeast-4); Regions enabled by default must not be listed. */
  readonly regions: readonly string[];
  /** The management account (the stack's own account: enabled without an AccountId, as the API requires). */
  readonly managementAccountId: string;
  /** Member accounts by stable name: enabled from the management account through the Account Management API. */
  readonly memberAccountIds: Readonly<Record<string, pulumi.Input<string>>>;
  /** What the member enablements wait for: the organisation (trusted access for account.amazonaws.com). Default none. */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/**
 * Opt-in Regions, enabled for the management account and every vended account before anything is
 * created there. The management account calls EnableRegion without an AccountId for itself, and with
 * one for members (which needs trusted access for account.amazonaws.com). Each enablement is
 * retained on delete: removing it from the program must never disable a Region, which would cut off
 * IAM access to everything in it.
 */
export class RegionOptIns extends pulumi.ComponentResource {
  /** The management account's enablement of each Region, for the dependsOn of what it creates there. */
  readonly management: Record<string, aws.account.Region>;
  /** Each member's enablement by account name, then Region. */
  readonly members: Record<string, Record<string, aws.account.Region>>;
  /** Opt-in Regions enabled per account id (the stack output member stacks check). */
  readonly byAccountId: pulumi.Output<Record<string, string[]>>;

  constructor(name: string, args: RegionOptInsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:organization:RegionOptIns", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("RegionOptIns needs an explicit AWS provider (default providers are disabled)", this);
    const keep = { parent: this, provider, retainOnDelete: true };
    this.management = {};
    this.members = {};
    for (const region of args.regions) {
      this.management[region] = new aws.account.Region(`${name}-management-${region}`, { regionName: region, enabled: true }, keep);
    }
    for (const [account, accountId] of Object.entries(args.memberAccountIds)) {
      this.members[account] = {};
      for (const region of args.regions) {
        this.members[account][region] = new aws.account.Region(`${name}-${account}-${region}`, { accountId, regionName: region, enabled: true }, { ...keep, dependsOn: [...(args.dependsOn ?? [])] });
      }
    }
    const regions = [...args.regions];
    this.byAccountId = pulumi
      .all(Object.values(args.memberAccountIds))
      .apply((ids): Record<string, string[]> => Object.fromEntries([args.managementAccountId, ...ids].map((id) => [id, regions])));
    this.registerOutputs({ byAccountId: this.byAccountId });
  }
}
