import { show } from "../lib/messages";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { StackView } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { collect, flag, obj, Props, str } from "../lib/values";

/**
 * Cloudflare in transit: zone TLS settings (judged per zone with every ZoneSetting on it) and tunnel
 * origin settings.
 */

const ZONE = "cloudflare:index/zone:Zone";
const ZONE_SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
const HOSTNAME_TLS = "cloudflare:index/hostnameTlsSetting:HostnameTlsSetting";
const TUNNEL_CONFIGS = ["cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig", "cloudflare:index/tunnelConfig:TunnelConfig"];

/** What each zone must set, and the values that pass. */
const REQUIRED: readonly { id: string; ok: readonly string[]; fix: string }[] = [
  { id: "min_tls_version", ok: ["1.2", "1.3"], fix: '"1.2"' },
  { id: "always_use_https", ok: ["on"], fix: '"on"' },
  { id: "ssl", ok: ["strict", "full_strict", "origin_pull"], fix: '"strict" (Full (strict); "flexible" is plain HTTP to the origin)' },
];

function settingValue(v: unknown): unknown {
  const o = obj(v);
  return o && "value" in o ? o.value : v;
}

/** zone id -> (setting id -> {value, urn}), from ZoneSetting resources. */
function zoneSettings(stack: StackView): Map<string, Map<string, { value: unknown; urn: string }>> {
  const out = new Map<string, Map<string, { value: unknown; urn: string }>>();
  for (const s of stack.ofType(ZONE_SETTING)) {
    const zones = stack.refs(s, "zoneId", [ZONE]);
    const zoneKey = zones[0]?.urn ?? str(s.props.zoneId) ?? "(unknown zone)";
    const id = str(s.props.settingId);
    if (!id) continue;
    let m = out.get(zoneKey);
    if (!m) out.set(zoneKey, (m = new Map()));
    m.set(id, { value: settingValue(s.props.value), urn: s.urn });
  }
  return out;
}

export const cloudflareZoneTls = stackPolicy({
  name: "cloudflare-zone-tls",
  description: "Cloudflare zones must require TLS 1.2+, redirect HTTP to HTTPS and validate the origin certificate (Full strict).",
  types: [ZONE, ZONE_SETTING, HOSTNAME_TLS],
  fix: 'Declare cloudflare.ZoneSetting resources on the zone: min_tls_version "1.2", always_use_https "on", ssl "strict".',
  validate(stack, _ctx, report) {
    const settings = zoneSettings(stack);
    const zones = new Map<string, string>();
    for (const z of stack.ofType(ZONE)) zones.set(z.urn, z.name);
    for (const key of settings.keys()) if (!zones.has(key)) zones.set(key, key);
    for (const [key, label] of zones) {
      const s = settings.get(key) ?? new Map();
      for (const req of REQUIRED) {
        const got = s.get(req.id);
        const target = got?.urn ?? (stack.byUrn(key) ? key : [...s.values()][0]?.urn ?? "");
        if (!got) {
          report(target, `zone ${label} has no ${req.id} setting in this stack; add a cloudflare.ZoneSetting { zoneId, settingId: "${req.id}", value: ${req.fix} }.`);
        } else if (!req.ok.includes(String(got.value)) && !isUnknown(got.value)) {
          report(got.urn, `zone ${label} sets ${req.id} to ${show(got.value)}; set value to ${req.fix}.`);
        }
      }
    }
    for (const h of stack.ofType(HOSTNAME_TLS)) {
      if (str(h.props.settingId) !== "min_tls_version") continue;
      const v = str(settingValue(h.props.value));
      if (v !== "1.2" && v !== "1.3") report(h.urn, `hostname ${show(h.props.hostname)} overrides min_tls_version to ${show(h.props.value)}; set value to "1.2" or "1.3".`);
    }
  },
});

function originRequests(p: Props): { path: string; value: Props }[] {
  const out: { path: string; value: Props }[] = [];
  for (const f of collect(p, "config.originRequest")) if (obj(f.value)) out.push({ path: f.path, value: obj(f.value)! });
  for (const i of collect(p, "config.ingresses[]")) {
    const o = obj(obj(i.value)?.originRequest);
    if (o) out.push({ path: `${i.path}.originRequest`, value: o });
  }
  return out;
}

export const cloudflareTunnelOriginTls = resourcePolicy<Props>({
  name: "cloudflare-tunnel-origin-tls",
  description: "Cloudflare tunnels must verify origin TLS certificates.",
  types: TUNNEL_CONFIGS,
  fix: "Remove noTlsVerify (or set it to false); give originServerName or caPool for private certificates.",
  validate(p, _ctx, report) {
    for (const o of originRequests(p)) {
      const f = flag(o.value.noTlsVerify);
      if (f === true || f === "unknown") report(`${o.path}.noTlsVerify is ${show(o.value.noTlsVerify)}; set it to false and give caPool or originServerName so the origin certificate verifies.`);
    }
  },
});

const LOOPBACK = /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i;

export const cloudflareTunnelPlainHttp = resourcePolicy<Props>({
  name: "cloudflare-tunnel-plain-http",
  description: "Tunnel ingress rules should reach origins over HTTPS; plain http:// only to loopback on the connector host.",
  enforcementLevel: "advisory",
  types: TUNNEL_CONFIGS,
  fix: "Point the ingress service at https://<origin> (or at http://localhost when cloudflared runs beside the service).",
  validate(p, _ctx, report) {
    for (const i of collect(p, "config.ingresses[]")) {
      const svc = str(obj(i.value)?.service);
      if (svc && svc.toLowerCase().startsWith("http://") && !LOOPBACK.test(svc)) {
        report(`${i.path}.service is ${JSON.stringify(svc)}, plain HTTP across the network; use an https:// service, or run cloudflared beside the origin and use http://localhost.`);
      }
    }
  },
});
