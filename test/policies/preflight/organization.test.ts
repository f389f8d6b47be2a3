import * as aws from "@pulumi/aws";
import { organizationAccountFields, organizationPoliciesPerTarget, organizationPolicySize, organizationPolicyTypeEnabled, organizationTrustedAccess, ramSharingWithOrganization } from "../../../policies/preflight/organization";
import { ruleCases, stack } from "./rules";

const SCP = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: Array.from({ length: n }, (_, i) => `s3:Action${i}`), Resource: "*" }] });

function org(principals: string[], types = ["SERVICE_CONTROL_POLICY"]) {
  const s = stack();
  s.add(aws.organizations.Organization, "org", { featureSet: "ALL", awsServiceAccessPrincipals: principals, enabledPolicyTypes: types }, { id: "o-abc" });
  return s;
}

function attachments(count: number, type = "SERVICE_CONTROL_POLICY") {
  const s = stack();
  for (let i = 0; i < count; i++) {
    s.add(aws.organizations.Policy, `p${i}`, { name: `p${i}`, type, content: SCP(1) }, { id: `p-${i}` });
    s.add(aws.organizations.PolicyAttachment, `a${i}`, { policyId: `p-${i}`, targetId: "ou-1" });
  }
  return s;
}

describe("preflight: organization", () => {
  ruleCases(
    organizationPolicySize,
    {
      "an SCP of exactly 5,120 characters": () => {
        const s = stack();
        s.add(aws.organizations.Policy, "p", { type: "SERVICE_CONTROL_POLICY", content: "x".repeat(5120) });
        return s;
      },
      "a tag policy of 8,000 characters (its quota is 10,000)": () => {
        const s = stack();
        s.add(aws.organizations.Policy, "p", { type: "TAG_POLICY", content: "x".repeat(8000) });
        return s;
      },
    },
    [
      {
        title: "an SCP of 5,121 characters",
        build: () => {
          const s = stack();
          s.add(aws.organizations.Policy, "big", { type: "SERVICE_CONTROL_POLICY", content: "x".repeat(5121) });
          return s;
        },
        expect: /big \(SERVICE_CONTROL_POLICY\) is 5121 characters, 1 over the 5120-character quota/,
      },
      {
        title: "pretty-printed whitespace counts through the API",
        build: () => {
          const s = stack();
          s.add(aws.organizations.Policy, "pretty", { content: JSON.stringify(JSON.parse(SCP(200)), null, 8) });
          return s;
        },
        expect: /pretty \(SERVICE_CONTROL_POLICY\) is \d+ characters/,
      },
    ],
  );

  ruleCases(
    organizationPoliciesPerTarget,
    { "four SCPs on an OU (five with FullAWSAccess)": () => attachments(4), "five tag policies (not counted with SCPs)": () => attachments(5, "TAG_POLICY") },
    [{ title: "five SCPs on one OU", build: () => attachments(5), expect: /target ou-1 gets 5 SERVICE_CONTROL_POLICY attachments .* with FullAWSAccess makes 6, over the quota of 5/ }],
  );

  ruleCases(
    organizationPolicyTypeEnabled,
    {
      "an SCP where SCPs are enabled": () => {
        const s = org([]);
        s.add(aws.organizations.Policy, "p", { type: "SERVICE_CONTROL_POLICY", content: SCP(1) });
        return s;
      },
    },
    [
      {
        title: "an RCP where only SCPs are enabled",
        build: () => {
          const s = org([]);
          s.add(aws.organizations.Policy, "rcp", { type: "RESOURCE_CONTROL_POLICY", content: SCP(1) });
          return s;
        },
        expect: /rcp is a RESOURCE_CONTROL_POLICY, but org's enabledPolicyTypes are \["SERVICE_CONTROL_POLICY"\]/,
      },
    ],
  );

  ruleCases(
    organizationTrustedAccess,
    {
      "delegated administrators of trusted services": () => {
        const s = org(["guardduty.amazonaws.com", "config.amazonaws.com", "account.amazonaws.com"]);
        s.add(aws.guardduty.OrganizationAdminAccount, "gd", { adminAccountId: "333333333333" });
        s.add(aws.organizations.DelegatedAdministrator, "cfg", { accountId: "333333333333", servicePrincipal: "config.amazonaws.com" });
        s.add(aws.account.Region, "melbourne-member", { accountId: "333333333333", regionName: "ap-southeast-4", enabled: true });
        return s;
      },
      "enabling a region in the stack's own account needs no trusted access": () => {
        const s = org([]);
        s.add(aws.account.Region, "melbourne", { regionName: "ap-southeast-4", enabled: true });
        return s;
      },
    },
    [
      {
        title: "a Security Hub administrator without securityhub.amazonaws.com",
        build: () => {
          const s = org(["guardduty.amazonaws.com"]);
          s.add(aws.securityhub.OrganizationAdminAccount, "sh", { adminAccountId: "333333333333" });
          return s;
        },
        expect: /sh needs trusted access for securityhub.amazonaws.com/,
      },
      {
        title: "enabling a region in a member account without account.amazonaws.com",
        build: () => {
          const s = org(["guardduty.amazonaws.com"]);
          s.add(aws.account.Region, "melbourne-member", { accountId: "333333333333", regionName: "ap-southeast-4", enabled: true });
          return s;
        },
        expect: /melbourne-member needs trusted access for account.amazonaws.com/,
      },
    ],
  );

  ruleCases(
    organizationAccountFields,
    {
      "a short name and a real address": () => {
        const s = stack();
        s.add(aws.organizations.Account, "dev", { name: "dev", email: "aws+dev@example.com" });
        return s;
      },
    },
    [
      {
        title: "a 51-character name",
        build: () => {
          const s = stack();
          s.add(aws.organizations.Account, "long", { name: "n".repeat(51), email: "aws+dev@example.com" });
          return s;
        },
        expect: /long: name is 51 characters, over 50/,
      },
      {
        title: "an email of 65 characters",
        build: () => {
          const s = stack();
          s.add(aws.organizations.Account, "mail", { name: "dev", email: `${"a".repeat(53)}@example.com` });
          return s;
        },
        expect: /mail: email .* is not a 6-64 character email address/,
      },
    ],
  );
});

