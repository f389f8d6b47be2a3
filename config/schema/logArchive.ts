import { z } from "zod";
import { defineRole } from "./role";

/** `landing-zone:logArchive`: the log buckets, their key, retention and the org trail. */
export const logArchiveSchema = z.strictObject({});

export const logArchiveRole = defineRole({
  role: "log-archive",
  shape: {
    logArchive: logArchiveSchema.default({}),
  },
  requiredSecrets: [],
  refs: { management: "management" },
});
