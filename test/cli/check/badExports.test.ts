import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MAX_DEPTH, parseStackExport } from "../../../cli/check/export";
import { bufferIo } from "../../../cli/io";
import { main } from "../../../cli/main";

/**
 * `lz check` on exports a reviewer would try: nothing in them must pass as "OK", and nothing may
 * crash lz (exit 3): each is bad input, exit 2, with one message naming the problem.
 */

const P = "urn:pulumi:dev::landing-zone::";
const PROVIDER = `${P}pulumi:providers:aws::au`;
const PROVIDER_REF = `${PROVIDER}::p-1`;

type Entry = Record<string, unknown>;

function bucket(name = "data", extra: Entry = {}): Entry {
  return { urn: `${P}aws:s3/bucket:Bucket::${name}`, custom: true, id: name, type: "aws:s3/bucket:Bucket", inputs: { bucket: name }, outputs: { bucket: name, arn: `arn:aws:s3:::${name}` }, provider: PROVIDER_REF, ...extra };
}

function exportOf(resources: unknown, deployment: Entry = {}): Entry {
  return { version: 3, deployment: { manifest: { version: "v3.248.0" }, resources, ...deployment } };
}

function base(...more: Entry[]): Entry[] {
  return [
    { urn: `${P}pulumi:pulumi:Stack::landing-zone-dev`, custom: false, type: "pulumi:pulumi:Stack" },
    { urn: PROVIDER, custom: true, id: "p-1", type: "pulumi:providers:aws", inputs: { region: "ap-southeast-2" }, outputs: { region: "ap-southeast-2" } },
    ...more,
  ];
}

let dir: string;
function write(name: string, content: string | Buffer | Entry): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, typeof content === "string" || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return f;
}

