import { definePack, LzPolicy } from "../lib/policy";
import { waiverExpiryPolicy } from "../lib/waiverExpiry";
import { awsConfigPolicies } from "./awsConfig";
import { cloudTrailPolicies } from "./cloudTrail";
import { controlTowerBaselinePolicies } from "./controlTowerBaseline";
import { controlTowerManifestPolicies } from "./controlTowerManifest";
import { guardrailPolicies } from "./guardrails";
import { kmsPolicies } from "./kms";
import { namePolicies } from "./names";
import { networkPolicies } from "./network";
import { organizationPolicies } from "./organization";
import { regionPolicies } from "./regions";
import { securityPolicies } from "./security";
import { tgwAttachmentArnPolicies } from "./tgwAttachmentArns";
import { trailDeliveryRolePolicies } from "./trailDeliveryRole";
import { zonePolicies } from "./zones";

/**
 * The rules of each concern, in report order. A concern is one module exporting its list
 * (`organizationPolicies` in organization.ts); to add one, write the module and list it here.
 */
export const PREFLIGHT_CONCERNS: Readonly<Record<string, readonly LzPolicy[]>> = {
  regions: regionPolicies,
  organization: organizationPolicies,
  guardrails: guardrailPolicies,
  controlTowerBaseline: controlTowerBaselinePolicies,
  controlTowerManifest: controlTowerManifestPolicies,
  security: securityPolicies,
  awsConfig: awsConfigPolicies,
  cloudTrail: cloudTrailPolicies,
  trailDeliveryRole: trailDeliveryRolePolicies,
  kms: kmsPolicies,
  names: namePolicies,
  network: networkPolicies,
  tgwAttachmentArns: tgwAttachmentArnPolicies,
  zones: zonePolicies,
};

/**
 * The preflight pack (mandatory by default), side-effect free: policies/preflight/index.ts registers
 * it with `new PolicyPack`, the offline runner (cli/policy) runs the same objects. Its rules are not
 * compliance but what AWS itself would refuse (or silently not do) at deployment, each written from
 * a documented AWS constraint that it names in its findings.
 */
export const pack = definePack(
  "preflight",
  "Deploy-time failures AWS would raise: quotas, naming rules, ordering and service prerequisites the mock engine cannot enforce.",
  "mandatory",
  [...Object.values(PREFLIGHT_CONCERNS).flat(), waiverExpiryPolicy()],
);
