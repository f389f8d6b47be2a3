import { strict as assert } from "assert";
import { loadAllStackConfigs, PROJECT_ROOT, WorkloadConfig } from "../../config";
import { hubOf, networkViewIssues, spokesOf } from "../../config/networkView";

describe("config/networkView: the hub and its spokes, from config", () => {
  const configs = loadAllStackConfigs(PROJECT_ROOT);

  it("lists every workload stack attached to the hub, with its segment, CIDR and deployment role", () => {
    assert.deepEqual(
      spokesOf(configs, "network").map((s) => [s.stack, s.segment, s.cidr, s.accountId, s.deploymentRoleName]),
      [
        ["dev", "nonprod", "10.16.0.0/16", "555555555555", "LandingZoneDeployment"],
        ["prod", "prod", "10.32.0.0/16", "666666666666", "LandingZoneDeployment"],
      ],
    );
    assert.deepEqual(spokesOf(configs, "another-hub"), []);
  });

  it("gives a workload stack its hub's account, region and resolver rules", () => {
    const dev = configs.find((c) => c.stack === "dev") as WorkloadConfig;
    assert.deepEqual(hubOf(configs, dev), { stack: "network", accountId: "444444444444", region: "ap-southeast-2", resolverRules: [{ name: "corp", domain: "corp.example.com" }] });
  });

  it("finds no cross-stack network problem in the samples", () => {
    assert.deepEqual(networkViewIssues(configs), []);
  });
});
