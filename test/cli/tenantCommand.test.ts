import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_ROOT } from "../../config/raw";
import { runLz, TempProject } from "../helpers/plan";

describe("lz tenant", () => {
  let p: TempProject;
  beforeEach(() => {
    p = new TempProject();
  });
  afterEach(() => p.cleanup());

  const read = (slug: string) => YAML.parse(fs.readFileSync(path.join(p.root, "tenants", `${slug}.yaml`), "utf8"));

  describe("add", () => {
    it("writes a valid file with defaults, which validate and list then see", async () => {
      const run = await runLz(["tenant", "add", "acme", "--stack", "dev", "--hostname", "acme.example.net", "--okta-group", "acme-users", "--okta-group", "acme-admins", "--classification", "restricted"], p.root);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /wrote tenants\/acme\.yaml/);
      const doc = read("acme");
      assert.deepEqual(doc, {
        slug: "acme",
        displayName: "Acme",
        stack: "dev",
        cell: "dev-cell-01",
        hostname: "acme.example.net",
        oktaGroups: ["acme-users", "acme-admins"],
        dataClassification: "restricted",
        retentionDays: 2555,
        contacts: [{ name: "Platform engineering", email: "platform@example.net", role: "technical" }],
        status: "active",
      });
      assert.equal((await runLz(["tenant", "validate"], p.root)).code, 0);
      const list = await runLz(["tenant", "list", "--stack", "dev"], p.root);
      assert.equal(list.code, 0);
      assert.match(list.stdout, /acme\s+dev-cell-01\s+Acme\s+acme\.example\.net/);
    });

    it("takes contacts, a display name, a retention and a custom hostname", async () => {
      const run = await runLz(
        ["tenant", "add", "acme-health", "--stack", "prod", "--hostname", "acme-health.example.com", "--display-name", "Acme Health", "--retention-days", "3650",
          "--contact", "security:Acme SecOps <secops@acme.example>", "--contact", "Jane Doe <jane@acme.example>", "--custom-hostname", "Portal.Acme.Example"],
        p.root,
      );
      assert.equal(run.code, 0, run.stderr);
      const doc = read("acme-health");
      assert.equal(doc.displayName, "Acme Health");
      assert.equal(doc.retentionDays, 3650);
      assert.equal(doc.customHostname, "portal.acme.example");
      assert.deepEqual(doc.contacts, [
        { name: "Acme SecOps", email: "secops@acme.example", role: "security" },
        { name: "Jane Doe", email: "jane@acme.example", role: "technical" },
      ]);
    });

    const refusals: [string, string[], RegExp][] = [
      ["a duplicate slug", ["demo", "--stack", "dev", "--hostname", "demo2.example.net"], /tenants\/demo\.yaml: slug: tenant "demo" already exists/],
      ["a duplicate hostname", ["acme", "--stack", "dev", "--hostname", "demo.example.net"], /tenants\/acme\.yaml: hostname: "demo\.example\.net" is already used by tenants\/demo\.yaml/],
      ["a hostname outside the zone", ["acme", "--stack", "dev", "--hostname", "acme.example.com"], /tenants\/acme\.yaml: hostname: .*not in the dev stack's zone example\.net/],
      ["a bad slug", ["Acme_Corp", "--stack", "dev", "--hostname", "acme.example.net"], /tenants\/Acme_Corp\.yaml: slug: must be 3–32 lower-case/],
      ["an unknown stack", ["acme", "--stack", "staging", "--hostname", "acme.example.net"], /tenants\/acme\.yaml: stack: "staging" is not a stack.*dev, prod/],
      ["a bad classification", ["acme", "--stack", "dev", "--hostname", "acme.example.net", "--classification", "top-secret"], /--classification "top-secret" is not one of internal, confidential or restricted/],
      ["a bad retention", ["acme", "--stack", "dev", "--hostname", "acme.example.net", "--retention-days", "7"], /retentionDays: .*at least 30 days/],
      ["an app's hostname", ["acme", "--stack", "dev", "--hostname", "admin.example.net"], /already an internal app of the dev stack/],
    ];
    for (const [what, args, message] of refusals) {
      it(`refuses ${what} with exit 2, the file and the key, and writes nothing`, async () => {
        const before = fs.readdirSync(path.join(p.root, "tenants")).sort();
        const run = await runLz(["tenant", "add", ...args], p.root);
        assert.equal(run.code, 2, run.stdout);
        assert.match(run.stderr, message);
        assert.deepEqual(fs.readdirSync(path.join(p.root, "tenants")).sort(), before);
        if (!/duplicate slug/.test(what)) assert.equal(fs.readFileSync(path.join(p.root, "tenants", "demo.yaml"), "utf8"), fs.readFileSync(path.join(PROJECT_ROOT, "tenants", "demo.yaml"), "utf8"));
      });
    }

    it("refuses an unknown contact role with the valid ones (from the tenant schema) and a did-you-mean", async () => {
      const run = await runLz(["tenant", "add", "acme", "--stack", "dev", "--hostname", "acme.example.net", "--contact", "secuirty:Acme SecOps <secops@acme.example>"], p.root);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--contact "secuirty:Acme SecOps <secops@acme\.example>": the role "secuirty" is not one of technical, business, security, billing; did you mean security\?/);
      assert.ok(!fs.existsSync(path.join(p.root, "tenants", "acme.yaml")));
      const ok = await runLz(["tenant", "add", "acme", "--stack", "dev", "--hostname", "acme.example.net", "--contact", "billing:Acme Finance <finance@acme.example>"], p.root);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(fs.readFileSync(path.join(p.root, "tenants", "acme.yaml"), "utf8"), /role: billing/);
      fs.rmSync(path.join(p.root, "tenants", "acme.yaml"));
    });

    it("reports usage mistakes with exit 2", async () => {
      for (const args of [["acme", "--hostname", "acme.example.net"], ["--stack", "dev", "--hostname", "acme.example.net"], ["acme", "--stack", "dev", "--hostname", "x", "--bogus"], ["acme", "--stack", "dev", "--hostname", "acme.example.net", "--contact", "no email"]]) {
        const run = await runLz(["tenant", "add", ...args], p.root);
        assert.equal(run.code, 2, args.join(" "));
        assert.match(run.stderr, /lz tenant/);
      }
      assert.equal((await runLz(["tenant"], p.root)).code, 2);
      assert.equal((await runLz(["tenant", "remove", "demo"], p.root)).code, 2);
    });
  });

  describe("validate and list", () => {
    it("validate passes the sample registry", async () => {
      const run = await runLz(["tenant", "validate"], p.root);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /4 tenant file\(s\) valid \(dev: 1, prod: 3\)/);
    });

    it("validate names every bad file and key at once, exit 2", async () => {
      p.writeFile("tenants/bad-slug.yaml", fs.readFileSync(path.join(p.root, "tenants", "demo.yaml"), "utf8").replace("slug: demo", "slug: Bad_Slug").replace("demo.example.net", "bad.example.net"));
      p.writeFile("tenants/elsewhere.yaml", YAML.stringify({ ...read("demo"), slug: "elsewhere", hostname: "elsewhere.example.org" }));
      const run = await runLz(["tenant", "validate"], p.root);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /2 problems in tenant files/);
      assert.match(run.stderr, /tenants\/bad-slug\.yaml: slug: must be 3–32/);
      assert.match(run.stderr, /tenants\/elsewhere\.yaml: hostname: "elsewhere\.example\.org" is not in the dev stack's zone example\.net/);
    });

    it("list prints a table per stack and status", async () => {
      const run = await runLz(["tenant", "list"], p.root);
      assert.equal(run.code, 0, run.stderr);
      const out = run.stdout;
      assert.match(out, /^dev \(zone example\.net\): 1 tenant$/m);
      assert.match(out, /^prod \(zone example\.com\): 3 tenants$/m);
      assert.match(out, /^ {2}by cell: prod-cell-01 3\/50$/m, "how full each cell is");
      assert.match(out, /^ {2}active \(2\)$/m);
      assert.match(out, /^ {2}suspended \(1\)\n {4}SLUG .*\n {4}fabrikam /m);
      assert.ok(out.indexOf("dev (") < out.indexOf("prod ("), "stacks in order");
      const json = JSON.parse((await runLz(["tenant", "list", "--json", "--stack", "prod"], p.root)).stdout);
      assert.deepEqual(json.map((t: { slug: string }) => t.slug), ["contoso-bank", "fabrikam", "northwind-health"]);
      assert.equal((await runLz(["tenant", "list", "--stack", "nope"], p.root)).code, 2);
    });

    it("list shows each stack's sharing grants, whether each is in force, and the SFTP keys", async () => {
      const out = (await runLz(["tenant", "list"], p.root)).stdout;
      assert.match(out, /^ {2}grants \(2\): the sender may put objects/m);
      assert.match(out, /^ {4}northwind-health +contoso-bank +deliver +inbound\/contoso-bank\/ +yes$/m);
      assert.match(out, /^ {4}fabrikam +contoso-bank +deliver +inbound\/contoso-bank\/ +no: fabrikam is suspended$/m);
      assert.match(out, /^ {4}contoso-bank .* 2 keys /m);
      // Revoking is removing the entry: the grant is gone from the listing.
      const nw = read("northwind-health");
      delete nw.shares;
      p.writeFile("tenants/northwind-health.yaml", YAML.stringify(nw));
      const after = (await runLz(["tenant", "list"], p.root)).stdout;
      assert.match(after, /^ {2}grants \(1\)/m);
      assert.doesNotMatch(after, /northwind-health +contoso-bank +deliver/);
    });
  });

  it("loads no Pulumi SDK (it answers in a blink)", () => {
    const script = `
      const { main } = require("./cli/main");
      const { bufferIo } = require("./cli/io");
      const io = bufferIo();
      const t = Date.now();
      main(["tenant", "list"], io).then((code) => {
        const sdk = Object.keys(require.cache).filter((k) => k.includes("@pulumi"));
        console.log(JSON.stringify({ code, sdk: sdk.length, ms: Date.now() - t }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ["-r", "./bin/register.js", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim());
    assert.equal(out.code, 0);
    assert.equal(out.sdk, 0, "no module of @pulumi/* is loaded by lz tenant");
  });
});
