import { show } from "../lib/messages";
import { stackPolicy } from "../lib/policy";
import { ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { flag, str } from "../lib/values";
import { waiverMatchesResource } from "../lib/waivers";

/**
 * Cloudflare Data Localization: where localisation is on for a zone, every proxied hostname needs a
 * regional hostname with regionKey "au", so TLS termination and processing happen in Australia.
 * Localisation is on for a zone that already has a regional hostname in this stack, a zone listed in
 * `cloudflareLocalisedZones`, or every zone when `cloudflareDataLocalisation` is true.
 */

const REGIONAL = "cloudflare:index/regionalHostname:RegionalHostname";
const DNS = "cloudflare:index/dnsRecord:DnsRecord";
const ZONE = "cloudflare:index/zone:Zone";

interface CloudflareConfig {
  readonly cloudflareDataLocalisation: boolean;
  readonly cloudflareLocalisedZones: readonly string[];
  readonly cloudflareRegionKey: string;
}

function matches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  return p.startsWith("*.") && h.endsWith(p.slice(1)) && !h.slice(0, -p.length + 1).includes(".");
}

export const cloudflareRegionalHostnames = stackPolicy<CloudflareConfig>({
  name: "cloudflare-regional-hostnames",
  description: 'Where Cloudflare data localisation is on, every proxied hostname must have a regional hostname with regionKey "au".',
  types: [REGIONAL, DNS],
  fix: 'Add a cloudflare.RegionalHostname { zoneId, hostname: <record name>, regionKey: "au" } for each proxied record.',
  config: {
    cloudflareDataLocalisation: { type: "boolean", default: false, description: "Localise every zone (not only zones that already have regional hostnames)" },
    cloudflareLocalisedZones: { type: "array", items: { type: "string" }, default: [], description: "Zone ids or zone-name globs where data localisation is on" },
    cloudflareRegionKey: { type: "string", default: "au", description: "The Cloudflare region key that keeps data in Australia" },
  },
  defaults: { cloudflareDataLocalisation: false, cloudflareLocalisedZones: [], cloudflareRegionKey: "au" },
  validate(stack, { config }, report) {
    const zoneKey = (r: ViewResource): string => stack.refs(r, "zoneId", [ZONE])[0]?.urn ?? str(r.props.zoneId) ?? "";
    const zoneNames = new Map<string, string>();
    for (const z of stack.ofType(ZONE)) zoneNames.set(z.urn, str(z.props.name) ?? z.name);
    const regional = stack.ofType(REGIONAL);
    const localisedByResource = new Set(regional.map(zoneKey));
    for (const r of regional) {
      if (str(r.props.regionKey) !== config.cloudflareRegionKey) {
        report(r.urn, `regionKey is ${show(r.props.regionKey)}${isUnknown(r.props.regionKey) ? " (fail closed)" : ""}; set regionKey to ${JSON.stringify(config.cloudflareRegionKey)} so ${show(r.props.hostname)} is processed in Australia.`);
      }
    }
    const localised = (zone: string): boolean =>
      config.cloudflareDataLocalisation ||
      localisedByResource.has(zone) ||
      config.cloudflareLocalisedZones.some((g) => {
        const w = { resource: g, reason: "", approvedBy: "", expires: "" };
        return waiverMatchesResource(w, zone, zone) || waiverMatchesResource(w, zoneNames.get(zone) ?? "", zoneNames.get(zone) ?? "");
      });
    for (const rec of stack.ofType(DNS)) {
      if (flag(rec.props.proxied) !== true) continue;
      const zone = zoneKey(rec);
      if (!localised(zone)) continue;
      const name = str(rec.props.name);
      if (!name) continue;
      const zoneName = zoneNames.get(zone);
      const fqdn = zoneName && !name.endsWith(zoneName) ? `${name === "@" ? "" : name + "."}${zoneName}`.replace(/\.$/, "") : name;
      const covered = regional.some((r) => zoneKey(r) === zone && str(r.props.regionKey) === config.cloudflareRegionKey && [name, fqdn].some((h) => matches(str(r.props.hostname) ?? "", h)));
      if (!covered) report(rec.urn, `proxied record ${JSON.stringify(fqdn)} has no regional hostname, so Cloudflare may process its traffic outside Australia; add a cloudflare.RegionalHostname { hostname: ${JSON.stringify(fqdn)}, regionKey: ${JSON.stringify(config.cloudflareRegionKey)} } on the same zone.`);
    }
  },
});
