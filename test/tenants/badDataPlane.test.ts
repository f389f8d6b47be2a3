import { strict as assert } from "assert";
import * as YAML from "yaml";
import { BadConfigCase, planEdited, runLz, stackEdit, STACK_TRACE_LINE, TempProject } from "../helpers/plan";
import { demoTenant } from "./helpers";

/**
 * Bad `shares` and `sftp` values in tenant files, and bad data-plane keys in stack files: exit 2,
 * the file and the key named, no stack trace, nothing planned.
 */

const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF26HQ2qXSL9u/RGbOF3SkffFNqpovIvnWE2rrIUp90O";
const demo = (changes: Record<string, unknown>) => (p: TempProject) => p.writeFile("tenants/demo.yaml", YAML.stringify(demoTenant(changes)));
const another = (slug: string, changes: Record<string, unknown> = {}) => (p: TempProject) =>
  p.writeFile(`tenants/${slug}.yaml`, YAML.stringify(demoTenant({ slug, hostname: `${slug}.example.net`, ...changes })));
const both = (...edits: ((p: TempProject) => void)[]) => (p: TempProject) => edits.forEach((e) => e(p));

const TENANT_CASES: { name: string; edit: (p: TempProject) => void; file: string; key: string; says: RegExp }[] = [
  { name: "a share with an unknown tenant", edit: demo({ shares: [{ with: "acme", access: "deliver" }] }), file: "tenants/demo.yaml", key: "shares[0].with", says: /"acme" is not a tenant \(no tenants\/acme\.yaml\)/ },
  { name: "a share with itself", edit: demo({ shares: [{ with: "demo", access: "deliver" }] }), file: "tenants/demo.yaml", key: "shares[0].with", says: /this tenant itself/ },
  { name: "a share across environments", edit: demo({ shares: [{ with: "contoso-bank", access: "deliver" }] }), file: "tenants/demo.yaml", key: "shares[0].with", says: /lives in the prod stack and this tenant in dev; shares stay within one environment/ },
  { name: "a share listed twice", edit: both(another("acme"), demo({ shares: [{ with: "acme", access: "deliver" }, { with: "acme", access: "deliver" }] })), file: "tenants/demo.yaml", key: "shares[1].with", says: /already granted deliver at shares\[0\]/ },
  { name: "an unknown kind of access", edit: both(another("acme"), demo({ shares: [{ with: "acme", access: "read" }] })), file: "tenants/demo.yaml", key: "shares[0].access", says: /deliver/ },
  { name: "a share without a tenant", edit: demo({ shares: [{ access: "deliver" }] }), file: "tenants/demo.yaml", key: "shares[0].with", says: /is required/ },
  { name: "sftp without keys", edit: demo({ sftp: { publicKeys: [] } }), file: "tenants/demo.yaml", key: "sftp.publicKeys", says: /at least one public key/ },
  { name: "an SFTP key that is not a key line", edit: demo({ sftp: { publicKeys: ["hello"] } }), file: "tenants/demo.yaml", key: "sftp.publicKeys[0]", says: /one OpenSSH public key line/ },
  { name: "an SFTP key of a type Transfer Family refuses", edit: demo({ sftp: { publicKeys: ["ssh-dss AAAAB3NzaC1kc3MAAACBAP"] } }), file: "tenants/demo.yaml", key: "sftp.publicKeys[0]", says: /key type "ssh-dss"/ },
  { name: "a truncated SFTP key", edit: demo({ sftp: { publicKeys: ["ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB"] } }), file: "tenants/demo.yaml", key: "sftp.publicKeys[0]", says: /not a valid ssh-ed25519 key/ },
  { name: "a private key pasted as a public key", edit: demo({ sftp: { publicKeys: ["-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"] } }), file: "tenants/demo.yaml", key: "sftp.publicKeys[0]", says: /is a private key: never put a private key in a tenant file/ },
  { name: "an SFTP key over 2,048 characters", edit: demo({ sftp: { publicKeys: [`ssh-rsa ${"A".repeat(2100)}`] } }), file: "tenants/demo.yaml", key: "sftp.publicKeys[0]", says: /at most 2048/ },
  { name: "the same SFTP key twice", edit: demo({ sftp: { publicKeys: [ED25519, `${ED25519} other-comment`] } }), file: "tenants/demo.yaml", key: "sftp.publicKeys", says: /lists a key twice/ },
  { name: "an unknown sftp key", edit: demo({ sftp: { publicKeys: [ED25519], homeDirectory: "/" } }), file: "tenants/demo.yaml", key: "sftp.homeDirectory", says: /.+/ },
];

