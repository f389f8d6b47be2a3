import type * as aws from "@pulumi/aws";
import { oneOf, show } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { arr, get, Props, str } from "../lib/values";

/** AWS Transfer Family: no FTP, and a current security policy (named versions only: no date arithmetic). */

/**
 * The current policies among the pinned provider's own list (securityPolicyName in
 * @pulumi/aws/transfer/server.d.ts); test/policies/encryption/transfer.test.ts fails when the
 * provider lists a policy that is neither here nor refused there with a reason.
 */
export const DEFAULT_TRANSFER_POLICIES = [
  "TransferSecurityPolicy-2025-03",
  "TransferSecurityPolicy-2024-01",
  "TransferSecurityPolicy-2023-05",
  "TransferSecurityPolicy-2022-03",
  "TransferSecurityPolicy-FIPS-2025-03",
  "TransferSecurityPolicy-FIPS-2024-05",
  "TransferSecurityPolicy-FIPS-2024-01",
  "TransferSecurityPolicy-FIPS-2023-05",
  "TransferSecurityPolicy-Restricted-2024-06",
  "TransferSecurityPolicy-SshAuditCompliant-2025-02",
  "TransferSecurityPolicy-AS2Restricted-2025-07",
];

interface TransferConfig {
  readonly allowedSecurityPolicies: readonly string[];
}

export const transferServerTls = resourcePolicy<Props, TransferConfig>({
  name: "transfer-server-tls",
  description: "Transfer Family servers must not offer plain FTP and must use a current security policy.",
  types: ["aws:transfer/server:Server"],
  fix: 'Set protocols to ["SFTP"] (or FTPS/AS2) and securityPolicyName to "TransferSecurityPolicy-2024-01".',
  config: {
    allowedSecurityPolicies: { type: "array", items: { type: "string" }, minItems: 1, default: DEFAULT_TRANSFER_POLICIES, description: "Accepted securityPolicyName values" },
  },
  defaults: { allowedSecurityPolicies: DEFAULT_TRANSFER_POLICIES },
  validate(p, ctx, report) {
    const protocols = arr(get<aws.transfer.ServerArgs>(p, "protocols"));
    if (protocols.includes("FTP")) report(`protocols includes "FTP" (plaintext); set protocols to ["SFTP"] or ["FTPS"].`);
    const sp = get<aws.transfer.ServerArgs>(p, "securityPolicyName");
    if (!ctx.config.allowedSecurityPolicies.includes(str(sp) ?? "")) {
      report(`securityPolicyName is ${str(sp) ? show(sp) : "not set (TransferSecurityPolicy-2018-11)"}; set it to ${oneOf(ctx.config.allowedSecurityPolicies.slice(0, 2))} or another allowed policy.`);
    }
  },
});
