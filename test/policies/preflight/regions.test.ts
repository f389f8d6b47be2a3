import * as aws from "@pulumi/aws";
import { optInRegionEnabled } from "../../../policies/preflight/regions";
import { ACCOUNT, dependOn, ruleCases, stack } from "./rules";

function melbourneKey(s: ReturnType<typeof stack>, ...waitsFor: { urn: string }[]) {
  return dependOn(s.add(aws.kms.Key, "ebs-key-melbourne", { region: "ap-southeast-4" }), ...waitsFor);
}

function reference(outputs: Record<string, unknown>) {
  return (s: ReturnType<typeof stack>) => s.push("pulumi:pulumi:StackReference", "management-ref", { name: "organization/landing-zone/management" }, { provider: null, outputs: { name: "organization/landing-zone/management", outputs } });
}

describe("preflight: opt-in Regions", () => {
  ruleCases(
    optInRegionEnabled,
    {
      "Sydney only (enabled by default)": () => {
        const s = stack();
        s.add(aws.kms.Key, "k", {});
        return s;
      },
      "Melbourne, waiting for the stack's own enablement": () => {
        const s = stack();
        const region = s.add(aws.account.Region, "melbourne", { regionName: "ap-southeast-4", enabled: true });
        melbourneKey(s, region);
        return s;
      },
      "Melbourne, enabled for this account by the management stack (its optInRegions output)": () => {
        const s = stack();
        reference({ optInRegions: { [ACCOUNT]: ["ap-southeast-4"] } })(s);
        melbourneKey(s);
        return s;
      },
    },
    [
      {
        title: "Melbourne with no enablement anywhere",
        build: () => {
          const s = stack();
          melbourneKey(s);
          return s;
        },
        expect: /1 resource\(s\) in the opt-in Region ap-southeast-4 \(ebs-key-melbourne\) for account 111111111111, but nothing in this stack enables ap-southeast-4/,
      },
      {
        title: "Melbourne enabled in this stack but not waited for",
        build: () => {
          const s = stack();
          s.add(aws.account.Region, "melbourne", { regionName: "ap-southeast-4", enabled: true });
          melbourneKey(s);
          return s;
        },
        expect: /do not wait for the stack's enablement of ap-southeast-4/,
      },
      {
        title: "the management stack enabled Melbourne for another account only",
        build: () => {
          const s = stack();
          reference({ optInRegions: { "999999999999": ["ap-southeast-4"] } })(s);
          melbourneKey(s);
          return s;
        },
        expect: /no stack it reads lists it in optInRegions/,
      },
      {
        title: "a member account's enablement does not enable the stack's own account",
        build: () => {
          const s = stack();
          const r = s.add(aws.account.Region, "melbourne-dev", { accountId: "555555555555", regionName: "ap-southeast-4", enabled: true });
          melbourneKey(s, r);
          return s;
        },
        expect: /for account 111111111111, but nothing in this stack enables/,
      },
    ],
  );
});
