import { controlTowerIssues, controlTowerSchema } from "./controlTower";
import { dataPerimeterIssues, dataPerimeterSchema } from "./dataPerimeter";
import { identityCenterIssues, identityCenterSchema } from "./identityCenter";
import { guardrailsSchema, organizationIssues, organizationSchema } from "./organization";
import { defineRole } from "./role";

export { organizationSchema, guardrailsSchema, controlTowerSchema, identityCenterSchema };

/**
 * The management role: the organisation, its OUs and vended accounts, the guardrails (SCPs, or
 * Control Tower's controls), delegated administration and Identity Center. It reads no other stack:
 * every other stack depends on it, directly or through the log archive.
 */
export const managementRole = defineRole({
  role: "management",
  shape: {
    organization: organizationSchema.prefault({}),
    guardrails: guardrailsSchema.prefault({}),
    controlTower: controlTowerSchema.prefault({}),
    identityCenter: identityCenterSchema.prefault({}),
    dataPerimeter: dataPerimeterSchema.prefault({}),
  },
  requiredSecrets: [],
  refs: {},
  check: (cfg) => [...organizationIssues(cfg, cfg.controlTower.enabled), ...controlTowerIssues(cfg), ...identityCenterIssues(cfg), ...dataPerimeterIssues(cfg)],
});
