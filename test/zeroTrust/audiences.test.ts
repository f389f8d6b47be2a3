import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AccessAudiences } from "../../components/zeroTrust/audiences";

function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return (o as unknown as { promise(): Promise<T> }).promise();
}

describe("zero trust: tenant audience tags for the tunnel", () => {
  it("hands the tunnel the audience registered before the registry closes, across turns of the event loop", async () => {
    const reg = new AccessAudiences();
    const tags = reg.audTags("acme.example.net");
    let resolved = false;
    void valueOf(tags).then(() => (resolved = true));
    await new Promise((r) => setImmediate(r));
    reg.register("acme.example.net", pulumi.output("aud-acme"));
    await new Promise((r) => setImmediate(r));
    assert.equal(resolved, false, "the tags must wait for close()");
    reg.close();
    assert.deepEqual(await valueOf(tags), ["aud-acme"]);
  });

  it("fails, naming the hostname, when a routed hostname has no Access audience", async () => {
    const reg = new AccessAudiences();
    reg.close();
    await assert.rejects(valueOf(reg.audTags("nobody.example.net")), /no Access application registered its audience for nobody\.example\.net/);
  });

  it("refuses a registration after the registry closed, and a second one", () => {
    const reg = new AccessAudiences();
    reg.register("a.example.net", "x");
    assert.throws(() => reg.register("a.example.net", "y"), /registered twice/);
    reg.close();
    reg.close();
    assert.throws(() => reg.register("b.example.net", "z"), /b\.example\.net was registered after the tenants were built/);
  });
});
