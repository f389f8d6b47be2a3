import type { PlanResource, PlanResult, Violation } from "../../lib/plan";

/**
 * A hand-built landing zone, as `lz plan --all --json` would describe it: an organisation with
 * nested OUs and accounts (management), a TGW hub with route tables and an egress VPC (network), and
 * a tiered workload VPC with one tenant (dev). Ids are cross-stack, as StackReferences serve them.
 */
export class PlanBuilder {
  readonly resources: PlanResource[] = [];
  readonly violations: Violation[] = [];
  constructor(readonly stack: string, readonly role: string) {}

  add(type: string, name: string, inputs: Record<string, unknown> = {}, opts: { id?: string; outputs?: Record<string, unknown>; parent?: PlanResource; protect?: boolean; retainOnDelete?: boolean } = {}): PlanResource {
    const component = !type.startsWith("aws:") && !type.startsWith("cloudflare:") && !type.startsWith("pulumi:");
    const parentType = opts.parent ? `${opts.parent.type}$` : "";
    const r: PlanResource = {
      urn: `urn:pulumi:${this.stack}::landing-zone::${parentType}${type}::${name}`,
      type,
      name,
      id: component ? null : (opts.id ?? `${name}-id`),
      parent: opts.parent?.urn ?? null,
      provider: component ? null : `urn:pulumi:${this.stack}::landing-zone::pulumi:providers:aws::${this.stack}-aws::provider-id`,
      region: component ? null : "ap-southeast-2",
      inputs,
      outputs: { ...(component ? {} : { id: opts.id ?? `${name}-id` }), ...(opts.outputs ?? {}) },
      protect: opts.protect ?? false,
      retainOnDelete: opts.retainOnDelete ?? false,
      custom: !component,
    };
    this.resources.push(r);
    return r;
  }

  finding(r: PlanResource, policy: string, level: "mandatory" | "advisory", message: string, waiver?: Violation["waiver"]): this {
    this.violations.push({ urn: r.urn, type: r.type, pack: "baseline", policy, enforcementLevel: level, message, ...(waiver ? { waiver } : {}) });
    return this;
  }

  build(): PlanResult {
    return { stack: this.stack, role: this.role, resources: this.resources, outputs: {}, violations: this.violations };
  }
}

export const ACCOUNTS = ["Log Archive", "Security", "Network", "Dev", "Prod"];
export const VPCS = { egress: "egress", dev: "dev-vpc" };

export function managementPlan(): PlanResult {
  const b = new PlanBuilder("management", "management");
  const org = b.add("landing-zone:organization:Organization", "org");
  b.add("aws:organizations/organization:Organization", "org", { featureSet: "ALL" }, { id: "o-abc123", parent: org, protect: true, outputs: { masterAccountId: "111111111111", roots: [{ id: "r-ab12", name: "Root" }] } });
  const ou = (name: string, parentId: string, id: string) => b.add("aws:organizations/organizationalUnit:OrganizationalUnit", `ou-${name.toLowerCase()}`, { name, parentId }, { id, parent: org });
  ou("Security", "r-ab12", "ou-sec");
  ou("Infrastructure", "r-ab12", "ou-infra");
  ou("Workloads", "r-ab12", "ou-wl");
  ou("NonProd", "ou-wl", "ou-np");
  ou("Prod", "ou-wl", "ou-prod");
  const acct = (name: string, parentId: string) =>
    b.add("aws:organizations/account:Account", `account-${name.toLowerCase().replace(/ /g, "-")}`, { name, email: `aws+${name.toLowerCase().replace(/ /g, "")}@example.com`, parentId, closeOnDeletion: false }, { parent: org, protect: true, retainOnDelete: true });
  acct("Log Archive", "ou-sec");
  acct("Security", "ou-sec");
  acct("Network", "ou-infra");
  acct("Dev", "ou-np");
  acct("Prod", "ou-prod");
  b.finding(org, "required-tags", "advisory", "is missing the tag `cost-centre`; add it to landing-zone:tags");
  return b.build();
}

