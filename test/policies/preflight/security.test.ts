import * as aws from "@pulumi/aws";
import { guardDutyAdminDetector, securityHubAdminAccount, securityHubCentralConfiguration, securityHubReachesMembers } from "../../../policies/preflight/security";
import { dependOn, ruleCases, stack } from "./rules";

type S = ReturnType<typeof stack>;

function central(s: S, opts: { aggregator?: boolean; wait?: boolean; autoEnable?: boolean } = {}) {
  const agg = opts.aggregator === false ? undefined : s.add(aws.securityhub.FindingAggregator, "agg", { linkingMode: "SPECIFIED_REGIONS", specifiedRegions: ["ap-southeast-4"] });
  const org = s.add(aws.securityhub.OrganizationConfiguration, "org", { autoEnable: opts.autoEnable ?? false, autoEnableStandards: "NONE", organizationConfiguration: { configurationType: "CENTRAL" } });
  if (agg && opts.wait !== false) dependOn(org, agg);
  const policy = s.add(aws.securityhub.ConfigurationPolicy, "policy", { name: "lz", configurationPolicy: { serviceEnabled: true, enabledStandardArns: [] } });
  dependOn(policy, org);
  s.add(aws.securityhub.ConfigurationPolicyAssociation, "root", { policyId: "p", targetId: "r-abcd" });
  return s;
}

describe("preflight: GuardDuty and Security Hub delegated administrators", () => {
  ruleCases(
    guardDutyAdminDetector,
    {
      "the administrator configures the organisation with a looked-up detector id": () => {
        const s = stack();
        s.add(aws.guardduty.OrganizationConfiguration, "org", { detectorId: "d-looked-up", autoEnableOrganizationMembers: "ALL" });
        return s;
      },
      "a detector in an account that is not the administrator": () => {
        const s = stack();
        s.add(aws.guardduty.Detector, "d", { enable: true });
        return s;
      },
    },
    [
      {
        title: "the administrator creates a detector where it configures the organisation",
        build: () => {
          const s = stack();
          s.add(aws.guardduty.Detector, "second", { enable: true });
          s.add(aws.guardduty.OrganizationConfiguration, "org", { detectorId: "d", autoEnableOrganizationMembers: "ALL" });
          return s;
        },
        expect: /second creates a detector in ap-southeast-2, where this account is the GuardDuty delegated administrator/,
      },
    ],
  );

  ruleCases(
    securityHubAdminAccount,
    {
      "the administrator with central configuration and no Account": () => central(stack()),
      "an Account in a Region where the stack administers nothing": () => {
        const s = stack();
        s.add(aws.securityhub.Account, "a", {});
        return s;
      },
    },
    [
      {
        title: "an Account where the stack has the organisation configuration",
        build: () => {
          const s = stack();
          s.add(aws.securityhub.Account, "again", {});
          s.add(aws.securityhub.OrganizationConfiguration, "org", { autoEnable: true, organizationConfiguration: { configurationType: "LOCAL" } });
          return s;
        },
        expect: /again enables Security Hub in ap-southeast-2, where this account is the Security Hub delegated administrator/,
      },
    ],
  );

  ruleCases(
    securityHubReachesMembers,
    { "central configuration associated with the root": () => central(stack()) },
    [
      {
        title: "LOCAL with autoEnable",
        build: () => {
          const s = stack();
          s.add(aws.securityhub.OrganizationConfiguration, "org", { autoEnable: true, autoEnableStandards: "DEFAULT", organizationConfiguration: { configurationType: "LOCAL" } });
          return s;
        },
        expect: /org uses LOCAL configuration with autoEnable in ap-southeast-2, which enables Security Hub only in accounts that join/,
      },
    ],
  );

  ruleCases(
    securityHubCentralConfiguration,
    { "aggregator, then CENTRAL, then the policy": () => central(stack()) },
    [
      { title: "CENTRAL without a finding aggregator", build: () => central(stack(), { aggregator: false }), expect: /org turns on CENTRAL configuration in ap-southeast-2, which has no finding aggregator/ },
      { title: "CENTRAL not waiting for the aggregator", build: () => central(stack(), { wait: false }), expect: /org does not wait for the finding aggregator agg/ },
      { title: "CENTRAL with autoEnable", build: () => central(stack(), { autoEnable: true }), expect: /org is CENTRAL but has autoEnable true/ },
      {
        title: "a configuration policy without CENTRAL configuration",
        build: () => {
          const s = stack();
          s.add(aws.securityhub.ConfigurationPolicy, "policy", { name: "lz", configurationPolicy: { serviceEnabled: true } });
          return s;
        },
        expect: /policy is a configuration policy, but no OrganizationConfiguration in this stack turns on CENTRAL/,
      },
    ],
  );
});
