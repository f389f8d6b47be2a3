import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface GuardDutyOrganizationArgs {
  /** Regions GuardDuty runs in (where the management stack designated this account). */
  readonly regions: readonly string[];
  /** Protection plans auto-enabled for every member account (GuardDuty feature names). Default none. */
  readonly features?: readonly string[];
}

/**
 * GuardDuty run from the security account as delegated administrator. Designating the administrator
 * (management stack) already enabled GuardDuty here, with a detector in each Region, and an account
 * has one detector per Region: so the detector is looked up, never created. The organisation
 * configuration then enables GuardDuty (and the chosen protection plans) in every member account,
 * existing and new. Both are protected: an edit must never stop the organisation's detection.
 */
export class GuardDutyOrganization extends pulumi.ComponentResource {
  /** Detector id by region. */
  readonly detectorIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: GuardDutyOrganizationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:security:GuardDutyOrganization", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("GuardDutyOrganization needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider, protect: true };
    this.detectorIds = {};
    for (const region of args.regions) {
      const detectorId = aws.guardduty.getDetectorOutput({ region }, { parent: this, provider }).id;
      const org = new aws.guardduty.OrganizationConfiguration(`${name}-organization-${region}`, { region, detectorId, autoEnableOrganizationMembers: "ALL" }, child);
      for (const feature of args.features ?? []) {
        new aws.guardduty.OrganizationConfigurationFeature(
          `${name}-${feature.toLowerCase().replace(/_/g, "-")}-${region}`,
          { region, detectorId, name: feature, autoEnable: "ALL" },
          { ...child, dependsOn: [org] },
        );
      }
      this.detectorIds[region] = detectorId;
    }
    this.registerOutputs({ detectorIds: this.detectorIds });
  }
}