describe("preflight: RAM", () => {
  const share = (s: ReturnType<typeof stack>, principal = "arn:aws:organizations::111111111111:organization/o-abcdefghij") => {
    s.add(aws.ram.PrincipalAssociation, "tgw-share-org", { principal, resourceShareArn: "arn:aws:ram:ap-southeast-2:444444444444:resource-share/x" });
    return s;
  };
  const managementRef = (s: ReturnType<typeof stack>, outputs: Record<string, unknown>) =>
    s.push("pulumi:pulumi:StackReference", "management", { name: "organization/landing-zone/management" }, { provider: null, outputs: { name: "organization/landing-zone/management", outputs } });
  ruleCases(
    ramSharingWithOrganization,
    {
      "the management stack's SharingWithOrganization, read through its output": () => {
        const s = stack();
        managementRef(s, { ramSharingWithOrganization: true });
        return share(s);
      },
      "SharingWithOrganization in the same stack": () => {
        const s = stack();
        s.add(aws.ram.SharingWithOrganization, "ram", {});
        return share(s);
      },
      "a share with one account needs nothing": () => share(stack(), "555555555555"),
    },
    [
      { title: "a share with the organisation and trusted access only", build: () => share(org(["ram.amazonaws.com"])), expect: /tgw-share-org shares with arn:aws:organizations::111111111111:organization\/o-abcdefghij, but neither this stack nor a stack it reads/ },
      {
        title: "a share with an OU, the management stack not saying so",
        build: () => {
          const s = stack();
          managementRef(s, { organizationId: "o-abcdefghij" });
          return share(s, "arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-34cd56ef");
        },
        expect: /enables RAM sharing with the organisation/,
      },
    ],
  );
});
