import { strict as assert } from "assert";
import * as YAML from "yaml";
import { leastFilledCell } from "../../lib/tenants/cells";
import { BadConfigCase, planEdited, runLz, stackEdit, STACK_TRACE_LINE, TempProject } from "../helpers/plan";
import { demoTenant } from "../tenants/helpers";

/** Tenant cells as config: where a tenant may live, how many a cell holds, whose account it uses. */

const tenant = (slug: string, changes: Record<string, unknown>) => (p: TempProject) => p.writeFile(`tenants/${slug}.yaml`, YAML.stringify(demoTenant({ slug, hostname: `${slug}.example.net`, ...changes })));

const CASES: (BadConfigCase & { says: RegExp })[] = [
  {
    name: "a tenant in a cell that does not exist",
    stack: "dev-cell-01",
    edit: tenant("acme", { cell: "dev-cell-07" }),
    file: "tenants/acme.yaml",
    key: "cell",
    says: /"dev-cell-07" is not a stack of this project \(no Pulumi\.dev-cell-07\.yaml\); cells of dev: dev-cell-01/,
  },
  {
    name: "a tenant in a cell of another environment",
    stack: "dev-cell-01",
    edit: tenant("acme", { cell: "prod-cell-01" }),
    file: "tenants/acme.yaml",
    key: "cell",
    says: /"prod-cell-01" is a cell of prod, not of dev \(the tenant's stack\)/,
  },
  {
    name: "a tenant whose cell is not a cell's name",
    stack: "dev-cell-01",
    edit: tenant("acme", { cell: "dev" }),
    file: "tenants/acme.yaml",
    key: "cell",
    says: /must name a cell stack, <workload stack>-cell-<nn>, e\.g\. prod-cell-01/,
  },
  {
    name: "a cell over its capacity",
    stack: "dev-cell-01",
    edit: (p) => {
      stackEdit("dev-cell-01")((c) => (c["landing-zone:cell"] = { capacity: 2 }))(p);
      for (const slug of ["acme", "zeta"]) tenant(slug, { cell: "dev-cell-01" })(p);
    },
    file: "Pulumi.dev-cell-01.yaml",
    key: "landing-zone:cell.capacity",
    says: /the cell holds 3 tenants, over its capacity of 2: move one to another cell of dev \(lz tenant move; tenants\/zeta\.yaml\), or raise cell\.capacity/,
  },
  {
    name: "a capacity above what keeps a cell's state small",
    stack: "dev-cell-01",
    edit: stackEdit("dev-cell-01")((c) => (c["landing-zone:cell"] = { capacity: 500 })),
    file: "Pulumi.dev-cell-01.yaml",
    key: "landing-zone:cell.capacity",
    says: /at most 60/,
  },
  {
    name: "a cell in another account than its workload stack's",
    stack: "dev-cell-01",
    edit: stackEdit("dev-cell-01")((c) => (c["landing-zone:account"].id = "999999999999")),
    file: "Pulumi.dev-cell-01.yaml",
    key: "landing-zone:account.id",
    says: /is "999999999999", but the cell's workload stack Pulumi\.dev\.yaml has "555555555555": a cell deploys into its environment's account/,
  },
  {
    name: "a cell with an account baseline of its own",
    stack: "dev-cell-01",
    edit: stackEdit("dev-cell-01")((c) => (c["landing-zone:baseline"] = { configRecorder: false })),
    file: "Pulumi.dev-cell-01.yaml",
    key: "landing-zone:baseline",
    says: /a cell applies no account baseline: its account's is set by the workload stack dev/,
  },
  {
    name: "a cell that reads another environment's workload stack",
    stack: "dev-cell-01",
    edit: stackEdit("dev-cell-01")((c) => (c["landing-zone:refs"] = { workload: "prod" })),
    file: "Pulumi.dev-cell-01.yaml",
    key: "landing-zone:refs.workload",
    says: /names stack "prod", but the cell's name says it is a cell of dev/,
  },
  {
    name: "a cell not named <workload>-cell-<nn>",
    stack: "dev",
    edit: (p) => p.writeFile("Pulumi.devcells.yaml", YAML.stringify({ config: { "landing-zone:role": "tenant-cell", "landing-zone:pulumiOrg": "example-org", "landing-zone:account": { id: "555555555555", name: "dev", region: "ap-southeast-2", environment: "nonprod" }, "landing-zone:tags": { owner: "x", dataClassification: "internal" }, ...secrets() } })),
    file: "Pulumi.devcells.yaml",
    key: "landing-zone:role",
    says: /a tenant-cell stack is named <workload stack>-cell-<nn>, e\.g\. prod-cell-01/,
  },
];

function secrets(): Record<string, unknown> {
  return Object.fromEntries(["cloudflareApiToken", "cloudflareTunnelSecret", "datadogApiKey", "datadogAppKey"].map((k) => [`landing-zone:${k}`, { secure: "v1:AAAAexample==" }]));
}

describe("tenant cells: config", function () {
  this.timeout(120000);

  for (const c of CASES) {
    it(`refuses ${c.name}: exit 2, with the file and the key`, async () => {
      const run = await planEdited(c.stack, c.edit);
      assert.equal(run.code, 2, `exit code; stderr:\n${run.stderr}`);
      assert.ok(run.stderr.includes(c.file), `names ${c.file}:\n${run.stderr}`);
      assert.ok(run.stderr.includes(`${c.key}:`), `names ${c.key}:\n${run.stderr}`);
      assert.match(run.stderr, c.says);
      assert.doesNotMatch(run.stderr, STACK_TRACE_LINE, "no stack trace");
      assert.equal(run.stdout, "", "nothing planned");
    });
  }

  it("a cell's secrets are required, as Pulumi secrets", async () => {
    const run = await planEdited("dev-cell-01", stackEdit("dev-cell-01")((c) => delete c["landing-zone:cloudflareTunnelSecret"]));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Pulumi\.dev-cell-01\.yaml: landing-zone:cloudflareTunnelSecret: is required for the tenant-cell role/);
  });

  it("the least-filled cell with room, ties to the lowest name; none when all are full", () => {
    assert.equal(leastFilledCell([{ stack: "prod-cell-02", capacity: 50, tenants: 10 }, { stack: "prod-cell-01", capacity: 50, tenants: 10 }, { stack: "prod-cell-03", capacity: 50, tenants: 12 }]), "prod-cell-01");
    assert.equal(leastFilledCell([{ stack: "prod-cell-01", capacity: 50, tenants: 3 }, { stack: "prod-cell-02", capacity: 50, tenants: 2 }]), "prod-cell-02");
    assert.equal(leastFilledCell([{ stack: "prod-cell-01", capacity: 2, tenants: 2 }]), undefined);
  });

  it("`lz tenant add` picks the least-filled cell, honours --cell, and refuses when every cell is full", async () => {
    const p = new TempProject();
    try {
      p.writeFile("Pulumi.prod-cell-02.yaml", p.readFile("Pulumi.prod-cell-01.yaml"));
      let run = await runLz(["tenant", "add", "acme", "--stack", "prod", "--hostname", "acme.example.com"], p.root);
      assert.equal(run.code, 0, run.stderr);
      assert.match(p.readFile("tenants/acme.yaml"), /^cell: prod-cell-02$/m, "prod-cell-02 holds none, prod-cell-01 three");
      run = await runLz(["tenant", "add", "zeta", "--stack", "prod", "--cell", "prod-cell-01", "--hostname", "zeta.example.com"], p.root);
      assert.equal(run.code, 0, run.stderr);
      assert.match(p.readFile("tenants/zeta.yaml"), /^cell: prod-cell-01$/m);
      for (const cell of ["prod-cell-01", "prod-cell-02"]) p.editStack(cell, (c) => (c["landing-zone:cell"] = { capacity: cell === "prod-cell-01" ? 4 : 1 }));
      run = await runLz(["tenant", "add", "omega", "--stack", "prod", "--hostname", "omega.example.com"], p.root);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /every cell of prod is full \(prod-cell-01 4\/4, prod-cell-02 1\/1\); add the next cell/);
      run = await runLz(["tenant", "add", "omega", "--stack", "prod", "--cell", "prod-cell-01", "--hostname", "omega.example.com"], p.root);
      assert.equal(run.code, 2, "a full cell named explicitly is refused by the registry's own check");
      assert.match(run.stderr, /over its capacity of 4/);
    } finally {
      p.cleanup();
    }
  });
});
