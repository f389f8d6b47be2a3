import { TenantStatus } from "./names";

/**
 * Sharing between tenants. A tenant file's `shares: [{ with: <slug>, access: deliver }]` lets the
 * named tenant deliver files to it: put objects under `inbound/<sender>/` in its bucket, encrypted
 * with its key, and never read or decrypt them. Only grants between two active tenants are in
 * force: a suspended or offboarded tenant neither gives nor receives. Removing the entry revokes
 * the grant at the next `pulumi up`.
 */

export const SHARE_ACCESS = ["deliver"] as const;
export type ShareAccess = (typeof SHARE_ACCESS)[number];

/** One entry of a tenant file's `shares`. */
export interface ShareEntry {
  readonly with: string;
  readonly access: ShareAccess;
}

/** A grant in force: `from` may deliver to `to`. */
export interface ShareGrant {
  /** The tenant whose file has the entry: it owns the bucket and the key. */
  readonly to: string;
  /** The tenant it shares with: the sender. */
  readonly from: string;
  readonly access: ShareAccess;
}

interface Sharer {
  readonly slug: string;
  readonly status: TenantStatus;
  readonly shares?: readonly ShareEntry[];
}

/** Every grant declared by these tenants, and whether it is in force (both ends active). */
export function declaredGrants(tenants: readonly Sharer[]): (ShareGrant & { readonly inForce: boolean })[] {
  const status = new Map(tenants.map((t) => [t.slug, t.status]));
  const out: (ShareGrant & { inForce: boolean })[] = [];
  for (const t of tenants) {
    for (const s of t.shares ?? []) {
      out.push({ to: t.slug, from: s.with, access: s.access, inForce: t.status === "active" && status.get(s.with) === "active" });
    }
  }
  return out.sort((a, b) => a.to.localeCompare(b.to) || a.from.localeCompare(b.from));
}

/** The grants in force that concern `slug`: who delivers to it, and whom it delivers to. */
export function grantsOf(slug: string, tenants: readonly Sharer[]): { readonly deliveriesFrom: string[]; readonly deliversTo: string[] } {
  const inForce = declaredGrants(tenants).filter((g) => g.inForce && g.access === "deliver");
  return {
    deliveriesFrom: [...new Set(inForce.filter((g) => g.to === slug).map((g) => g.from))].sort(),
    deliversTo: [...new Set(inForce.filter((g) => g.from === slug).map((g) => g.to))].sort(),
  };
}
