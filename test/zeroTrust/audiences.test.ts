import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AccessAudiences } from "../../components/zeroTrust/audiences";

function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return (o as unknown as { promise(): Promise<T> }).promise();
}

describe("zero trust: tenant audience tags for the tunnel", () => {
  it("hands the tunnel the audience registered while the program is built", async () => {
    const reg = new AccessAudiences();
    const tags = reg.audTags("acme.example.net");
    reg.register("acme.example.net", pulumi.output("aud-acme"));
    assert.deepEqual(await valueOf(tags), ["aud-acme"]);
  });

  it("fails, naming the hostname, when a routed hostname has no Access audience", async () => {
    const reg = new AccessAudiences();
    await assert.rejects(valueOf(reg.audTags("nobody.example.net")), /no Access application registered its audience for nobody\.example\.net/);
  });

  it("refuses a registration after the program was built, and a second one", async () => {
    const reg = new AccessAudiences();
    reg.register("a.example.net", "x");
    assert.throws(() => reg.register("a.example.net", "y"), /registered twice/);
    await new Promise((r) => setImmediate(r));
    assert.throws(() => reg.register("b.example.net", "z"), /after the program was built/);
  });
});
