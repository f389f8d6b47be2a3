import { definePack } from "../lib/policy";
import { waiverExpiryPolicy } from "../lib/waiverExpiry";
import { vpcFlowLogs } from "./flowLogs";
import { imdsv2Required } from "./imds";
import { noOpenIngress } from "./openIngress";
import { requiredTags } from "./requiredTags";
import { statefulRetained } from "./retention";
import { s3NoPublicAccess } from "./s3PublicAccess";

/**
 * The security baseline pack (advisory by default), side-effect free: policies/baseline/index.ts
 * registers it with `new PolicyPack`, the offline runner (cli/policy) runs the same objects.
 */
export const pack = definePack("baseline", "Security baseline: no public S3, no open ingress outside the DMZ, IMDSv2, VPC flow logs, retained state, required tags.", "advisory", [
  s3NoPublicAccess,
  noOpenIngress,
  imdsv2Required,
  vpcFlowLogs,
  statefulRetained,
  requiredTags,
  waiverExpiryPolicy(),
]);
