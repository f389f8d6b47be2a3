/**
 * Availability zones by ID and by name.
 *
 * An AZ *name* (ap-southeast-2a) is a per-account label: in the Regions AWS maps independently
 * (Sydney among them), ap-southeast-2a in one account may be another physical zone than
 * ap-southeast-2a in the next. An AZ *ID* (apse2-az1) is the same physical zone in every account
 * (AWS Regions and Availability Zones guide, "AZ IDs"). The network account's attachments, NAT
 * gateways and firewall endpoints and each workload account's subnets line up per physical zone
 * only when both sides name zones by ID, so config takes IDs; names are still read, for stacks
 * first deployed with them (see docs/NETWORK.md, "Availability zones").
 */

/** The AZ IDs of each Australian region (AWS Regions and Availability Zones guide, Asia Pacific table). */
export const AZ_IDS: Readonly<Record<string, readonly string[]>> = {
  "ap-southeast-2": ["apse2-az1", "apse2-az2", "apse2-az3"],
  "ap-southeast-4": ["apse4-az1", "apse4-az2", "apse4-az3"],
};

/** The AZ names of each Australian region (the letters every account sees, mapped per account). */
export const AZ_NAMES: Readonly<Record<string, readonly string[]>> = {
  "ap-southeast-2": ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"],
  "ap-southeast-4": ["ap-southeast-4a", "ap-southeast-4b", "ap-southeast-4c"],
};

/**
 * Regions whose AZ names AWS maps to physical zones independently in each account (for accounts
 * created before November 2025); in the others a name is the same zone everywhere.
 */
export const INDEPENDENTLY_MAPPED_REGIONS: ReadonlySet<string> = new Set(["ap-southeast-2"]);

const AZ_ID = /^[a-z]+\d+-az\d+$/;
const AZ_NAME = /^[a-z]+-[a-z]+-\d+[a-z]$/;

/** `id` for an AZ ID (apse2-az1), `name` for an AZ name (ap-southeast-2a), undefined for neither. */
export function zoneKind(zone: string): "id" | "name" | undefined {
  return AZ_ID.test(zone) ? "id" : AZ_NAME.test(zone) ? "name" : undefined;
}

/** The region an AZ ID or name belongs to, among the known ones. */
export function regionOfZone(zone: string): string | undefined {
  for (const [region, ids] of Object.entries(AZ_IDS)) if (ids.includes(zone) || AZ_NAMES[region].includes(zone)) return region;
  return undefined;
}

/**
 * The key of each zone in child resource names (`prod-app-a`), in list order. A legacy AZ name is
 * keyed by its letter, as it always was. An AZ ID is keyed by the letter of the name it had when
 * the stack was built with names (`formerAzNames`), else by its position (a, b, c): the subnets'
 * CIDRs are carved by position (lib/network/carve.ts), so the position already is a zone's identity
 * in its VPC, and a stack that lists the IDs of its old names in the same order keeps every URN.
 */
export function zoneKeys(region: string, zones: readonly string[], formerAzNames?: Readonly<Record<string, string>>): string[] {
  return zones.map((zone, i) => {
    const named = zoneKind(zone) === "id" ? formerAzNames?.[zone] : zone;
    if (named === undefined) return String.fromCharCode(97 + i);
    return named.startsWith(region) ? named.slice(region.length).replace(/^-/, "") || named : named;
  });
}

/** A subnet's placement input: by ID (`availabilityZoneId`) or, for a legacy name, by name. */
export function subnetPlacement(zone: string): { availabilityZoneId: string } | { availabilityZone: string } {
  return zoneKind(zone) === "id" ? { availabilityZoneId: zone } : { availabilityZone: zone };
}

/** Config issues of one `azs` list (and its `formerAzNames`), paths relative to the list's key. */
export function zoneListIssues(region: string, key: string, azs: readonly string[], formerAzNames?: Readonly<Record<string, string>>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const ids = AZ_IDS[region] ?? [];
  const names = AZ_NAMES[region] ?? [];
  azs.forEach((az, i) => {
    if (ids.includes(az) || names.includes(az)) return;
    const elsewhere = regionOfZone(az);
    issues.push({
      path: `${key}[${i}]`,
      message: `"${az}" is not an availability zone of ${region} (account.region)${elsewhere ? `; it is in ${elsewhere}` : ""}; use its AZ IDs ${ids.join(", ")}`,
    });
  });
  if (issues.length) return issues;
  const kinds = new Set(azs.map(zoneKind));
  if (kinds.size > 1) {
    issues.push({ path: key, message: `mixes AZ IDs and AZ names (${azs.join(", ")}); list AZ IDs only (${ids.join(", ")}): a name is a different physical zone in each account` });
  }
  if (new Set(azs).size !== azs.length) issues.push({ path: key, message: "lists an availability zone twice; each zone gets one subnet per tier" });
  if (formerAzNames === undefined) return issues;
  const base = key.replace(/\.azs$/, "");
  if (!kinds.has("id") || kinds.size > 1) {
    issues.push({ path: `${base}.formerAzNames`, message: `maps AZ IDs to the names they had, so ${key} must list AZ IDs (${ids.join(", ")})` });
    return issues;
  }
  const seen = new Map<string, string>();
  azs.forEach((az, i) => {
    if (!(az in formerAzNames)) issues.push({ path: `${key}[${i}]`, message: `has no entry in ${base}.formerAzNames; map every zone to the name it had (or remove formerAzNames), so that no two zones share a key` });
  });
  for (const [id, name] of Object.entries(formerAzNames)) {
    const at = `${base}.formerAzNames.${id}`;
    if (!azs.includes(id)) issues.push({ path: at, message: `"${id}" is not in ${key} (${azs.join(", ")}); map only the zones the stack uses` });
    else if (!names.includes(name)) issues.push({ path: at, message: `"${name}" is not an AZ name of ${region}; use the name this account shows for ${id} (aws ec2 describe-availability-zones --region ${region} --query "AvailabilityZones[].[ZoneName,ZoneId]"), one of ${names.join(", ")}` });
    else if (seen.has(name)) issues.push({ path: at, message: `"${name}" is also the former name of ${seen.get(name)}; in one account each name is one zone` });
    else seen.set(name, id);
  }
  return issues;
}
