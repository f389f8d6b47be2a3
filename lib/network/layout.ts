/**
 * The tiers of the two kinds of VPC and their default sizes. Config validates a layout with these
 * (so a layout that does not fit is a config error), and the components build the same layout.
 */
import { defaultPrefix, MAX_SUBNET_PREFIX, TierRequest } from "./carve";

/** Workload VPC tiers. `transit` holds only the Transit Gateway attachment's interfaces. */
export const WORKLOAD_TIERS = ["dmz", "app", "data", "transit"] as const;
export type WorkloadTier = (typeof WORKLOAD_TIERS)[number];

/** Egress VPC tiers; `firewall` and `resolver` exist only when those features are on. */
export const EGRESS_TIERS = ["public", "transit", "firewall", "resolver"] as const;
export type EgressTier = (typeof EGRESS_TIERS)[number];

/**
 * Attachment, firewall and resolver subnets only hold a few interfaces: AWS recommends a /28 per AZ
 * for Transit Gateway attachments, so that the other tiers' route tables stay independent of them.
 */
export const SMALL_SUBNET_PREFIX = MAX_SUBNET_PREFIX;

export interface WorkloadLayoutInput {
  readonly cidr: string;
  readonly azs: readonly string[];
  /** Prefix lengths set in config; a missing one takes its default share of the VPC. */
  readonly dmzPrefixLength?: number;
  readonly appPrefixLength?: number;
  readonly dataPrefixLength?: number;
}

/**
 * Default sizes, per AZ block (the VPC split into 2 or 4 AZ blocks): app 1/2, data 1/4, dmz 1/8,
 * leaving 1/8 for the attachment subnets and later growth. A /16 with 3 AZs gives app /19, data /20,
 * dmz /21.
 */
export function workloadTierRequests(input: WorkloadLayoutInput): TierRequest[] {
  const n = input.azs.length;
  return [
    { tier: "dmz", prefixLength: input.dmzPrefixLength ?? defaultPrefix(input.cidr, n, 3) },
    { tier: "app", prefixLength: input.appPrefixLength ?? defaultPrefix(input.cidr, n, 1) },
    { tier: "data", prefixLength: input.dataPrefixLength ?? defaultPrefix(input.cidr, n, 2) },
    { tier: "transit", prefixLength: SMALL_SUBNET_PREFIX },
  ];
}

export interface EgressLayoutInput {
  readonly cidr: string;
  readonly azs: readonly string[];
  readonly firewall: boolean;
  readonly resolver: boolean;
  /** The public (NAT) subnets' prefix length; default half of each AZ block. */
  readonly publicPrefixLength?: number;
}

export function egressTierRequests(input: EgressLayoutInput): TierRequest[] {
  const tiers: TierRequest[] = [
    { tier: "public", prefixLength: input.publicPrefixLength ?? defaultPrefix(input.cidr, input.azs.length, 1) },
    { tier: "transit", prefixLength: SMALL_SUBNET_PREFIX },
  ];
  if (input.firewall) tiers.push({ tier: "firewall", prefixLength: SMALL_SUBNET_PREFIX });
  if (input.resolver) tiers.push({ tier: "resolver", prefixLength: SMALL_SUBNET_PREFIX });
  return tiers;
}
