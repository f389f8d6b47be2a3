import { TenantStatus } from "./names";

/**
 * What a tenant's status means for its resources. The data (key, bucket, role, secret) exists in
 * every status; only the way in changes.
 */
export interface StatusEffects {
  /** The Access application, its policies, the DNS record, the tunnel ingress rule and any custom hostname exist. */
  readonly reachable: boolean;
  /** The Access policies deny everyone (people and the synthetics service token alike). */
  readonly denyAll: boolean;
  /** The synthetic test (and the monitor on its failures) exist. */
  readonly monitored: boolean;
  /** The HTTP status the synthetic test expects: 200 when served, 403 while Access denies all. */
  readonly expectedStatusCode: number;
}

export function statusEffects(status: TenantStatus): StatusEffects {
  switch (status) {
    case "active":
      return { reachable: true, denyAll: false, monitored: true, expectedStatusCode: 200 };
    case "suspended":
      return { reachable: true, denyAll: true, monitored: true, expectedStatusCode: 403 };
    case "offboarded":
      return { reachable: false, denyAll: true, monitored: false, expectedStatusCode: 403 };
  }
}
