import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Services whose organisation-wide administration is delegated to the security account. */
export const SECURITY_DELEGATED_SERVICES = ["access-analyzer.amazonaws.com", "config.amazonaws.com"] as const;

export interface DelegatedAdministratorsArgs {
  /** The security account: GuardDuty, Security Hub, Config aggregator, IAM Access Analyzer. */
  readonly securityAccountId: pulumi.Input<string>;
  /** The log-archive account: the organisation CloudTrail. */
  readonly logArchiveAccountId: pulumi.Input<string>;
  /** Regions where GuardDuty and Security Hub get their (regional) delegated administrator. */
  readonly regions: readonly string[];
  /** Resources to wait for: the organisation (trusted access must be on first). Default none. */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** What each Region's registrations wait for: that Region's enablement in both accounts. Default none. */
  readonly regionDependsOn?: Readonly<Record<string, readonly pulumi.Resource[]>>;
}

/**
 * Delegated administration, registered from the management account so that the security tooling
 * and the organisation trail are run from the accounts that own them.
 *
 * The organisation trail is created by the log-archive stack, not here: the log-archive stack
 * already reads this stack (for the organisation id), and the trail needs the log-archive bucket
 * and key, so creating it here would make the two stacks read each other. Registering the
 * log-archive account as CloudTrail's delegated administrator lets it create and own an
 * organisation trail; the management account never has to read the log-archive stack.
 */
export class DelegatedAdministrators extends pulumi.ComponentResource {
  constructor(name: string, args: DelegatedAdministratorsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:organization:DelegatedAdministrators", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("DelegatedAdministrators needs an explicit AWS provider (default providers are disabled)", this);
    // Protected: removing a registration by an edit would stop the organisation's detection services.
    const child = { parent: this, provider, protect: true, dependsOn: [...(args.dependsOn ?? [])] };

    new aws.cloudtrail.OrganizationDelegatedAdminAccount(`${name}-cloudtrail`, { accountId: args.logArchiveAccountId }, child);
    for (const service of SECURITY_DELEGATED_SERVICES) {
      new aws.organizations.DelegatedAdministrator(`${name}-${service.split(".")[0]}`, { accountId: args.securityAccountId, servicePrincipal: service }, child);
    }
    for (const region of args.regions) {
      const at = { ...child, dependsOn: [...child.dependsOn, ...(args.regionDependsOn?.[region] ?? [])] };
      new aws.guardduty.OrganizationAdminAccount(`${name}-guardduty-${region}`, { adminAccountId: args.securityAccountId, region }, at);
      new aws.securityhub.OrganizationAdminAccount(`${name}-securityhub-${region}`, { adminAccountId: args.securityAccountId, region }, at);
    }
    this.registerOutputs({});
  }
}
