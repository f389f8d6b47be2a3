/**
 * Hostnames and tunnel ingress rules, as plain data: the checks config runs on
 * `landing-zone:cloudflare`, and the assembly of the one ingress list of an environment's tunnel
 * (config rules, then tenant rules, then the catch-all 404).
 */

/** The service cloudflared answers with when no rule matches. */
export const CATCH_ALL_SERVICE = "http_status:404";

/** One ingress rule as config and the tenants give it. */
export interface IngressRuleSpec {
  /** The public hostname; absent only on the catch-all. */
  readonly hostname?: string;
  /** A path regex, when one hostname routes by path. */
  readonly path?: string;
  /** The private origin (`https://...`) or, for the catch-all, `http_status:404`. */
  readonly service: string;
  /** The name cloudflared expects on the origin's certificate, when it differs from the URL's host. */
  readonly originServerName?: string;
  /** The Host header sent to the origin. */
  readonly httpHostHeader?: string;
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOSTNAME = new RegExp(`^(?=.{1,253}$)(?:${LABEL}\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$`);

/** A lower-case DNS name with at least two labels: `admin.example.net`. */
export function isHostname(s: string): boolean {
  return HOSTNAME.test(s);
}

/** True when `hostname` is the zone apex or a name under it. */
export function inZone(hostname: string, zone: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  const z = zone.toLowerCase().replace(/\.$/, "");
  return h === z || h.endsWith(`.${z}`);
}

export function isCatchAll(rule: IngressRuleSpec): boolean {
  return rule.hostname === undefined && rule.path === undefined;
}

function isPrivateIpv4(host: string): boolean | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a === 127;
}

/**
 * Why `service` is not a private HTTPS origin, or undefined when it is. cloudflared verifies the
 * origin's certificate, so origins speak TLS; a literal IP must be private (origins are internal
 * load balancers or service names, never the internet).
 */
export function originIssue(service: string): string | undefined {
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    return `"${service}" is not a URL; use a private HTTPS origin such as https://admin.internal.example.net`;
  }
  if (url.protocol !== "https:") return `"${service}" is not HTTPS; origins are reached over TLS with verification on, e.g. https://admin.internal.example.net`;
  if (url.username || url.password) return `"${service}" carries credentials in the URL; remove them`;
  if (isPrivateIpv4(url.hostname) === false) return `"${service}" is a public IP address; origins are private (an internal load balancer or service name)`;
  return undefined;
}

/** The TCP port cloudflared connects to for an `https://` origin. */
export function originPort(service: string): number | undefined {
  try {
    const url = new URL(service);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  } catch {
    return undefined;
  }
}

export interface RuleIssue {
  /** Relative to the rule list: `[2].hostname`, or "" for the list. */
  readonly path: string;
  readonly message: string;
}

/**
 * Checks a configured ingress list: every rule but the last names a hostname in `zone` and a private
 * HTTPS origin; the last is the catch-all `http_status:404` and the only rule without a hostname;
 * no hostname/path pair repeats.
 */
export function ingressIssues(rules: readonly IngressRuleSpec[], zone: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const last = rules[rules.length - 1];
  if (!last || !isCatchAll(last)) {
    issues.push({ path: "", message: `must end with a catch-all rule, a rule without hostname or path: { service: "${CATCH_ALL_SERVICE}" }. cloudflared refuses a configuration without one` });
  } else if (last.service !== CATCH_ALL_SERVICE) {
    issues.push({ path: `[${rules.length - 1}].service`, message: `the catch-all answers "${last.service}"; it must be "${CATCH_ALL_SERVICE}" so that unknown hostnames get a 404, not an origin` });
  }
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    const isLast = i === rules.length - 1;
    if (r.hostname === undefined) {
      if (!isLast) issues.push({ path: `[${i}].hostname`, message: `is required: only the last rule (the catch-all ${CATCH_ALL_SERVICE}) has no hostname, and rules after a catch-all are never reached` });
      return;
    }
    if (!isHostname(r.hostname)) issues.push({ path: `[${i}].hostname`, message: `"${r.hostname}" is not a lower-case DNS name such as admin.${zone}` });
    else if (!inZone(r.hostname, zone)) issues.push({ path: `[${i}].hostname`, message: `"${r.hostname}" is outside the zone ${zone} (cloudflare.zone); use a name under it, e.g. ${r.hostname.split(".")[0]}.${zone}` });
    const origin = originIssue(r.service);
    if (origin) issues.push({ path: `[${i}].service`, message: origin });
    if (r.originServerName !== undefined && !isHostname(r.originServerName)) issues.push({ path: `[${i}].originServerName`, message: `"${r.originServerName}" is not a DNS name` });
    const key = `${r.hostname}|${r.path ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) issues.push({ path: `[${i}].hostname`, message: `"${r.hostname}"${r.path ? ` with path ${r.path}` : ""} is already routed by rule [${first}]; each hostname and path is routed once` });
    else seen.set(key, i);
  });
  return issues;
}

/**
 * The ingress list the tunnel gets: the configured rules without their catch-all, then the tenants'
 * rules, then the catch-all 404. Throws when a tenant rule takes a hostname config already routes,
 * or has no hostname (a tenant cannot add a catch-all).
 */
export function assembleIngress(configured: readonly IngressRuleSpec[], tenants: readonly IngressRuleSpec[]): IngressRuleSpec[] {
  const own = configured.filter((r) => !isCatchAll(r));
  const taken = new Set(own.map((r) => `${r.hostname}|${r.path ?? ""}`));
  for (const t of tenants) {
    if (t.hostname === undefined) throw new Error(`a tenant ingress rule for ${t.service} has no hostname; only the platform's catch-all may omit it`);
    const key = `${t.hostname}|${t.path ?? ""}`;
    if (taken.has(key)) throw new Error(`the tenant hostname ${t.hostname} is already routed (cloudflare.ingress or another tenant); each hostname is routed once`);
    taken.add(key);
  }
  return [...own, ...tenants, { service: CATCH_ALL_SERVICE }];
}
