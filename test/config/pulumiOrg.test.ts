import * as assert from "assert";
import { pulumiOrgIssues } from "../../config/stackConfig";
import { planEdited, sampleStacks, STACK_TRACE_LINE, stackEdit } from "../helpers/plan";

describe("landing-zone:pulumiOrg and landing-zone:backend (#13 item 10)", () => {
  it("is required on the Pulumi Cloud backend (the default), allowed to default on a self-managed one", () => {
    assert.match(pulumiOrgIssues("Pulumi.dev.yaml", "pulumi-cloud", undefined)[0].message, /is required on the Pulumi Cloud backend.*pulumi config set landing-zone:pulumiOrg <your-org>/);
    assert.deepStrictEqual(pulumiOrgIssues("Pulumi.dev.yaml", "pulumi-cloud", "acme"), []);
    assert.deepStrictEqual(pulumiOrgIssues("Pulumi.dev.yaml", "self-managed", undefined), []);
    assert.deepStrictEqual(pulumiOrgIssues("Pulumi.dev.yaml", "self-managed", "organization"), []);
    assert.match(pulumiOrgIssues("Pulumi.dev.yaml", "self-managed", "acme")[0].message, /self-managed backend names every stack's organisation "organization"/);
  });

  it("lz plan exits 2 naming the file and key when a Pulumi Cloud stack file has no pulumiOrg", async () => {
    const run = await planEdited("management", stackEdit("management")((c) => delete c["landing-zone:pulumiOrg"]));
    assert.strictEqual(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes("Pulumi.management.yaml: landing-zone:pulumiOrg: is required on the Pulumi Cloud backend"), run.stderr);
    assert.doesNotMatch(run.stderr, STACK_TRACE_LINE);
  });

  it("a self-managed backend needs no pulumiOrg, and plans", async () => {
    const run = await planEdited("management", (p) => {
      for (const stack of sampleStacks()) {
        p.editStack(stack, (c) => {
          delete c["landing-zone:pulumiOrg"];
          c["landing-zone:backend"] = "self-managed";
        });
      }
    });
    assert.strictEqual(run.code, 0, run.stderr);
  });

  it("refuses a stack that reads a stack of another organisation (the reference would not find it)", async () => {
    const run = await planEdited("log-archive", stackEdit("log-archive")((c) => (c["landing-zone:pulumiOrg"] = "other-org")));
    assert.strictEqual(run.code, 2, run.stderr);
    assert.match(run.stderr, /Pulumi\.log-archive\.yaml: landing-zone:pulumiOrg: is "other-org" \(backend pulumi-cloud\), but the management stack it reads \(Pulumi\.management\.yaml\) is in "example-org"/);
  });

  it("refuses an unknown backend", async () => {
    const run = await planEdited("management", stackEdit("management")((c) => (c["landing-zone:backend"] = "s3")));
    assert.strictEqual(run.code, 2, run.stderr);
    assert.match(run.stderr, /Pulumi\.management\.yaml: landing-zone:backend:/);
  });
});
