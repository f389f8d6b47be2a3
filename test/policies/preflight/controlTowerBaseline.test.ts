import * as aws from "@pulumi/aws";
import { controlTowerBaseline } from "../../../policies/preflight/controlTowerBaseline";
import { ACCOUNT, ruleCases, stack } from "./rules";

const BASELINE_ARN = "arn:aws:controltower:ap-southeast-2::baseline/17BSJV3IGJ2QSGA2";
const OU_ARN = `arn:aws:organizations::${ACCOUNT}:ou/o-abcdefghij/ou-ab12-cdefghij`;

/** A landing zone of `lzVersion` and the OU baseline at `baselineVersion` on `target` (an OU of the stack by default). */
function landingZone(lzVersion: string, baselineVersion: string, target: "ou" | "account" | "literal-account" = "ou", identifier = BASELINE_ARN) {
  const s = stack();
  s.add(aws.controltower.LandingZone, "control-tower-landing-zone", { version: lzVersion, manifestJson: "{}" });
  s.add(aws.organizations.OrganizationalUnit, "ou-workloads", { name: "Workloads", parentId: "r-ab12" }, { outputs: { arn: OU_ARN } });
  const accountArn = `arn:aws:organizations::${ACCOUNT}:account/o-abcdefghij/222222222222`;
  if (target === "account") s.add(aws.organizations.Account, "account-dev", { name: "dev", email: "dev@example.com" }, { outputs: { arn: accountArn } });
  s.add(aws.controltower.Baseline, "control-tower-baseline-workloads", { baselineIdentifier: identifier, baselineVersion, targetIdentifier: target === "ou" ? OU_ARN : accountArn });
  return s;
}

describe("preflight: AWS Control Tower's OU baseline", () => {
  ruleCases(
    controlTowerBaseline,
    {
      "baseline 4.0 on an OU of a 3.3 landing zone": () => landingZone("3.3", "4.0"),
      "baseline 3.0 on an OU of a 3.1 landing zone": () => landingZone("3.1", "3.0"),
      "baseline 5.0 on an OU of a 4.0 landing zone": () => landingZone("4.0", "5.0"),
      "another baseline (its versions are not this table's)": () => landingZone("3.3", "1.0", "ou", "arn:aws:controltower:ap-southeast-2::baseline/LN25R72TTG6IGPTQ"),
    },
    [
      { title: "baseline 4.0 kept after moving to landing zone 4.0", build: () => landingZone("4.0", "4.0"), expect: /enables AWSControlTowerBaseline 4\.0 on a landing zone of version 4\.0, which takes 5\.0/ },
      { title: "an older compatible baseline on an OU being registered (3.0 on 3.3)", build: () => landingZone("3.3", "3.0"), expect: /AWSControlTowerBaseline 3\.0 on a landing zone of version 3\.3, which takes 4\.0/ },
      { title: "an account as the target", build: () => landingZone("3.3", "4.0", "account"), expect: /targets account-dev \(aws:organizations\/account:Account\), which is not an OU/ },
      { title: "an account ARN as the target", build: () => landingZone("3.3", "4.0", "literal-account"), expect: /targets arn:aws:organizations::111111111111:account\/.* which is not an OU/ },
    ],
  );
});