const dev = stackEdit("dev");
const management = stackEdit("management");
const STACK_CASES: BadConfigCase[] = [
  { name: "a perimeter that is not a boolean", stack: "dev", edit: dev((c) => (c["landing-zone:perimeter"] = "yes")), file: "Pulumi.dev.yaml", key: "landing-zone:perimeter", says: /boolean/ },
  {
    name: "the perimeter without the KMS and Secrets Manager endpoints",
    stack: "dev",
    edit: dev((c) => {
      c["landing-zone:perimeter"] = true;
      c["landing-zone:vpc"].interfaceEndpoints = ["ssm", "logs"];
    }),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.interfaceEndpoints",
    says: /lacks kms, secretsmanager, sts, which the network perimeter needs/,
  },
  { name: "a partner range wider than a /16", stack: "dev", edit: dev((c) => (c["landing-zone:sftp"] = { partners: [{ cidr: "0.0.0.0/0", description: "everyone" }] })), file: "Pulumi.dev.yaml", key: "landing-zone:sftp.partners[0].cidr", says: /partners' fixed ranges only, \/16 or narrower/ },
  { name: "an SFTP security policy with SHA-1 or CBC", stack: "dev", edit: dev((c) => (c["landing-zone:sftp"] = { securityPolicyName: "TransferSecurityPolicy-2018-11" })), file: "Pulumi.dev.yaml", key: "landing-zone:sftp.securityPolicyName", says: /is not allowed; use one of: "TransferSecurityPolicy-2025-03"/ },
  { name: "the data perimeter on an OU that does not exist", stack: "management", edit: management((c) => (c["landing-zone:dataPerimeter"].ous = ["Workload"])), file: "Pulumi.management.yaml", key: "landing-zone:dataPerimeter.ous[0]", says: /"Workload" is not an OU/ },
  {
    name: "the data perimeter's SCP over an OU's quota of 5",
    stack: "management",
    edit: management((c) => {
      c["landing-zone:guardrails"].policies["extra-a"] = { guardrails: ["deny-leave-organization"] };
      c["landing-zone:guardrails"].policies["extra-b"] = { guardrails: ["deny-root-user"] };
      c["landing-zone:organization"].organizationalUnits.find((o: { path: string }) => o.path === "Workloads").scps.push("extra-a", "extra-b");
    }),
    file: "Pulumi.management.yaml",
    key: "landing-zone:dataPerimeter.ous[0]",
    says: /with the data perimeter's SCP, OU "Workloads" attaches 5 SCPs/,
  },
  {
    name: "so many trusted accounts that the RCP is over 5,120 characters",
    stack: "management",
    edit: management((c) => (c["landing-zone:dataPerimeter"].trustedAccounts = Array.from({ length: 300 }, (_, i) => ({ accountId: String(100000000000 + i), reason: "partner" })))),
    file: "Pulumi.management.yaml",
    key: "landing-zone:dataPerimeter.trustedAccounts",
    says: /the RCP is \d+ characters minified, over the 5120-character RCP quota by \d+; list fewer trusted accounts/,
  },
  {
    name: "the data perimeter without the Datadog account a workload stack's integration needs",
    stack: "dev",
    edit: management((c) => (c["landing-zone:dataPerimeter"].trustedAccounts = [])),
    file: "Pulumi.management.yaml",
    key: "landing-zone:dataPerimeter.trustedAccounts",
    says: /lacks 412381753143, the account Datadog \(ap2\.datadoghq\.com, Pulumi\.dev\.yaml\) assumes dev's integration role from/,
  },
  { name: "a trusted account without a reason", stack: "management", edit: management((c) => (c["landing-zone:dataPerimeter"].trustedAccounts = [{ accountId: "412381753143", reason: "" }])), file: "Pulumi.management.yaml", key: "landing-zone:dataPerimeter.trustedAccounts[0].reason", says: /must say why/ },
];

describe("bad shares and sftp in tenant files, bad data-plane stack keys", function () {
  this.timeout(120000);

  for (const c of TENANT_CASES) {
    it(`lz tenant validate exits 2 on ${c.name}, naming ${c.file} and ${c.key}`, async () => {
      const p = new TempProject();
      try {
        c.edit(p);
        const run = await runLz(["tenant", "validate"], p.root);
        assert.equal(run.code, 2, run.stdout + run.stderr);
        const out = run.stdout + run.stderr;
        assert.ok(out.includes(`${c.file}: ${c.key}:`), `names ${c.file}: ${c.key}:\n${out}`);
        assert.match(out, c.says);
        assert.doesNotMatch(out, STACK_TRACE_LINE);
      } finally {
        p.cleanup();
      }
    });
  }

  it("lz plan exits 2 on a bad share too, before planning anything (the same registry check)", async () => {
    const run = await planEdited("dev", demo({ shares: [{ with: "demo", access: "deliver" }] }));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /tenants\/demo\.yaml: shares\[0\]\.with: "demo" is this tenant itself/);
    assert.equal(run.stdout, "");
  });

  for (const c of STACK_CASES) {
    it(`lz plan ${c.stack} exits 2 on ${c.name}`, async () => {
      const run = await planEdited(c.stack, c.edit);
      assert.equal(run.code, 2, `exit code; stderr:\n${run.stderr}`);
      assert.ok(run.stderr.includes(c.file), `names ${c.file}:\n${run.stderr}`);
      assert.ok(run.stderr.includes(`${c.key}:`), `names ${c.key}:\n${run.stderr}`);
      if (c.says) assert.match(run.stderr, c.says);
      assert.doesNotMatch(run.stderr, STACK_TRACE_LINE, "no stack trace");
      assert.equal(run.stdout, "", "nothing planned");
    });
  }
});
