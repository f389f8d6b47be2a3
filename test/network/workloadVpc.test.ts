import { strict as assert } from "assert";
import { loadAllStackConfigs, PROJECT_ROOT, WorkloadConfig } from "../../config";
import { DEFAULT_INTERFACE_ENDPOINTS } from "../../config/schema/workload";
import { mustCarve } from "../../lib/network/carve";
import { WORKLOAD_TIERS, workloadTierRequests } from "../../lib/network/layout";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { byType, one, planStack } from "../helpers/plan";

const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const RT_ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";

const tags = (r: PlanResource) => (r.inputs.tags ?? {}) as Record<string, string>;
const tierTable = (plan: PlanResult, tier: string) => byType(plan, ROUTE_TABLE).filter((r) => tags(r).tier === tier);
const routesOf = (plan: PlanResult, rt: PlanResource) => byType(plan, ROUTE).filter((r) => r.inputs.routeTableId === rt.id);

for (const stack of ["dev", "prod"]) {
  describe(`the ${stack} workload VPC (plan)`, function () {
    let plan: PlanResult;
    let network: PlanResult;
    let cfg: WorkloadConfig;
    before(async () => {
      network = await planStack("network");
      plan = await planStack(stack);
      cfg = loadAllStackConfigs(PROJECT_ROOT).find((c) => c.stack === stack) as WorkloadConfig;
    });

    it("has every subnet in its tier and AZ, at the CIDR the carving gives, one per tier and AZ", () => {
      const v = cfg.vpc;
      const expected = mustCarve(v.cidr, v.azs, workloadTierRequests({ cidr: v.cidr, azs: v.azs, dmzPrefixLength: v.dmz.prefixLength, appPrefixLength: v.app.prefixLength, dataPrefixLength: v.data.prefixLength }));
      const subnets = byType(plan, SUBNET);
      assert.equal(subnets.length, WORKLOAD_TIERS.length * v.azs.length);
      for (const e of expected) {
        const found = subnets.filter((s) => tags(s).tier === e.tier && s.inputs.availabilityZoneId === e.az);
        assert.equal(found.length, 1, `one ${e.tier} subnet in ${e.az}`);
        assert.equal(found[0].inputs.cidrBlock, e.cidr, `${e.tier} ${e.az}`);
        assert.equal(found[0].inputs.mapPublicIpOnLaunch, false);
        const assoc = byType(plan, RT_ASSOC).filter((a) => a.inputs.subnetId === found[0].id);
        assert.equal(assoc.length, 1);
        const rt = byType(plan, ROUTE_TABLE).find((r) => r.id === assoc[0].inputs.routeTableId)!;
        assert.equal(tags(rt).tier, e.tier, `the ${e.tier} subnet in ${e.az} uses the ${e.tier} route table`);
      }
    });

    it("gives the data tier no 0.0.0.0/0 or ::/0 route, and no route to a gateway of any kind", () => {
      const tables = tierTable(plan, "data");
      assert.equal(tables.length, 1);
      for (const rt of tables) {
        assert.equal(rt.inputs.routes ?? undefined, undefined, "no inline routes");
        for (const r of routesOf(plan, rt)) {
          assert.notEqual(r.inputs.destinationCidrBlock, "0.0.0.0/0");
          assert.notEqual(r.inputs.destinationIpv6CidrBlock, "::/0");
          assert.ok(!r.inputs.gatewayId && !r.inputs.natGatewayId && !r.inputs.transitGatewayId && !r.inputs.egressOnlyGatewayId, JSON.stringify(r.inputs));
        }
      }
    });

    it("points the app tier's default route at the network stack's Transit Gateway, after the attachment exists", () => {
      const [rt] = tierTable(plan, "app");
      const defaults = routesOf(plan, rt).filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0");
      assert.equal(defaults.length, 1);
      const tgw = one(network, "aws:ec2transitgateway/transitGateway:TransitGateway");
      assert.equal(defaults[0].inputs.transitGatewayId, tgw.id);
      const attachment = one(plan, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
      assert.ok(defaults[0].dependencies?.includes(attachment.urn), "depends on the attachment");
    });

    it("has no NAT gateway and no internet gateway (the DMZ is private in the samples)", () => {
      assert.equal(byType(plan, "aws:ec2/natGateway:NatGateway").length, 0);
      assert.equal(byType(plan, "aws:ec2/internetGateway:InternetGateway").length, 0);
      assert.equal(cfg.vpc.dmz.public, false);
    });

    it("attaches to the hub from /28 transit subnets and joins its segment through the network account", () => {
      const attachment = one(plan, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
      const transit = byType(plan, SUBNET).filter((s) => tags(s).tier === "transit");
      assert.deepEqual([...(attachment.inputs.subnetIds as string[])].sort(), transit.map((s) => s.id).sort());
      for (const s of transit) assert.match(String(s.inputs.cidrBlock), /\/28$/);
      const rtIds = network.outputs.transitGatewayRouteTableIds as Record<string, string>;
      const assoc = one(plan, "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation");
      assert.equal(assoc.inputs.transitGatewayAttachmentId, attachment.id);
      assert.equal(assoc.inputs.transitGatewayRouteTableId, rtIds[cfg.account.environment], `associated with ${cfg.account.environment}`);
      const props = byType(plan, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation").map((p) => p.inputs.transitGatewayRouteTableId);
      const other = cfg.account.environment === "prod" ? "nonprod" : "prod";
      assert.ok(!props.includes(rtIds[other]), `never propagated into ${other}`);
      assert.ok(props.includes(rtIds.egress), "propagated into egress (return traffic)");
      // The attach role cannot disable a propagation (lib/network/attachRolePolicy.ts): a destroy
      // leaves them to the attachment's deletion instead of calling DisableTransitGatewayRouteTablePropagation.
      for (const p of byType(plan, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation")) assert.equal(p.retainOnDelete, true, `${p.name} retained on delete`);
      const hub = plan.resources.find((r) => r.urn === assoc.provider!.slice(0, assoc.provider!.lastIndexOf("::")))!;
      assert.deepEqual(JSON.parse(String(hub.inputs.allowedAccountIds)), ["444444444444"], "made in the network account");
      const roles = JSON.parse(String(hub.inputs.assumeRoles)).map((r: { roleArn: string }) => r.roleArn);
      assert.deepEqual(roles, [`arn:aws:iam::${cfg.account.id}:role/LandingZoneDeployment`, `arn:aws:iam::444444444444:role/LandingZoneTgwAttach-${cfg.account.environment}`]);
    });

    it("puts S3 and DynamoDB gateway endpoints on every private route table (app, data, a private DMZ), and the interface endpoints in the app tier", () => {
      const endpoints = byType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint");
      const app = tierTable(plan, "app")[0].id;
      const data = tierTable(plan, "data")[0].id;
      const dmz = cfg.vpc.dmz.public ? [] : [tierTable(plan, "dmz")[0].id];
      for (const service of ["s3", "dynamodb"]) {
        const gw = endpoints.find((e) => e.inputs.serviceName === `com.amazonaws.${cfg.account.region}.${service}`)!;
        assert.equal(gw.inputs.vpcEndpointType, "Gateway");
        assert.deepEqual([...(gw.inputs.routeTableIds as string[])].sort(), [app, data, ...dmz].sort());
      }
      const iface = endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface");
      assert.deepEqual(iface.map((e) => String(e.inputs.serviceName).replace(`com.amazonaws.${cfg.account.region}.`, "")).sort(), [...DEFAULT_INTERFACE_ENDPOINTS].sort());
      const appSubnets = byType(plan, SUBNET).filter((s) => tags(s).tier === "app").map((s) => s.id).sort();
      const sg = byType(plan, "aws:ec2/securityGroup:SecurityGroup").find((s) => /endpoints-sg$/.test(s.name))!;
      for (const e of iface) {
        assert.equal(e.inputs.privateDnsEnabled, true);
        assert.deepEqual([...(e.inputs.subnetIds as string[])].sort(), appSubnets);
        assert.deepEqual(e.inputs.securityGroupIds, [sg.id]);
      }
      const rules = byType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg.id);
      assert.deepEqual(rules.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]), [[cfg.vpc.cidr, 443, 443]]);
    });

    it("lets the data tier accept the app tier's subnets on the configured ports and its own subnets across AZs; from anywhere only replies", () => {
      const acl = one(plan, "aws:ec2/networkAcl:NetworkAcl");
      const dataSubnets = byType(plan, SUBNET).filter((s) => tags(s).tier === "data").map((s) => s.id).sort();
      assert.deepEqual([...(acl.inputs.subnetIds as string[])].sort(), dataSubnets);
      const appCidrs = byType(plan, SUBNET).filter((s) => tags(s).tier === "app").map((s) => s.inputs.cidrBlock);
      const ingress = acl.inputs.ingress as { cidrBlock: string; fromPort: number; toPort: number; action: string }[];
      const listeners = ingress.filter((r) => r.fromPort === r.toPort);
      assert.deepEqual([...new Set(listeners.map((r) => r.fromPort))].sort(), [...cfg.vpc.data.ports].sort());
      for (const r of listeners) assert.ok(appCidrs.includes(r.cidrBlock), `port ${r.fromPort} only from the app tier, not ${r.cidrBlock}`);
      const dataCidrs = byType(plan, SUBNET).filter((s) => tags(s).tier === "data").map((s) => s.inputs.cidrBlock);
      for (const c of dataCidrs) assert.ok(ingress.some((r) => r.cidrBlock === c && r.fromPort === 0 && r.toPort === 65535), `the data tier in ${c} reaches the others`);
      for (const r of ingress.filter((x) => x.cidrBlock === "0.0.0.0/0")) assert.ok(r.fromPort >= 32768, "from anywhere: only replies on ephemeral ports (the routes contain the tier)");
      const dataRoutes = byType(plan, "aws:ec2/route:Route").filter((r) => /-data/.test(r.name));
      assert.deepEqual(dataRoutes, [], "no route out of the data tier but the VPC's and the gateway endpoints'");
    });

    it("logs the VPC's flows to S3 and leaves the default security group without rules", () => {
      const vpc = one(plan, "aws:ec2/vpc:Vpc");
      const log = byType(plan, "aws:ec2/flowLog:FlowLog").find((f) => f.inputs.vpcId === vpc.id)!;
      assert.equal(log.inputs.logDestinationType, "s3");
      assert.equal(log.inputs.trafficType, "ALL");
      const sg = one(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
      assert.equal(sg.inputs.vpcId, vpc.id);
      assert.equal((sg.inputs.ingress as unknown[] | undefined)?.length ?? 0, 0);
      assert.equal((sg.inputs.egress as unknown[] | undefined)?.length ?? 0, 0);
    });

    it("associates the resolver's forwarding rules shared by the network stack", () => {
      const ids = network.outputs.resolverRuleIds as Record<string, string>;
      const assoc = byType(plan, "aws:route53/resolverRuleAssociation:ResolverRuleAssociation");
      assert.deepEqual(assoc.map((a) => a.inputs.resolverRuleId).sort(), Object.values(ids).sort());
      assert.ok(assoc.length > 0);
    });

    it("names every child after the VPC, the tier and the AZ (no index), and gives each an explicit provider", () => {
      const vpc = plan.resources.find((r) => r.type === "landing-zone:network:TieredVpc")!;
      const children = plan.resources.filter((r) => r.parent === vpc.urn && r.custom !== false);
      for (const c of children) {
        assert.ok(c.name.startsWith(`${cfg.account.name}-`), c.name);
        assert.ok(!/-\d+$/.test(c.name), `no index suffix: ${c.name}`);
        assert.ok(c.provider, `${c.name} has a provider`);
      }
      assert.deepEqual(plan.violations.filter((v) => v.pack === "lz-engine"), []);
    });
  });
}
