import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ouKey, ouName, parentPath, parentsFirst } from "../../lib/organizationPaths";

/**
 * Services the landing zone integrates with the organisation (trusted access): the organisation
 * trail, Config and its aggregator, GuardDuty, Security Hub, IAM Access Analyzer, Identity Center,
 * RAM (the network stack shares the Transit Gateway with the organisation), and Account Management
 * (the management stack enables opt-in Regions in member accounts).
 */
export const LANDING_ZONE_SERVICE_PRINCIPALS: readonly string[] = [
  "access-analyzer.amazonaws.com",
  "account.amazonaws.com",
  "cloudtrail.amazonaws.com",
  "config-multiaccountsetup.amazonaws.com",
  "config.amazonaws.com",
  "guardduty.amazonaws.com",
  "malware-protection.guardduty.amazonaws.com",
  "ram.amazonaws.com",
  "securityhub.amazonaws.com",
  "sso.amazonaws.com",
];

/** What Control Tower needs on top (it enrols accounts through StackSets). */
export const CONTROL_TOWER_SERVICE_PRINCIPALS: readonly string[] = ["controltower.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"];

export interface VendedAccount {
  /** The account's name; also its stable key (logical name `<component>-account-<name>`). */
  readonly name: string;
  /** The root email; unique in the organisation. */
  readonly email: string;
  /** The path of its OU; must be one of `organizationalUnits`. */
  readonly ou: string;
  /** The role Organizations creates in the new account for the management account. */
  readonly roleName: string;
  /** `ALLOW` or `DENY`. */
  readonly iamUserAccessToBilling: string;
}

export interface OrganizationArgs {
  /** Services integrated with the organisation (trusted access). Default none. */
  readonly serviceAccessPrincipals?: readonly string[];
  /** Services the organisation trusts already, kept beside ours (the union is sent, never fewer). Default none. */
  readonly keptServiceAccessPrincipals?: pulumi.Input<readonly string[]>;
  /** Read the organisation's current trusted services and keep them (it must exist). Default false. */
  readonly keepServiceAccessPrincipals?: boolean;
  /** Policy types enabled at the root. Default `["SERVICE_CONTROL_POLICY"]`. */
  readonly enabledPolicyTypes?: readonly string[];
  /** OU paths (`Workloads/Prod`); every parent must be listed too. Order does not matter. */
  readonly organizationalUnits: readonly string[];
  /** The member accounts. Default none. */
  readonly accounts?: readonly VendedAccount[];
}

/**
 * The AWS organisation with all features, its OU tree and its member accounts.
 *
 * Accounts must never be closed by this program, so each one is guarded three times:
 * - `protect: true`: removing an account from config (or `pulumi destroy`) fails the update instead
 *   of deleting it; someone has to unprotect it on purpose first;
 * - `retainOnDelete: true`: even then, Pulumi only forgets the account; it does not call
 *   Organizations at all, so the account is neither closed nor removed from the organisation
 *   (which would leave it standalone, with no guardrails and its own bill);
 * - `closeOnDeletion: false`: should the provider ever delete it regardless, it does not close it.
 * Moving an account to another OU is an update in place (`parentId`), never a replacement.
 */
export class LandingZoneOrganization extends pulumi.ComponentResource {
  readonly organization: aws.organizations.Organization;
  readonly organizationId: pulumi.Output<string>;
  readonly organizationArn: pulumi.Output<string>;
  readonly rootId: pulumi.Output<string>;
  /** OU id by path. */
  readonly ouIds: Record<string, pulumi.Output<string>>;
  /** OU ARN by path (Control Tower targets OUs by ARN). */
  readonly ouArns: Record<string, pulumi.Output<string>>;
  /** Member account id by name. */
  readonly accountIds: Record<string, pulumi.Output<string>>;
  /** The account resources by name, for `dependsOn`. */
  readonly accounts: Record<string, aws.organizations.Account>;
  /**
   * RAM sharing with the organisation: what lets a RAM share name the organisation or an OU. Trusted
   * access for ram.amazonaws.com alone does not: this creates RAM's service-linked role.
   */
  readonly ramSharing: aws.ram.SharingWithOrganization;

