import { definePack } from "../lib/policy";
import { waiverExpiryPolicy } from "../lib/waiverExpiry";
import { athenaEncryption, glueEncryption } from "./analytics";
import { apiGatewayTls } from "./apiGateway";
import { cacheEncryption, cacheTransitEncryption } from "./caches";
import { cloudflareTunnelOriginTls, cloudflareTunnelPlainHttp, cloudflareZoneTls } from "./cloudflare";
import { cloudfrontDefaultCertificate, cloudfrontTls } from "./cloudfront";
import { cmkRecommended, cmkRequired } from "./cmk";
import { encryptionCompanionsOutsideStack } from "./companions";
import { codebuildEncryption, containerEncryption, lambdaEnvironmentEncryption, sagemakerEncryption } from "./compute";
import { databaseEncryption } from "./databases";
import { databaseRequireTls, docdbTls } from "./databaseTls";
import { ebsEncryption, ebsSnapshotRestore } from "./ebs";
import { ecsEfsTransitEncryption } from "./ecs";
import { kmsKeyRotation } from "./kms";
import { loadBalancerPlaintextL4, loadBalancerTls } from "./loadBalancers";
import { logEncryption } from "./logs";
import { nativeEncryption } from "./native";
import { ssmSecureParameters } from "./parameters";
import { s3BucketEncryption, s3TlsOnly } from "./s3";
import { serviceEncryption } from "./services";
import { memorydbAuthentication, serviceTransitEncryption, targetGroupPlaintext } from "./serviceTls";
import { snapshotEncryption, snapshotEncryptionUnverified } from "./snapshots";
import { mskTransitEncryption, searchTls } from "./search";
import { storageEncryption } from "./storage";
import { messagingEncryption, streamingEncryption } from "./streaming";
import { efsTlsOnly, sqsSnsTlsOnly } from "./tlsOnly";
import { transferServerInternal, transferServerLogging, transferServerTls, transferUserConfined } from "./transfer";

/**
 * The encryption pack (mandatory by default), side-effect free: policies/encryption/index.ts
 * registers it with `new PolicyPack`, the offline runner (cli/policy) runs the same objects.
 */
export const pack = definePack("encryption", "Encryption at rest and in transit for the AWS and Cloudflare resources of the landing zone.", "mandatory", [
  // At rest.
  s3BucketEncryption,
  cmkRequired,
  cmkRecommended,
  ebsEncryption,
  ebsSnapshotRestore,
  databaseEncryption,
  storageEncryption,
  cacheEncryption,
  streamingEncryption,
  messagingEncryption,
  logEncryption,
  ssmSecureParameters,
  containerEncryption,
  lambdaEnvironmentEncryption,
  codebuildEncryption,
  sagemakerEncryption,
  glueEncryption,
  athenaEncryption,
  kmsKeyRotation,
  nativeEncryption,
  snapshotEncryption,
  snapshotEncryptionUnverified,
  serviceEncryption,
  // In transit.
  s3TlsOnly,
  efsTlsOnly,
  sqsSnsTlsOnly,
  loadBalancerTls,
  loadBalancerPlaintextL4,
  cloudfrontTls,
  cloudfrontDefaultCertificate,
  apiGatewayTls,
  cacheTransitEncryption,
  searchTls,
  mskTransitEncryption,
  databaseRequireTls,
  docdbTls,
  transferServerTls,
  transferServerInternal,
  transferServerLogging,
  transferUserConfined,
  ecsEfsTransitEncryption,
  cloudflareZoneTls,
  cloudflareTunnelOriginTls,
  cloudflareTunnelPlainHttp,
  serviceTransitEncryption,
  memorydbAuthentication,
  targetGroupPlaintext,
  // References followed across resources that lead outside the stack (advisory).
  encryptionCompanionsOutsideStack,
  waiverExpiryPolicy(),
]);
