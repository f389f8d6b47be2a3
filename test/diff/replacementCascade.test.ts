import * as assert from "assert";
import * as path from "path";
import { diffPlans, PlanDiff } from "../../cli/diff/compare";
import { mockState } from "../../cli/engine/mockState";
import { readPlanFile } from "../../cli/report/planFile";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { runLz, TempProject } from "../helpers/plan";
import { PlanBuilder } from "../report/fixture";

/**
 * A replacement takes down what references it: the offline engine gives a replaced resource new
 * ids (its seed holds its replacement-forcing inputs), so every resource naming it by id changes,
 * and `lz diff` marks those whose replacement-forcing inputs changed as replaced with it.
 */
describe("lz diff: what a replacement takes down", () => {
  describe("changing dev's VPC CIDR (real plans)", () => {
    let project: TempProject;
    let base: string;
    let again: string;
    let head: string;
    let d: PlanDiff;
    let headPlan: PlanResult;

    before(async function () {
      this.timeout(300_000);
      project = new TempProject().editStack("dev", (c) => (c["landing-zone:vpc"].cidr = "10.17.0.0/16"));
      base = path.join(project.root, "base.json");
      again = path.join(project.root, "again.json");
      head = path.join(project.root, "head.json");
      for (const [file, root] of [[base, undefined], [again, undefined], [head, project.root]] as const) {
        const run = await runLz(["plan", "dev", "--json", file], root);
        assert.ok(run.code === 0, run.stderr);
      }
      d = diffPlans(readPlanFile(base), readPlanFile(head));
      headPlan = readPlanFile(head)[0];
    });
    after(() => project?.cleanup());

    it("keeps ids deterministic: planning the same config twice changes nothing", () => {
      const twice = diffPlans(readPlanFile(base), readPlanFile(again));
      assert.deepStrictEqual([twice.changed, twice.added, twice.removed], [[], [], []]);
      assert.deepStrictEqual(readPlanFile(base)[0].resources.map((r) => r.id), readPlanFile(again)[0].resources.map((r) => r.id));
    });

    it("gives the replaced VPC and subnets new ids", () => {
      const old = readPlanFile(base)[0];
      for (const type of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet"]) {
        const ids = (p: PlanResult) => p.resources.filter((r) => r.type === type).map((r) => r.id);
        assert.ok(ids(old).length > 0);
        for (const id of ids(headPlan)) assert.ok(!ids(old).includes(id), `${type} ${id} is new`);
      }
    });

    it("lists every dependent replacement: route tables, SGs, endpoints, TGW attachment, flow log, NACL...", () => {
      const replaced = (type: string) => d.changed.filter((c) => c.type === type && c.replaceBecause.length).map((c) => c.name).sort();
      const inHead = (type: string) => headPlan.resources.filter((r) => r.type === type).map((r) => r.name).sort();
      for (const type of [
        "aws:ec2/vpc:Vpc",
        "aws:ec2/subnet:Subnet",
        "aws:ec2/routeTable:RouteTable",
        "aws:ec2/routeTableAssociation:RouteTableAssociation",
        "aws:ec2/route:Route",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
        "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
        "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
        "aws:ec2/flowLog:FlowLog",
        "aws:ec2/networkAcl:NetworkAcl",
        "aws:route53/resolverRuleAssociation:ResolverRuleAssociation",
      ]) {
        assert.ok(inHead(type).length > 0, `dev has a ${type}`);
        assert.deepStrictEqual(replaced(type), inHead(type), `every ${type} is replaced`);
      }
    });

    it("says why each dependent goes: the replaced resource its forcing input named", () => {
      const byName = (type: string, name: string) => d.changed.find((c) => c.type === type && c.name === name)!;
      assert.deepStrictEqual(byName("aws:ec2/flowLog:FlowLog", "dev-flow-log").replacedWith.map((r) => r.name), ["dev-vpc"]);
      assert.deepStrictEqual(byName("aws:ec2/flowLog:FlowLog", "dev-flow-log").replaceBecause, ["vpcId"]);
      const rta = d.changed.find((c) => c.type === "aws:ec2/routeTableAssociation:RouteTableAssociation" && c.name === "dev-app-a")!;
      assert.deepStrictEqual(rta.replaceBecause, ["subnetId"], "routeTableId changes too, but in place");
      assert.deepStrictEqual(rta.replacedWith.map((r) => `${r.type} ${r.name}`), ["aws:ec2/subnet:Subnet dev-app-a"]);
      for (const c of d.changed.filter((x) => x.replaceBecause.length && x.type !== "aws:ec2/vpc:Vpc")) assert.ok(c.replacedWith.length > 0, `${c.name} names what it goes with`);
      const service = d.changed.find((c) => c.type === "aws:ecs/service:Service");
      assert.ok(service && service.replaceBecause.length === 0, "the ECS service moves to the new subnets in place");
    });

    it("puts the blast radius at the top, with the VPC as its one root, and exits 0 (nothing stateful is replaced)", async () => {
      const run = await runLz(["diff", base, head]);
      assert.strictEqual(run.code, 0, run.stderr);
      const top = run.stdout.split("\n").slice(0, 6).join("\n");
      const dependents = d.changed.filter((c) => c.replaceBecause.length).length - 1;
      assert.match(top, /> \[!WARNING\]\n> - \*\*REPLACE `aws:ec2\/vpc:Vpc` `dev-vpc` in `dev`\*\*: `cidrBlock` changed, which forces a replacement; (\d+) resources that depend on it are replaced with it \(.*8 Subnet.*1 FlowLog.*1 NetworkAcl.*1 VpcAttachment/);
      assert.strictEqual(Number(/; (\d+) resources that depend/.exec(top)![1]), dependents);
      assert.strictEqual(d.hazards.filter((h) => h.action === "replace").length, 1, "one line at the top, not one per subnet");
      assert.ok(run.stdout.includes("| **replace** (`vpcId`; `dev-vpc` is replaced) |"), run.stdout);
    });
  });

  describe("a stateful dependent", () => {
    // A database encrypted with a key whose replacement changes its ARN: the database goes too.
    const b = new PlanBuilder("dev", "workload");
    const key = b.add("aws:kms/key:Key", "data-key", { customerMasterKeySpec: "SYMMETRIC_DEFAULT" }, { outputs: { arn: "arn:aws:kms:ap-southeast-2:555555555555:key/old" }, retainOnDelete: true });
    const db = b.add("aws:rds/instance:Instance", "orders-db", { kmsKeyId: "arn:aws:kms:ap-southeast-2:555555555555:key/old", storageEncrypted: true });
    const before = b.build();
    const edit = (r: PlanResource): PlanResource =>
      r.urn === key.urn ? { ...r, inputs: { customerMasterKeySpec: "RSA_2048" }, outputs: { arn: "arn:aws:kms:ap-southeast-2:555555555555:key/new" } } : r.urn === db.urn ? { ...r, inputs: { ...r.inputs, kmsKeyId: "arn:aws:kms:ap-southeast-2:555555555555:key/new" } } : r;
    const after: PlanResult = { ...before, resources: before.resources.map(edit) };

    it("is a blocking replacement at the top, named with the key it goes with", () => {
      const d = diffPlans([before], [after]);
      assert.deepStrictEqual(d.changed.find((c) => c.name === "orders-db")!.replacedWith.map((r) => r.name), ["data-key"]);
      const blocking = d.hazards.filter((h) => h.blocking).map((h) => h.name).sort();
      assert.deepStrictEqual(blocking, ["data-key", "orders-db"]);
      assert.match(d.hazards.find((h) => h.name === "orders-db")!.why, /`kmsKeyId` changed, which forces a replacement of a database: `pulumi up` deletes the old one \(a database and its data\)/);
      assert.match(d.hazards.find((h) => h.name === "data-key")!.why, /1 resource that depends on it is replaced with it \(1 Instance\)/);
    });
  });

  describe("the engine's ids", () => {
    const ctx = (inputs: Record<string, unknown>) => ({ stack: "dev", type: "aws:ec2/subnet:Subnet", name: "dev-app-a", inputs, region: "ap-southeast-2", account: "555555555555", managementAccount: "111111111111" });

    it("change with a replacement-forcing input, and only with one", () => {
      const a = mockState(ctx({ vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", tags: { a: "1" } })).id;
      assert.strictEqual(mockState(ctx({ vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", tags: { a: "2" } })).id, a, "a tag is updated in place");
      assert.notStrictEqual(mockState(ctx({ vpcId: "vpc-2", cidrBlock: "10.0.0.0/24", tags: { a: "1" } })).id, a);
      assert.notStrictEqual(mockState(ctx({ vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", tags: { a: "1" } })).id, a);
      assert.strictEqual(mockState(ctx({ vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", tags: { a: "1" } })).id, a, "deterministic");
    });
  });
});
