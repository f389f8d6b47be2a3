import { z } from "zod";
import { defineRole } from "./role";

/** `landing-zone:security`: delegated administration of the security services. */
export const securitySchema = z.strictObject({});

export const securityRole = defineRole({
  role: "security",
  shape: {
    security: securitySchema.default({}),
  },
  requiredSecrets: [],
  refs: { management: "management", logArchive: "log-archive" },
});
