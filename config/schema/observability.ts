import { z } from "zod";

/**
 * Datadog keys of the workload role (issue #6): `landing-zone:datadog`. Merged into the workload
 * role by config/schema/workload.ts.
 */
export const observabilityShape = {};

export const observabilityRequiredSecrets: readonly string[] = [];
export const observabilityOptionalSecrets: readonly string[] = [];

export function observabilityCheck(_cfg: Record<string, any>): { path: string; message: string }[] {
  return [];
}

export type _ObservabilityKeys = z.infer<z.ZodObject<typeof observabilityShape>>;
