import { LzPolicy } from "../lib/policy";
import { ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { arr, Props, str } from "../lib/values";
import { preflightResource, preflightStack } from "./constraint";

/** AWS Organizations: policy sizes and counts, policy types, trusted access, account fields. */

const ORGANIZATION = "aws:organizations/organization:Organization";
const POLICY = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const ACCOUNT = "aws:organizations/account:Account";

const QUOTAS = "AWS Organizations User Guide, Quotas for AWS Organizations";

/** Maximum policy document size by policy type, in characters (Organizations quotas). */
export const POLICY_MAX_CHARACTERS: Readonly<Record<string, number>> = {
  SERVICE_CONTROL_POLICY: 5120,
  RESOURCE_CONTROL_POLICY: 5120,
  DECLARATIVE_POLICY_EC2: 10000,
  BACKUP_POLICY: 10000,
  TAG_POLICY: 10000,
  CHATBOT_POLICY: 10000,
  AISERVICES_OPT_OUT_POLICY: 2500,
};

/**
 * Authorization policy types AWS attaches one managed policy of to every root, OU and account
 * (FullAWSAccess, RCPFullAWSAccess), which counts towards the five per target.
 */
const AUTHORIZATION_TYPES: Readonly<Record<string, string>> = { SERVICE_CONTROL_POLICY: "FullAWSAccess", RESOURCE_CONTROL_POLICY: "RCPFullAWSAccess" };
const MAX_PER_TARGET = 5;

function policyType(p: Props): string {
  return str(p.type) ?? "SERVICE_CONTROL_POLICY";
}

export const organizationPolicySize = preflightResource({
  name: "organization-policy-size",
  description: "An Organizations policy document must fit its type's size quota (5,120 characters for SCPs and RCPs), as sent to the API.",
  types: [POLICY],
  fix: "Split the policy's statements into two policies, or shorten its action and resource lists; the API counts every character sent, whitespace included.",
  constraint: {
    rule: "the maximum size of a policy document is 5,120 characters for service and resource control policies, 2,500 for AI opt-out policies and 10,000 for the other types; through the API every character counts, whitespace included",
    source: QUOTAS,
  },
  validate(p, ctx, report) {
    const content = p.content;
    if (typeof content !== "string" || isUnknown(content)) return;
    const type = policyType(p);
    const max = POLICY_MAX_CHARACTERS[type];
    if (max !== undefined && content.length > max) report(`${ctx.name} (${type}) is ${content.length} characters, ${content.length - max} over the ${max}-character quota`);
  },
});

export const organizationPoliciesPerTarget = preflightStack({
  name: "organization-policies-per-target",
  description: "No root, OU or account may have more than five SCPs (or RCPs) attached directly, counting the AWS-managed one attached to every target.",
  types: [ATTACHMENT, POLICY],
  fix: "Combine guardrails into fewer policies, or attach some to the parent OU (inherited policies do not count); FullAWSAccess must stay attached.",
  constraint: {
    rule: "at most 5 service control policies and 5 resource control policies can be attached directly to a root, OU or account, and the AWS-managed FullAWSAccess / RCPFullAWSAccess attached to every target counts towards them",
    source: QUOTAS,
  },
  validate(stack, _ctx, report) {
    const byTarget = new Map<string, Map<string, ViewResource[]>>();
    for (const a of stack.ofType(ATTACHMENT)) {
      const target = str(a.props.targetId) ?? stack.refs(a, "targetId", [ORGANIZATION, "aws:organizations/organizationalUnit:OrganizationalUnit", ACCOUNT])[0]?.urn;
      if (!target) continue;
      const policy = stack.refs(a, "policyId", [POLICY])[0];
      const type = policy ? policyType(policy.props) : "SERVICE_CONTROL_POLICY";
      if (!AUTHORIZATION_TYPES[type]) continue;
      let m = byTarget.get(target);
      if (!m) byTarget.set(target, (m = new Map()));
      m.set(type, [...(m.get(type) ?? []), a]);
    }
    for (const [target, types] of byTarget) {
      for (const [type, attached] of types) {
        if (attached.length + 1 <= MAX_PER_TARGET) continue;
        report(attached[0].urn, `target ${target} gets ${attached.length} ${type} attachments (${attached.map((x) => x.name).join(", ")}), which with ${AUTHORIZATION_TYPES[type]} makes ${attached.length + 1}, over the quota of ${MAX_PER_TARGET}`);
      }
    }
  },
});

export const organizationPolicyTypeEnabled = preflightStack({
  name: "organization-policy-type-enabled",
  description: "A policy of a type must not be created in an organisation whose root does not have that policy type enabled.",
  types: [ORGANIZATION, POLICY],
  fix: "Add the policy's type to the organization's enabledPolicyTypes (and have the policy depend on the organization).",
  constraint: {
    rule: "before you can create and attach a policy of a given type, that policy type must be enabled in the organization's root (CreatePolicy fails with PolicyTypeNotEnabledException)",
    source: "AWS Organizations API Reference, CreatePolicy and EnablePolicyType",
  },
  validate(stack, _ctx, report) {
    const org = stack.ofType(ORGANIZATION)[0];
    if (!org || isUnknown(org.props.enabledPolicyTypes)) return;
    const enabled = new Set(arr(org.props.enabledPolicyTypes).map(str));
    for (const p of stack.ofType(POLICY)) {
      const type = policyType(p.props);
      if (!enabled.has(type)) report(p.urn, `${p.name} is a ${type}, but ${org.name}'s enabledPolicyTypes are ${JSON.stringify([...enabled])}`);
    }
  },
});

/** What registers a delegated administrator (or acts for members) and the service principal it needs trusted access for. */
const TRUSTED_ACCESS_USERS: Readonly<Record<string, (p: Props) => string | undefined>> = {
  "aws:organizations/delegatedAdministrator:DelegatedAdministrator": (p) => str(p.servicePrincipal),
  "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount": () => "guardduty.amazonaws.com",
  "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount": () => "securityhub.amazonaws.com",
  "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount": () => "cloudtrail.amazonaws.com",
  "aws:account/region:Region": (p) => (str(p.accountId) || isUnknown(p.accountId) ? "account.amazonaws.com" : undefined),
  "aws:account/alternativeContact:AlternativeContact": (p) => (str(p.accountId) || isUnknown(p.accountId) ? "account.amazonaws.com" : undefined),
  "aws:account/primaryContact:PrimaryContact": (p) => (str(p.accountId) || isUnknown(p.accountId) ? "account.amazonaws.com" : undefined),
  "aws:fms/adminAccount:AdminAccount": () => "fms.amazonaws.com",
  "aws:detective/organizationAdminAccount:OrganizationAdminAccount": () => "detective.amazonaws.com",
  "aws:inspector2/delegatedAdminAccount:DelegatedAdminAccount": () => "inspector2.amazonaws.com",
  "aws:macie2/organizationAdminAccount:OrganizationAdminAccount": () => "macie.amazonaws.com",
};

export const organizationTrustedAccess = preflightStack({
  name: "organization-trusted-access",
  description: "A delegated administrator, or an action on a member account, needs trusted access for its service in the organisation the same stack creates.",
  types: [ORGANIZATION, ...Object.keys(TRUSTED_ACCESS_USERS)],
  fix: "Add the service principal to the organization's awsServiceAccessPrincipals.",
  constraint: {
    rule: "you must enable trusted access for a service before you register a delegated administrator for it or let it act on member accounts (RegisterDelegatedAdministrator, and the Account Management API with an AccountId, require it)",
    source: "AWS Organizations User Guide, Using AWS Organizations with other AWS services; AWS Account Management API Reference, EnableRegion",
  },
  validate(stack, _ctx, report) {
    const org = stack.ofType(ORGANIZATION)[0];
    if (!org || isUnknown(org.props.awsServiceAccessPrincipals)) return;
    const trusted = new Set(arr(org.props.awsServiceAccessPrincipals).map(str));
    for (const [type, principalOf] of Object.entries(TRUSTED_ACCESS_USERS)) {
      for (const r of stack.ofType(type)) {
        const principal = principalOf(r.props);
        if (principal && !trusted.has(principal)) report(r.urn, `${r.name} needs trusted access for ${principal}, which is not in ${org.name}'s awsServiceAccessPrincipals`);
      }
    }
  },
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const organizationAccountFields = preflightResource({
  name: "organization-account-fields",
  description: "A vended account's name and root email must fit what CreateAccount accepts.",
  types: [ACCOUNT],
  fix: "Give the account a name of 1-50 characters and a root email address of 6-64 characters.",
  constraint: {
    rule: "CreateAccount takes an AccountName of 1-50 characters and an Email of 6-64 characters matching an email address",
    source: "AWS Organizations API Reference, CreateAccount",
  },
  validate(p, ctx, report) {
    const name = str(p.name);
    const email = str(p.email);
    if (name !== undefined && name.length > 50) report(`${ctx.name}: name is ${name.length} characters, over 50`);
    if (email !== undefined && (email.length < 6 || email.length > 64 || !EMAIL.test(email))) report(`${ctx.name}: email ${JSON.stringify(email)} is not a 6-64 character email address`);
  },
});


const PRINCIPAL_ASSOCIATION = "aws:ram/principalAssociation:PrincipalAssociation";
const SHARING = "aws:ram/sharingWithOrganization:SharingWithOrganization";

/** The stack output through which the management stack says RAM sharing with the organisation is enabled. */
export const RAM_SHARING_OUTPUT = "ramSharingWithOrganization";

export const ramSharingWithOrganization = preflightStack({
  name: "ram-sharing-with-organization",
  description: "A RAM share whose principal is the organisation or one of its OUs needs sharing with AWS Organizations enabled from the management account (trusted access alone is not enough).",
  types: [PRINCIPAL_ASSOCIATION, SHARING, "pulumi:pulumi:StackReference"],
  fix: "Create aws.ram.SharingWithOrganization in the management stack (which exports ramSharingWithOrganization: true) and deploy it before the stack that shares; enabling trusted access for ram.amazonaws.com does not do it.",
  constraint: {
    rule: "until you enable sharing within the organization (EnableSharingWithAwsOrganization, from the management account, which creates the AWSServiceRoleForResourceAccessManager role), you can share only with individual accounts; enabling trusted access with Organizations' enable-aws-service-access does not create that role, and you can't share within your organization",
    source: "AWS RAM API Reference, EnableSharingWithAwsOrganization; AWS RAM User Guide, Enable resource sharing within AWS Organizations",
  },
  validate(stack, _ctx, report) {
    const toOrg = stack.ofType(PRINCIPAL_ASSOCIATION).filter((a) => /^arn:aws[\w-]*:organizations::\d{12}:(organization|ou)\//.test(str(a.props.principal) ?? ""));
    if (toOrg.length === 0 || stack.ofType(SHARING).length > 0) return;
    const enabledElsewhere = stack
      .ofType("pulumi:pulumi:StackReference")
      .some((r) => {
        const outputs = r.props.outputs;
        return outputs !== null && typeof outputs === "object" && (outputs as Record<string, unknown>)[RAM_SHARING_OUTPUT] === true;
      });
    if (enabledElsewhere) return;
    for (const a of toOrg) report(a.urn, `${a.name} shares with ${str(a.props.principal)}, but neither this stack nor a stack it reads (output ${RAM_SHARING_OUTPUT}) enables RAM sharing with the organisation`);
  },
});

export const organizationPolicies: readonly LzPolicy[] = [organizationPolicySize, organizationPoliciesPerTarget, organizationPolicyTypeEnabled, organizationTrustedAccess, organizationAccountFields, ramSharingWithOrganization];
