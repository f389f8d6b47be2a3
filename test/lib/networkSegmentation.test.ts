import { strict as assert } from "assert";
import fc from "fast-check";
import { attachRolePermissions, attachRoleTrustPolicy } from "../../lib/network/attachRolePolicy";
import { dataTierNaclRules, EPHEMERAL_FROM, ingressRuleCount, NACL_RULE_QUOTA } from "../../lib/network/nacl";
import { EGRESS_ROUTING, hubStaticRoutes, SEGMENTS, spokeRouting } from "../../lib/network/segmentation";

describe("lib/network/segmentation: the hub's route plan", () => {
  const spokes = [
    { stack: "prod", segment: "prod" as const, cidr: "10.32.0.0/16" },
    { stack: "dev", segment: "nonprod" as const, cidr: "10.16.0.0/16" },
    { stack: "staging", segment: "nonprod" as const, cidr: "10.24.0.0/16" },
    { stack: "tools", segment: "shared" as const, cidr: "10.48.0.0/16" },
  ];

  it("blackholes every nonprod CIDR in prod's table and every prod CIDR in nonprod's, and nothing in shared", () => {
    const plan = hubStaticRoutes(spokes);
    const blackholes = (rt: keyof typeof plan) => plan[rt].filter((r) => r.target === "blackhole").map((r) => r.destination);
    assert.deepEqual(blackholes("prod"), ["10.16.0.0/16", "10.24.0.0/16"]);
    assert.deepEqual(blackholes("nonprod"), ["10.32.0.0/16"]);
    assert.deepEqual(blackholes("shared"), []);
    assert.deepEqual(plan.egress, [], "the egress table only learns routes (propagation)");
    for (const s of SEGMENTS) assert.deepEqual(plan[s].filter((r) => r.target === "egress").map((r) => r.destination), ["0.0.0.0/0"], `${s} sends its default route to the egress VPC`);
    for (const rt of Object.values(plan)) assert.equal(new Set(rt.map((r) => r.key)).size, rt.length, "route keys are unique per table (they name resources)");
  });

  it("never propagates prod into a table nonprod is associated with, nor the reverse", () => {
    for (const a of SEGMENTS) {
      for (const b of SEGMENTS) {
        const isolated = (a === "prod" && b === "nonprod") || (a === "nonprod" && b === "prod");
        if (isolated) assert.ok(!spokeRouting(a).propagateTo.includes(spokeRouting(b).associate), `${a} must not propagate into ${b}'s table`);
      }
      assert.ok(spokeRouting(a).propagateTo.includes("egress"), `${a} propagates into egress (return traffic)`);
      assert.ok(EGRESS_ROUTING.propagateTo.includes(spokeRouting(a).associate), `the egress VPC is reachable from ${a}`);
    }
  });
});

describe("lib/network/nacl: the data tier's NACL", () => {
  const input = { appCidrs: ["10.16.0.0/18", "10.16.64.0/18"], dataCidrs: ["10.16.128.0/19", "10.16.160.0/19"], ports: [5432, 6379] };

  it("lets in the app tier on the configured ports, the data tier's own subnets in every AZ, and replies on ephemeral ports only", () => {
    const { ingress } = dataTierNaclRules(input);
    const appPorts = ingress.filter((r) => r.ruleNo < 200).map((r) => `${r.cidrBlock}:${r.fromPort}-${r.toPort}`);
    assert.deepEqual(appPorts, ["10.16.0.0/18:5432-5432", "10.16.64.0/18:5432-5432", "10.16.0.0/18:6379-6379", "10.16.64.0/18:6379-6379"]);
    assert.deepEqual(ingress.filter((r) => r.ruleNo >= 200 && r.ruleNo < 300).map((r) => r.cidrBlock), input.dataCidrs, "the data tier talks to itself across AZs");
    for (const r of ingress) {
      assert.equal(r.action, "allow");
      if (r.cidrBlock === "0.0.0.0/0") assert.ok(r.fromPort >= EPHEMERAL_FROM, `from anywhere only replies on ephemeral ports: rule ${r.ruleNo}`);
    }
  });

  it("holds no snapshot of AWS's ranges: containment is by routes, so HTTPS goes out to 0.0.0.0/0 and the rest only inside the VPC", () => {
    const { egress } = dataTierNaclRules(input);
    for (const r of egress) assert.ok(input.appCidrs.includes(r.cidrBlock) || input.dataCidrs.includes(r.cidrBlock) || (r.cidrBlock === "0.0.0.0/0" && r.fromPort === 443 && r.toPort === 443), JSON.stringify(r));
  });

  it("uses unique rule numbers and stays well within the 20-rule quota for 3 AZs and 3 ports (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 3 }), (azs, ports) => {
        const rules = dataTierNaclRules({ appCidrs: Array.from({ length: azs }, (_, i) => `10.0.${i * 64}.0/18`), dataCidrs: Array.from({ length: azs }, (_, i) => `10.1.${i * 64}.0/18`), ports });
        assert.equal(rules.ingress.length, ingressRuleCount(azs, ports.length));
        for (const dir of [rules.ingress, rules.egress]) {
          assert.equal(new Set(dir.map((r) => r.ruleNo)).size, dir.length);
          assert.ok(dir.length <= NACL_RULE_QUOTA - 5, `${dir.length} rules`);
        }
      }),
    );
  });
});

describe("lib/network/attachRolePolicy: the segment attach roles", () => {
  it("trusts only the segment's deployment roles, through their accounts", () => {
    const trust = attachRoleTrustPolicy({ deployers: [{ accountId: "666666666666", roleName: "LandingZoneDeployment" }] });
    const s = trust.Statement[0];
    assert.deepEqual(s.Principal, { AWS: ["arn:aws:iam::666666666666:root"] });
    assert.equal(s.Action, "sts:AssumeRole");
    assert.deepEqual(s.Condition, { ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::666666666666:role/LandingZoneDeployment"] } });
  });

  it("allows associating only with the segment's table and propagating only into its tables, on the network account's side of the attachments", () => {
    const rt = (name: string) => `arn:aws:ec2:ap-southeast-2:444444444444:transit-gateway-route-table/tgw-rtb-${name}`;
    const doc = attachRolePermissions({ associateRouteTableArn: rt("prod"), propagateRouteTableArns: [rt("shared"), rt("prod"), rt("egress")], region: "ap-southeast-2" });
    const bySid = new Map(doc.Statement.map((s) => [s.Sid, s]));
    // The Transit Gateway owner's (the route tables' account), never the spokes'.
    const attachments = ["arn:aws:ec2:ap-southeast-2:444444444444:transit-gateway-attachment/*"];
    assert.deepEqual(bySid.get("AssociateWithSegmentRouteTable")!.Resource, [rt("prod"), ...attachments]);
    assert.deepEqual(bySid.get("PropagateIntoSegmentRouteTables")!.Resource, [rt("egress"), rt("prod"), rt("shared"), ...attachments]);
    assert.throws(() => attachRolePermissions({ associateRouteTableArn: "arn:rt/prod", propagateRouteTableArns: [], region: "ap-southeast-2" }), /is not a route table ARN with an account/);
    for (const s of doc.Statement) {
      const actions = ([] as string[]).concat(s.Action ?? []);
      if (s.Resource === "*") assert.ok(actions.every((a) => /^ec2:(Describe|Get)/.test(a)), `only reads on *: ${actions}`);
      assert.ok(!actions.some((a) => /\*/.test(a)), "no wildcard actions");
    }
  });
});
