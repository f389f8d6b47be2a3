import { REPLACE_ON } from "../../lib/replaceOn";
import { alnum, digits, hex, organizationId, organizationRootId, uuid } from "./fakeIds";
import { subnetZone } from "./zones";

/**
 * The mock state of each resource type: deterministic ids, well-formed ARNs
 * (`arn:aws:<service>:<region>:<account>:...`) and the computed outputs that other resources read
 * (a VPC's default security group, a bucket's name). Inputs are echoed into the state, as a real
 * provider would, so values passed from one resource to another can be followed.
 */

export interface MockResourceContext {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** Inputs as deserialized (secrets still wrapped, so they stay secret in the state). */
  readonly inputs: Record<string, any>;
  /** The effective region (own `region` input, else the provider's), or the stack's. */
  readonly region: string;
  /** The account the resource lives in (the provider's allowed account). */
  readonly account: string;
  /** The organisation's management account, for organisation ids. */
  readonly managementAccount: string;
  /** Account ids by account name, from the stack files: a vended account gets the id its own stack declares. */
  readonly accountIds?: Readonly<Record<string, string>>;
}

export interface MockState {
  readonly id: string;
  readonly state: Record<string, unknown>;
}

type Extra = (c: MockResourceContext, seed: string) => { id?: string; state?: Record<string, unknown> };

const EC2_KINDS: Record<string, [prefix: string, arnKind: string]> = {
  "aws:ec2/vpc:Vpc": ["vpc", "vpc"],
  "aws:ec2/subnet:Subnet": ["subnet", "subnet"],
  "aws:ec2/routeTable:RouteTable": ["rtb", "route-table"],
  "aws:ec2/internetGateway:InternetGateway": ["igw", "internet-gateway"],
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": ["eigw", "egress-only-internet-gateway"],
  "aws:ec2/natGateway:NatGateway": ["nat", "natgateway"],
  "aws:ec2/eip:Eip": ["eipalloc", "elastic-ip"],
  "aws:ec2/securityGroup:SecurityGroup": ["sg", "security-group"],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["sg", "security-group"],
  "aws:ec2/networkAcl:NetworkAcl": ["acl", "network-acl"],
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ["acl", "network-acl"],
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["vpce", "vpc-endpoint"],
  "aws:ec2/flowLog:FlowLog": ["fl", "vpc-flow-log"],
  "aws:ec2/launchTemplate:LaunchTemplate": ["lt", "launch-template"],
  "aws:ec2/instance:Instance": ["i", "instance"],
  "aws:ec2/networkInterface:NetworkInterface": ["eni", "network-interface"],
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": ["pcx", "vpc-peering-connection"],
  "aws:ec2/managedPrefixList:ManagedPrefixList": ["pl", "prefix-list"],
  "aws:ec2/vpcSecurityGroupIngressRule:VpcSecurityGroupIngressRule": ["sgr", "security-group-rule"],
  "aws:ec2/vpcSecurityGroupEgressRule:VpcSecurityGroupEgressRule": ["sgr", "security-group-rule"],
  "aws:ec2transitgateway/transitGateway:TransitGateway": ["tgw", "transit-gateway"],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ["tgw-attach", "transit-gateway-attachment"],
  "aws:ec2transitgateway/routeTable:RouteTable": ["tgw-rtb", "transit-gateway-route-table"],
  "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": ["tgw-attach", "transit-gateway-attachment"],
  "aws:ebs/volume:Volume": ["vol", "volume"],
};

/** AWS service names in ARNs where they differ from the type token's module. */
const ARN_SERVICE: Record<string, string> = {
  cloudwatch: "logs",
  lb: "elasticloadbalancing",
  alb: "elasticloadbalancing",
  ec2transitgateway: "ec2",
  cfg: "config",
  ssoadmin: "sso",
  networkfirewall: "network-firewall",
  route53resolver: "route53resolver",
  secretsmanager: "secretsmanager",
  ebs: "ec2",
  elasticache: "elasticache",
  opensearch: "es",
  cognito: "cognito-idp",
  acm: "acm",
  vpc: "ec2",
};

function kebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

function unwrapSecret(v: any): any {
  return v && typeof v === "object" && "4dabf18193072939515e22adb298388d" in v && "value" in v ? v.value : v;
}