export function networkPlan(): PlanResult {
  const b = new PlanBuilder("network", "network");
  const hub = b.add("landing-zone:network:TransitGatewayHub", "hub");
  b.add("aws:ec2transitgateway/transitGateway:TransitGateway", "hub-tgw", { amazonSideAsn: 64512, defaultRouteTableAssociation: "disable" }, { id: "tgw-1", parent: hub });
  for (const rt of ["prod", "nonprod", "shared", "egress"]) b.add("aws:ec2transitgateway/routeTable:RouteTable", `hub-${rt}`, { transitGatewayId: "tgw-1", tags: { Name: rt } }, { id: `tgw-rtb-${rt}`, parent: hub });
  b.add("aws:ec2transitgateway/route:Route", "hub-nonprod-default", { destinationCidrBlock: "0.0.0.0/0", transitGatewayAttachmentId: "tgw-attach-egress", transitGatewayRouteTableId: "tgw-rtb-nonprod" }, { parent: hub });
  b.add("aws:ec2transitgateway/route:Route", "hub-nonprod-blackhole-prod", { destinationCidrBlock: "10.32.0.0/16", blackhole: true, transitGatewayRouteTableId: "tgw-rtb-nonprod" }, { parent: hub });

  const egress = b.add("landing-zone:network:EgressVpc", "egress");
  b.add("aws:ec2/vpc:Vpc", "egress-vpc", { cidrBlock: "10.0.0.0/20", tags: { Name: "egress" } }, { id: "vpc-egress", parent: egress });
  b.add("aws:ec2/internetGateway:InternetGateway", "egress-igw", { vpcId: "vpc-egress" }, { id: "igw-1", parent: egress });
  b.add("aws:ec2/routeTable:RouteTable", "egress-public-rt", { vpcId: "vpc-egress" }, { id: "rtb-public", parent: egress });
  b.add("aws:ec2/route:Route", "egress-public-default", { routeTableId: "rtb-public", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }, { parent: egress });
  b.add("aws:ec2/routeTable:RouteTable", "egress-tgw-rt", { vpcId: "vpc-egress" }, { id: "rtb-tgw", parent: egress });
  for (const rt of ["public", "tgw"]) b.add("aws:ec2/route:Route", `egress-${rt}-spokes`, { routeTableId: `rtb-${rt}`, destinationCidrBlock: "10.16.0.0/12", transitGatewayId: "tgw-1" }, { parent: egress });
  for (const az of ["a", "b"]) {
    b.add("aws:ec2/subnet:Subnet", `egress-public-${az}`, { vpcId: "vpc-egress", cidrBlock: az === "a" ? "10.0.0.0/24" : "10.0.1.0/24", availabilityZone: `ap-southeast-2${az}`, tags: { tier: "public" } }, { id: `subnet-pub-${az}`, parent: egress });
    b.add("aws:ec2/subnet:Subnet", `egress-tgw-${az}`, { vpcId: "vpc-egress", cidrBlock: az === "a" ? "10.0.2.0/28" : "10.0.2.16/28", availabilityZone: `ap-southeast-2${az}`, tags: { tier: "tgw" } }, { id: `subnet-tgw-${az}`, parent: egress });
    b.add("aws:ec2/natGateway:NatGateway", `egress-nat-${az}`, { subnetId: `subnet-pub-${az}` }, { id: `nat-${az}`, parent: egress });
    b.add("aws:ec2/routeTableAssociation:RouteTableAssociation", `egress-public-${az}-assoc`, { subnetId: `subnet-pub-${az}`, routeTableId: "rtb-public" }, { parent: egress });
    b.add("aws:ec2/routeTableAssociation:RouteTableAssociation", `egress-tgw-${az}-assoc`, { subnetId: `subnet-tgw-${az}`, routeTableId: "rtb-tgw" }, { parent: egress });
  }
  b.add("aws:ec2/route:Route", "egress-tgw-default", { routeTableId: "rtb-tgw", destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-a" }, { parent: egress });
  b.add("aws:ec2transitgateway/vpcAttachment:VpcAttachment", "egress-attachment", { vpcId: "vpc-egress", transitGatewayId: "tgw-1", subnetIds: ["subnet-tgw-a", "subnet-tgw-b"], applianceModeSupport: "enable" }, { id: "tgw-attach-egress", parent: egress });
  b.add("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", "egress-assoc", { transitGatewayAttachmentId: "tgw-attach-egress", transitGatewayRouteTableId: "tgw-rtb-egress" }, { parent: egress });
  b.add("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", "egress-prop-nonprod", { transitGatewayAttachmentId: "tgw-attach-egress", transitGatewayRouteTableId: "tgw-rtb-nonprod" }, { parent: egress });
  return b.build();
}

export function devPlan(): PlanResult {
  const b = new PlanBuilder("dev", "workload");
  const vpcC = b.add("landing-zone:network:TieredVpc", "dev");
  b.add("aws:ec2/vpc:Vpc", "dev-vpc", { cidrBlock: "10.16.0.0/16" }, { id: "vpc-dev", parent: vpcC });
  const tiers: [string, string[]][] = [
    ["dmz", ["10.16.0.0/22", "10.16.4.0/22"]],
    ["app", ["10.16.8.0/22", "10.16.12.0/22"]],
    ["data", ["10.16.16.0/22", "10.16.20.0/22"]],
  ];
  for (const [tier, cidrs] of tiers) {
    b.add("aws:ec2/routeTable:RouteTable", `dev-${tier}-rt`, { vpcId: "vpc-dev" }, { id: `rtb-dev-${tier}`, parent: vpcC });
    if (tier === "app") b.add("aws:ec2/route:Route", "dev-app-default", { routeTableId: "rtb-dev-app", destinationCidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1" }, { parent: vpcC });
    cidrs.forEach((cidr, i) => {
      const az = "ab"[i];
      b.add("aws:ec2/subnet:Subnet", `dev-${tier}-${az}`, { vpcId: "vpc-dev", cidrBlock: cidr, availabilityZone: `ap-southeast-2${az}`, tags: { tier, Name: `dev-${tier}-${az}` } }, { id: `subnet-dev-${tier}-${az}`, parent: vpcC });
      b.add("aws:ec2/routeTableAssociation:RouteTableAssociation", `dev-${tier}-${az}-assoc`, { subnetId: `subnet-dev-${tier}-${az}`, routeTableId: `rtb-dev-${tier}` }, { parent: vpcC });
    });
  }
  b.add("aws:ec2transitgateway/vpcAttachment:VpcAttachment", "dev-attachment", { vpcId: "vpc-dev", transitGatewayId: "tgw-1", subnetIds: ["subnet-dev-app-a", "subnet-dev-app-b"] }, { id: "tgw-attach-dev", parent: vpcC });
  b.add("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", "dev-assoc", { transitGatewayAttachmentId: "tgw-attach-dev", transitGatewayRouteTableId: "tgw-rtb-nonprod" }, { parent: vpcC });
  b.add("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", "dev-prop-nonprod", { transitGatewayAttachmentId: "tgw-attach-dev", transitGatewayRouteTableId: "tgw-rtb-nonprod" }, { parent: vpcC });
  b.add("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", "dev-prop-egress", { transitGatewayAttachmentId: "tgw-attach-dev", transitGatewayRouteTableId: "tgw-rtb-egress" }, { parent: vpcC });

  const tenant = b.add("landing-zone:tenant:Tenant", "acme", { slug: "acme", status: "active", hostname: "acme.example.net" });
  b.add("aws:kms/key:Key", "acme-key", { enableKeyRotation: true, tags: { tenant: "acme" } }, { parent: tenant, retainOnDelete: true });
  b.add("aws:kms/alias:Alias", "acme-alias", { name: "alias/tenant/acme" }, { parent: tenant });
  const bucket = b.add("aws:s3/bucket:Bucket", "acme-bucket", { bucket: "lz-dev-tenant-acme", tags: { tenant: "acme" } }, { parent: tenant, retainOnDelete: true });
  b.finding(bucket, "s3-no-public-access", "mandatory", "has no public access block | add one");
  b.finding(bucket, "flow-logs", "advisory", "VPC dev has <no> flow logs");
  b.finding(bucket, "required-tags", "advisory", "missing owner", { reason: "migrating", approvedBy: "sec@example.com", expires: "2099-01-01" });
  return b.build();
}

export function fixturePlans(): PlanResult[] {
  return [managementPlan(), networkPlan(), devPlan()];
}
