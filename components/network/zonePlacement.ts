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
  readonly subnet: { availabilityZoneId: pulumi.Input<string> } | { availabilityZone: string };
}

/**
 * The placement and key of each zone. A zone moved from its former name keeps its subnets only if
 * that name is this zone in the deploying account (a subnet's zone cannot change in place: both
 * `availabilityZone` and `availabilityZoneId` force a replacement), so the name is resolved there,
 * with `aws.getAvailabilityZone` under the VPC's provider, and a mismatch fails the deployment at
 * preview, before anything is replaced.
 */
export function zonePlacements(
  region: string,
  zones: readonly string[],
  formerAzNames: Readonly<Record<string, string>> | undefined,
  opts: { readonly provider: aws.Provider; readonly parent: pulumi.Resource; readonly what: string },
): ZonePlacement[] {
  const keys = zoneKeys(region, zones, formerAzNames);
  return zones.map((zone, i) => {
    const former = formerAzNames?.[zone];
    const placement = subnetPlacement(zone);
    if (!former || !("availabilityZoneId" in placement)) return { zone, key: keys[i], subnet: placement };
    const checked = aws.getAvailabilityZoneOutput({ name: former }, { provider: opts.provider, parent: opts.parent }).apply((az) => {
      if (az.zoneId !== zone) {
        throw new pulumi.ResourceError(
          `${opts.what}: formerAzNames maps ${zone} to ${former}, but in this account ${former} is ${az.zoneId}; the subnets built in ${former} would be replaced. Set formerAzNames.${az.zoneId}: ${former} (aws ec2 describe-availability-zones --query "AvailabilityZones[].[ZoneName,ZoneId]")`,
          opts.parent,
        );
      }
      return zone;
    });
    return { zone, key: keys[i], subnet: { availabilityZoneId: checked } };
  });
}

/** A child's name and options: `${prefix}-${key}${suffix}`, the zone's key in the middle. */
export function zoneChild(p: ZonePlacement, prefix: string, suffix: string, opts: pulumi.CustomResourceOptions): [string, pulumi.CustomResourceOptions] {
  return [`${prefix}-${p.key}${suffix}`, opts];
}
