import { strict as assert } from "assert";
import type { PlanResult } from "../../lib/plan";
import { one, planCached, planStack } from "../helpers/plan";

/**
 * No API key, token or client secret appears in plain text in any resource input: every credential
 * input is listed in the engine's `secretInputs` and shown as "[secret]", and none of the secret
 * values the program handles (the stack file's secure values, the service token's client secret, the
 * tunnel token) appears anywhere in the plan's resources.
 */
const CREDENTIAL_INPUTS: [type: string, input: string][] = [
  ["pulumi:providers:cloudflare", "apiToken"],
  ["pulumi:providers:datadog", "apiKey"],
  ["pulumi:providers:datadog", "appKey"],
  ["cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider", "config"],
  ["cloudflare:index/zeroTrustTunnelCloudflared:ZeroTrustTunnelCloudflared", "tunnelSecret"],
  ["aws:secretsmanager/secretVersion:SecretVersion", "secretString"],
];

for (const stack of ["dev", "prod"]) {
  describe(`secrets stay secret on the ${stack} plan`, function () {
    let plan: PlanResult;
    before(async () => {
      plan = await planStack(stack);
    });

    it("marks every credential input as a Pulumi secret in the engine's output", () => {
      for (const [type, input] of CREDENTIAL_INPUTS) {
        const found = plan.resources.filter((r) => r.type === type && r.inputs[input] !== undefined);
        assert.ok(found.length > 0, `the plan has a ${type} with ${input}`);
        for (const r of found) {
          assert.ok(r.secretInputs?.includes(input), `${r.name}.${input} is a secret`);
          assert.equal(r.inputs[input], "[secret]", `${r.name}.${input} is shown as [secret]`);
        }
      }
    });

    it("stores the service token's client secret only as a secure, secret Datadog variable", () => {
      const variable = plan.resources.find((r) => r.type === "datadog:index/syntheticsGlobalVariable:SyntheticsGlobalVariable" && String(r.inputs.name).startsWith("CF_ACCESS_CLIENT_SECRET_"));
      assert.ok(variable);
      assert.equal(variable!.inputs.secure, true);
      assert.equal(variable!.inputs.value, "[secret]");
    });

    it("never shows a secret value in plain text anywhere in the plan", async () => {
      const raw = JSON.stringify(plan.resources);
      // The offline engine's stand-ins for the stack file's `secure:` values.
      assert.doesNotMatch(raw, /\[secret landing-zone:/, "no stack-file secret in plain text");
      // The service token's client secret, as the mock state holds it.
      const token = one(plan, "cloudflare:index/zeroTrustAccessServiceToken:ZeroTrustAccessServiceToken");
      const { rawOutputs } = await planCached(stack);
      assert.ok(!JSON.stringify(rawOutputs).includes("[secret landing-zone:"), "no secret in the stack outputs");
      assert.equal(token.outputs.clientSecret, "[secret]", "the token's client secret is a secret output");
      assert.doesNotMatch(raw, /"TUNNEL_TOKEN","value"/, "the tunnel token is not passed as a plain environment variable");
      assert.doesNotMatch(raw, /eyJhIjoi/, "no tunnel token (base64 JSON) in plain text");
    });
  });
}
