import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface GuardDutyOrganizationArgs {
  /** Regions GuardDuty runs in (one detector each). */
  readonly regions: readonly string[];
  /** `FIFTEEN_MINUTES`, `ONE_HOUR` or `SIX_HOURS`. Default `FIFTEEN_MINUTES`. */
  readonly findingPublishingFrequency?: string;
  /** Protection plans auto-enabled for every member account (GuardDuty feature names). Default none. */
  readonly features?: readonly string[];
}

/**
 * GuardDuty run from the security account as delegated administrator: a detector per region, and
 * the organisation configuration that enables it (and the chosen protection plans) in every
 * member account, existing and new.
 */
export class GuardDutyOrganization extends pulumi.ComponentResource {
  /** Detector id by region. */
  readonly detectorIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: GuardDutyOrganizationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:security:GuardDutyOrganization", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("GuardDutyOrganization needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };
    this.detectorIds = {};
    for (const region of args.regions) {
      const detector = new aws.guardduty.Detector(`${name}-detector-${region}`, { region, enable: true, findingPublishingFrequency: args.findingPublishingFrequency ?? "FIFTEEN_MINUTES" }, child);
      const org = new aws.guardduty.OrganizationConfiguration(`${name}-organization-${region}`, { region, detectorId: detector.id, autoEnableOrganizationMembers: "ALL" }, child);
      for (const feature of args.features ?? []) {
        new aws.guardduty.OrganizationConfigurationFeature(
          `${name}-${feature.toLowerCase().replace(/_/g, "-")}-${region}`,
          { region, detectorId: detector.id, name: feature, autoEnable: "ALL" },
          { ...child, dependsOn: [org] },
        );
      }
      this.detectorIds[region] = detector.id;
    }
    this.registerOutputs({ detectorIds: this.detectorIds });
  }
}
