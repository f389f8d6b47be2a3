import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_ROOT } from "../../config/raw";
import { BadConfigCase, planEdited, stackEdit, STACK_TRACE_LINE } from "../helpers/plan";

/**
 * Checks across stacks (config/workloadStacks.ts): one zone and one hostname per workload stack, and
 * every workload account vended and assigned by the management stack. Each names both files.
 */
const devCloudflare = () => structuredClone(YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8")).config["landing-zone:cloudflare"]);

interface CrossCase extends BadConfigCase {
  /** The other file the message must name. */
  readonly other: string;
}

const CASES: CrossCase[] = [
  {
    name: "two workload stacks with the same zone and hostnames",
    stack: "prod",
    edit: stackEdit("prod")((c) => (c["landing-zone:cloudflare"] = { ...devCloudflare(), zoneId: "6666666666666666666666666666eeee", teamName: "example-prod" })),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:cloudflare.zone",
    other: "Pulumi.dev.yaml",
    says: /example\.net is also the zone of Pulumi\.dev\.yaml \(landing-zone:cloudflare\.zone\): a zone's settings and its SaaS fallback origin exist once/,
  },
  {
    name: "one zone id under two names",
    stack: "prod",
    edit: stackEdit("prod")((c) => (c["landing-zone:cloudflare"].zoneId = "5555555555555555555555555555dddd")),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:cloudflare.zoneId",
    other: "Pulumi.dev.yaml",
    says: /is also the zone id of Pulumi\.dev\.yaml \(zone example\.net\), but this file calls it example\.com/,
  },
  {
    name: "a workload account the management stack does not vend",
    stack: "dev",
    edit: stackEdit("dev")((c) => (c["landing-zone:account"].name = "dev-two")),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:account.name",
    other: "Pulumi.management.yaml",
    says: /"dev-two" is not an account of Pulumi\.management\.yaml \(landing-zone:organization\.accounts: .*\), so the organisation does not vend it.*; add \{ name: dev-two, email: \.\.\., ou: Workloads\/NonProd \}/,
  },
  {
    name: "a workload account in no Identity Center assignment",
    stack: "dev",
    edit: stackEdit("management")((c) => {
      const ic = c["landing-zone:identityCenter"];
      ic.assignments = ic.assignments.map((a: { accounts: string[] }) => ({ ...a, accounts: a.accounts.filter((x) => x !== "dev") })).filter((a: { accounts: string[] }) => a.accounts.length > 0);
    }),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:account.name",
    other: "Pulumi.management.yaml",
    says: /"dev" is in no Identity Center assignment of Pulumi\.management\.yaml \(landing-zone:identityCenter\.assignments\), so no one can sign in to it/,
  },
];

describe("checks across stacks: zones, hostnames, vended and assigned accounts", function () {
  for (const c of CASES) {
    it(`${c.name}: exit 2, ${c.file} ${c.key} and ${c.other} named`, async () => {
      const run = await planEdited(c.stack, c.edit);
      assert.equal(run.code, 2, `exit code; stderr:\n${run.stderr}`);
      const line = run.stderr.split("\n").find((l) => l.includes(`${c.file}: ${c.key}:`) && (!c.says || c.says.test(l)));
      assert.ok(line, `a line naming ${c.file}: ${c.key}:${c.says ? ` and matching ${c.says}` : ""}\n${run.stderr}`);
      assert.ok(line.includes(c.other), `names ${c.other}: ${line}`);
      assert.doesNotMatch(run.stderr, STACK_TRACE_LINE);
      assert.equal(run.stdout, "");
    });
  }

  it("the same hostnames are named one by one, with the rule that routes them in the other file", async () => {
    const run = await planEdited("prod", CASES[0].edit);
    for (const host of ["admin.example.net", "docs.example.net"]) {
      assert.match(run.stderr, new RegExp(`Pulumi\\.prod\\.yaml: landing-zone:cloudflare\\.ingress\\[\\d\\]\\.hostname: "${host.replace(/\./g, "\\.")}" is also routed by Pulumi\\.dev\\.yaml \\(landing-zone:cloudflare\\.ingress\\[\\d\\]\\.hostname\\)`));
    }
  });

  it("the sample stacks pass: each zone once, every workload account vended and assigned", async function () {
    this.timeout(60_000);
    const { loadAllStackConfigs } = await import("../../config");
    assert.ok(loadAllStackConfigs(PROJECT_ROOT).some((c) => c.role === "workload"));
  });
});
