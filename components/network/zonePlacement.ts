import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { subnetPlacement, zoneKey } from "../../lib/network/zones";

/** How one zone of a VPC is placed and named. */
export interface ZonePlacement {
  /** The zone as config lists it: an AZ ID (apse2-az1), or a legacy AZ name. */
  readonly zone: string;
  /** The key in child names: `az1` for an ID, the letter for a legacy name. */
  readonly key: string;
  /** The key the zone's children had before the stack moved from names to IDs (`formerAzNames`). */
  readonly formerKey?: string;
  /** The subnet inputs that place a subnet in the zone. */
  readonly subnet: { availabilityZoneId: pulumi.Input<string> } | { availabilityZone: string };
}

/**
 * The placement of each zone. A zone moved from its former name keeps its subnets only if that
 * name is this zone in the deploying account, so the name is resolved there
 * (`aws.getAvailabilityZone`, under the VPC's provider) and a mismatch fails the deployment before
 * AWS would replace the subnet: a subnet's `availabilityZoneId` cannot change in place.
 */
export function zonePlacements(
  region: string,
  zones: readonly string[],
  formerAzNames: Readonly<Record<string, string>> | undefined,
  opts: { readonly provider: aws.Provider; readonly parent: pulumi.Resource; readonly what: string },
): ZonePlacement[] {
  return zones.map((zone) => {
    const former = formerAzNames?.[zone];
    const placement = subnetPlacement(zone);
    if (!former || !("availabilityZoneId" in placement)) return { zone, key: zoneKey(region, zone), subnet: placement };
    const checked = aws.getAvailabilityZoneOutput({ name: former }, { provider: opts.provider, parent: opts.parent }).apply((az) => {
      if (az.zoneId !== zone) {
        throw new pulumi.ResourceError(
          `${opts.what}: formerAzNames maps ${zone} to ${former}, but in this account ${former} is ${az.zoneId}; the subnets built in ${former} would be replaced. Set formerAzNames.${az.zoneId}: ${former} (aws ec2 describe-availability-zones --query "AvailabilityZones[].[ZoneName,ZoneId]")`,
          opts.parent,
        );
      }
      return zone;
    });
    return { zone, key: zoneKey(region, zone), formerKey: zoneKey(region, former), subnet: { availabilityZoneId: checked } };
  });
}

/** Resource options for a child named `${prefix}-${key}${suffix}`, aliased from its former name when the zone has one. */
export function zoneChild(p: ZonePlacement, prefix: string, suffix: string, opts: pulumi.CustomResourceOptions): [string, pulumi.CustomResourceOptions] {
  const name = `${prefix}-${p.key}${suffix}`;
  if (!p.formerKey || p.formerKey === p.key) return [name, opts];
  return [name, { ...opts, aliases: [...(opts.aliases ?? []), { name: `${prefix}-${p.formerKey}${suffix}` }] }];
}
