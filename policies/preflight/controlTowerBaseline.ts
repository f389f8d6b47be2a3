import { AWS_CONTROL_TOWER_BASELINE_ID, BASELINE_VERSION_FOR_LANDING_ZONE } from "../../lib/scp/controlTower";
import { LzPolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { str } from "../lib/values";
import { preflightStack } from "./constraint";

/** AWS Control Tower: the OU baseline (AWSControlTowerBaseline) against its landing zone. */

const LANDING_ZONE = "aws:controltower/landingZone:LandingZone";
const BASELINE = "aws:controltower/baseline:Baseline";
const OU = "aws:organizations/organizationalUnit:OrganizationalUnit";
const NOT_OUS = ["aws:organizations/account:Account", "aws:organizations/organization:Organization"];

/** The versions AWS lists, as a sentence: `3.0 for landing zone 3.0 and 3.1, ...`. */
function table(): string {
  const byBaseline = new Map<string, string[]>();
  for (const [lz, b] of Object.entries(BASELINE_VERSION_FOR_LANDING_ZONE)) byBaseline.set(b, [...(byBaseline.get(b) ?? []), lz]);
  return [...byBaseline].map(([b, lzs]) => `${b} for landing zone ${lzs.join(" and ")}`).join(", ");
}

export const controlTowerBaseline = preflightStack({
  name: "control-tower-baseline",
  description: "AWSControlTowerBaseline is enabled on OUs only, at the baseline version AWS lists for the landing zone's version (the latest compatible one).",
  types: [LANDING_ZONE, BASELINE],
  fix: "Target the OU's ARN, and set baselineVersion from the landing zone version (lib/scp/controlTower.ts, controlTowerBaselineVersion).",
  constraint: {
    rule: `when you enable a baseline on an OU you must specify a baseline version compatible with the landing zone version, and the latest compatible one if the OU is not yet registered (AWSControlTowerBaseline ${table()}); only OUs are supported as targets`,
    source: "AWS Control Tower User Guide, Compatibility of OU baselines and landing zone versions; AWS Control Tower API Reference, EnableBaseline (targetIdentifier)",
  },
  validate(stack, _ctx, report) {
    const lz = stack.ofType(LANDING_ZONE)[0];
    const lzVersion = lz ? str(lz.props.version) : undefined;
    const expected = lzVersion && !isUnknown(lzVersion) ? BASELINE_VERSION_FOR_LANDING_ZONE[lzVersion] : undefined;
    for (const b of stack.ofType(BASELINE)) {
      const id = str(b.props.baselineIdentifier);
      if (!id || isUnknown(id) || !id.endsWith(`/${AWS_CONTROL_TOWER_BASELINE_ID}`)) continue;
      const version = str(b.props.baselineVersion);
      if (expected && version && !isUnknown(version) && version !== expected) {
        report(b.urn, `${b.name} enables AWSControlTowerBaseline ${version} on a landing zone of version ${lzVersion}, which takes ${expected}`);
      }
      const target = str(b.props.targetIdentifier);
      if (!target || isUnknown(target)) continue;
      const resolved = stack.refs(b, "targetIdentifier", [OU, ...NOT_OUS], target)[0];
      const notOu = resolved ? resolved.type !== OU : /^arn:aws[a-z-]*:organizations::\d{12}:(account|root)\//.test(target);
      if (notOu) report(b.urn, `${b.name} targets ${resolved ? `${resolved.name} (${resolved.type})` : target}, which is not an OU`);
    }
  },
});

export const controlTowerBaselinePolicies: readonly LzPolicy[] = [controlTowerBaseline];