function nameOf(c: MockResourceContext, key = "name", max = 63): string {
  const given = unwrapSecret(c.inputs[key]);
  if (typeof given === "string" && given) return given;
  const prefix = unwrapSecret(c.inputs[`${key}Prefix`]);
  const base = typeof prefix === "string" && prefix ? prefix : `${c.name}-`;
  return `${base}${alnum(`${c.stack}:${c.type}:${c.name}`, 7)}`.slice(0, max);
}

const BY_TYPE: Record<string, Extra> = {
  "aws:s3/bucket:Bucket": (c) => bucket(c),
  "aws:s3/bucketV2:BucketV2": (c) => bucket(c),
  "aws:iam/role:Role": (c, seed) => {
    const n = nameOf(c, "name", 64);
    const path = c.inputs.path ?? "/";
    return { id: n, state: { name: n, arn: `arn:aws:iam::${c.account}:role${path}${n}`, uniqueId: `AROA${hex(seed, 17).toUpperCase()}` } };
  },
  "aws:iam/policy:Policy": (c) => {
    const n = nameOf(c, "name", 128);
    const arn = `arn:aws:iam::${c.account}:policy${c.inputs.path ?? "/"}${n}`;
    return { id: arn, state: { name: n, arn, policyId: `ANPA${hex(arn, 17).toUpperCase()}` } };
  },
  "aws:iam/user:User": (c) => {
    const n = nameOf(c, "name", 64);
    return { id: n, state: { name: n, arn: `arn:aws:iam::${c.account}:user/${n}` } };
  },
  "aws:iam/group:Group": (c) => {
    const n = nameOf(c, "name", 128);
    return { id: n, state: { name: n, arn: `arn:aws:iam::${c.account}:group/${n}` } };
  },
  "aws:iam/instanceProfile:InstanceProfile": (c) => {
    const n = nameOf(c, "name", 128);
    return { id: n, state: { name: n, arn: `arn:aws:iam::${c.account}:instance-profile/${n}` } };
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (c) => {
    const host = String(unwrapSecret(c.inputs.url) ?? "oidc.example.com").replace(/^https:\/\//, "");
    const arn = `arn:aws:iam::${c.account}:oidc-provider/${host}`;
    return { id: arn, state: { arn } };
  },
  "aws:kms/key:Key": (c, seed) => {
    const id = uuid(seed);
    return { id, state: { keyId: id, arn: `arn:aws:kms:${c.region}:${c.account}:key/${id}` } };
  },
  "aws:kms/alias:Alias": (c) => {
    const n = nameOf(c, "name", 256);
    const target = String(unwrapSecret(c.inputs.targetKeyId) ?? "");
    const targetKeyArn = target.startsWith("arn:") ? target : `arn:aws:kms:${c.region}:${c.account}:key/${target}`;
    return { id: n, state: { name: n, arn: `arn:aws:kms:${c.region}:${c.account}:${n}`, targetKeyArn } };
  },
  "aws:organizations/organization:Organization": (c) => {
    const id = organizationId(c.managementAccount);
    const root = organizationRootId(c.managementAccount);
    return {
      id,
      state: {
        arn: `arn:aws:organizations::${c.account}:organization/${id}`,
        masterAccountId: c.account,
        masterAccountArn: `arn:aws:organizations::${c.account}:account/${id}/${c.account}`,
        masterAccountEmail: `management@example.com`,
        roots: [{ id: root, arn: `arn:aws:organizations::${c.account}:root/${id}/${root}`, name: "Root", policyTypes: [] }],
        accounts: [],
        nonMasterAccounts: [],
      },
    };
  },
  "aws:organizations/organizationalUnit:OrganizationalUnit": (c, seed) => {
    const org = organizationId(c.managementAccount);
    const id = `ou-${organizationRootId(c.managementAccount).slice(2)}-${alnum(seed, 8)}`;
    return { id, state: { arn: `arn:aws:organizations::${c.account}:ou/${org}/${id}`, accounts: [] } };
  },
  "aws:organizations/account:Account": (c, seed) => {
    const org = organizationId(c.managementAccount);
    const name = typeof c.inputs.name === "string" ? c.inputs.name : undefined;
    const id = (name !== undefined ? c.accountIds?.[name] : undefined) ?? digits(seed, 12);
    return { id, state: { arn: `arn:aws:organizations::${c.managementAccount}:account/${org}/${id}`, status: "ACTIVE", govcloudId: "" } };
  },
  "aws:organizations/policy:Policy": (c, seed) => {
    const org = organizationId(c.managementAccount);
    const id = `p-${alnum(seed, 8)}`;
    const kind = String(c.inputs.type ?? "SERVICE_CONTROL_POLICY").toLowerCase();
    return { id, state: { arn: `arn:aws:organizations::${c.managementAccount}:policy/${org}/${kind}/${id}` } };
  },
  "aws:ec2/vpc:Vpc": (c, seed) => ({
    state: {
      defaultSecurityGroupId: `sg-${hex(seed + ":sg", 17)}`,
      mainRouteTableId: `rtb-${hex(seed + ":rtb", 17)}`,
      defaultRouteTableId: `rtb-${hex(seed + ":rtb", 17)}`,
      defaultNetworkAclId: `acl-${hex(seed + ":acl", 17)}`,
      ownerId: c.account,
    },
  }),
  // A subnet placed by AZ ID reports its zone's name in the account's own map, as AWS does. One placed
  // by name gets no ID here (AWS would report it): policies see state before inputs, and the
  // preflight advisory subnet-zone-by-id must still see that the subnet was placed by name.
  "aws:ec2/subnet:Subnet": (c) => {
    const id = unwrapSecret(c.inputs.availabilityZoneId);
    const zone = typeof id === "string" ? subnetZone(c.region, c.account, { availabilityZoneId: id }) : undefined;
    return { state: zone ? { availabilityZone: zone.name } : {} };
  },
  "aws:ec2transitgateway/transitGateway:TransitGateway": (c, seed) => ({
    state: {
      associationDefaultRouteTableId: `tgw-rtb-${hex(seed + ":assoc", 17)}`,
      propagationDefaultRouteTableId: `tgw-rtb-${hex(seed + ":prop", 17)}`,
      ownerId: c.account,
    },
  }),
  // Network (issue #4): gateway endpoints expose their service's ranges (the data tier's NACL uses
  // them), the firewall its endpoint per subnet (the egress routes use them).
  "aws:ec2/vpcEndpoint:VpcEndpoint": (c, seed) => {
    const service = String(unwrapSecret(c.inputs.serviceName) ?? "");
    if (c.inputs.vpcEndpointType === "Gateway") {
      const ranges: Record<string, string[]> = { s3: ["3.5.164.0/22", "52.95.128.0/21"], dynamodb: ["52.94.8.0/24"] };
      return { state: { prefixListId: `pl-${hex(seed, 8)}`, cidrBlocks: ranges[service.split(".").pop() ?? ""] ?? [], dnsEntries: [], networkInterfaceIds: [] } };
    }
    const subnets: unknown[] = Array.isArray(c.inputs.subnetIds) ? c.inputs.subnetIds : [];
    return { state: { cidrBlocks: [], dnsEntries: [{ dnsName: `vpce-${hex(seed, 17)}.${service.split(".").slice(3).join(".")}.${c.region}.vpce.amazonaws.com`, hostedZoneId: "Z2U6Z8JTOZ8HUZ" }], networkInterfaceIds: subnets.map((sn) => `eni-${hex(`${seed}:${String(sn)}`, 17)}`) } };
  },
  "aws:networkfirewall/firewall:Firewall": (c, seed) => {
    const mappings: { subnetId?: string }[] = Array.isArray(c.inputs.subnetMappings) ? c.inputs.subnetMappings : [];
    const syncStates = mappings.map((m, i) => ({ availabilityZone: `${c.region}${String.fromCharCode(97 + i)}`, attachments: [{ endpointId: `vpce-${hex(`${seed}:${m.subnetId}`, 17)}`, subnetId: m.subnetId, status: "READY" }] }));
    return { state: { firewallStatuses: [{ syncStates, transitGatewayAttachmentSyncStates: [] }], updateToken: uuid(seed) } };
  },
  // A VPN on a Transit Gateway has an attachment of its own (the hub's routes name it).
  "aws:ec2/vpnConnection:VpnConnection": (c, seed) => ({ state: { transitGatewayAttachmentId: c.inputs.transitGatewayId ? `tgw-attach-${hex(seed + ":vpn", 17)}` : "" } }),
  "aws:route53/resolverEndpoint:ResolverEndpoint": (c, seed) => {
    const id = `rslvr-${c.inputs.direction === "OUTBOUND" ? "out" : "in"}-${hex(seed, 17)}`;
    return { id, state: { arn: `arn:aws:route53resolver:${c.region}:${c.account}:resolver-endpoint/${id}` } };
  },
  "aws:route53/resolverRule:ResolverRule": (c, seed) => {
    const id = `rslvr-rr-${hex(seed, 17)}`;
    return { id, state: { arn: `arn:aws:route53resolver:${c.region}:${c.account}:resolver-rule/${id}`, ownerId: c.account, shareStatus: "NOT_SHARED" } };
  },
  "aws:ec2/eip:Eip": (_c, seed) => ({ state: { publicIp: `203.0.113.${(parseInt(hex(seed, 2), 16) % 254) + 1}`, allocationId: `eipalloc-${hex(seed, 17)}` } }),
  "aws:ec2/natGateway:NatGateway": (_c, seed) => ({ state: { publicIp: `203.0.113.${(parseInt(hex(seed, 2), 16) % 254) + 1}`, privateIp: `10.255.0.${(parseInt(hex(seed, 2), 16) % 254) + 1}` } }),
  "aws:cloudwatch/logGroup:LogGroup": (c) => {
    const n = nameOf(c, "name", 512);
    return { id: n, state: { name: n, arn: `arn:aws:logs:${c.region}:${c.account}:log-group:${n}` } };
  },
  "aws:secretsmanager/secret:Secret": (c, seed) => {
    const n = nameOf(c, "name", 512);
    const arn = `arn:aws:secretsmanager:${c.region}:${c.account}:secret:${n}-${alnum(seed, 6)}`;
    return { id: arn, state: { name: n, arn } };
  },
  "aws:sns/topic:Topic": (c) => {
    const n = nameOf(c, "name", 256);
    const arn = `arn:aws:sns:${c.region}:${c.account}:${n}`;
    return { id: arn, state: { name: n, arn } };
  },
  "aws:sqs/queue:Queue": (c) => {
    const n = nameOf(c, "name", 80);
    const url = `https://sqs.${c.region}.amazonaws.com/${c.account}/${n}`;
    return { id: url, state: { name: n, url, arn: `arn:aws:sqs:${c.region}:${c.account}:${n}` } };
  },
  "aws:ecs/cluster:Cluster": (c) => {
    const n = nameOf(c, "name", 255);
    const arn = `arn:aws:ecs:${c.region}:${c.account}:cluster/${n}`;
    return { id: arn, state: { name: n, arn } };
  },
  "aws:ecs/taskDefinition:TaskDefinition": (c) => {
    const family = String(unwrapSecret(c.inputs.family) ?? c.name);
    return { id: family, state: { arn: `arn:aws:ecs:${c.region}:${c.account}:task-definition/${family}:1`, revision: 1, arnWithoutRevision: `arn:aws:ecs:${c.region}:${c.account}:task-definition/${family}` } };
  },
  "aws:ecs/service:Service": (c) => {
    const n = nameOf(c, "name", 255);
    return { id: `arn:aws:ecs:${c.region}:${c.account}:service/${n}`, state: { name: n } };
  },
  "aws:lambda/function:Function": (c) => {
    const n = nameOf(c, "name", 64);
    const arn = `arn:aws:lambda:${c.region}:${c.account}:function:${n}`;
    return { id: n, state: { name: n, arn, qualifiedArn: `${arn}:1`, invokeArn: `arn:aws:apigateway:${c.region}:lambda:path/2015-03-31/functions/${arn}/invocations`, version: "1" } };
  },
  "aws:cloudtrail/trail:Trail": (c) => {
    const n = nameOf(c, "name", 128);
    const arn = `arn:aws:cloudtrail:${c.region}:${c.account}:trail/${n}`;
    return { id: arn, state: { name: n, arn, homeRegion: c.region } };
  },
  "aws:ram/resourceShare:ResourceShare": (c, seed) => {
    const arn = `arn:aws:ram:${c.region}:${c.account}:resource-share/${uuid(seed)}`;
    return { id: arn, state: { arn } };
  },
  "aws:guardduty/detector:Detector": (c, seed) => {
    const id = hex(seed, 32);
    return { id, state: { accountId: c.account, arn: `arn:aws:guardduty:${c.region}:${c.account}:detector/${id}` } };
  },
  "aws:acm/certificate:Certificate": (c, seed) => {
    const arn = `arn:aws:acm:${c.region}:${c.account}:certificate/${uuid(seed)}`;
    const domain = String(unwrapSecret(c.inputs.domainName) ?? "example.com");
    return {
      id: arn,
      state: {
        arn,
        domainValidationOptions: [{ domainName: domain, resourceRecordName: `_${hex(seed, 32)}.${domain}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${hex(seed + "v", 32)}.acm-validations.aws.` }],
      },
    };
  },
  "aws:lb/loadBalancer:LoadBalancer": (c, seed) => {
    const n = nameOf(c, "name", 32);
    const kind = c.inputs.loadBalancerType === "network" ? "net" : "app";
    const arn = `arn:aws:elasticloadbalancing:${c.region}:${c.account}:loadbalancer/${kind}/${n}/${hex(seed, 16)}`;
    const internal = c.inputs.internal ? "internal-" : "";
    return { id: arn, state: { name: n, arn, arnSuffix: `${kind}/${n}/${hex(seed, 16)}`, dnsName: `${internal}${n}-${digits(seed, 10)}.${c.region}.elb.amazonaws.com`, zoneId: "Z1GM3OXH4ZPM65" } };
  },
  "aws:lb/targetGroup:TargetGroup": (c, seed) => {
    const n = nameOf(c, "name", 32);
    const arn = `arn:aws:elasticloadbalancing:${c.region}:${c.account}:targetgroup/${n}/${hex(seed, 16)}`;
    return { id: arn, state: { name: n, arn, arnSuffix: `targetgroup/${n}/${hex(seed, 16)}` } };
  },
  "aws:ssoadmin/permissionSet:PermissionSet": (c, seed) => {
    const instance = String(unwrapSecret(c.inputs.instanceArn) ?? "arn:aws:sso:::instance/ssoins-0000000000000000");
    const arn = `arn:aws:sso:::permissionSet/${instance.split("/").pop()}/ps-${hex(seed, 16)}`;
    return { id: `${arn},${instance}`, state: { arn } };
  },
  "pulumi:providers:aws": () => ({ state: {} }),
};

function bucket(c: MockResourceContext) {
  const n = nameOf(c, "bucket", 63).toLowerCase();
  return {
    id: n,
    state: {
      bucket: n,
      arn: `arn:aws:s3:::${n}`,
      bucketDomainName: `${n}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${n}.s3.${c.region}.amazonaws.com`,
      hostedZoneId: "Z1WCIGYICN2BYD",
      region: c.region,
    },
  };
}

function genericAws(c: MockResourceContext, seed: string): { id: string; state: Record<string, unknown> } {
  const [, mod, typeName] = /^aws:([^/]+)\/[^:]+:(.+)$/.exec(c.type) ?? [undefined, "aws", c.type];
  const ec2 = EC2_KINDS[c.type];
  const service = ARN_SERVICE[mod] ?? mod;
  if (ec2) {
    const id = `${ec2[0]}-${hex(seed, 17)}`;
    return { id, state: { arn: `arn:aws:${service}:${c.region}:${c.account}:${ec2[1]}/${id}` } };
  }
  const id = typeof c.inputs.name === "string" ? `${c.inputs.name}` : `${c.name}-${hex(seed, 8)}`;
  return { id, state: { arn: `arn:aws:${service}:${c.region}:${c.account}:${kebab(typeName)}/${id}` } };
}

/** Type-specific mock state registered by other modules (cloudflare, datadog, awsx). */
const extraTypes: Record<string, Extra> = {};

/** Registers mock state for more types. Later entries win. */
export function registerMockState(entries: Record<string, Extra>): void {
  Object.assign(extraTypes, entries);
}

/**
 * The seed of a resource's fake ids: its stack, type and name, and the inputs that force its
 * replacement (lib/replaceOn.ts). A replaced resource gets new ids, as in AWS, so every input that
 * references it changes too and `lz diff` sees what the replacement takes down; the same inputs
 * always give the same ids, run after run.
 */
export function idSeed(c: Pick<MockResourceContext, "stack" | "type" | "name" | "inputs">): string {
  const seed = `${c.stack}|${c.type}|${c.name}`;
  const forcing = (REPLACE_ON[c.type] ?? []).filter((k) => c.inputs[k] !== undefined);
  return forcing.length ? `${seed}|${forcing.map((k) => `${k}=${stableJson(c.inputs[k])}`).join("|")}` : seed;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export function mockState(c: MockResourceContext): MockState {
  const seed = idSeed(c);
  const base = c.type.startsWith("aws:") ? genericAws(c, seed) : { id: `${c.name}-${hex(seed, 12)}`, state: {} as Record<string, unknown> };
  const extra = (extraTypes[c.type] ?? BY_TYPE[c.type])?.(c, seed) ?? {};
  const id = extra.id ?? base.id;
  return { id, state: { ...c.inputs, ...base.state, ...extra.state, id } };
}
