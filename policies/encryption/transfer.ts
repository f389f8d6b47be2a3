import type * as aws from "@pulumi/aws";
import { oneOf, show } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { arr, get, isSet, obj, Props, str } from "../lib/values";

/**
 * AWS Transfer Family: no FTP, a current security policy (named versions only: no date
 * arithmetic), an endpoint inside a VPC with no public address, structured logs, and users confined
 * to a logical home directory with a session policy.
 */

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
  fix: 'Set protocols to ["SFTP"] (or FTPS/AS2) and securityPolicyName to "TransferSecurityPolicy-2025-03".',
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

export const transferServerInternal = resourcePolicy<Props>({
  name: "transfer-server-internal",
  description: "Transfer Family servers must have a VPC endpoint with no public address, so file transfers reach them only over the private network.",
  types: ["aws:transfer/server:Server"],
  fix: 'Set endpointType to "VPC" with endpointDetails.{vpcId,subnetIds,securityGroupIds} and no addressAllocationIds.',
  validate(p, _ctx, report) {
    const type = get<aws.transfer.ServerArgs>(p, "endpointType");
    if (isUnknown(type)) return;
    if (str(type) !== "VPC") {
      report(`endpointType is ${str(type) ? show(type) : "not set (PUBLIC: an internet endpoint)"}; set it to "VPC" (VPC_ENDPOINT is discontinued, PUBLIC is on the internet).`);
      return;
    }
    const details = obj(get<aws.transfer.ServerArgs>(p, "endpointDetails"));
    if (arr(details?.addressAllocationIds).length) report("endpointDetails.addressAllocationIds attaches Elastic IPs, which put the server on the internet; remove them and reach it through the VPC.");
    if (!isSet(details?.securityGroupIds) || (!isUnknown(details?.securityGroupIds) && arr(details?.securityGroupIds).length === 0)) {
      report("endpointDetails.securityGroupIds is not set, so the VPC's default security group guards the server; name a security group that admits port 22 from known ranges only.");
    }
  },
});

export const transferServerLogging = resourcePolicy<Props>({
  name: "transfer-server-logging",
  description: "Transfer Family servers must send structured logs to CloudWatch Logs, so every session and file operation is recorded.",
  types: ["aws:transfer/server:Server"],
  fix: "Set structuredLogDestinations to [`${logGroup.arn}:*`] and loggingRole to a role Transfer Family may assume to write there.",
  validate(p, _ctx, report) {
    const dest = get<aws.transfer.ServerArgs>(p, "structuredLogDestinations");
    if (isUnknown(dest)) return;
    if (arr(dest).length === 0) report("structuredLogDestinations is empty: the server's sessions and file operations are not logged; set it to a log group ARN with :*.");
    if (!isSet(get<aws.transfer.ServerArgs>(p, "loggingRole"))) report("loggingRole is not set: Transfer Family cannot write the logs; set it to a role it may assume.");
  },
});

export const transferUserConfined = resourcePolicy<Props>({
  name: "transfer-user-confined",
  description: "Transfer Family users must have a logical home directory and a session policy, so a user sees and reaches only its own folder.",
  types: ["aws:transfer/user:User"],
  fix: 'Set homeDirectoryType to "LOGICAL" with homeDirectoryMappings, and policy to a session policy naming the user\'s bucket and key only.',
  validate(p, _ctx, report) {
    const type = get<aws.transfer.UserArgs>(p, "homeDirectoryType");
    if (!isUnknown(type) && str(type) !== "LOGICAL") {
      report(`homeDirectoryType is ${str(type) ? show(type) : "not set (PATH)"}; with PATH the user sees real bucket paths and can walk up from its home; set it to "LOGICAL".`);
    }
    if (!isSet(get<aws.transfer.UserArgs>(p, "policy"))) report("policy (the session policy) is not set: the session gets the whole of the role's access; set one that names the user's bucket and key only.");
  },
});
