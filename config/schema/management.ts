import { z } from "zod";
import { defineRole } from "./role";

/** `landing-zone:organization`: the organisation, its OUs and vended accounts. Issue #3 fills this in. */
export const organizationSchema = z.strictObject({});

export const managementRole = defineRole({
  role: "management",
  shape: {
    organization: organizationSchema.default({}),
  },
  requiredSecrets: [],
  refs: {},
});
