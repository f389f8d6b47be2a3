/**
 * Do the spokes' zones line up with the hub's? The Transit Gateway keeps a flow in the zone it
 * entered when the destination attachment has an interface there, so each spoke zone should be a
 * zone of the egress VPC's attachment (its NAT gateway and firewall endpoint): otherwise every
 * egress flow of that zone crosses zones, and the zone's egress fails with another zone. Zones are
 * compared by AZ ID, which is the same physical zone in every account; the model reads the ID from
 * each subnet (routingModel.ts `zoneOf`), so two accounts that call one zone by different names
 * are aligned, and a spoke whose zone has no hub interface is named. A zone known only by its name
 * (a legacy plan) is left out: the preflight advisory subnet-zone-by-id asks for its ID.
 */
import type { RoutingModel } from "./routingModel";
import { zoneKind } from "./zones";

export interface ZoneMisalignment {
  readonly stack: string;
  readonly vpc: string;
  /** The spoke attachment's zone the hub has no interface in. */
  readonly zone: string;
  readonly hubZones: readonly string[];
}

export interface ZoneAlignment {
  /** The egress (appliance-mode) attachment's zones; empty when the hub is a black box from outputs. */
  readonly hubZones: readonly string[];
  readonly misaligned: readonly ZoneMisalignment[];
}

/** Only AZ IDs can be compared across accounts; a zone known only by name is not judged. */
const known = (az: string) => zoneKind(az) === "id";

function attachmentZones(model: RoutingModel, subnetIds: readonly string[]): string[] {
  return [...new Set(subnetIds.map((id) => model.subnets.get(id)?.az).filter((az): az is string => !!az && known(az)))].sort();
}

export function zoneAlignment(model: RoutingModel): ZoneAlignment {
  const attachments = [...model.attachments.values()];
  const hub = attachments.find((a) => a.applianceMode);
  const hubZones = hub ? attachmentZones(model, hub.subnetIds) : [];
  if (!hubZones.length) return { hubZones, misaligned: [] };
  const misaligned: ZoneMisalignment[] = [];
  for (const a of attachments) {
    if (a === hub) continue;
    const vpc = model.vpcs.find((v) => v.key === a.vpcKey);
    if (!vpc) continue;
    for (const zone of attachmentZones(model, a.subnetIds)) {
      if (!hubZones.includes(zone)) misaligned.push({ stack: vpc.stack, vpc: vpc.label, zone, hubZones });
    }
  }
  return { hubZones, misaligned };
}

/** One sentence per misaligned zone, for `lz plan` and `lz reach`. */
export function describeMisalignment(m: ZoneMisalignment): string {
  return `${m.vpc} (${m.stack}) attaches in ${m.zone}, where the egress VPC has no Transit Gateway interface (it has ${m.hubZones.join(", ")}): that zone's egress crosses zones`;
}
