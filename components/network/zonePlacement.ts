import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { subnetPlacement, zoneKeys } from "../../lib/network/zones";

/** How one zone of a VPC is placed and named. */
export interface ZonePlacement {
  /** The zone as config lists it: an AZ ID (apse2-az1), or a legacy AZ name. */
  readonly zone: string;
  /** The key in child names (lib/network/zones.ts zoneKeys): the letter of its former name, else of its position. */
  readonly key: string;
  /** The subnet inputs that place a subnet in the zone. */
  readonly subnet: { availabilityZoneId: string } | { availabilityZone: string };
}

/** The placement and key of each zone. */
export function zonePlacements(region: string, zones: readonly string[], formerAzNames?: Readonly<Record<string, string>>): ZonePlacement[] {
  const keys = zoneKeys(region, zones, formerAzNames);
  return zones.map((zone, i) => ({ zone, key: keys[i], subnet: subnetPlacement(zone) }));
}

/** A child's name and options: `${prefix}-${key}${suffix}`, the zone's key in the middle. */
export function zoneChild(p: ZonePlacement, prefix: string, suffix: string, opts: pulumi.CustomResourceOptions): [string, pulumi.CustomResourceOptions] {
  return [`${prefix}-${p.key}${suffix}`, opts];
}

/**
 * Checks `formerAzNames` in the deploying account, before any resource of the VPC is registered.
 * A subnet's zone cannot change in place (`availabilityZone` and `availabilityZoneId` both force a
 * replacement), so an ID whose former name is another zone in this account would replace the
 * subnets built under that name: the stack refuses to run instead, naming the mapping AWS reports.
 */
export async function verifyFormerAzNames(formerAzNames: Readonly<Record<string, string>> | undefined, where: { readonly file: string; readonly key: string; readonly provider: aws.Provider }): Promise<void> {
  const issues: { file: string; path: string; message: string }[] = [];
  for (const [id, name] of Object.entries(formerAzNames ?? {})) {
    const az = await aws.getAvailabilityZone({ name }, { provider: where.provider });
    if (az.zoneId !== id) {
      issues.push({
        file: where.file,
        path: `${where.key}.${id}`,
        message: `is ${name}, but in this account ${name} is ${az.zoneId}: the subnets built in ${name} would be replaced. Map ${az.zoneId} to ${name} (aws ec2 describe-availability-zones --query "AvailabilityZones[].[ZoneName,ZoneId]" in this account)`,
      });
    }
  }
  if (!issues.length) return;
  // Reported as bad configuration (lz exits 2; pulumi prints a RunError without a stack trace), like config/'s own errors.
  const lines = issues.map((i) => `${i.file}: ${i.path}: ${i.message}`);
  const message = issues.length === 1 ? `invalid configuration: ${lines[0]}` : `invalid configuration (${issues.length} problems):\n${lines.map((l) => `  - ${l}`).join("\n")}`;
  throw Object.assign(new pulumi.RunError(message), { name: "ConfigError", issues });
}
