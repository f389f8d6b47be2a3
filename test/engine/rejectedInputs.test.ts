import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planStack } from "../../cli/engine/planner";
import { PROJECT_ROOT } from "../../config/raw";

/**
 * A resource whose input rejects is never registered, and the SDK lets its error surface only as an
 * unhandled rejection after the program's promise has settled. The plan must fail with that error,
 * not report a smaller, "clean" stack (and the error must not escape the plan as a crash later).
 */
describe("the offline engine fails a plan whose resource input rejects", () => {
  const plan = (program: () => Promise<Record<string, unknown>>) => planStack("dev", { root: PROJECT_ROOT, cache: new Map(), program, policies: false });

  it("a rejected Output as an input: the plan rejects with the property and the cause", async () => {
    const escaped: unknown[] = [];
    const onEscape = (r: unknown) => escaped.push(r);
    process.on("unhandledRejection", onEscape);
    try {
      await assert.rejects(
        plan(async () => {
          const provider = new aws.Provider("p", { region: "ap-southeast-2" });
          new aws.s3.Bucket("b", { bucket: pulumi.output(Promise.reject(new Error("the name could not be computed"))) as pulumi.Output<string> }, { provider });
          return {};
        }),
        /bucket.*the name could not be computed/,
      );
      // The planner saw them; nothing more may arrive once it has answered.
      escaped.length = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.deepEqual(escaped, [], "nothing escapes the plan after it answered");
    } finally {
      process.off("unhandledRejection", onEscape);
    }
  });

  it("a program whose inputs all resolve still plans (the extra turn changes nothing)", async () => {
    const result = await plan(async () => {
      const provider = new aws.Provider("p", { region: "ap-southeast-2" });
      new aws.s3.Bucket("b", { bucket: pulumi.output(Promise.resolve("lz-example-bucket")) }, { provider });
      return {};
    });
    assert.deepEqual(result.result.resources.map((r) => r.type).sort(), ["aws:s3/bucket:Bucket", "pulumi:providers:aws"]);
  });
});
