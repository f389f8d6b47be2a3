import { strict as assert } from "assert";
import { answerInvoke } from "../../cli/engine/invokes";
import { accountZones } from "../../cli/engine/zones";
import type { PlanResult } from "../../lib/plan";
import { buildRoutingModel } from "../../lib/network/routingModel";
import { describeMisalignment, zoneAlignment } from "../../lib/network/zoneAlignment";
import { zoneKeys, zoneKind } from "../../lib/network/zones";
import { reachabilitySection } from "../../cli/plan/reachability";
import { byType, planStack, runLz, TempProject } from "../helpers/plan";

/**
 * Issue #16 item 10: zones by AZ ID. Config lists AZ IDs, subnets are placed by
 * `availabilityZoneId`, child names keep their keys, and the reachability model matches zones across
 * accounts by ID, whatever each account calls them.
 */
const SUBNET = "aws:ec2/subnet:Subnet";
const ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

async function planIn(p: TempProject, stack: string): Promise<PlanResult> {
  const { planStack: plan } = await import("../../cli/engine/planner");
  return (await plan(stack, { root: p.root, cache: new Map() })).result;
}

describe("zones by AZ ID", function () {
  let network: PlanResult;
  let dev: PlanResult;
  let prod: PlanResult;
  before(async () => {
    network = await planStack("network");
    dev = await planStack("dev");
    prod = await planStack("prod");
  });

  describe("the offline engine's zone maps", () => {
    it("maps Sydney's names to IDs per account (as AWS does) and Melbourne's the same in every account", () => {
      const n = accountZones("ap-southeast-2", "444444444444");
      const d = accountZones("ap-southeast-2", "555555555555");
      assert.deepEqual(n.map((z) => z.id).sort(), ["apse2-az1", "apse2-az2", "apse2-az3"]);
      assert.notDeepEqual(n, d, "the network and dev accounts call the zones differently");
      assert.deepEqual(accountZones("ap-southeast-4", "444444444444"), accountZones("ap-southeast-4", "555555555555"));
      assert.deepEqual(accountZones("ap-southeast-4", "1").map((z) => `${z.name}=${z.id}`), ["ap-southeast-4a=apse4-az1", "ap-southeast-4b=apse4-az2", "ap-southeast-4c=apse4-az3"]);
    });

    it("answers getAvailabilityZone by name and by zoneId from the calling account's map", () => {
      const c = { stack: "dev", region: "ap-southeast-2", account: "555555555555", deploymentRoleName: "LandingZoneDeployment", managementAccount: "111111111111" };
      const byName = answerInvoke("aws:index/getAvailabilityZone:getAvailabilityZone", { name: "ap-southeast-2a" }, c);
      const mine = accountZones("ap-southeast-2", "555555555555").find((z) => z.name === "ap-southeast-2a")!;
      assert.equal(byName.zoneId, mine.id);
      const byId = answerInvoke("aws:index/getAvailabilityZone:getAvailabilityZone", { zoneId: mine.id }, c);
      assert.equal(byId.name, "ap-southeast-2a");
      assert.throws(() => answerInvoke("aws:index/getAvailabilityZone:getAvailabilityZone", { zoneId: "apse2-az9" }, c), /no availability zone apse2-az9/);
      const all = answerInvoke("aws:index/getAvailabilityZones:getAvailabilityZones", {}, c) as { names: string[]; zoneIds: string[] };
      assert.equal(all.zoneIds[all.names.indexOf("ap-southeast-2a")], mine.id);
    });
  });

  describe("the sample stacks", () => {
    it("place every subnet by availabilityZoneId, never by name, and AWS reports both", () => {
      for (const plan of [network, dev, prod]) {
        const subnets = byType(plan, SUBNET);
        assert.ok(subnets.length > 0);
        for (const s of subnets) {
          assert.equal(zoneKind(String(s.inputs.availabilityZoneId)), "id", `${plan.stack} ${s.name}`);
          assert.equal(s.inputs.availabilityZone, undefined, `${plan.stack} ${s.name} names no zone by name`);
          assert.equal(zoneKind(String(s.outputs.availabilityZone)), "name", "the state has the account's name for it");
        }
      }
    });

    it("keep the child names they had with AZ names: the zone's key is its position's letter", () => {
      const names = byType(dev, SUBNET).map((s) => s.name).sort();
      assert.deepEqual(names, ["dmz", "app", "data", "transit"].flatMap((t) => ["a", "b"].map((k) => `dev-${t}-${k}`)).sort());
      const apse2az1 = byType(dev, SUBNET).filter((s) => s.inputs.availabilityZoneId === "apse2-az1").map((s) => s.name).sort();
      assert.deepEqual(apse2az1, ["dev-app-a", "dev-data-a", "dev-dmz-a", "dev-transit-a"]);
      assert.deepEqual(byType(network, "aws:ec2/natGateway:NatGateway").map((n) => n.name).sort(), ["egress-nat-a", "egress-nat-b", "egress-nat-c"]);
    });
  });

  describe("the reachability model, across accounts", () => {
    it("reads each subnet's zone by ID: one zone is aligned though the network and dev accounts call it by different names", () => {
      const model = buildRoutingModel([network, dev, prod]);
      const transitOf = (plan: PlanResult, id: string) => byType(plan, SUBNET).find((s) => s.inputs.availabilityZoneId === id && String((s.inputs.tags as any)?.tier) === "transit")!;
      const hubSide = transitOf(network, "apse2-az1");
      const spokeSide = transitOf(dev, "apse2-az1");
      assert.notEqual(hubSide.outputs.availabilityZone, spokeSide.outputs.availabilityZone, "the two accounts' names for apse2-az1 differ");
      assert.equal(model.subnets.get(hubSide.id!)!.az, "apse2-az1");
      assert.equal(model.subnets.get(spokeSide.id!)!.az, "apse2-az1");
      const alignment = zoneAlignment(model);
      assert.deepEqual(alignment.hubZones, ["apse2-az1", "apse2-az2", "apse2-az3"]);
      assert.deepEqual(alignment.misaligned, []);
    });

    it("would pair those subnets wrongly by name: by name alone the zones do not line up", () => {
      const byName = (p: PlanResult): PlanResult => {
        const c = clone(p);
        for (const s of byType(c, SUBNET)) {
          s.inputs.availabilityZone = s.outputs.availabilityZone;
          delete s.inputs.availabilityZoneId;
          delete s.outputs.availabilityZoneId;
        }
        return c;
      };
      const model = buildRoutingModel([byName(network), byName(dev)]);
      const spoke = byType(dev, SUBNET).find((s) => s.inputs.availabilityZoneId === "apse2-az1")!;
      assert.match(model.subnets.get(spoke.id!)!.az, /^ap-southeast-2[abc]$/, "the name is the fallback when nothing gives the ID");
    });

    it("names a spoke zone the hub does not attach in (prod's apse2-az3 once the egress attachment leaves it out)", () => {
      const n = clone(network);
      const az3 = new Set(byType(n, SUBNET).filter((s) => s.inputs.availabilityZoneId === "apse2-az3").map((s) => s.id));
      const attachment = byType(n, ATTACHMENT).find((a) => a.inputs.applianceModeSupport === "enable")!;
      attachment.inputs.subnetIds = (attachment.inputs.subnetIds as string[]).filter((id) => !az3.has(id));
      const alignment = zoneAlignment(buildRoutingModel([n, dev, prod]));
      assert.deepEqual(alignment.hubZones, ["apse2-az1", "apse2-az2"]);
      assert.deepEqual(alignment.misaligned.map((m) => `${m.stack}:${m.zone}`), ["prod:apse2-az3"]);
      assert.match(describeMisalignment(alignment.misaligned[0]), /^prod \(prod\) attaches in apse2-az3, where the egress VPC has no Transit Gateway interface \(it has apse2-az1, apse2-az2\)/);
    });

    it("names an ID mismatch: the same name in two accounts but different IDs is misaligned", () => {
      const d = clone(dev);
      // dev's second zone placed in apse2-az3 while its name stays what the hub calls its az2.
      const p = clone(prod);
      const n = clone(network);
      const az3 = new Set(byType(n, SUBNET).filter((s) => s.inputs.availabilityZoneId === "apse2-az3").map((s) => s.id));
      const attachment = byType(n, ATTACHMENT).find((a) => a.inputs.applianceModeSupport === "enable")!;
      attachment.inputs.subnetIds = (attachment.inputs.subnetIds as string[]).filter((id) => !az3.has(id));
      const hubAz2Name = byType(n, SUBNET).find((s) => s.inputs.availabilityZoneId === "apse2-az2")!.outputs.availabilityZone;
      for (const s of byType(d, SUBNET).filter((x) => x.inputs.availabilityZoneId === "apse2-az2")) {
        s.inputs.availabilityZoneId = "apse2-az3";
        s.outputs.availabilityZone = hubAz2Name;
      }
      const alignment = zoneAlignment(buildRoutingModel([n, d, p]));
      assert.deepEqual(alignment.misaligned.map((m) => `${m.stack}:${m.zone}`).sort(), ["dev:apse2-az3", "prod:apse2-az3"]);
    });

    it("lz plan's Reachability section names a misaligned zone (and says nothing when every zone lines up)", () => {
      assert.doesNotMatch(reachabilitySection.render(prod, [network, dev, prod]) ?? "", /Zones/);
      const n = clone(network);
      const az3 = new Set(byType(n, SUBNET).filter((s) => s.inputs.availabilityZoneId === "apse2-az3").map((s) => s.id));
      const attachment = byType(n, ATTACHMENT).find((a) => a.inputs.applianceModeSupport === "enable")!;
      attachment.inputs.subnetIds = (attachment.inputs.subnetIds as string[]).filter((id) => !az3.has(id));
      const text = reachabilitySection.render(prod, [n, dev, prod]) ?? "";
      assert.match(text, /  Zones \(by AZ ID, across accounts\):\n    misaligned: prod \(prod\) attaches in apse2-az3, where the egress VPC has no Transit Gateway interface \(it has apse2-az1, apse2-az2\): that zone's egress crosses zones/);
      assert.doesNotMatch(reachabilitySection.render(dev, [n, dev, prod]) ?? "", /Zones/, "dev's zones are all the hub's");
    });

    it("leaves a zone known only by name out: names cannot be compared across accounts", () => {
      const d = clone(dev);
      for (const s of byType(d, SUBNET)) {
        s.inputs.availabilityZone = "ap-southeast-2c";
        delete s.inputs.availabilityZoneId;
        delete s.outputs.availabilityZone;
      }
      assert.deepEqual(zoneAlignment(buildRoutingModel([network, d])).misaligned, []);
    });
  });

  describe("stacks first deployed with AZ names", () => {
    it("still plan by name, with the same child names (and the advisory to switch)", async () => {
      const p = new TempProject();
      try {
        p.editStack("dev", (c) => (c["landing-zone:vpc"].azs = ["ap-southeast-2a", "ap-southeast-2b"]));
        const legacy = await planIn(p, "dev");
        const subnets = byType(legacy, SUBNET);
        assert.ok(subnets.every((s) => typeof s.inputs.availabilityZone === "string" && s.inputs.availabilityZoneId === undefined));
        assert.deepEqual(subnets.map((s) => s.urn).sort(), byType(dev, SUBNET).map((s) => s.urn).sort(), "the same URNs as by ID");
        const advice = legacy.violations.filter((v) => v.policy === "subnet-zone-by-id");
        assert.equal(advice.length, subnets.length, "one advisory per subnet placed by name");
        assert.ok(advice.every((v) => v.enforcementLevel === "advisory"));
        assert.match(advice[0].message, /placed by AZ name ap-southeast-2[ab], which is its own account's label; .*Use its AZ ID \(one of apse2-az1, apse2-az2, apse2-az3\)/);
        assert.deepEqual(legacy.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
      } finally {
        p.cleanup();
      }
    });

    it("move to IDs with formerAzNames: the keys of the former names, whatever the order, checked in the account", async () => {
      const zones = accountZones("ap-southeast-2", "555555555555");
      const idOf = (name: string) => zones.find((z) => z.name === name)!.id;
      // A dev built in ap-southeast-2b and ap-southeast-2c: its children are -b and -c.
      assert.deepEqual(zoneKeys("ap-southeast-2", ["ap-southeast-2b", "ap-southeast-2c"]), ["b", "c"]);
      const p = new TempProject();
      try {
        p.editStack("dev", (c) => {
          c["landing-zone:vpc"].azs = [idOf("ap-southeast-2b"), idOf("ap-southeast-2c")];
          c["landing-zone:vpc"].formerAzNames = { [idOf("ap-southeast-2b")]: "ap-southeast-2b", [idOf("ap-southeast-2c")]: "ap-southeast-2c" };
        });
        const moved = await planIn(p, "dev");
        const subnets = byType(moved, SUBNET);
        assert.deepEqual([...new Set(subnets.map((s) => s.name.slice(-1)))].sort(), ["b", "c"], "the former names' keys, not the positions'");
        const b = subnets.find((s) => s.name === "dev-app-b")!;
        assert.equal(b.inputs.availabilityZoneId, idOf("ap-southeast-2b"));
        assert.equal(b.outputs.availabilityZone, "ap-southeast-2b", "the same zone as before");
        assert.deepEqual(moved.violations.filter((v) => v.policy.startsWith("subnet-zone")), []);
      } finally {
        p.cleanup();
      }
    });

    it("refuse a formerAzNames entry that is not that zone in the account, before anything is replaced", async () => {
      const zones = accountZones("ap-southeast-2", "555555555555");
      const p = new TempProject();
      try {
        // Each ID mapped to the other's name: valid config, wrong in this account.
        p.editStack("dev", (c) => {
          c["landing-zone:vpc"].azs = [zones[0].id, zones[1].id];
          c["landing-zone:vpc"].formerAzNames = { [zones[0].id]: zones[1].name, [zones[1].id]: zones[0].name };
        });
        const run = await runLz(["plan", "dev"], p.root);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, new RegExp(`Pulumi\\.dev\\.yaml: landing-zone:vpc\\.formerAzNames\\.${zones[0].id}: is ${zones[1].name}, but in this account ${zones[1].name} is ${zones[1].id}: the subnets built in ${zones[1].name} would be replaced`));
        assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
      } finally {
        p.cleanup();
      }
    });
  });
});

describe("lz diff of a stack moved from AZ names to IDs", function () {
  it("warns of each subnet's replacement unless the ID is its old name's zone, which only pulumi preview knows", async () => {
    const { diffPlans } = await import("../../cli/diff/compare");
    const p = new TempProject();
    try {
      p.editStack("dev", (c) => (c["landing-zone:vpc"].azs = ["ap-southeast-2a", "ap-southeast-2b"]));
      const legacy = await planIn(p, "dev");
      const byId = await planStack("dev");
      const d = diffPlans([legacy], [byId]);
      assert.deepEqual(d.added, [], "no child is renamed");
      assert.deepEqual(d.removed, []);
      const subnetHazards = d.hazards.filter((h) => h.type === SUBNET);
      assert.equal(subnetHazards.length, byType(byId, SUBNET).length);
      assert.ok(subnetHazards.every((h) => !h.blocking));
      assert.match(subnetHazards[0].why, /`availabilityZone`, `availabilityZoneId` changed, which forces a replacement unless the new availabilityZoneId is the zone ap-southeast-2[ab] is in that account \(the move from AZ names to IDs; `pulumi preview` decides, docs\/NETWORK\.md\)/);
    } finally {
      p.cleanup();
    }
  });
});
