import { LzPolicy } from "../lib/policy";
import { StackView } from "../lib/stack";
import { arr, flag, obj, str } from "../lib/values";
import { preflightStack } from "./constraint";
import { waitsFor } from "./graph";
import { regionOf } from "./account";

/** GuardDuty and Security Hub run from a delegated administrator: what exists there already, and what reaches the members. */

const GD_ORG = "aws:guardduty/organizationConfiguration:OrganizationConfiguration";
const GD_DETECTOR = "aws:guardduty/detector:Detector";
const SH_ORG = "aws:securityhub/organizationConfiguration:OrganizationConfiguration";
const SH_ACCOUNT = "aws:securityhub/account:Account";
const SH_AGGREGATOR = "aws:securityhub/findingAggregator:FindingAggregator";
const SH_POLICY = "aws:securityhub/configurationPolicy:ConfigurationPolicy";
const SH_ASSOCIATION = "aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation";

/** Regions where this stack acts as the service's delegated administrator (it configures the organisation there). */
function adminRegions(stack: StackView, ...types: string[]): Set<string> {
  return new Set(stack.ofType(...types).map(regionOf));
}

export const guardDutyAdminDetector = preflightStack({
  name: "guardduty-admin-detector",
  description: "The GuardDuty delegated administrator already has a detector in each Region where it was designated: a stack acting as administrator must look it up, not create a second one.",
  types: [GD_ORG, GD_DETECTOR],
  fix: "Look the detector up with aws.guardduty.getDetector (or adopt it with the import resource option) instead of creating aws.guardduty.Detector in the administrator's Regions.",
  constraint: {
    rule: "designating the delegated GuardDuty administrator enables GuardDuty for that account in the current Region, and an account has at most one detector per Region (CreateDetector fails with BadRequestException when one exists)",
    source: "Amazon GuardDuty User Guide, Permissions required to designate a delegated GuardDuty administrator account; GuardDuty API Reference, CreateDetector",
  },
  validate(stack, _ctx, report) {
    const regions = adminRegions(stack, GD_ORG);
    for (const d of stack.ofType(GD_DETECTOR)) {
      if (regions.has(regionOf(d))) report(d.urn, `${d.name} creates a detector in ${regionOf(d)}, where this account is the GuardDuty delegated administrator (it configures the organisation there) and so already has one`);
    }
  },
});

export const securityHubAdminAccount = preflightStack({
  name: "securityhub-admin-account",
  description: "Security Hub is already enabled in its delegated administrator's Regions: a stack acting as administrator must not enable it again with aws.securityhub.Account.",
  types: [SH_ORG, SH_ACCOUNT, SH_AGGREGATOR, SH_POLICY],
  fix: "Drop aws.securityhub.Account from the administrator (designation enables Security Hub there; central configuration policies set its standards), or adopt it with the import option and the account id.",
  constraint: {
    rule: "designating the delegated Security Hub administrator enables Security Hub in that account in the Region, and EnableSecurityHub fails with ResourceConflictException when the account is already subscribed",
    source: "AWS Security Hub User Guide, Designating a delegated Security Hub administrator; Security Hub API Reference, EnableSecurityHub",
  },
  validate(stack, _ctx, report) {
    const regions = adminRegions(stack, SH_ORG, SH_AGGREGATOR, SH_POLICY);
    for (const a of stack.ofType(SH_ACCOUNT)) {
      if (regions.has(regionOf(a))) report(a.urn, `${a.name} enables Security Hub in ${regionOf(a)}, where this account is the Security Hub delegated administrator and is already subscribed`);
    }
  },
});

export const securityHubReachesMembers = preflightStack({
  name: "securityhub-reaches-existing-members",
  description: "Security Hub LOCAL configuration with autoEnable reaches only accounts that join later: an organisation whose accounts already exist needs central configuration associated with the root.",
  types: [SH_ORG, SH_ASSOCIATION],
  fix: "Use configurationType CENTRAL (in the finding aggregator's Region) with an aws.securityhub.ConfigurationPolicy associated with the organisation root.",
  constraint: {
    rule: "with local configuration, AutoEnable enables Security Hub only in new accounts when they join the organization; existing accounts are enabled by central configuration policies associated with the root or OUs (or one by one)",
    source: "AWS Security Hub API Reference, UpdateOrganizationConfiguration (AutoEnable) and OrganizationConfiguration (ConfigurationType)",
  },
  validate(stack, _ctx, report) {
    const associations = stack.ofType(SH_ASSOCIATION);
    for (const o of stack.ofType(SH_ORG)) {
      const type = str(obj(arr(o.props.organizationConfiguration)[0])?.configurationType) ?? "LOCAL";
      if (type === "CENTRAL") continue;
      if (associations.length) continue;
      report(o.urn, `${o.name} uses ${type} configuration${flag(o.props.autoEnable) === true ? " with autoEnable" : ""} in ${regionOf(o)}, which enables Security Hub only in accounts that join the organisation from now on; the accounts that exist already are left out`);
    }
  },
});

export const securityHubCentralConfiguration = preflightStack({
  name: "securityhub-central-configuration",
  description: "Security Hub central configuration needs a finding aggregator in its Region first, autoEnable off and autoEnableStandards NONE; configuration policies wait for it.",
  types: [SH_ORG, SH_AGGREGATOR, SH_POLICY, SH_ASSOCIATION],
  fix: "Create the FindingAggregator in the home Region, make the CENTRAL OrganizationConfiguration (autoEnable false, autoEnableStandards NONE) depend on it, and the ConfigurationPolicy on that.",
  constraint: {
    rule: "central configuration can be turned on only in the home (aggregation) Region of a finding aggregator, by a delegated administrator that is not the management account; with CENTRAL, AutoEnable is false and AutoEnableStandards NONE",
    source: "AWS Security Hub User Guide, Starting central configuration; Security Hub API Reference, UpdateOrganizationConfiguration",
  },
  validate(stack, _ctx, report) {
    const aggregators = stack.ofType(SH_AGGREGATOR);
    const centrals = stack.ofType(SH_ORG).filter((o) => str(obj(arr(o.props.organizationConfiguration)[0])?.configurationType) === "CENTRAL");
    for (const o of centrals) {
      const here = aggregators.filter((a) => regionOf(a) === regionOf(o));
      if (here.length === 0) report(o.urn, `${o.name} turns on CENTRAL configuration in ${regionOf(o)}, which has no finding aggregator`);
      else if (!waitsFor(stack, o, new Set(here.map((a) => a.urn)))) report(o.urn, `${o.name} does not wait for the finding aggregator ${here[0].name}`);
      if (flag(o.props.autoEnable) !== false || str(o.props.autoEnableStandards) !== "NONE") report(o.urn, `${o.name} is CENTRAL but has autoEnable ${JSON.stringify(o.props.autoEnable)} and autoEnableStandards ${JSON.stringify(o.props.autoEnableStandards)}; set false and "NONE"`);
    }
    const centralUrns = new Set(centrals.map((o) => o.urn));
    for (const p of stack.ofType(SH_POLICY)) {
      if (centrals.length === 0) report(p.urn, `${p.name} is a configuration policy, but no OrganizationConfiguration in this stack turns on CENTRAL configuration`);
      else if (!waitsFor(stack, p, centralUrns)) report(p.urn, `${p.name} does not wait for the CENTRAL OrganizationConfiguration`);
    }
  },
});

export const securityPolicies: readonly LzPolicy[] = [guardDutyAdminDetector, securityHubAdminAccount, securityHubReachesMembers, securityHubCentralConfiguration];
