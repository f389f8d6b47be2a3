import { strict as assert } from "assert";
import { providerUrnOf, splitProviderRef } from "../../lib/plan";

describe("provider references (lib/plan.ts)", () => {
  const urn = "urn:pulumi:dev::landing-zone::lz:workload:Stack$pulumi:providers:aws::aws-dev";
  it("split on the last :: into the provider's URN and id (URNs hold :: themselves)", () => {
    assert.deepStrictEqual(splitProviderRef(`${urn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`), { urn, id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
    assert.equal(providerUrnOf(`${urn}::id-1`), urn);
  });
  it("take a reference with no id as all URN, and nothing as nothing", () => {
    assert.deepStrictEqual(splitProviderRef("aws-dev"), { urn: "aws-dev", id: "" });
    assert.equal(providerUrnOf(null), undefined);
    assert.equal(providerUrnOf(""), undefined);
  });
});
