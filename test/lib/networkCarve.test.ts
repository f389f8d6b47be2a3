import { strict as assert } from "assert";
import fc from "fast-check";
import { contains, formatCidr, mustParseCidr, overlaps, size } from "../../lib/cidr";
import { CarvedSubnet, carveSubnets, mustCarve, TierRequest } from "../../lib/network/carve";
import { egressTierRequests, workloadTierRequests } from "../../lib/network/layout";

const AZ_NAMES = ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c", "ap-southeast-2d"];

/** A VPC CIDR (/16 to /28 at an aligned random base), 1–4 AZs and 1–5 tiers of /16 to /28 subnets. */
const layout = fc
  .record({
    prefix: fc.integer({ min: 16, max: 28 }),
    base: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    azCount: fc.integer({ min: 1, max: 4 }),
    tierPrefixes: fc.array(fc.integer({ min: 16, max: 28 }), { minLength: 1, maxLength: 5 }),
  })
  .map(({ prefix, base, azCount, tierPrefixes }) => {
    const block = 2 ** (32 - prefix);
    const cidr = formatCidr({ base: base - (base % block), prefix });
    const tiers: TierRequest[] = tierPrefixes.map((p, i) => ({ tier: `t${i}`, prefixLength: Math.max(p, prefix) }));
    return { cidr, azs: AZ_NAMES.slice(0, azCount), tiers };
  });

const needed = (azs: readonly string[], tiers: readonly TierRequest[]) => tiers.reduce((sum, t) => sum + azs.length * 2 ** (32 - t.prefixLength), 0);

describe("lib/network/carve: subnet carving", () => {
  it("never overlaps, stays inside the VPC, gives each tier one subnet per AZ of its size (property)", () => {
    fc.assert(
      fc.property(layout, ({ cidr, azs, tiers }) => {
        const r = carveSubnets(cidr, azs, tiers);
        fc.pre(r.ok);
        if (!r.ok) return;
        const subnets: CarvedSubnet[] = r.subnets;
        const vpc = mustParseCidr(cidr);
        const blocks = subnets.map((s) => mustParseCidr(s.cidr));
        assert.equal(subnets.length, tiers.length * azs.length);
        for (const b of blocks) assert.ok(contains(vpc, b), `${formatCidr(b)} outside ${cidr}`);
        for (let i = 0; i < blocks.length; i++) for (let j = 0; j < i; j++) assert.ok(!overlaps(blocks[i], blocks[j]), `${subnets[i].cidr} overlaps ${subnets[j].cidr}`);
        for (const t of tiers) {
          const mine = subnets.filter((s) => s.tier === t.tier);
          assert.deepEqual(mine.map((s) => s.az), azs);
          for (const s of mine) assert.equal(mustParseCidr(s.cidr).prefix, t.prefixLength);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("fits exactly when the sizes add up to no more than the VPC, and says why when not (property)", () => {
    fc.assert(
      fc.property(layout, ({ cidr, azs, tiers }) => {
        const r = carveSubnets(cidr, azs, tiers);
        const fits = needed(azs, tiers) <= size(mustParseCidr(cidr));
        assert.equal(r.ok, fits, `${cidr} ${JSON.stringify(tiers)}`);
        if (!r.ok) {
          assert.equal(r.error.code, "does-not-fit");
          assert.match(r.error.message, new RegExp(`need ${needed(azs, tiers)} addresses .* but ${cidr.replace(/\./g, "\\.")} holds ${size(mustParseCidr(cidr))}`));
          assert.throws(() => mustCarve(cidr, azs, tiers), new RegExp(`^Error: ${cidr.replace(/[./]/g, "\\$&")}: the subnets need`));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic: the same input gives the same layout (property)", () => {
    fc.assert(
      fc.property(layout, ({ cidr, azs, tiers }) => {
        const a = carveSubnets(cidr, azs, tiers);
        const b = carveSubnets(cidr, azs, tiers);
        assert.deepEqual(a, b);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a tier larger than the VPC, a prefix AWS does not allow, duplicate AZs or tiers, and no AZs", () => {
    const r1 = carveSubnets("10.0.0.0/20", ["a", "b"], [{ tier: "app", prefixLength: 19 }]);
    assert.ok(!r1.ok && r1.error.code === "larger-than-vpc" && r1.error.tier === "app", JSON.stringify(r1));
    assert.match(!r1.ok ? r1.error.message : "", /a \/19 app subnet is larger than the VPC's 10\.0\.0\.0\/20; use a prefix length of \/22 or more/);
    const r2 = carveSubnets("10.0.0.0/16", ["a"], [{ tier: "tiny", prefixLength: 29 }]);
    assert.ok(!r2.ok && r2.error.code === "prefix-out-of-range" && /\/16 to \/28/.test(r2.error.message));
    const r3 = carveSubnets("10.0.0.0/16", ["a", "a"], [{ tier: "app", prefixLength: 24 }]);
    assert.ok(!r3.ok && r3.error.code === "duplicate");
    const r4 = carveSubnets("10.0.0.0/16", ["a"], [{ tier: "app", prefixLength: 24 }, { tier: "app", prefixLength: 25 }]);
    assert.ok(!r4.ok && r4.error.code === "duplicate");
    const r5 = carveSubnets("10.0.0.0/16", [], [{ tier: "app", prefixLength: 24 }]);
    assert.ok(!r5.ok && r5.error.code === "no-azs");
    const r6 = carveSubnets("10.0.1.0/16", ["a"], [{ tier: "app", prefixLength: 24 }]);
    assert.ok(!r6.ok && r6.error.code === "bad-cidr" && /did you mean 10\.0\.0\.0\/16/.test(r6.error.message));
  });

  it("carves the sample dev layout: app /18, data /19, dmz /20, transit /28 in two AZs", () => {
    const subnets = mustCarve("10.16.0.0/16", ["ap-southeast-2a", "ap-southeast-2b"], workloadTierRequests({ cidr: "10.16.0.0/16", azs: ["ap-southeast-2a", "ap-southeast-2b"] }));
    const by = (tier: string) => subnets.filter((s) => s.tier === tier).map((s) => s.cidr);
    assert.deepEqual(by("app"), ["10.16.0.0/18", "10.16.64.0/18"]);
    assert.deepEqual(by("data"), ["10.16.128.0/19", "10.16.160.0/19"]);
    assert.deepEqual(by("dmz"), ["10.16.192.0/20", "10.16.208.0/20"]);
    assert.deepEqual(by("transit"), ["10.16.224.0/28", "10.16.224.16/28"]);
  });

  it("default workload and egress layouts fit every VPC from /16 to /24, with 2 or 3 AZs (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 24 }), fc.integer({ min: 2, max: 3 }), fc.boolean(), fc.boolean(), (prefix, azCount, firewall, resolver) => {
        const cidr = `10.0.0.0/${prefix}`;
        const azs = AZ_NAMES.slice(0, azCount);
        assert.ok(carveSubnets(cidr, azs, workloadTierRequests({ cidr, azs })).ok, `workload ${cidr} ${azCount} AZs`);
        assert.ok(carveSubnets(cidr, azs, egressTierRequests({ cidr, azs, firewall, resolver })).ok, `egress ${cidr} ${azCount} AZs`);
      }),
    );
  });
});
