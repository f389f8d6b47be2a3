import * as assert from "assert";
import { parseStackExport } from "../../../cli/check/export";

/**
 * The bridge's bookkeeping keys (`__defaults` anywhere in the inputs, `__meta` at the top of the
 * outputs) are dropped by copying the object without them, not by `delete`: the properties policies
 * read stay in order, and nothing else changes.
 */

const P = "urn:pulumi:dev::landing-zone::";
const PROVIDER = `${P}pulumi:providers:aws::au`;

function parse(inputs: Record<string, unknown>, outputs: Record<string, unknown>) {
  const doc = {
    version: 3,
    deployment: {
      resources: [
        { urn: `${P}pulumi:pulumi:Stack::landing-zone-dev`, custom: false, type: "pulumi:pulumi:Stack" },
        { urn: PROVIDER, custom: true, id: "p-1", type: "pulumi:providers:aws", inputs: { __defaults: [], region: "ap-southeast-2" }, outputs: { region: "ap-southeast-2" } },
        { urn: `${P}aws:s3/bucket:Bucket::data`, custom: true, id: "data", type: "aws:s3/bucket:Bucket", provider: `${PROVIDER}::p-1`, inputs, outputs },
      ],
    },
  };
  const exp = parseStackExport(JSON.stringify(doc), "bags.json");
  return { bucket: exp.resources.find((r) => r.name === "data")!, provider: exp.resources.find((r) => r.type === "pulumi:providers:aws")! };
}

describe("lz check: the bridge's bookkeeping keys are dropped, the rest kept as it was", () => {
  it("drops __defaults at the top and in nested blocks and list items, and __meta from the outputs, in key order", () => {
    const { bucket, provider } = parse(
      { __defaults: ["forceDestroy"], bucket: "data", tags: { __defaults: [], owner: "o", env: "dev" }, rules: [{ __defaults: [], id: "r1", filter: { __defaults: [], prefix: "p" } }, "plain"] },
      { __meta: '{"schema_version":"0"}', bucket: "data", arn: "arn:aws:s3:::data", tags: { owner: "o", env: "dev" } },
    );
    assert.deepStrictEqual(Object.keys(bucket.inputs), ["bucket", "tags", "rules"]);
    assert.deepStrictEqual(bucket.inputs.tags, { owner: "o", env: "dev" });
    assert.deepStrictEqual(Object.keys(bucket.inputs.tags as object), ["owner", "env"]);
    assert.deepStrictEqual(bucket.inputs.rules, [{ id: "r1", filter: { prefix: "p" } }, "plain"]);
    assert.deepStrictEqual(Object.keys(bucket.outputs), ["bucket", "arn", "tags"]);
    assert.deepStrictEqual(provider.inputs, { region: "ap-southeast-2" });
    assert.strictEqual(bucket.region, "ap-southeast-2", "the provider's region, read after the copy");
  });

  it("keeps a key named __proto__ as a key (the prototype stays Object.prototype)", () => {
    const { bucket } = parse(JSON.parse('{"__defaults":[],"bucket":"data","tags":{"__defaults":[],"__proto__":{"x":"1"},"owner":"o"}}'), { bucket: "data" });
    assert.strictEqual(Object.getPrototypeOf(bucket.inputs), Object.prototype);
    const tags = bucket.inputs.tags as Record<string, unknown>;
    assert.strictEqual(Object.getPrototypeOf(tags), Object.prototype);
    assert.deepStrictEqual(Object.keys(tags), ["__proto__", "owner"]);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(tags, "__proto__")?.value, { x: "1" });
    assert.strictEqual((tags as { x?: unknown }).x, undefined);
  });

  it("still turns secrets into [secret] inside a block it copies", () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "abc" };
    const { bucket } = parse({ bucket: "data", cfg: { __defaults: [], token: secret, list: [{ __defaults: [], token: secret }] } }, { bucket: "data" });
    assert.deepStrictEqual(bucket.inputs.cfg, { token: "[secret]", list: [{ token: "[secret]" }] });
    assert.deepStrictEqual(bucket.secretInputs, ["cfg"]);
  });
});
