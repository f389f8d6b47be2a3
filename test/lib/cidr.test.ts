import { strict as assert } from "assert";
import fc from "fast-check";
import { blockAfter, Cidr, contains, containsIp, formatCidr, intToIp, ipToInt, mustParseCidr, overlaps, parseCidr, size, subnetAt } from "../../lib/cidr";

/** Any aligned IPv4 block. */
const cidr = fc.record({ prefix: fc.integer({ min: 0, max: 32 }), addr: fc.integer({ min: 0, max: 2 ** 32 - 1 }) }).map(({ prefix, addr }): Cidr => {
  const block = 2 ** (32 - prefix);
  return { base: addr - (addr % block), prefix };
});

/** The reference model the library must agree with: a block is the interval [base, base + size). */
const end = (c: Cidr) => c.base + 2 ** (32 - c.prefix);

describe("lib/cidr: CIDR maths on the ip-address library", () => {
  it("formats and parses back every block (property)", () => {
    fc.assert(fc.property(cidr, (c) => assert.deepEqual(parseCidr(formatCidr(c)), c)), { numRuns: 1000 });
  });

  it("overlap and containment agree with interval arithmetic (property)", () => {
    fc.assert(
      fc.property(cidr, cidr, (a, b) => {
        assert.equal(overlaps(a, b), a.base < end(b) && b.base < end(a));
        assert.equal(overlaps(a, b), overlaps(b, a));
        assert.equal(contains(a, b), b.base >= a.base && end(b) <= end(a));
      }),
      { numRuns: 2000 },
    );
  });

  it("an address is inside a block exactly when its number lies in the interval (property)", () => {
    fc.assert(
      fc.property(cidr, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (c, n) => {
        assert.equal(ipToInt(intToIp(n)), n);
        assert.equal(containsIp(c, intToIp(n)), n >= c.base && n < end(c));
      }),
      { numRuns: 2000 },
    );
  });

  it("subnetting: the i-th subnet and the block after one are aligned, inside and adjacent (property)", () => {
    fc.assert(
      fc.property(cidr, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 300 }), (parent, extra, index) => {
        const prefix = Math.min(32, parent.prefix + extra);
        const s = subnetAt(parent, prefix, index);
        const count = 2 ** (prefix - parent.prefix);
        if (index >= count) return assert.equal(s, undefined);
        assert.deepEqual(s, { base: parent.base + index * size({ base: 0, prefix }), prefix });
        assert.ok(contains(parent, s!));
        if (end(s!) < 2 ** 32) assert.deepEqual(blockAfter(s!, prefix), { base: end(s!), prefix });
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses what is not an IPv4 block, saying what to write", () => {
    for (const bad of ["10.0.0.0", "10.0.0.0/33", "010.0.0.0/8", "10.0.0.0/08", " 10.0.0.0/8", "10.0.0/8", "256.0.0.0/8", "10.0.0.0/-1"]) {
      assert.match(String(parseCidr(bad)), /is not an IPv4 CIDR block; write it like 10\.20\.0\.0\/16/, bad);
    }
    assert.equal(parseCidr("10.16.1.0/16"), '"10.16.1.0/16" has host bits set; did you mean 10.16.0.0/16?');
    assert.match(String(parseCidr("2001:db8::/32")), /is an IPv6 block; only IPv4 CIDR blocks are supported yet/);
    assert.throws(() => mustParseCidr("nope"), /not an IPv4 CIDR block/);
    assert.throws(() => blockAfter(mustParseCidr("10.0.0.0/26"), 24), /10\.0\.0\.64 does not start a \/24 block/);
    assert.throws(() => containsIp(mustParseCidr("10.0.0.0/8"), "10.0.0"), /not an IPv4 address/);
  });
});
