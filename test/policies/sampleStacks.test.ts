import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { planStack as planWithEngine } from "../../cli/engine/planner";
import { bufferIo } from "../../cli/io";
import { planCommand } from "../../cli/plan/command";
import { PROJECT_ROOT } from "../../config/raw";
import { isBlocking } from "../../lib/plan";
import { planStack, realProgram, sampleStacks } from "../helpers/plan";

type Program = () => Promise<Record<string, unknown>>;


describe("the packs over the reference landing zone", function () {
  this.timeout(300000);

  for (const stack of sampleStacks()) {
    it(`${stack} plans with zero mandatory violations`, async () => {
      const plan = await planStack(stack);
      const blocking = plan.violations.filter(isBlocking);
      assert.deepStrictEqual(
        blocking.map((v) => `${v.pack}/${v.policy} ${v.urn}: ${v.message}`),
        [],
      );
      assert.ok(plan.resources.length > 10);
    });
  }

  it("an unencrypted data bucket added to the dev stack is a mandatory violation that names it", async () => {
    const program = realProgram();
    const withRogue: Program = async () => {
      const outputs = await program();
      const provider = new aws.Provider("rogue-aws", { region: "ap-southeast-2", defaultTags: { tags: { owner: "x", dataClassification: "confidential", environment: "nonprod" } } });
      new aws.s3.Bucket("rogue-data", { bucket: "rogue-data" }, { provider, retainOnDelete: true });
      return outputs;
    };
    const io = bufferIo();
    const code = await planCommand({ values: {}, positionals: ["dev"] }, io, { program: withRogue });
    assert.strictEqual(code, 1, io.stderr);
    assert.match(io.stdout, /\[mandatory\] encryption\/cmk-required urn:pulumi:dev::landing-zone::aws:s3\/bucket:Bucket::rogue-data/);
    assert.match(io.stderr, /mandatory policy violation/);
    const plan = (await planWithEngine("dev", { root: PROJECT_ROOT, cache: new Map(), program: withRogue })).result;
    const blocking = plan.violations.filter(isBlocking);
    const cmk = blocking.filter((v) => v.policy === "cmk-required");
    assert.strictEqual(cmk.length, 1, JSON.stringify(blocking, null, 2));
    assert.match(cmk[0].urn, /::rogue-data$/);
    assert.match(cmk[0].message, /data bucket rogue-data has no server-side encryption configuration/);
    // `lz plan` exits 1 exactly when a violation is blocking (cli/plan/command.ts).
    assert.ok(cmk.every(isBlocking));
  });
});
