import { definePack } from "../lib/policy";
import { waiverExpiryPolicy } from "../lib/waiverExpiry";
import { cloudflareRegionalHostnames } from "./cloudflare";
import { copyResidency } from "./copies";
import { dataPathResidency, dataPathUnverified } from "./dataPaths";
import { deliveryResidency } from "./delivery";
import { apiGatewayEndpointResidency, cloudfrontResidency, regionalSettingsResidency } from "./edge";
import { kmsMultiRegionKeys, kmsReplicaResidency, replicaResidency } from "./keysAndReplicas";
import { resourcePlacement } from "./placement";
import { awsProviderRegion, datadogSite } from "./providers";
import { dynamodbResidency, s3ReplicationResidency } from "./storageReplication";

/**
 * The residency pack (mandatory by default), side-effect free: policies/residency/index.ts registers
 * it with `new PolicyPack`, the offline runner (cli/policy) runs the same objects.
 */
export const pack = definePack("residency", "Australian data residency: resources, replicas, copies and data flows stay in the allowed regions.", "mandatory", [
  awsProviderRegion,
  resourcePlacement,
  datadogSite,
  s3ReplicationResidency,
  dynamodbResidency,
  copyResidency,
  kmsReplicaResidency,
  kmsMultiRegionKeys,
  replicaResidency,
  deliveryResidency,
  dataPathResidency,
  dataPathUnverified,
  cloudfrontResidency,
  apiGatewayEndpointResidency,
  regionalSettingsResidency,
  cloudflareRegionalHostnames,
  waiverExpiryPolicy(),
]);
