import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecurityHubOrganizationArgs {
  /** Regions Security Hub runs in. */
  readonly regions: readonly string[];
  /** The region findings are aggregated into (one of `regions`); only it gets a finding aggregator. */
  readonly homeRegion: string;
  /** The CIS AWS Foundations Benchmark version, e.g. `3.0.0`. */
  readonly cisVersion: string;
}

/** Standards subscribed in each region: AWS Foundational Security Best Practices and CIS. */
export function securityHubStandardArns(region: string, cisVersion: string): Record<string, string> {
  return {
    fsbp: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    cis: `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/${cisVersion}`,
  };
}

/**
 * Security Hub run from the security account as delegated administrator: enabled per region with
 * the FSBP and CIS standards, auto-enabled for member accounts, and one finding aggregator in the
 * home region that links only the other Australian regions (findings never leave Australia).
 */
export class SecurityHubOrganization extends pulumi.ComponentResource {
  readonly findingAggregatorArn: pulumi.Output<string>;

  constructor(name: string, args: SecurityHubOrganizationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:security:SecurityHubOrganization", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("SecurityHubOrganization needs an explicit AWS provider (default providers are disabled)", this);
    if (!args.regions.includes(args.homeRegion)) throw new pulumi.ResourceError(`homeRegion ${args.homeRegion} is not one of regions (${args.regions.join(", ")})`, this);
    const child = { parent: this, provider };
    const accounts: Record<string, aws.securityhub.Account> = {};
    for (const region of args.regions) {
      const account = new aws.securityhub.Account(
        `${name}-account-${region}`,
        { region, enableDefaultStandards: false, autoEnableControls: true, controlFindingGenerator: "SECURITY_CONTROL" },
        child,
      );
      accounts[region] = account;
      new aws.securityhub.OrganizationConfiguration(
        `${name}-organization-${region}`,
        { region, autoEnable: true, autoEnableStandards: "DEFAULT", organizationConfiguration: { configurationType: "LOCAL" } },
        { ...child, dependsOn: [account] },
      );
      for (const [key, standardsArn] of Object.entries(securityHubStandardArns(region, args.cisVersion))) {
        new aws.securityhub.StandardsSubscription(`${name}-${key}-${region}`, { region, standardsArn }, { ...child, dependsOn: [account] });
      }
    }
    const linked = args.regions.filter((r) => r !== args.homeRegion);
    const aggregator = new aws.securityhub.FindingAggregator(
      `${name}-finding-aggregator`,
      linked.length ? { region: args.homeRegion, linkingMode: "SPECIFIED_REGIONS", specifiedRegions: linked } : { region: args.homeRegion, linkingMode: "NO_REGIONS" },
      { ...child, dependsOn: Object.values(accounts) },
    );
    this.findingAggregatorArn = aggregator.id;
    this.registerOutputs({ findingAggregatorArn: this.findingAggregatorArn });
  }
}
