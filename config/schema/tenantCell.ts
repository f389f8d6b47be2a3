import { z } from "zod";
import { cellWorkloadOf, DEFAULT_CELL_CAPACITY, MAX_CELL_CAPACITY } from "../../lib/tenants/cells";
import { defineRole } from "./role";

/**
 * The tenant-cell role: `Pulumi.<env>-cell-<nn>.yaml`, a stack in the environment's account that
 * holds some of its tenants and reads everything it shares with the environment from the workload
 * stack's `tenantPlatform` output (StackReference). Which tenants: those whose file names the cell
 * (config/tenants.ts). Checks against the workload stack's file are in config/cells.ts.
 */

/** `landing-zone:cell`. */
export const cellSchema = z.strictObject({
  /** The most tenants the cell holds. Default 50, at most 60. */
  capacity: z
    .number({ message: `must be a whole number of tenants, e.g. ${DEFAULT_CELL_CAPACITY}` })
    .int({ message: "must be a whole number of tenants" })
    .min(1, { message: "must be at least 1" })
    .max(MAX_CELL_CAPACITY, { message: `must be at most ${MAX_CELL_CAPACITY}: each tenant adds about 20 resources and a cell's state stays under 1,500 (docs/CELLS.md)` })
    .default(DEFAULT_CELL_CAPACITY),
});
export type CellConfig = z.infer<typeof cellSchema>;

export const tenantCellRole = defineRole({
  role: "tenant-cell",
  shape: { cell: cellSchema.prefault({}) },
  requiredSecrets: [
    /** The cell's own Cloudflare API token (Access, Tunnel, DNS of the zone). */
    "cloudflareApiToken",
    /** The secret of the cell's own tunnel (`openssl rand -base64 32`). */
    "cloudflareTunnelSecret",
    "datadogApiKey",
    "datadogAppKey",
  ],
  refs: { workload: "" },
  refDefaults: (stack) => ({ workload: cellWorkloadOf(stack) ?? "" }),
});
