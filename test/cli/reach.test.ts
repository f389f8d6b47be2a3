import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planCommand } from "../../cli/plan/command";
import { bufferIo } from "../../cli/io";
import type { Program } from "../../cli/engine/planner";
import { realProgram, runLz } from "../helpers/plan";

describe("lz reach: flow queries from the command line", function () {
  it("answers a flow query with every AZ's path, both directions, and the hop that decides (exit 0)", async () => {
    const run = await runLz(["reach", "dev", "--from", "cloudflared", "--to", "quic.cftunnel.com:7844/udp"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^cloudflared -> quic\.cftunnel\.com:7844\/udp: allowed\n  decided by: Network Firewall egress-firewall .*rule group egress-firewall-tunnel, rule sid 100\d/);
    assert.equal((run.stdout.match(/\n  from apse2-az[12], through the egress VPC in apse2-az[123]: allowed/g) ?? []).length, 6, "2 source AZs x 3 egress AZs");
    assert.match(run.stdout, /ok {3}security group dev-cloudflared egress: udp 7844 198\.41\.192\.0\/24/);
    assert.match(run.stdout, /replies:\n\s+ok {3}routes \(return\): egress-public-/);
  });

  it("exits 1 for a blocked flow, naming the firewall's decision", async () => {
    const run = await runLz(["reach", "dev", "--from", "app", "--to", "unlisted.example.org"]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /app -> unlisted\.example\.org:443\/tcp: blocked\n  decided by: Network Firewall .*the stateful default action aws:drop_established drops it/);
  });

  it("lists the standing flows without --from/--to", async () => {
    const run = await runLz(["reach", "prod"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Standing flows of prod:/);
    assert.match(run.stdout, /cloudflared to Cloudflare \(QUIC\)\s+allowed\s+Network Firewall/);
    assert.match(run.stdout, /prod to dev \(prod to nonprod\)\s+blocked\s+routes \(forward\).*blackhole/);
  });

  for (const [args, says] of [
    [["reach", "dev", "--from", "nosuch", "--to", "example.com"], /--from nosuch: not a tier of dev \(.*app.*\), an ECS service of dev \(cloudflared\)/],
    [["reach", "dev", "--from", "app"], /give --from and --to together/],
    [["reach", "network"], /network is a network stack; flows start in a workload stack's VPC \(dev, dev-cell-01, prod, prod-cell-01\)/],
    [["reach", "dev", "--from", "app", "--to", "example.com:99999"], /--to example\.com:99999: use host\[:port\]\[\/tcp\|udp\]/],
    [["reach", "nowhere"], /no stack "nowhere"/],
  ] as const) {
    it(`exits 2 for lz ${args.join(" ")}`, async () => {
      const run = await runLz([...args]);
      assert.equal(run.code, 2, run.stdout);
      assert.match(run.stderr, says);
    });
  }
});

describe("lz plan: the standing flows", function () {
  it("lz plan --all lists every standing flow of dev and prod, all as expected, and exits 0", async () => {
    const run = await runLz(["plan", "--all"]);
    assert.equal(run.code, 0, run.stderr + run.stdout.split("\n").filter((l) => /mandatory\]/.test(l)).join("\n"));
    for (const stack of ["dev", "prod"]) {
      const section = run.stdout.slice(run.stdout.indexOf(`Plan of ${stack}:`)).split("\nPlan of ")[0];
      assert.match(section, /Standing flows \(every AZ, both directions; `lz reach` shows the hops\):/);
      for (const name of ["cloudflared to Cloudflare \\(QUIC\\)", "cloudflared to Cloudflare \\(HTTP/2\\)", "app to the ecr\\.dkr endpoint", "app to the internet", "app to a domain off the allow-list"]) {
        assert.match(section, new RegExp(`${name}[^\\n]*\\s(allowed|blocked)\\s`), `${stack}: ${name}`);
      }
      assert.doesNotMatch(section, /\(expected (allowed|blocked)\)/, `${stack}: every flow as expected`);
      assert.doesNotMatch(section, /reachability\/standing-flow/);
    }
    for (const cell of ["dev-cell-01", "prod-cell-01"]) {
      const section = run.stdout.slice(run.stdout.indexOf(`Plan of ${cell}:`)).split("\nPlan of ")[0];
      assert.match(section, /cloudflared to Cloudflare \(QUIC\)\s+allowed\s+Network Firewall/, `${cell}: the tenant cell's own connector is checked in its environment's VPC`);
      assert.match(section, /cloudflared to Cloudflare \(HTTP\/2\)\s+allowed\s+Network Firewall/);
    }
  });

  it("fails with a mandatory finding when a flow the program relies on is blocked (an ACL on the app tier that allows nothing)", async () => {
    const program = realProgram();
    const withAcl: Program = async () => {
      const outputs = (await program()) as Record<string, any>;
      const provider = new aws.Provider("rogue-aws", { region: "ap-southeast-2" });
      new aws.ec2.NetworkAcl("rogue-app-acl", { vpcId: outputs.vpcId, subnetIds: pulumi.output(outputs.vpcSubnetIds).apply((s: any) => s.app), ingress: [], egress: [], tags: { Name: "rogue-app-acl" } }, { provider });
      return outputs;
    };
    const io = bufferIo();
    const code = await planCommand({ values: {}, positionals: ["dev"] }, io, { program: withAcl });
    assert.equal(code, 1, io.stderr);
    assert.match(io.stdout, /\[mandatory\] reachability\/standing-flow dev\s+cloudflared to Cloudflare \(QUIC\) \(cloudflared -> quic\.cftunnel\.com:7844\/udp\) is blocked, and the program relies on it: network ACL rogue-app-acl egress/);
    assert.match(io.stdout, /cloudflared to Cloudflare \(QUIC\)\s+BLOCKED \(expected allowed\)/);
    assert.match(io.stdout, /app to the ecr\.dkr endpoint\s+allowed/, "an ACL does not filter within a subnet (the endpoints share the app subnets)");
  });
});
