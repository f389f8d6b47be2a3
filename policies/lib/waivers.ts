/**
 * Waivers: an approved, dated exception for one policy on resources matched by URN or name. A waiver
 * that has expired waives nothing and is itself reported (the `waiver-expiry` policy of each pack).
 */

export interface Waiver {
  /** A URN glob (`urn:pulumi:prod::landing-zone::*::legacy-*`) or a logical-name glob (`legacy-*`). */
  readonly resource: string;
  /** The policy waived: `<pack>/<policy>` or the bare policy name. Optional in per-policy CLI config. */
  readonly policy?: string;
  readonly reason: string;
  readonly approvedBy: string;
  /** The last day the waiver holds, `YYYY-MM-DD` (valid to the end of that day, UTC). */
  readonly expires: string;
}

const globCache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`);
    globCache.set(glob, re);
  }
  return re;
}

/** The logical name at the end of a URN (`...::name`). */
export function nameOfUrn(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i < 0 ? urn : urn.slice(i + 2);
}

export function waiverMatchesResource(w: Waiver, urn: string, name?: string): boolean {
  const re = globToRegExp(w.resource);
  if (w.resource.startsWith("urn:")) return re.test(urn);
  return re.test(name ?? nameOfUrn(urn));
}

/**
 * Whether `w` names `policy` of `pack` (either `pack/policy` or the bare policy); no policy = any.
 * Without a pack (inside a policy, whose config already holds only its own waivers) any
 * `<pack>/<policy>` with this policy name matches.
 */
export function waiverMatchesPolicy(w: Waiver, pack: string | undefined, policy: string): boolean {
  if (!w.policy) return true;
  if (w.policy === policy) return true;
  if (pack === undefined) return w.policy.endsWith(`/${policy}`);
  return w.policy === `${pack}/${policy}`;
}

/** End of the expiry day in UTC; NaN when the date is malformed. */
export function expiryTime(w: Waiver): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(w.expires);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999);
}

export function isExpired(w: Waiver, now: Date): boolean {
  const t = expiryTime(w);
  return !(t >= now.getTime());
}

/** The first unexpired waiver covering this finding. */
export function findWaiver(waivers: readonly Waiver[] | undefined, pack: string | undefined, policy: string, urn: string, name: string | undefined, now: Date): Waiver | undefined {
  if (!waivers) return undefined;
  for (const w of waivers) {
    if (waiverMatchesPolicy(w, pack, policy) && waiverMatchesResource(w, urn, name) && !isExpired(w, now)) return w;
  }
  return undefined;
}
