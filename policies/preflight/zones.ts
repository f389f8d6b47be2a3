import { AZ_IDS, AZ_NAMES, INDEPENDENTLY_MAPPED_REGIONS, zoneKind } from "../../lib/network/zones";
import { LzPolicy } from "../lib/policy";
import { ProviderView } from "../lib/region";
import { isUnknown } from "../lib/unknown";
import { Props, str } from "../lib/values";
import { preflightResource } from "./constraint";

/**
 * Where subnets are placed. AWS refuses a subnet in a zone outside its Region (and the provider a
 * subnet that names its zone both ways); and in a Region whose AZ names AWS maps per account, a
 * subnet placed by name lands in a physical zone that the other accounts' subnets of the same name
 * need not share. The rules see a subnet's state completed with its inputs; AWS reports the zone
 * both ways whichever way it was placed (lz plan's engine reports no ID for a subnet placed by name, so
 * the advisory sees how it was placed; in a real export both are there and it stays silent).
 */

const SUBNET = "aws:ec2/subnet:Subnet";

/** The subnet's Region: its own `region` input, else its provider's. */
function regionOf(p: Props, provider: ProviderView | undefined): string | undefined {
  const r = str(p.region) ?? str(provider?.setting("region"));
  return r && !isUnknown(r) ? r : undefined;
}

export const subnetZoneInRegion = preflightResource({
  name: "subnet-zone-in-region",
  description: "A subnet must be placed in an availability zone of its own Region.",
  types: [SUBNET],
  fix: "Give each subnet availabilityZoneId from its Region's AZ IDs (ap-southeast-2: apse2-az1..az3; ap-southeast-4: apse4-az1..az3), and leave availabilityZone out.",
  constraint: {
    rule: "CreateSubnet creates the subnet in the Availability Zone named by AvailabilityZone or AvailabilityZoneId, which must be a zone of the Region the request is sent to",
    source: "Amazon EC2 API Reference, CreateSubnet; AWS Regions and Availability Zones, AZ IDs",
  },
  validate(p, ctx, report) {
    // By ID when it says (the state of a subnet placed by ID also reports its name), else by name.
    const id = str(p.availabilityZoneId);
    const zone = id ?? str(p.availabilityZone);
    const region = regionOf(p, ctx.provider);
    if (!zone || isUnknown(zone) || !region || !AZ_IDS[region]) return;
    const known = id ? AZ_IDS[region] : AZ_NAMES[region];
    if (!known.includes(zone)) report(`${ctx.name}: ${id ? "availabilityZoneId" : "availabilityZone"} ${zone} is not a zone of ${region}; use one of ${AZ_IDS[region].join(", ")}`);
  },
});

export const subnetZoneById = preflightResource({
  name: "subnet-zone-by-id",
  description: "A subnet in a Region whose AZ names AWS maps per account should be placed by AZ ID, so that it lines up with the zones of the landing zone's other accounts (the Transit Gateway's attachments, NAT gateways and firewall endpoints).",
  enforcementLevel: "advisory",
  types: [SUBNET],
  fix: "Set the stack's azs to AZ IDs (apse2-az1, apse2-az2, apse2-az3), with formerAzNames for a stack first deployed with names so that its subnets stay where they are (docs/NETWORK.md, \"Availability zones\").",
  constraint: {
    rule: "in Regions with independently mapped Availability Zones (Asia Pacific (Sydney) among them), AWS maps zone names to physical zones separately for each account, so ap-southeast-2a need not be the same zone in two accounts; an AZ ID such as apse2-az1 is the same physical zone in every account",
    source: "AWS Regions and Availability Zones, AZ IDs and Regions with independently mapped Availability Zones",
  },
  validate(p, ctx, report) {
    const name = str(p.availabilityZone);
    const region = regionOf(p, ctx.provider);
    if (!name || str(p.availabilityZoneId) || zoneKind(name) !== "name" || !region || !INDEPENDENTLY_MAPPED_REGIONS.has(region)) return;
    report(`${ctx.name}: placed by AZ name ${name}, which is its own account's label; the landing zone's other accounts may call another physical zone ${name}. Use its AZ ID (one of ${AZ_IDS[region].join(", ")})`);
  },
});

export const zonePolicies: LzPolicy[] = [subnetZoneInRegion, subnetZoneById];
