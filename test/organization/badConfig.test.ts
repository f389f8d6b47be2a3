import * as assert from "assert";
import { LzRun, planEdited } from "../helpers/plan";

// Bad organisation config is refused before any resource exists: `lz plan` exits 2 and names the
// file and the landing-zone: key path.

const ORG = "landing-zone:organization";
const GUARDRAILS = "landing-zone:guardrails";

function expectKey(run: LzRun, file: string, key: string, message?: RegExp): void {
  assert.strictEqual(run.code, 2, `expected exit 2, got ${run.code}\n${run.stderr}${run.stdout}`);
  assert.ok(run.stderr.includes(`${file}: ${key}:`), `stderr does not name ${file}: ${key}\n${run.stderr}`);
  if (message) assert.match(run.stderr, message);
}

describe("management config refused at config time (exit 2, key named)", () => {
  it("duplicate account emails", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c[ORG].accounts[4].email = c[ORG].accounts[1].email.toUpperCase();
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${ORG}.accounts[4].email`, /duplicate account email "aws\+security@example.com" \(also at \[1\]\)/);
  });

  it("an account in an OU that does not exist", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c[ORG].accounts[3].ou = "Workloads/Staging";
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${ORG}.accounts[3].ou`, /"Workloads\/Staging" is not an OU; use one of Security, /);
  });

  it("an OU whose parent is not listed", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c[ORG].organizationalUnits.push({ path: "Labs/Experiments" });
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${ORG}.organizationalUnits[7].path`, /add an entry with path "Labs"/);
  });

  it("an SCP over 5,120 characters", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c[GUARDRAILS].regionDeny = { additionalExemptPrincipalArns: Array.from({ length: 80 }, (_, i) => `arn:aws:iam::*:role/DisasterRecoveryOperator${i}`) };
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${GUARDRAILS}.policies.region-deny`, /characters minified, over the 5120-character SCP quota/);
  });

  it("more than 5 SCPs on one OU, counting FullAWSAccess", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        for (const name of ["a", "b", "c"]) c[GUARDRAILS].policies[`extra-${name}`] = { guardrails: ["deny-leave-organization"] };
        c[ORG].organizationalUnits[0].scps = ["core-guardrails", "region-deny", "extra-a", "extra-b", "extra-c"];
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${ORG}.organizationalUnits[0].scps`, /AWS-managed FullAWSAccess \(always attached, and counted\) makes 6, over the quota of 5/);
  });

  it("an OU attaching a policy that is not defined", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c[ORG].organizationalUnits[1].scps = ["core-guardrails", "region-denny"];
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${ORG}.organizationalUnits[1].scps[1]`, /"region-denny" is not a policy in guardrails.policies/);
  });

  it("a guardrail that does not exist", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c[GUARDRAILS].policies["region-deny"].guardrails = ["region-deny", "deny-everything"];
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${GUARDRAILS}.policies.region-deny.guardrails[1]`);
  });

  it("a delegated administrator that is not a vended account", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c[ORG].delegatedAdministrators.security = "audit";
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${ORG}.delegatedAdministrators.security`, /"audit" is not an account in organization.accounts/);
  });

  it("an Identity Center assignment naming an unknown permission set or account", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c["landing-zone:identityCenter"].assignments[1] = { group: "AWS-Developers", permissionSet: "developer", accounts: ["staging"] };
      }),
    );
    expectKey(run, "Pulumi.management.yaml", "landing-zone:identityCenter.assignments[1].permissionSet", /"developer" is not in identityCenter.permissionSets/);
    expectKey(run, "Pulumi.management.yaml", "landing-zone:identityCenter.assignments[1].accounts[0]", /"staging" is not an account/);
  });

  it("a session longer than Identity Center allows", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        c["landing-zone:identityCenter"].permissionSets.administrator.sessionDuration = "PT13H";
      }),
    );
    expectKey(run, "Pulumi.management.yaml", "landing-zone:identityCenter.permissionSets.administrator.sessionDuration", /between PT1H and PT12H/);
  });
});
