import { strict as assert } from "assert";
import { loadAllStackConfigs, NetworkConfig, PROJECT_ROOT } from "../../config";
import type { PlanResource, PlanResult } from "../../lib/plan";
import { byType, one, planStack } from "../helpers/plan";

const tags = (r: PlanResource) => (r.inputs.tags ?? {}) as Record<string, string>;
const TGW_RT = "aws:ec2transitgateway/routeTable:RouteTable";

describe("the network stack: Transit Gateway hub and central egress (plan)", function () {
  let plan: PlanResult;
  let cfg: NetworkConfig;
  let rtIds: Record<string, string>;
  before(async () => {
    plan = await planStack("network");
    cfg = loadAllStackConfigs(PROJECT_ROOT).find((c) => c.stack === "network") as NetworkConfig;
    rtIds = plan.outputs.transitGatewayRouteTableIds as Record<string, string>;
  });

  it("builds the Transit Gateway with the configured ASN and default association and propagation off", () => {
    const tgw = one(plan, "aws:ec2transitgateway/transitGateway:TransitGateway");
    assert.equal(tgw.inputs.amazonSideAsn, cfg.transitGateway.asn);
    assert.equal(tgw.inputs.defaultRouteTableAssociation, "disable");
    assert.equal(tgw.inputs.defaultRouteTablePropagation, "disable");
    assert.equal(plan.outputs.transitGatewayId, tgw.id);
  });

  it("has the four route tables prod, nonprod, shared and egress, exported by name (and the VPN's own)", () => {
    const tables = byType(plan, TGW_RT).filter((t) => tags(t).routeTable !== "hybrid");
    assert.deepEqual(tables.map((t) => tags(t).routeTable).sort(), ["egress", "nonprod", "prod", "shared"]);
    for (const t of tables) assert.equal(rtIds[tags(t).routeTable], t.id);
  });

  it("blackholes the other side's CIDRs: dev's in prod, prod's in nonprod", () => {
    const routes = byType(plan, "aws:ec2transitgateway/route:Route");
    const blackholes = (rt: string) => routes.filter((r) => r.inputs.transitGatewayRouteTableId === rtIds[rt] && r.inputs.blackhole === true).map((r) => r.inputs.destinationCidrBlock);
    assert.deepEqual(blackholes("prod"), ["10.16.0.0/16"]);
    assert.deepEqual(blackholes("nonprod"), ["10.32.0.0/16"]);
    assert.deepEqual(blackholes("shared"), []);
    const egressAttachment = plan.outputs.egressAttachmentId;
    for (const rt of ["prod", "nonprod", "shared"]) {
      const d = routes.filter((r) => r.inputs.transitGatewayRouteTableId === rtIds[rt] && r.inputs.destinationCidrBlock === "0.0.0.0/0");
      assert.equal(d.length, 1, rt);
      assert.equal(d[0].inputs.transitGatewayAttachmentId, egressAttachment, `${rt}'s default route goes to the egress VPC`);
    }
  });

  it("associates the egress attachment with the egress table and propagates it to the spoke tables; appliance mode on", () => {
    const attachment = one(plan, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
    assert.equal(attachment.inputs.applianceModeSupport, "enable");
    const assoc = byType(plan, "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation").filter((a) => a.inputs.transitGatewayAttachmentId === attachment.id);
    assert.deepEqual(assoc.map((a) => a.inputs.transitGatewayRouteTableId), [rtIds.egress]);
    const hubTables = new Set(Object.values(rtIds));
    const props = byType(plan, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation").map((p) => p.inputs.transitGatewayRouteTableId).filter((t) => hubTables.has(t as string)).sort();
    assert.deepEqual(props, [rtIds.prod, rtIds.nonprod, rtIds.shared].sort());
  });

  it("has one NAT gateway per egress AZ, each in that AZ's public subnet", () => {
    const nats = byType(plan, "aws:ec2/natGateway:NatGateway");
    assert.equal(nats.length, cfg.egress.azs.length);
    const subnets = byType(plan, "aws:ec2/subnet:Subnet");
    const azs = nats.map((n) => {
      const s = subnets.find((x) => x.id === n.inputs.subnetId)!;
      assert.equal(tags(s).tier, "public");
      return s.inputs.availabilityZoneId;
    });
    assert.deepEqual(azs.sort(), [...cfg.egress.azs].sort());
  });

  it("routes the spokes' traffic through the firewall of the same AZ, then the NAT; replies go back through the firewall", () => {
    const routes = byType(plan, "aws:ec2/route:Route");
    const tables = byType(plan, "aws:ec2/routeTable:RouteTable");
    const firewall = one(plan, "aws:networkfirewall/firewall:Firewall");
    const endpointBySubnet = new Map<string, string>();
    for (const s of (firewall.outputs.firewallStatuses as any[])[0].syncStates) endpointBySubnet.set(s.attachments[0].subnetId, s.attachments[0].endpointId);
    const subnetOfTier = (tier: string, az: string) => byType(plan, "aws:ec2/subnet:Subnet").find((s) => tags(s).tier === tier && s.inputs.availabilityZoneId === az)!;
    const tableOf = (name: string) => tables.find((t) => tags(t).Name === name)!;
    for (const [i, az] of cfg.egress.azs.entries()) {
      const k = "abc"[i];
      const endpoint = endpointBySubnet.get(subnetOfTier("firewall", az).id!)!;
      const transitDefault = routes.find((r) => r.inputs.routeTableId === tableOf(`egress-transit-${k}`).id && r.inputs.destinationCidrBlock === "0.0.0.0/0")!;
      assert.equal(transitDefault.inputs.vpcEndpointId, endpoint, `transit ${az} -> firewall ${az}`);
      const fwDefault = routes.find((r) => r.inputs.routeTableId === tableOf(`egress-firewall-${k}`).id && r.inputs.destinationCidrBlock === "0.0.0.0/0")!;
      const nat = byType(plan, "aws:ec2/natGateway:NatGateway").find((n) => n.inputs.subnetId === subnetOfTier("public", az).id)!;
      assert.equal(fwDefault.inputs.natGatewayId, nat.id, `firewall ${az} -> NAT ${az}`);
      for (const cidr of ["10.16.0.0/16", "10.32.0.0/16"]) {
        const back = routes.find((r) => r.inputs.routeTableId === tableOf(`egress-public-${k}`).id && r.inputs.destinationCidrBlock === cidr)!;
        assert.equal(back.inputs.vpcEndpointId, endpoint, `public ${az} -> ${cidr} through the firewall`);
      }
    }
  });

  it("filters egress by the configured domain list, for traffic from every spoke", () => {
    const group = byType(plan, "aws:networkfirewall/ruleGroup:RuleGroup").find((g) => g.name === "egress-firewall-domains")!;
    const rg = group.inputs.ruleGroup as any;
    const targets = rg.rulesSource.rulesSourceList.targets as string[];
    for (const d of cfg.egress.firewall.allowedDomains) assert.ok(targets.includes(d), d);
    assert.equal(rg.rulesSource.rulesSourceList.generatedRulesType, "ALLOWLIST");
    assert.deepEqual(rg.ruleVariables.ipSets[0].ipSet.definitions, ["10.0.0.0/22", "10.16.0.0/16", "10.32.0.0/16"]);
    const policy = one(plan, "aws:networkfirewall/firewallPolicy:FirewallPolicy");
    assert.deepEqual((policy.inputs.firewallPolicy as any).statefulDefaultActions, ["aws:drop_established", "aws:alert_established"]);
  });

  it("reaches the corporate DNS servers through a VPN: the egress table routes the corporate ranges to it, its own table learns only the egress VPC", () => {
    const vpn = one(plan, "aws:ec2/vpnConnection:VpnConnection");
    assert.equal(vpn.inputs.transitGatewayId, plan.outputs.transitGatewayId);
    assert.equal(vpn.inputs.staticRoutesOnly, true);
    const attachment = vpn.outputs.transitGatewayAttachmentId;
    assert.match(String(attachment), /^tgw-attach-/);
    const routes = byType(plan, "aws:ec2transitgateway/route:Route").filter((r) => r.inputs.transitGatewayAttachmentId === attachment);
    assert.deepEqual(routes.map((r) => [r.inputs.transitGatewayRouteTableId, r.inputs.destinationCidrBlock]), [[rtIds.egress, "10.100.0.0/16"]]);
    const hybridTable = byType(plan, TGW_RT).find((t) => tags(t).routeTable === "hybrid")!;
    const assoc = byType(plan, "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation").filter((a) => a.inputs.transitGatewayRouteTableId === hybridTable.id);
    assert.deepEqual(assoc.map((a) => a.inputs.transitGatewayAttachmentId), [attachment]);
    const props = byType(plan, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation").filter((p) => p.inputs.transitGatewayRouteTableId === hybridTable.id);
    assert.deepEqual(props.map((p) => p.inputs.transitGatewayAttachmentId), [plan.outputs.egressAttachmentId], "only the egress VPC: no spoke is reachable from the corporate network");
    const inbound = byType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.startsWith("resolver-inbound-on-premises"));
    assert.deepEqual(inbound.map((r) => `${r.inputs.ipProtocol} ${r.inputs.cidrIpv4}`).sort(), ["tcp 10.100.0.0/16", "udp 10.100.0.0/16"], "the inbound endpoint admits the corporate ranges");
  });

  it("shares the Transit Gateway and the resolver rules with the organisation through RAM", () => {
    const share = one(plan, "aws:ram/resourceShare:ResourceShare");
    assert.equal(share.inputs.allowExternalPrincipals, false);
    const resources = byType(plan, "aws:ram/resourceAssociation:ResourceAssociation").map((r) => r.inputs.resourceArn);
    assert.ok(resources.includes(plan.outputs.transitGatewayArn));
    const rule = one(plan, "aws:route53/resolverRule:ResolverRule");
    assert.ok(resources.includes(rule.outputs.arn), "the forwarding rule is shared");
    assert.equal(byType(plan, "aws:ram/principalAssociation:PrincipalAssociation").length, 1);
  });

  it("logs the Transit Gateway's and the egress VPC's flows to S3, and leaves the default security group without rules", () => {
    const logs = byType(plan, "aws:ec2/flowLog:FlowLog");
    assert.ok(logs.some((l) => l.inputs.transitGatewayId === plan.outputs.transitGatewayId && l.inputs.maxAggregationInterval === 60));
    assert.ok(logs.some((l) => l.inputs.vpcId === plan.outputs.egressVpcId));
    for (const l of logs) assert.equal(l.inputs.logDestinationType, "s3");
    const sg = one(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    assert.equal((sg.inputs.ingress as unknown[] | undefined)?.length ?? 0, 0);
  });

  it("creates one attach role per segment with spokes, trusting only that segment's deployment roles", () => {
    // The account baseline adds the break-glass role (issue #13); the attach roles are the hub's own.
    const roles = byType(plan, "aws:iam/role:Role").filter((r) => String(r.inputs.name).startsWith("LandingZoneTgwAttach-"));
    assert.deepEqual(roles.map((r) => r.inputs.name).sort(), ["LandingZoneTgwAttach-nonprod", "LandingZoneTgwAttach-prod"]);
    const prod = roles.find((r) => r.inputs.name === "LandingZoneTgwAttach-prod")!;
    const trust = JSON.parse(String(prod.inputs.assumeRolePolicy));
    assert.deepEqual(trust.Statement[0].Condition.ArnEquals["aws:PrincipalArn"], ["arn:aws:iam::666666666666:role/LandingZoneDeployment"]);
    const policy = byType(plan, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name.endsWith("-prod"))!;
    const doc = JSON.parse(String(policy.inputs.policy));
    const associate = doc.Statement.find((s: any) => s.Sid === "AssociateWithSegmentRouteTable");
    const prodArn = byType(plan, TGW_RT).find((t) => t.id === rtIds.prod)!.outputs.arn;
    assert.equal(associate.Resource[0], prodArn, "prod's role may associate only with the prod table");
  });

  it("exports what the workload stacks and the reachability check read, by stable names", () => {
    for (const key of ["transitGatewayId", "transitGatewayRouteTableIds", "egressVpcCidr", "egressAttachmentId", "spokes", "resolverRuleIds", "natGatewayIds"]) assert.ok(key in plan.outputs, key);
    assert.equal(plan.outputs.egressVpcCidr, cfg.egress.cidr);
    assert.deepEqual(plan.outputs.spokes, [
      { stack: "dev", segment: "nonprod", cidr: "10.16.0.0/16" },
      { stack: "prod", segment: "prod", cidr: "10.32.0.0/16" },
    ]);
    assert.deepEqual(plan.violations.filter((v) => v.pack === "lz-engine"), []);
  });
});
