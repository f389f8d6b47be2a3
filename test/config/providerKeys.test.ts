import { strict as assert } from "assert";
import { loadAllStackConfigs } from "../../config";
import { isConfigError } from "../../config/errors";
import { PROJECT_ROOT } from "../../config/raw";
import { providerKeyIssues, providerKeySource } from "../../config/providerKeys";
import { BadConfigCase, planEdited, stackEdit, STACK_TRACE_LINE, TempProject } from "../helpers/plan";

/**
 * Provider keys (`aws:*`, `cloudflare:*`, `datadog:*`) configure only default providers, which
 * Pulumi.yaml disables: a stack file that sets one is refused (exit 2), naming the file, the key and
 * what to set instead; an `aws:region` that agrees with `landing-zone:account.region` is accepted.
 */
const dev = stackEdit("dev");

const CASES: BadConfigCase[] = [
  { name: "aws:region disagreeing with account.region", stack: "dev", edit: dev((c) => (c["aws:region"] = "us-east-1")), file: "Pulumi.dev.yaml", key: "aws:region", says: /"us-east-1", but this stack deploys to "ap-southeast-2" \(`landing-zone:account\.region`\)/ },
  { name: "aws:profile", stack: "dev", edit: dev((c) => (c["aws:profile"] = "prod-admin")), file: "Pulumi.dev.yaml", key: "aws:profile", says: /not read: default providers are disabled.*deploymentRoleName.*AWS_PROFILE/ },
  { name: "aws:defaultTags", stack: "dev", edit: dev((c) => (c["aws:defaultTags"] = { tags: { owner: "x" } })), file: "Pulumi.dev.yaml", key: "aws:defaultTags", says: /landing-zone:tags/ },
  { name: "an aws key without advice of its own", stack: "dev", edit: dev((c) => (c["aws:skipMetadataApiCheck"] = "true")), file: "Pulumi.dev.yaml", key: "aws:skipMetadataApiCheck", says: /components\/providers\/aws\.ts/ },
  { name: "cloudflare:apiToken", stack: "dev", edit: dev((c) => (c["cloudflare:apiToken"] = { secure: "v1:abc" })), file: "Pulumi.dev.yaml", key: "cloudflare:apiToken", says: /pulumi config set --secret landing-zone:cloudflareApiToken/ },
  { name: "datadog:apiUrl", stack: "dev", edit: dev((c) => (c["datadog:apiUrl"] = "https://api.datadoghq.com/")), file: "Pulumi.dev.yaml", key: "datadog:apiUrl", says: /landing-zone:datadog\.site/ },
  { name: "aws:region in a sibling stack's file", stack: "dev", edit: stackEdit("prod")((c) => (c["aws:region"] = "ap-southeast-4")), file: "Pulumi.prod.yaml", key: "aws:region", says: /"ap-southeast-4", but this stack deploys to "ap-southeast-2"/ },
  {
    name: "a project-level aws:region in Pulumi.yaml",
    stack: "dev",
    edit: (p) => p.writeFile("Pulumi.yaml", "name: landing-zone\nruntime: nodejs\nconfig:\n  aws:region:\n    value: us-west-2\n"),
    file: "Pulumi.yaml",
    key: "aws:region",
    says: /"us-west-2", but this stack deploys to/,
  },
];

describe("provider keys in stack files (aws:region and friends)", function () {
  for (const c of CASES) {
    it(`refuses ${c.name}: exit 2, ${c.file} and ${c.key} named, no stack trace`, async () => {
      const run = await planEdited(c.stack, c.edit);
      assert.equal(run.code, 2, `exit code; stderr:\n${run.stderr}`);
      assert.ok(run.stderr.includes(`${c.file}: ${c.key}:`), `names ${c.file}: ${c.key}:\n${run.stderr}`);
      if (c.says) assert.match(run.stderr, c.says);
      assert.doesNotMatch(run.stderr, STACK_TRACE_LINE);
      assert.equal(run.stdout, "");
    });
  }

  it("accepts an aws:region that says what landing-zone:account.region says", () => {
    const keys = { "aws:region": { value: "ap-southeast-2", file: "Pulumi.dev.yaml" } };
    assert.deepEqual(providerKeyIssues(keys, "ap-southeast-2"), []);
    assert.equal(providerKeyIssues(keys, "ap-southeast-4").length, 1);
  });

  it("the program refuses it too, as `pulumi up` runs it (the key read from the runtime's config)", async function () {
    this.timeout(120_000);
    const { planStack } = await import("../../cli/engine/planner");
    const configs = loadAllStackConfigs(PROJECT_ROOT); // checked before the edit: only the program sees it
    const p = new TempProject().editStack("security", (c) => (c["aws:region"] = "us-east-1"));
    try {
      await assert.rejects(planStack("security", { root: p.root, configs, policies: false }), (err: unknown) => {
        assert.ok(isConfigError(err), String(err));
        assert.match((err as Error).message, /Pulumi\.security\.yaml: aws:region: is "us-east-1", but this stack deploys to "ap-southeast-2"/);
        return true;
      });
    } finally {
      p.cleanup();
    }
  });

  it("names where a key the runtime was given comes from: the stack file, Pulumi.yaml, or the ESC environment", () => {
    const project = { "aws:region": { value: "us-west-2", file: "Pulumi.yaml" } };
    assert.equal(providerKeySource("aws:region", "us-east-1", "dev", new Set(["aws:region"]), project), "Pulumi.dev.yaml");
    assert.equal(providerKeySource("aws:region", "us-west-2", "dev", new Set(), project), "Pulumi.yaml");
    assert.equal(providerKeySource("aws:profile", "x", "dev", new Set(), project), "the ESC environment of Pulumi.dev.yaml");
    assert.equal(providerKeySource("aws:profile", "x", "dev", undefined, project), "Pulumi.dev.yaml", "an unreadable stack file is named");
  });

  it("plans a stack whose aws:region agrees (a Pulumi user's habit is not an error)", async function () {
    this.timeout(120_000);
    const run = await planEdited("security", stackEdit("security")((c) => (c["aws:region"] = c["landing-zone:account"].region)));
    assert.notEqual(run.code, 2, run.stderr);
    assert.doesNotMatch(run.stderr, /aws:region/);
  });
});