async function check(file: string) {
  const io = bufferIo();
  const code = await main(["check", file], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe("lz check: exports that must not pass", () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-check-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a well-formed export of the same shape is accepted (the cases below differ from it in one thing)", async () => {
    const r = await check(write("good.json", exportOf(base(bucket()))));
    assert.ok(r.code === 0 || r.code === 1, r.err);
    assert.match(r.out, /3 resources/);
  });

  const cases: [string, () => string | Buffer | Entry, RegExp][] = [
    ["deeply nested JSON", () => {
      const deep = "[".repeat(100_000) + "]".repeat(100_000);
      return JSON.stringify(exportOf(base(bucket()))).replace('"inputs":{"bucket":"data"}', `"inputs":{"bucket":"data","rules":${deep}}`);
    }, new RegExp(`inputs\\.rules\\[0\\].* is nested deeper than ${MAX_DEPTH} levels`)],
    ["an empty deployment", () => ({ version: 3, deployment: {} }), /holds no resources \(deployment\.resources is missing\)/],
    ["resources: null", () => exportOf(null), /holds no resources \(deployment\.resources is null\)/],
    ["only the stack resource", () => exportOf(base().slice(0, 1)), /holds no resources besides the stack itself/],
    ["resources that is an object", () => exportOf({ a: 1 }), /deployment\.resources is an object, not a list/],
    ["a duplicate URN", () => exportOf(base(bucket(), bucket())), /deployment\.resources\[2\] and deployment\.resources\[3\] have the same urn .*Bucket::data/],
    ["a malformed URN", () => exportOf(base(bucket("data", { urn: "urn:pulumi:dev:landing-zone:aws:s3/bucket:Bucket:data" }))), /deployment\.resources\[2\]\.urn "urn:pulumi:dev:landing-zone.*" is not a URN/],
    ["a malformed type", () => exportOf(base(bucket("data", { urn: `${P}s3 bucket::data`, type: "s3 bucket" }))), /deployment\.resources\[2\]\.type "s3 bucket" is not a type token/],
    ["a URN whose type is not the type", () => exportOf(base(bucket("data", { type: "aws:s3/bucketV2:BucketV2" }))), /urn names type "aws:s3\/bucket:Bucket" but its type is "aws:s3\/bucketV2:BucketV2"/],
    ["a URN of another stack", () => exportOf(base(bucket("data", { urn: "urn:pulumi:prod::landing-zone::aws:s3/bucket:Bucket::data" }))), /belongs to stack prod of project landing-zone, not dev/],
    ["a dangling provider reference", () => exportOf(base(bucket("data", { provider: `${P}pulumi:providers:aws::gone::p-9` }))), /names provider ".*aws::gone::p-9", which is not in the export/],
    ["a provider reference to a non-provider", () => exportOf(base(bucket("a"), bucket("data", { provider: `${P}aws:s3/bucket:Bucket::a::a` }))), /which is not a provider/],
    ["inputs that are a string", () => exportOf(base(bucket("data", { inputs: "bucket=data" }))), /\(urn:pulumi:dev::landing-zone::aws:s3\/bucket:Bucket::data\): inputs is a string; expected an object/],
    ["outputs that are a list", () => exportOf(base(bucket("data", { outputs: [] }))), /outputs is a list; expected an object/],
    ["protect that is a string", () => exportOf(base(bucket("data", { protect: "yes" }))), /protect is a string; expected true or false/],
    ["dependencies that are a string", () => exportOf(base(bucket("data", { dependencies: PROVIDER }))), /dependencies is not a list of URNs/],
    ["propertyDependencies with a string", () => exportOf(base(bucket("data", { propertyDependencies: { bucket: PROVIDER } }))), /propertyDependencies\.bucket is not a list of URNs/],
    ["a string where the provider declares a list", () => exportOf(base(bucket("data", { type: "aws:ec2/securityGroup:SecurityGroup", urn: `${P}aws:ec2/securityGroup:SecurityGroup::sg`, inputs: { ingress: "0.0.0.0/0" } }))), /SecurityGroup::sg: inputs\.ingress is a string \("0\.0\.0\.0\/0"\), but aws:ec2\/securityGroup:SecurityGroup declares ingress a list; a policy would read it as absent/],
    ["a number where the provider declares an object", () => exportOf(base(bucket("data", { outputs: { bucket: "data", versioning: 1 } }))), /outputs\.versioning is a number \(1\), but aws:s3\/bucket:Bucket declares versioning an object/],
    ["a resource that is a string", () => exportOf(base("aws:s3/bucket:Bucket" as unknown as Entry)), /deployment\.resources\[2\] is a string, not a resource/],
    ["a UTF-8 byte-order mark", () => "\ufeff" + JSON.stringify(exportOf(base(bucket()))), /starts with a UTF-8 byte-order mark.*UTF-8 without a byte-order mark/],
    ["UTF-16 with a BOM (PowerShell's >)", () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(exportOf(base(bucket()))), "utf16le")]), /is UTF-16 text \(as PowerShell's `>` and Out-File write\)/],
    ["UTF-16 without a BOM", () => Buffer.from(JSON.stringify(exportOf(base(bucket()))), "utf16le"), /is UTF-16 text/],
  ];
  for (const [title, make, pattern] of cases) {
    it(`${title}: exit 2 with a clear message`, async () => {
      const r = await check(write(`${title.replace(/\W+/g, "-")}.json`, make()));
      assert.strictEqual(r.code, 2, `exit ${r.code}: ${r.out}${r.err}`);
      assert.match(r.err, pattern);
      assert.ok(!/\n\s+at /.test(r.err), "no stack trace");
    });
  }

  it("a replaced resource's old copy (delete: true) shares its URN legitimately", () => {
    const exp = parseStackExport(JSON.stringify(exportOf(base(bucket("data", { delete: true, id: "old" }), bucket()))), "replaced.json");
    const b = exp.resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
    assert.deepStrictEqual(b.map((x) => x.id), ["data"]);
  });

  it("a secret or a null where a list is declared is not a wrong type", () => {
    const sig = "4dabf18193072939515e22adb298388d";
    const secret = { [sig]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "xyz" };
    const exp = parseStackExport(JSON.stringify(exportOf(base(bucket("data", { inputs: { bucket: "data", corsRules: secret, grants: null } })))), "secret.json");
    assert.strictEqual(exp.resources.find((r) => r.name === "data")!.inputs.corsRules, "[secret]");
  });

  it("nesting up to the limit is read, and a component's name keeps its ::", () => {
    let v: unknown = "leaf";
    for (let i = 0; i < MAX_DEPTH - 2; i++) v = [v];
    const exp = parseStackExport(JSON.stringify(exportOf(base(bucket("data", { inputs: { bucket: "data", deep: v } }), bucket("a::b")))), "nested.json");
    assert.strictEqual(exp.resources.length, 4);
    assert.ok(exp.resources.some((r) => r.name === "a::b"));
  });
});
