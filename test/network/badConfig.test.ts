import { strict as assert } from "assert";
import { BadConfigCase, planEdited, stackEdit, STACK_TRACE_LINE } from "../helpers/plan";

/**
 * Network config errors are caught when config is read, before any resource: `lz plan` exits 2
 * and names the file and the `landing-zone:` key, with what would be valid.
 */
type Case = BadConfigCase & { readonly says: RegExp };

const dev = stackEdit("dev");
const prod = stackEdit("prod");
const network = stackEdit("network");

const CASES: Case[] = [
  {
    name: "a VPC CIDR overlapping the egress VPC's",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].cidr = "10.0.0.0/16")),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.cidr",
    says: /10\.0\.0\.0\/22 overlaps 10\.0\.0\.0\/16 in Pulumi\.dev\.yaml landing-zone:vpc\.cidr/,
  },
  {
    name: "a VPC CIDR overlapping another workload's",
    stack: "prod",
    edit: prod((c) => (c["landing-zone:vpc"].cidr = "10.16.0.0/20")),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:vpc.cidr",
    says: /overlaps 10\.16\.0\.0\/16 in Pulumi\.dev\.yaml/,
  },
  {
    name: "tiers that do not fit the VPC",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].app = { prefixLength: 17 })),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.app.prefixLength",
    says: /the subnets need \d+ addresses \(dmz 2 × \/20, app 2 × \/17, data 2 × \/19, transit 2 × \/28\), but 10\.16\.0\.0\/16 holds 65536; use a larger CIDR or smaller subnets/,
  },
  {
    name: "a tier larger than the VPC",
    stack: "prod",
    edit: prod((c) => (c["landing-zone:vpc"].data = { prefixLength: 16, ports: [5432] })),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:vpc.data.prefixLength",
    says: /the subnets need/,
  },
  {
    name: "a VPC too small for three tiers",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].cidr = "10.16.0.0/25")),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.cidr",
    says: /is a \/25; a workload VPC takes \/16 to \/24/,
  },
  {
    name: "egress subnets that do not fit",
    stack: "network",
    edit: network((c) => (c["landing-zone:egress"].publicPrefixLength = 23)),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.publicPrefixLength",
    says: /the subnets need \d+ addresses .* but 10\.0\.0\.0\/22 holds 1024/,
  },
  {
    name: "a VPC AZ outside the region",
    stack: "prod",
    edit: prod((c) => (c["landing-zone:vpc"].azs = ["apse2-az1", "apse2-az2", "apse4-az3"])),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:vpc.azs[2]",
    says: /"apse4-az3" is not an availability zone of ap-southeast-2 \(account\.region\); it is in ap-southeast-4; use its AZ IDs apse2-az1, apse2-az2, apse2-az3/,
  },
  {
    name: "an AZ ID Sydney does not have",
    stack: "prod",
    edit: prod((c) => (c["landing-zone:vpc"].azs = ["apse2-az1", "apse2-az2", "apse2-az7"])),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:vpc.azs[2]",
    says: /"apse2-az7" is not an availability zone of ap-southeast-2 \(account\.region\); use its AZ IDs apse2-az1, apse2-az2, apse2-az3\n/,
  },
  {
    name: "AZ IDs and names mixed",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].azs = ["apse2-az1", "ap-southeast-2b"])),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.azs",
    says: /mixes AZ IDs and AZ names \(apse2-az1, ap-southeast-2b\); list AZ IDs only \(apse2-az1, apse2-az2, apse2-az3\): a name is a different physical zone in each account/,
  },
  {
    name: "a spoke zone the network stack does not attach in",
    stack: "dev",
    edit: (root) => {
      network((c) => (c["landing-zone:egress"].azs = ["apse2-az1", "apse2-az2"]))(root);
      prod((c) => (c["landing-zone:vpc"].azs = ["apse2-az1", "apse2-az2"]))(root);
      dev((c) => (c["landing-zone:vpc"].azs = ["apse2-az1", "apse2-az3"]))(root);
    },
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.azs[1]",
    says: /apse2-az3 is not a zone the network stack attaches in \(Pulumi\.network\.yaml landing-zone:egress\.azs: apse2-az1, apse2-az2\): this zone's egress would cross to another zone's Transit Gateway interface, NAT gateway and firewall endpoint .*; use apse2-az2 instead, or add apse2-az3 to egress\.azs in Pulumi\.network\.yaml/,
  },
  {
    name: "formerAzNames with a name of another region",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].formerAzNames = { "apse2-az1": "ap-southeast-4a", "apse2-az2": "ap-southeast-2b" })),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.formerAzNames.apse2-az1",
    says: /"ap-southeast-4a" is not an AZ name of ap-southeast-2; use the name this account shows for apse2-az1 \(aws ec2 describe-availability-zones/,
  },
  {
    name: "formerAzNames that leaves a zone out",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].formerAzNames = { "apse2-az1": "ap-southeast-2c" })),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.azs[1]",
    says: /has no entry in vpc\.formerAzNames; map every zone to the name it had/,
  },
  {
    name: "formerAzNames on a list of AZ names",
    stack: "network",
    edit: network((c) => {
      c["landing-zone:egress"].azs = ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"];
      c["landing-zone:egress"].formerAzNames = { "ap-southeast-2a": "ap-southeast-2a" };
    }),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.formerAzNames",
    says: /maps AZ IDs to the names they had, so egress\.azs must list AZ IDs/,
  },
  {
    name: "an egress AZ outside the region",
    stack: "network",
    edit: network((c) => (c["landing-zone:egress"].azs = ["apse2-az1", "use1-az1"])),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.azs[1]",
    says: /not an availability zone of ap-southeast-2/,
  },
  {
    name: "a prod VPC set to associate with nonprod",
    stack: "prod",
    edit: prod((c) => (c["landing-zone:vpc"].transitGateway = { association: "nonprod" })),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:vpc.transitGateway.association",
    says: /"nonprod" does not match account\.environment "prod": .* break the prod\/nonprod segmentation; set it to "prod" or remove it/,
  },
  {
    name: "a nonprod VPC set to associate with prod",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].transitGateway = { association: "prod" })),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.transitGateway.association",
    says: /does not match account\.environment "nonprod"/,
  },
  {
    name: "a workload in another region than its hub",
    stack: "prod",
    edit: prod((c) => {
      c["landing-zone:account"].region = "ap-southeast-4";
      c["landing-zone:vpc"].azs = ["ap-southeast-4a", "ap-southeast-4b"];
    }),
    file: "Pulumi.prod.yaml",
    key: "landing-zone:account.region",
    says: /differs from the network stack's region \(Pulumi\.network\.yaml: ap-southeast-2\); a VPC attaches only to a Transit Gateway in its own region/,
  },
  {
    name: "too many data-tier ports",
    stack: "dev",
    edit: dev((c) => (c["landing-zone:vpc"].data = { ports: [5432, 3306, 6379, 27017] })),
    file: "Pulumi.dev.yaml",
    key: "landing-zone:vpc.data.ports",
    says: /at most 3 ports/,
  },
  {
    name: "a firewall with no allowed domain",
    stack: "network",
    edit: network((c) => (c["landing-zone:egress"].firewall = { enabled: true, allowedDomains: [] })),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.firewall.allowedDomains",
    says: /drop all web egress/,
  },
  {
    name: "a firewall domain that is not a domain",
    stack: "network",
    edit: network((c) => (c["landing-zone:egress"].firewall.allowedDomains = ["*.example.com"])),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.firewall.allowedDomains[0]",
    says: /\.example\.com" for the domain and every subdomain/,
  },
  {
    name: "an allow-list entry for every region's AWS endpoints (residency)",
    stack: "network",
    edit: network((c) => c["landing-zone:egress"].firewall.allowedDomains.push(".amazonaws.com")),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.firewall.allowedDomains[8]",
    says: /"\.amazonaws\.com" lets every tier reach every region's AWS endpoints .*\.ap-southeast-2\.amazonaws\.com/,
  },
  {
    name: "an allow-list entry for another region's AWS endpoints (residency)",
    stack: "network",
    edit: network((c) => c["landing-zone:egress"].firewall.allowedDomains.push("s3.us-east-1.amazonaws.com")),
    file: "Pulumi.network.yaml",
    key: "landing-zone:egress.firewall.allowedDomains[8]",
    says: /names us-east-1, outside Australia/,
  },
  {
    name: "DNS forwarding to corporate servers without a hybrid attachment",
    stack: "network",
    edit: network((c) => delete c["landing-zone:hybrid"]),
    file: "Pulumi.network.yaml",
    key: "landing-zone:resolver.forwardingRules[0].targetIps[0]",
    says: /10\.100\.0\.2 is outside the egress VPC and there is no VPN, Direct Connect or Connect attachment to reach it; set landing-zone:hybrid/,
  },
  {
    name: "a forwarding target outside the networks behind the VPN",
    stack: "network",
    edit: network((c) => (c["landing-zone:hybrid"].onPremisesCidrs = ["10.200.0.0/16"])),
    file: "Pulumi.network.yaml",
    key: "landing-zone:resolver.forwardingRules[0].targetIps[0]",
    says: /10\.100\.0\.2 is in none of hybrid\.onPremisesCidrs \(10\.200\.0\.0\/16\)/,
  },
  {
    name: "forwarding rules without the resolver",
    stack: "network",
    edit: network((c) => (c["landing-zone:resolver"].enabled = false)),
    file: "Pulumi.network.yaml",
    key: "landing-zone:resolver.forwardingRules",
    says: /set resolver\.enabled: true/,
  },
  {
    name: "a malformed OU path to share with",
    stack: "network",
    edit: network((c) => (c["landing-zone:transitGateway"].shareWith = ["/Workloads"])),
    file: "Pulumi.network.yaml",
    key: "landing-zone:transitGateway.shareWith[0]",
    says: /OU path/,
  },
  {
    name: "an OU to share with that the management stack does not create",
    stack: "network",
    edit: network((c) => (c["landing-zone:transitGateway"].shareWith = ["Workloads/Prod", "Workloads/Staging"])),
    file: "Pulumi.network.yaml",
    key: "landing-zone:transitGateway.shareWith[1]",
    says: /"Workloads\/Staging" is not an OU of the management stack \(Pulumi\.management\.yaml organization\.organizationalUnits\); use one of .*Workloads\/Prod/,
  },
];

describe("bad network config: exit 2 with the file and the key", function () {
  for (const c of CASES) {
    it(c.name, async () => {
      const run = await planEdited(c.stack, c.edit);
      assert.equal(run.code, 2, `exit code; stderr:\n${run.stderr}`);
      assert.ok(run.stderr.includes(`${c.file}: ${c.key}:`), `names ${c.file}: ${c.key}:\n${run.stderr}`);
      assert.match(run.stderr, c.says);
      assert.doesNotMatch(run.stderr, STACK_TRACE_LINE, "no stack trace");
      assert.equal(run.stdout, "", "nothing planned");
    });
  }
});
