import { z } from "zod";
import { carveSubnets } from "../../lib/network/carve";
import { workloadTierRequests } from "../../lib/network/layout";
import { Segment, SEGMENTS } from "../../lib/network/segmentation";
import { zoneListIssues } from "../../lib/network/zones";
import { azList, cidr, formerAzNames, uniqueBy } from "./common";
import { dataPlaneCheck, dataPlaneShape } from "./dataPlane";
import { observabilityCheck, observabilityOptionalSecrets, observabilityRequiredSecrets, observabilityShape } from "./observability";
import { defineRole } from "./role";
import { zeroTrustCheck, zeroTrustOptionalSecrets, zeroTrustRequiredSecrets, zeroTrustShape } from "./zeroTrust";

/** Interface endpoints every workload VPC gets unless `vpc.interfaceEndpoints` says otherwise. */
export const DEFAULT_INTERFACE_ENDPOINTS = ["ssm", "ssmmessages", "ec2messages", "kms", "logs", "sts", "ecr.api", "ecr.dkr", "secretsmanager"] as const;

/** The most data-tier ports: each costs one NACL rule per AZ, and a NACL holds 20 rules per direction. */
export const MAX_DATA_PORTS = 3;

const subnetPrefix = z.number({ message: "must be a prefix length from 16 to 28" }).int().min(16, { message: "must be 16 to 28 (AWS subnets are /16 to /28)" }).max(28, { message: "must be 16 to 28 (AWS subnets are /16 to /28)" });
const port = z.number({ message: "must be a TCP port number" }).int().min(1, { message: "must be a TCP port, 1 to 65535" }).max(65535, { message: "must be a TCP port, 1 to 65535" });

/** `landing-zone:vpc`: the workload VPC with its DMZ, app and data tiers. */
export const vpcSchema = z.strictObject({
  /** The VPC's CIDR, /16 to /24; must not overlap any other stack's. */
  cidr,
  /**
   * The availability zones by AZ ID (apse2-az1), 2 or 3, all in the stack's region and among the
   * network stack's egress.azs. AZ names (ap-southeast-2a) are still read, for stacks first
   * deployed with them; see docs/NETWORK.md, "Availability zones".
   */
  azs: azList,
  /** Only when moving a stack deployed with AZ names to IDs: the name each ID had in this account. Default none. */
  formerAzNames,
  /** The DMZ tier: load balancers and proxies. */
  dmz: z
    .strictObject({
      /** Give the DMZ an internet gateway (0.0.0.0/0 -> IGW). Default false: the DMZ is private. */
      public: z.boolean().default(false),
      /** The prefix length of each DMZ subnet. Default: 1/8 of each AZ's share of the VPC. */
      prefixLength: subnetPrefix.optional(),
    })
    .prefault({}),
  /** The app tier: services; its 0.0.0.0/0 goes to the Transit Gateway (central egress). */
  app: z
    .strictObject({
      /** The prefix length of each app subnet. Default: half of each AZ's share of the VPC. */
      prefixLength: subnetPrefix.optional(),
    })
    .prefault({}),
  /** The data tier: databases; no default route and no internet path. */
  data: z
    .strictObject({
      /** The prefix length of each data subnet. Default: 1/4 of each AZ's share of the VPC. */
      prefixLength: subnetPrefix.optional(),
      /** The TCP ports the data tier accepts from the app tier (NACL), at most 3. Default [5432]. */
      ports: z.array(port).min(1, { message: "needs at least one port; the app tier must reach the data tier" }).max(MAX_DATA_PORTS, { message: `takes at most ${MAX_DATA_PORTS} ports: each costs one NACL rule per AZ and a NACL holds 20 rules per direction` }).default([5432]).superRefine(uniqueBy((p: number) => String(p), "port")),
    })
    .prefault({}),
  /** The VPC's Transit Gateway attachment. */
  transitGateway: z
    .strictObject({
      /** The hub route table the attachment is associated with. Default: the account's environment. It must match it. */
      association: z.enum(SEGMENTS, { message: `must be one of ${SEGMENTS.join(", ")}` }).optional(),
    })
    .prefault({}),
  /** Interface endpoints (service names after `com.amazonaws.<region>.`), in the app tier with private DNS. */
  interfaceEndpoints: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, { message: 'must be an AWS service endpoint name such as "ssm" or "ecr.api"' }))
    .default([...DEFAULT_INTERFACE_ENDPOINTS])
    .superRefine(uniqueBy((e: string) => e, "endpoint")),
});
export type VpcConfig = z.infer<typeof vpcSchema>;

/** The hub route table a workload VPC is associated with: `vpc.transitGateway.association`, else the environment. */
export function vpcSegment(cfg: { account: { environment: Segment }; vpc: VpcConfig }): Segment {
  return cfg.vpc.transitGateway.association ?? cfg.account.environment;
}

/** Checks of the VPC keys across each other and the account (AZs, segment, layout). */
export function vpcCheck(cfg: { account: { region: string; environment: Segment }; vpc: VpcConfig }): { path: string; message: string }[] {
  const vpc = cfg.vpc;
  const issues = zoneListIssues(cfg.account.region, "vpc.azs", vpc.azs, vpc.formerAzNames);
  const prefix = Number(vpc.cidr.split("/")[1]);
  if (prefix < 16 || prefix > 24) issues.push({ path: "vpc.cidr", message: `${vpc.cidr} is a /${prefix}; a workload VPC takes /16 to /24 (AWS allows /16 to /28, and three tiers in 2–3 AZs need at least a /24)` });
  const association = vpc.transitGateway.association;
  if (association !== undefined && association !== cfg.account.environment) {
    issues.push({
      path: "vpc.transitGateway.association",
      message: `"${association}" does not match account.environment "${cfg.account.environment}": a ${cfg.account.environment} VPC associated with the ${association} route table would share routes with ${association} VPCs and break the prod/nonprod segmentation; set it to "${cfg.account.environment}" or remove it`,
    });
  }
  if (issues.length === 0) {
    const carved = carveSubnets(vpc.cidr, vpc.azs, workloadTierRequests({ cidr: vpc.cidr, azs: vpc.azs, dmzPrefixLength: vpc.dmz.prefixLength, appPrefixLength: vpc.app.prefixLength, dataPrefixLength: vpc.data.prefixLength }));
    if (!carved.ok) {
      // Blame the tier at fault, else the largest tier sized in config, else the CIDR.
      const explicit = (["dmz", "app", "data"] as const).filter((t) => vpc[t].prefixLength !== undefined).sort((a, b) => vpc[a].prefixLength! - vpc[b].prefixLength!);
      const tier = carved.error.tier && carved.error.tier !== "transit" ? carved.error.tier : explicit[0];
      issues.push({ path: tier ? `vpc.${tier}.prefixLength` : "vpc.cidr", message: carved.error.message });
    }
  }
  return issues;
}

export const workloadRole = defineRole({
  role: "workload",
  shape: {
    vpc: vpcSchema,
    ...zeroTrustShape,
    ...observabilityShape,
    ...dataPlaneShape,
  },
  requiredSecrets: [...zeroTrustRequiredSecrets, ...observabilityRequiredSecrets],
  optionalSecrets: [...zeroTrustOptionalSecrets, ...observabilityOptionalSecrets],
  refs: { management: "management", network: "network", logArchive: "log-archive" },
  cidrs: (cfg) => [{ path: "vpc.cidr", cidr: cfg.vpc.cidr }],
  check: (cfg) => [...vpcCheck(cfg), ...zeroTrustCheck(cfg), ...observabilityCheck(cfg), ...dataPlaneCheck(cfg)],
});
