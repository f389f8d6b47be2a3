import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { jsonFaithful, parseTenantYaml } from "../../config/yamlCache";

const TENANT = `# Tenant acme
slug: acme
displayName: Acme Insurance
stack: dev
hostname: acme.example.net
oktaGroups:
  - acme-users
retentionDays: 365
status: active
`;

describe("the tenant files' YAML cache (config/yamlCache.ts)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-yaml-cache-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.LZ_YAML_CACHE;
  });
  const kept = () => fs.readdirSync(dir).filter((f) => f.endsWith(".json"));

  it("gives what YAML.parse gives, and keeps it under the text's hash", () => {
    assert.deepStrictEqual(parseTenantYaml(TENANT, dir), YAML.parse(TENANT));
    const [file] = kept();
    assert.match(file, /^[0-9a-f]{64}\.json$/);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")), YAML.parse(TENANT));
  });

  it("reads a kept text from the cache, and an edited text afresh", () => {
    parseTenantYaml(TENANT, dir);
    const [file] = kept();
    fs.writeFileSync(path.join(dir, file), JSON.stringify({ slug: "from-the-cache" }));
    assert.deepStrictEqual(parseTenantYaml(TENANT, dir), { slug: "from-the-cache" }, "the kept value was not read");
    const edited = TENANT.replace("retentionDays: 365", "retentionDays: 400");
    assert.equal((parseTenantYaml(edited, dir) as { retentionDays: number }).retentionDays, 400);
    assert.equal(kept().length, 2);
  });

  it("parses again over a torn cache file", () => {
    parseTenantYaml(TENANT, dir);
    const [file] = kept();
    fs.writeFileSync(path.join(dir, file), '{"slug": "ac');
    assert.deepStrictEqual(parseTenantYaml(TENANT, dir), YAML.parse(TENANT));
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")), YAML.parse(TENANT));
  });

  it("throws YAML's own error for a broken file and a repeated key, and keeps neither", () => {
    for (const text of ["slug: [acme\n", "slug: acme\nslug: other\n"]) {
      let expected: unknown;
      try {
        YAML.parse(text, { uniqueKeys: true });
      } catch (err) {
        expected = err;
      }
      assert.ok(expected instanceof Error, `YAML.parse accepted ${JSON.stringify(text)}`);
      assert.throws(() => parseTenantYaml(text, dir), (err: Error) => err.message === (expected as Error).message);
    }
    assert.deepStrictEqual(kept(), []);
  });

  it("keeps nothing JSON would change or a text with a YAML warning, and still parses both", () => {
    const inf = parseTenantYaml("retentionDays: .inf\n", dir) as { retentionDays: number };
    assert.equal(inf.retentionDays, Infinity);
    const warnings: string[] = [];
    const emit = process.emitWarning;
    process.emitWarning = ((w: string | Error) => void warnings.push(String(w))) as typeof process.emitWarning;
    try {
      const tagged = parseTenantYaml("slug: !custom acme\n", dir) as { slug: string };
      assert.equal(tagged.slug, "acme");
    } finally {
      process.emitWarning = emit;
    }
    assert.equal(warnings.length, 1, "YAML's warning is no longer given");
    assert.match(warnings[0], /Unresolved tag: !custom/);
    assert.deepStrictEqual(kept(), []);
  });

  it("is off with LZ_YAML_CACHE=off", () => {
    process.env.LZ_YAML_CACHE = "off";
    assert.deepStrictEqual(parseTenantYaml(TENANT, dir), YAML.parse(TENANT));
    assert.deepStrictEqual(kept(), []);
  });

  it("judges what JSON gives back exactly", () => {
    assert.ok(jsonFaithful({ a: [1, "x", true, null, { b: 2.5 }] }));
    for (const v of [{ a: Infinity }, { a: NaN }, { a: -0 }, { a: undefined }, { a: new Date(0) }, new Map(), JSON.parse('{"__proto__": 1}'), [1, () => 1]]) {
      assert.equal(jsonFaithful(v), false, String(v));
    }
  });
});
