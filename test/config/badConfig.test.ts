import { strict as assert } from "assert";
import { BadConfigCase, planEdited, stackEdit, STACK_TRACE_LINE } from "../helpers/plan";

/**
 * Each case breaks one value in one stack file and expects `lz plan` to exit 2 with the file and
 * the key path in the message, and without a stack trace.
 */
const dev = stackEdit("dev");

const CASES: BadConfigCase[] = [
  { name: "an account id that is not 12 digits", stack: "dev", edit: dev((c) => (c["landing-zone:account"].id = "5555")), file: "Pulumi.dev.yaml", key: "landing-zone:account.id", says: /12-digit/ },
  { name: "an unquoted account id", stack: "dev", edit: dev((c) => (c["landing-zone:account"].id = 555555555555)), file: "Pulumi.dev.yaml", key: "landing-zone:account.id", says: /quotes/ },
  { name: "a region outside Australia", stack: "dev", edit: dev((c) => (c["landing-zone:account"].region = "us-east-1")), file: "Pulumi.dev.yaml", key: "landing-zone:account.region", says: /use one of: "ap-southeast-2", "ap-southeast-4"/ },
  { name: "a misspelt top-level key", stack: "dev", edit: dev((c) => { c["landing-zone:vcp"] = c["landing-zone:vpc"]; delete c["landing-zone:vpc"]; }), file: "Pulumi.dev.yaml", key: "landing-zone:vcp", says: /did you mean "vpc"/ },
  { name: "an unknown nested key", stack: "dev", edit: dev((c) => (c["landing-zone:account"].regoin = "ap-southeast-2")), file: "Pulumi.dev.yaml", key: "landing-zone:account.regoin", says: /did you mean "region"/ },
  { name: "an AZ of another region", stack: "dev", edit: dev((c) => (c["landing-zone:vpc"].azs = ["ap-southeast-2a", "ap-southeast-4b"])), file: "Pulumi.dev.yaml", key: "landing-zone:vpc.azs[1]", says: /not an availability zone of ap-southeast-2/ },
  { name: "an AZ listed twice", stack: "dev", edit: dev((c) => (c["landing-zone:vpc"].azs = ["ap-southeast-2a", "ap-southeast-2a"])), file: "Pulumi.dev.yaml", key: "landing-zone:vpc.azs", says: /twice/ },
  { name: "a CIDR that does not parse", stack: "dev", edit: dev((c) => (c["landing-zone:vpc"].cidr = "10.16.0.0/33")), file: "Pulumi.dev.yaml", key: "landing-zone:vpc.cidr", says: /not an IPv4 CIDR/ },
  { name: "a CIDR with host bits set", stack: "dev", edit: dev((c) => (c["landing-zone:vpc"].cidr = "10.16.1.0/16")), file: "Pulumi.dev.yaml", key: "landing-zone:vpc.cidr", says: /did you mean 10\.16\.0\.0\/16/ },
  { name: "a CIDR overlapping another stack's", stack: "dev", edit: dev((c) => (c["landing-zone:vpc"].cidr = "10.32.128.0/17")), file: "Pulumi.prod.yaml", key: "landing-zone:vpc.cidr", says: /10\.32\.0\.0\/16 overlaps 10\.32\.128\.0\/17 in Pulumi\.dev\.yaml/ },
  { name: "a public ASN", stack: "network", edit: (p) => p.editStack("network", (c) => (c["landing-zone:transitGateway"].asn = 16509)), file: "Pulumi.network.yaml", key: "landing-zone:transitGateway.asn", says: /private ASN/ },
  { name: "a missing role", stack: "dev", edit: dev((c) => delete c["landing-zone:role"]), file: "Pulumi.dev.yaml", key: "landing-zone:role", says: /is required/ },
  { name: "an unknown role", stack: "dev", edit: dev((c) => (c["landing-zone:role"] = "workloads")), file: "Pulumi.dev.yaml", key: "landing-zone:role", says: /not a role/ },
  { name: "an environment that does not exist", stack: "dev", edit: dev((c) => (c["landing-zone:account"].environment = "staging")), file: "Pulumi.dev.yaml", key: "landing-zone:account.environment", says: /use one of: "prod", "nonprod", "shared"/ },
  { name: "a required tag missing", stack: "dev", edit: dev((c) => delete c["landing-zone:tags"].owner), file: "Pulumi.dev.yaml", key: "landing-zone:tags.owner", says: /is required/ },
  { name: "two stacks in one account", stack: "dev", edit: dev((c) => (c["landing-zone:account"].id = "666666666666")), file: "Pulumi.prod.yaml", key: "landing-zone:account.id", says: /also the account of Pulumi\.dev\.yaml/ },
  { name: "a duplicate account name", stack: "dev", edit: dev((c) => (c["landing-zone:account"].name = "prod")), file: "Pulumi.dev.yaml", key: "landing-zone:account.name", says: /unique/ },
  { name: "a reference to a stack that does not exist", stack: "dev", edit: dev((c) => (c["landing-zone:refs"] = { network: "netwrk" })), file: "Pulumi.dev.yaml", key: "landing-zone:refs.network", says: /no Pulumi\.netwrk\.yaml/ },
  { name: "a reference to a stack of the wrong role", stack: "dev", edit: dev((c) => (c["landing-zone:refs"] = { network: "prod" })), file: "Pulumi.dev.yaml", key: "landing-zone:refs.network", says: /role is workload, not network/ },
  { name: "a reference the role does not read", stack: "dev", edit: dev((c) => (c["landing-zone:refs"] = { security: "security" })), file: "Pulumi.dev.yaml", key: "landing-zone:refs.security", says: /reads no security stack/ },
  { name: "a secret nested inside an object", stack: "dev", edit: dev((c) => (c["landing-zone:tags"].owner = { secure: "v1:abc" })), file: "Pulumi.dev.yaml", key: "landing-zone:tags.owner", says: /top-level keys of their own/ },
  { name: "a stack file that is not YAML", stack: "dev", edit: (p) => p.writeFile("Pulumi.dev.yaml", "config:\n  landing-zone:role: [workload\n"), file: "Pulumi.dev.yaml", key: "", says: /cannot read it as YAML/ },
  { name: "a broken sibling stack file", stack: "dev", edit: (p) => p.editStack("security", (c) => (c["landing-zone:account"].region = "eu-west-1")), file: "Pulumi.security.yaml", key: "landing-zone:account.region" },
];

