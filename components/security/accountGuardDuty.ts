import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AccountGuardDutyArgs {
  /** Regions with a detector. */
  readonly regions: readonly string[];
  /** What each Region's detector waits for: that Region's enablement. Default none. */
  readonly regionDependsOn?: Readonly<Record<string, readonly pulumi.Resource[]>>;
}

/**
 * GuardDuty in an account that is not its delegated administrator (the management account): one
 * detector per Region, protected. The administrator's organisation configuration then adds it as a
 * member; it is created here first because the management account is never auto-enabled by
 * designation.
 */
export class AccountGuardDuty extends pulumi.ComponentResource {
  /** Detector id by region. */
  readonly detectorIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: AccountGuardDutyArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:security:AccountGuardDuty", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("AccountGuardDuty needs an explicit AWS provider (default providers are disabled)", this);
    this.detectorIds = {};
    for (const region of args.regions) {
      const detector = new aws.guardduty.Detector(
        `${name}-${region}`,
        { region, enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" },
        // Created at the stack's root before it moved into this component.
        { parent: this, provider, protect: true, dependsOn: [...(args.regionDependsOn?.[region] ?? [])], aliases: [{ name: `guardduty-management-${region}`, parent: pulumi.rootStackResource }] },
      );
      this.detectorIds[region] = detector.id;
    }
    this.registerOutputs({ detectorIds: this.detectorIds });
  }
}