  constructor(name: string, args: OrganizationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:organization:Organization", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("LandingZoneOrganization needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };
    const paths = new Set(args.organizationalUnits);
    for (const p of paths) {
      const parent = parentPath(p);
      if (parent !== undefined && !paths.has(parent)) throw new pulumi.ResourceError(`OU "${p}" is under "${parent}", which is not in organizationalUnits`, this);
    }

    this.organization = new aws.organizations.Organization(
      `${name}-organization`,
      {
        featureSet: "ALL",
        awsServiceAccessPrincipals: pulumi
          // The Organizations API replaces the whole list: a service enabled outside the program
          // would be switched off by the next update unless it is read and kept.
          .all([args.keptServiceAccessPrincipals ?? [], args.keepServiceAccessPrincipals ? aws.organizations.getOrganizationOutput({}, { parent: this, provider }).awsServiceAccessPrincipals : []])
          .apply(([kept, current]) => [...new Set([...(args.serviceAccessPrincipals ?? []), ...kept, ...current])].sort()),
        enabledPolicyTypes: [...(args.enabledPolicyTypes ?? ["SERVICE_CONTROL_POLICY"])],
      },
      { ...child, protect: true, retainOnDelete: true },
    );
    this.organizationId = this.organization.id;
    this.organizationArn = this.organization.arn;
    this.rootId = this.organization.roots.apply((roots) => {
      if (!roots?.[0]?.id) throw new Error("the organisation reports no root");
      return roots[0].id;
    });

    this.ouIds = {};
    this.ouArns = {};
    for (const path of parentsFirst([...paths])) {
      const parent = parentPath(path);
      // Retained, not protected: an OU removed from config is left in place (it may still hold
      // accounts); renaming one creates the new OU beside it.
      const ou = new aws.organizations.OrganizationalUnit(
        `${name}-ou-${ouKey(path)}`,
        { name: ouName(path), parentId: parent === undefined ? this.rootId : this.ouIds[parent] },
        { ...child, retainOnDelete: true },
      );
      this.ouIds[path] = ou.id;
      this.ouArns[path] = ou.arn;
    }

    this.ramSharing = new aws.ram.SharingWithOrganization(
      `${name}-ram-sharing`,
      {},
      // Created at the stack's root before it moved into this component.
      { ...child, retainOnDelete: true, dependsOn: [this.organization], aliases: [{ name: "ram-sharing-with-organization", parent: pulumi.rootStackResource }] },
    );

    this.accountIds = {};
    this.accounts = {};
    for (const a of args.accounts ?? []) {
      const parentId = this.ouIds[a.ou];
      if (!parentId) throw new pulumi.ResourceError(`account "${a.name}" is in OU "${a.ou}", which is not in organizationalUnits`, this);
      const account = new aws.organizations.Account(
        `${name}-account-${a.name}`,
        {
          name: a.name,
          email: a.email,
          parentId,
          roleName: a.roleName,
          iamUserAccessToBilling: a.iamUserAccessToBilling,
          closeOnDeletion: false,
        },
        // Organizations cannot read roleName or iamUserAccessToBilling back after creation, so a
        // refresh would otherwise show a change on every run (and both only apply at creation).
        { ...child, protect: true, retainOnDelete: true, ignoreChanges: ["roleName", "iamUserAccessToBilling"] },
      );
      this.accounts[a.name] = account;
      this.accountIds[a.name] = account.id;
    }

    this.registerOutputs({
      organizationId: this.organizationId,
      organizationArn: this.organizationArn,
      rootId: this.rootId,
      ouIds: this.ouIds,
      ouArns: this.ouArns,
      accountIds: this.accountIds,
    });
  }
}