describe("bad stack config: exit 2, the file and the key named, no stack trace", function () {
  for (const c of CASES) {
    it(c.name, async () => {
      const run = await planEdited(c.stack, c.edit);
      assert.equal(run.code, 2, `exit code; stderr:\n${run.stderr}`);
      assert.ok(run.stderr.includes(c.file), `names ${c.file}:\n${run.stderr}`);
      if (c.key) assert.ok(run.stderr.includes(`${c.key}:`), `names ${c.key}:\n${run.stderr}`);
      if (c.says) assert.match(run.stderr, c.says);
      assert.doesNotMatch(run.stderr, STACK_TRACE_LINE, "no stack trace");
      assert.equal(run.stdout, "", "nothing planned");
    });
  }

  it("reports every problem of every file at once", async () => {
    const run = await planEdited("dev", (p) => {
      p.editStack("dev", (c) => {
        c["landing-zone:account"].id = "1";
        c["landing-zone:account"].region = "us-west-2";
      });
      p.editStack("prod", (c) => (c["landing-zone:vpc"].cidr = "10.32.0.0/8"));
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\d+ problems/);
    assert.match(run.stderr, /Pulumi\.dev\.yaml: landing-zone:account\.id/);
    assert.match(run.stderr, /Pulumi\.dev\.yaml: landing-zone:account\.region/);
    assert.match(run.stderr, /Pulumi\.prod\.yaml: landing-zone:vpc\.cidr/);
  });

  it("has at least 15 cases", () => assert.ok(CASES.length >= 15));
});
