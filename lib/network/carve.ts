/**
 * Subnet carving: turns a VPC CIDR, its AZs and the size of each tier's subnets into one subnet per
 * tier and AZ. Pure: config calls it to reject layouts that do not fit (before any resource exists),
 * and the VPC components call it again to get the same answer.
 *
 * Blocks are allocated largest first, in order (tier order, then AZ order, among equal sizes). Every
 * size is a power of two, so each block starts on a multiple of its own size without padding: the
 * layout fits exactly when the sizes add up to no more than the VPC.
 */
import { blockAfter, Cidr, formatCidr, mustParseCidr, parseCidr, size } from "../cidr";

/** AWS accepts subnets from /16 to /28. */
export const MIN_SUBNET_PREFIX = 16;
export const MAX_SUBNET_PREFIX = 28;

export interface TierRequest {
  /** The tier's name (`dmz`, `app`); it becomes part of each subnet's name. */
  readonly tier: string;
  /** The prefix length of each of the tier's subnets (one per AZ): 16 to 28. */
  readonly prefixLength: number;
}

export interface CarvedSubnet {
  readonly tier: string;
  readonly az: string;
  readonly cidr: string;
}

/** Why a layout was refused; `tier` is set when one tier is at fault. */
export interface CarveError {
  readonly code: "bad-cidr" | "prefix-out-of-range" | "larger-than-vpc" | "does-not-fit" | "no-azs" | "duplicate";
  readonly tier?: string;
  readonly message: string;
}

export type CarveResult = { readonly ok: true; readonly subnets: CarvedSubnet[] } | { readonly ok: false; readonly error: CarveError };

/** Carves one subnet per tier and AZ out of `vpcCidr`, or says why it cannot. */
export function carveSubnets(vpcCidr: string, azs: readonly string[], tiers: readonly TierRequest[]): CarveResult {
  const vpc = parseCidr(vpcCidr);
  if (typeof vpc === "string") return fail({ code: "bad-cidr", message: vpc });
  if (azs.length === 0) return fail({ code: "no-azs", message: "needs at least one availability zone" });
  if (new Set(azs).size !== azs.length) return fail({ code: "duplicate", message: `lists an availability zone twice (${azs.join(", ")})` });
  if (new Set(tiers.map((t) => t.tier)).size !== tiers.length) return fail({ code: "duplicate", message: `names a tier twice (${tiers.map((t) => t.tier).join(", ")})` });
  for (const t of tiers) {
    if (!Number.isInteger(t.prefixLength) || t.prefixLength < MIN_SUBNET_PREFIX || t.prefixLength > MAX_SUBNET_PREFIX) {
      return fail({ code: "prefix-out-of-range", tier: t.tier, message: `the ${t.tier} subnets' prefix length /${t.prefixLength} is outside what AWS allows for a subnet (/${MIN_SUBNET_PREFIX} to /${MAX_SUBNET_PREFIX})` });
    }
    if (t.prefixLength < vpc.prefix) {
      return fail({ code: "larger-than-vpc", tier: t.tier, message: `a /${t.prefixLength} ${t.tier} subnet is larger than the VPC's ${formatCidr(vpc)}; use a prefix length of /${vpc.prefix + Math.ceil(Math.log2(azs.length)) + 1} or more` });
    }
  }

  const needed = tiers.reduce((sum, t) => sum + azs.length * 2 ** (32 - t.prefixLength), 0);
  if (needed > size(vpc)) {
    const parts = tiers.map((t) => `${t.tier} ${azs.length} × /${t.prefixLength}`).join(", ");
    return fail({ code: "does-not-fit", message: `the subnets need ${needed} addresses (${parts}), but ${formatCidr(vpc)} holds ${size(vpc)}; use a larger CIDR or smaller subnets` });
  }

  const blocks = tiers.flatMap((t, ti) => azs.map((az, ai) => ({ tier: t.tier, az, prefix: t.prefixLength, order: ti * azs.length + ai })));
  blocks.sort((a, b) => a.prefix - b.prefix || a.order - b.order);
  let previous: Cidr | undefined;
  const byKey = new Map<string, CarvedSubnet>();
  for (const b of blocks) {
    const block: Cidr = previous ? blockAfter(previous, b.prefix) : { base: vpc.base, prefix: b.prefix };
    byKey.set(`${b.tier}|${b.az}`, { tier: b.tier, az: b.az, cidr: formatCidr(block) });
    previous = block;
  }
  // Report in tier order, then AZ order: the order a reader expects, whatever the allocation order.
  const subnets = tiers.flatMap((t) => azs.map((az) => byKey.get(`${t.tier}|${az}`)!));
  return { ok: true, subnets };
}

/** `carveSubnets`, throwing the error's message when the layout does not fit. */
export function mustCarve(vpcCidr: string, azs: readonly string[], tiers: readonly TierRequest[]): CarvedSubnet[] {
  const r = carveSubnets(vpcCidr, azs, tiers);
  if (!r.ok) throw new Error(`${vpcCidr}: ${r.error.message}`);
  return r.subnets;
}

/** The bits an AZ index takes: 1 for 2 AZs, 2 for 3 or 4. */
export function azBits(azCount: number): number {
  return azCount <= 1 ? 0 : Math.ceil(Math.log2(azCount));
}

/**
 * A default prefix length for a tier: `share` halvings below the per-AZ block (the VPC split into a
 * power-of-two number of AZ blocks), never smaller than a /28.
 */
export function defaultPrefix(vpcCidr: string, azCount: number, share: number): number {
  const vpc = mustParseCidr(vpcCidr);
  return Math.min(MAX_SUBNET_PREFIX, Math.max(MIN_SUBNET_PREFIX, vpc.prefix + azBits(azCount) + share));
}

function fail(error: CarveError): CarveResult {
  return { ok: false, error };
}
