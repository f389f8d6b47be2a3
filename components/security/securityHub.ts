import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecurityHubOrganizationArgs {
  /** Regions Security Hub runs in. */
  readonly regions: readonly string[];
  /** The home (aggregation) Region, one of `regions`: the finding aggregator, and central configuration, live there. */
  readonly homeRegion: string;
  /** The CIS AWS Foundations Benchmark version, e.g. `3.0.0`. */
  readonly cisVersion: string;
  /** The organisation root the configuration policy is associated with (every account, existing and new). */
  readonly rootId: pulumi.Input<string>;
  /** The management account, associated explicitly too, so it is configured whatever the root's inheritance. Default: root only. */
  readonly managementAccountId?: pulumi.Input<string>;
}

/** Standards the configuration policy enables: AWS Foundational Security Best Practices and CIS (ARNs of the home Region). */
export function securityHubStandardArns(region: string, cisVersion: string): Record<string, string> {
  return {
    fsbp: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    cis: `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/${cisVersion}`,
  };
}

/**
 * Security Hub for the whole organisation through central configuration, from the security account
 * (its delegated administrator, where designation already enabled Security Hub: so no
 * aws.securityhub.Account here). Local configuration's autoEnable only reaches accounts that join
 * later, and every account of this landing zone exists first; a configuration policy associated with
 * the root reaches all of them, in every linked Region, with the standards chosen here rather than
 * the defaults. Central configuration requires the finding aggregator first (home Region, linking
 * only the other Australian Regions: findings never leave Australia), then CENTRAL with autoEnable
 * off. Everything is protected: an edit must never switch off the organisation's posture checks.
 */
export class SecurityHubOrganization extends pulumi.ComponentResource {
  readonly findingAggregatorArn: pulumi.Output<string>;
  readonly configurationPolicyId: pulumi.Output<string>;

  constructor(name: string, args: SecurityHubOrganizationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:security:SecurityHubOrganization", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("SecurityHubOrganization needs an explicit AWS provider (default providers are disabled)", this);
    if (!args.regions.includes(args.homeRegion)) throw new pulumi.ResourceError(`homeRegion ${args.homeRegion} is not one of regions (${args.regions.join(", ")})`, this);
    const child = { parent: this, provider, protect: true };
    const region = args.homeRegion;
    const linked = args.regions.filter((r) => r !== region);
    const aggregator = new aws.securityhub.FindingAggregator(
      `${name}-finding-aggregator`,
      linked.length ? { region, linkingMode: "SPECIFIED_REGIONS", specifiedRegions: linked } : { region, linkingMode: "NO_REGIONS" },
      child,
    );
    const organization = new aws.securityhub.OrganizationConfiguration(
      `${name}-organization`,
      { region, autoEnable: false, autoEnableStandards: "NONE", organizationConfiguration: { configurationType: "CENTRAL" } },
      { ...child, dependsOn: [aggregator] },
    );
    const standards = securityHubStandardArns(region, args.cisVersion);
    const policy = new aws.securityhub.ConfigurationPolicy(
      `${name}-policy`,
      {
        region,
        name: "landing-zone",
        description: `Security Hub on, with AWS Foundational Security Best Practices and CIS ${args.cisVersion}, in every account`,
        configurationPolicy: { serviceEnabled: true, enabledStandardArns: [standards.fsbp, standards.cis], securityControlsConfiguration: { disabledControlIdentifiers: [] } },
      },
      { ...child, dependsOn: [organization] },
    );
    new aws.securityhub.ConfigurationPolicyAssociation(`${name}-policy-root`, { region, policyId: policy.id, targetId: args.rootId }, child);
    if (args.managementAccountId !== undefined) {
      new aws.securityhub.ConfigurationPolicyAssociation(`${name}-policy-management`, { region, policyId: policy.id, targetId: args.managementAccountId }, child);
    }
    this.findingAggregatorArn = aggregator.id;
    this.configurationPolicyId = policy.id;
    this.registerOutputs({ findingAggregatorArn: this.findingAggregatorArn, configurationPolicyId: this.configurationPolicyId });
  }
}
