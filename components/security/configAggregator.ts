import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../lib/iam/trustPolicy";

export interface ConfigOrganizationAggregatorArgs {
  /** The aggregator's name. */
  readonly aggregatorName: string;
  /** The security account (the role trusts Config only on its behalf). */
  readonly accountId: string;
  /** The home region, where the aggregator lives. */
  readonly homeRegion: string;
  /** The regions aggregated: the Australian regions only, never `allRegions`. */
  readonly regions: readonly string[];
}

/**
 * An organisation-wide AWS Config aggregator in the security account (Config's delegated
 * administrator), in the home region, reading only the Australian regions.
 */
export class ConfigOrganizationAggregator extends pulumi.ComponentResource {
  readonly aggregatorArn: pulumi.Output<string>;

  constructor(name: string, args: ConfigOrganizationAggregatorArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:security:ConfigOrganizationAggregator", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("ConfigOrganizationAggregator needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };
    const role = new aws.iam.Role(`${name}-role`, { name: `${args.aggregatorName}-config-aggregator`, assumeRolePolicy: JSON.stringify(serviceTrustPolicy("config.amazonaws.com", args.accountId)) }, child);
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-role-organizations`, { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations" }, child);
    const aggregator = new aws.cfg.ConfigurationAggregator(
      `${name}`,
      { name: args.aggregatorName, region: args.homeRegion, organizationAggregationSource: { allRegions: false, regions: [...args.regions], roleArn: role.arn } },
      // Protected: deleting the organisation's view of compliance by an edit would go unnoticed.
      { ...child, protect: true, dependsOn: [attachment] },
    );
    this.aggregatorArn = aggregator.arn;
    this.registerOutputs({ aggregatorArn: this.aggregatorArn });
  }
}
