import { statements, strings } from "../lib/iam";
import { LzPolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { obj, str } from "../lib/values";
import { preflightStack } from "./constraint";

/** CloudTrail: the trust of the role a trail assumes to deliver to CloudWatch Logs. */

const TRAIL = "aws:cloudtrail/trail:Trail";
const ROLE = "aws:iam/role:Role";

/** The source keys CloudTrail does not supply when it assumes the CloudWatch Logs role. */
const SOURCE_KEYS = ["aws:sourcearn", "aws:sourceaccount"];

/** Whether a statement lets CloudTrail assume the role. */
function trustsCloudTrail(s: Readonly<Record<string, unknown>>): boolean {
  if (str(s.Effect) !== "Allow") return false;
  const principal = obj(s.Principal);
  if (!principal || !strings(principal.Service).includes("cloudtrail.amazonaws.com")) return false;
  return strings(s.Action).some((a) => ["sts:assumerole", "sts:*", "*"].includes(a.toLowerCase()));
}

/**
 * The source-key conditions a statement requires: every operator on aws:SourceArn or
 * aws:SourceAccount fails when the key is absent, except the `...IfExists` ones and `Null: true`.
 */
function requiredSourceKeys(condition: unknown): string[] {
  const out: string[] = [];
  for (const [operator, block] of Object.entries(obj(condition) ?? {})) {
    for (const [key, value] of Object.entries(obj(block) ?? {})) {
      if (!SOURCE_KEYS.includes(key.toLowerCase())) continue;
      if (/ifexists$/i.test(operator)) continue;
      if (operator.toLowerCase() === "null" && [value].flat().some((v) => String(v).toLowerCase() === "true")) continue;
      out.push(`${operator} ${key}`);
    }
  }
  return out;
}

export const trailDeliveryRoleTrust = preflightStack({
  name: "trail-delivery-role-trust",
  description: "The role a trail assumes to deliver to CloudWatch Logs must not require aws:SourceArn or aws:SourceAccount in its trust: AWS does not support them for this role.",
  types: [TRAIL, ROLE],
  fix: "Trust cloudtrail.amazonaws.com without conditions on aws:SourceArn / aws:SourceAccount, and bound the role by its permissions (logs:CreateLogStream and logs:PutLogEvents on the trail's log streams only).",
  constraint: {
    rule: "confused deputy prevention is not applicable to the role CloudTrail uses for CloudWatch Logs monitoring: it doesn't support the use of aws:SourceArn and aws:SourceAccount",
    source: "AWS CloudTrail User Guide, Role policy document for CloudTrail to use CloudWatch Logs for monitoring",
  },
  validate(stack, _ctx, report) {
    for (const trail of stack.ofType(TRAIL)) {
      const roleArn = str(trail.props.cloudWatchLogsRoleArn);
      if (!roleArn || isUnknown(roleArn)) continue;
      const role = stack.refs(trail, "cloudWatchLogsRoleArn", [ROLE], roleArn)[0];
      if (!role || isUnknown(role.props.assumeRolePolicy)) continue;
      for (const s of statements(role.props.assumeRolePolicy)) {
        if (!trustsCloudTrail(s)) continue;
        const keys = requiredSourceKeys(s.Condition);
        if (keys.length) report(role.urn, `${role.name}, the CloudWatch Logs role of ${trail.name}, lets CloudTrail assume it only with ${keys.join(" and ")}, which AWS does not support for this role, so CloudTrail could not assume it`);
      }
    }
  },
});

export const trailDeliveryRolePolicies: readonly LzPolicy[] = [trailDeliveryRoleTrust];
