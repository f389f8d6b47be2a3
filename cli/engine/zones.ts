import { hex } from "./fakeIds";
import { AZ_IDS, AZ_NAMES, INDEPENDENTLY_MAPPED_REGIONS } from "../../lib/network/zones";

/**
 * The offline engine's zone map of an account: which AZ name is which AZ ID. In a Region AWS maps
 * independently (Sydney), each account sees the zones under other letters, so the engine rotates
 * them by the account id, deterministically: two accounts of the samples see different names for
 * one ID, as real accounts do. Elsewhere (Melbourne) every account sees the same map.
 */
export function accountZones(region: string, account: string): { name: string; id: string }[] {
  const names = AZ_NAMES[region] ?? [`${region}a`, `${region}b`, `${region}c`];
  const ids = AZ_IDS[region] ?? names.map((_, n) => `${region.replace(/^(\w\w)-?(\w)\w*-(\w)\w*-(\d+)$/, "$1$2$3$4")}-az${n + 1}`);
  const shift = INDEPENDENTLY_MAPPED_REGIONS.has(region) ? parseInt(hex(`zones:${region}:${account}`, 6), 16) % names.length : 0;
  return names.map((name, n) => ({ name, id: ids[(n + shift) % ids.length] }));
}

/** The zone a subnet's placement names, as AWS reports both: by ID or by name, in that account. */
export function subnetZone(region: string, account: string, inputs: { availabilityZone?: unknown; availabilityZoneId?: unknown }): { name: string; id: string } | undefined {
  const zones = accountZones(region, account);
  if (typeof inputs.availabilityZoneId === "string") return zones.find((z) => z.id === inputs.availabilityZoneId);
  if (typeof inputs.availabilityZone === "string") return zones.find((z) => z.name === inputs.availabilityZone);
  return undefined;
}
