import type * as aws from "@pulumi/aws";
import { show } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { get, Props, str } from "../lib/values";
import { waiverMatchesResource } from "../lib/waivers";

/** SSM parameters hold secrets unless a parameter is declared non-secret in the policy config. */

interface ParameterConfig {
  /** Logical-name or parameter-name globs that may be plain String/StringList. */
  readonly nonSecretParameters: readonly string[];
}

function listed(globs: readonly string[], urn: string, name: string, paramName: string | undefined): boolean {
  return globs.some((g) => {
    const w = { resource: g, reason: "", approvedBy: "", expires: "" };
    return waiverMatchesResource(w, urn, name) || (paramName !== undefined && waiverMatchesResource(w, paramName, paramName));
  });
}

export const ssmSecureParameters = resourcePolicy<Props, ParameterConfig>({
  name: "ssm-secure-parameters",
  description: "SSM parameters must be SecureString (KMS-encrypted) unless declared non-secret in the policy config.",
  types: ["aws:ssm/parameter:Parameter"],
  fix: 'Set type: "SecureString" with keyId a customer-managed key, or list the parameter under nonSecretParameters in the policy config.',
  config: {
    nonSecretParameters: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Globs of logical names or parameter names (/platform/vpc-id) that hold no secret and may be String",
    },
  },
  defaults: { nonSecretParameters: [] },
  validate(p, ctx, report) {
    const type = get<aws.ssm.ParameterArgs>(p, "type");
    if (str(type) === "SecureString") return;
    const paramName = str(get<aws.ssm.ParameterArgs>(p, "name"));
    if (listed(ctx.config.nonSecretParameters, ctx.urn, ctx.name, paramName)) return;
    report(`type is ${show(type)}; set type to "SecureString" (with keyId a customer-managed key), or add ${JSON.stringify(paramName ?? ctx.name)} to nonSecretParameters in the policy config if it holds no secret.`);
  },
});
