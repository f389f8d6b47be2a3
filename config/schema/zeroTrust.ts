import { z } from "zod";

/**
 * Cloudflare Zero Trust keys of the workload role (issue #6): `landing-zone:cloudflare` and friends.
 * Merged into the workload role by config/schema/workload.ts.
 */
export const zeroTrustShape = {};

/** Top-level secret keys the Zero Trust component needs (set with `pulumi config set --secret`). */
export const zeroTrustRequiredSecrets: readonly string[] = [];
export const zeroTrustOptionalSecrets: readonly string[] = [];

/** Cross-key checks, paths without the namespace. */
export function zeroTrustCheck(_cfg: Record<string, any>): { path: string; message: string }[] {
  return [];
}

export type _ZeroTrustKeys = z.infer<z.ZodObject<typeof zeroTrustShape>>;
