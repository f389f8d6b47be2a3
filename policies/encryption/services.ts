import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { at, collect, flag, isSet, json, obj, Props, str } from "../lib/values";

/**
 * At rest, for the data-holding services added from the Checkov / Security Hub coverage table:
 * WorkSpaces volumes, API Gateway stage caches, ECS Exec session logs, Image Builder recipes, DLM
 * cross-region copies and EMR. Each flag here defaults to off (or to the AMI's state), so an
 * omitted or unknown flag fails.
 */

const WORKSPACE = "aws:workspaces/workspace:Workspace";
const METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
const IMAGE_RECIPE = "aws:imagebuilder/imageRecipe:ImageRecipe";
const DLM = "aws:dlm/lifecyclePolicy:LifecyclePolicy";
export const EMR_SECURITY_CONFIGURATION = "aws:emr/securityConfiguration:SecurityConfiguration";
const EMR_CLUSTER = "aws:emr/cluster:Cluster";
const AMI = "aws:ec2/ami:Ami";

/** The EMR security configuration document's EncryptionConfiguration, or a reason it cannot be read. */
export function emrEncryption(p: Props): Props | "unknown" | undefined {
  const doc = json(p.configuration);
  if (typeof doc === "string") return "unknown";
  return obj(obj(doc)?.EncryptionConfiguration);
}

function needTrue(report: (m: string) => void, path: string, v: unknown, why: string): void {
  if (flag(v) !== true) report(wrong(path, v, `true (${why})`));
}

export const serviceEncryption = resourcePolicy<Props>({
  name: "service-encryption",
  description: "WorkSpaces volumes, API Gateway caches, ECS Exec logs, Image Builder volumes, registered AMIs' devices, DLM cross-region copies and EMR data must be encrypted at rest.",
  types: [WORKSPACE, METHOD_SETTINGS, ECS_CLUSTER, IMAGE_RECIPE, DLM, EMR_SECURITY_CONFIGURATION, EMR_CLUSTER, AMI],
  fix: "Turn the resource's encryption flag on (rootVolumeEncryptionEnabled, cacheDataEncrypted, s3BucketEncryptionEnabled, ebs.encrypted, crossRegionCopyRules.encrypted, EnableAtRestEncryption), with a customer-managed key.",
  validate(p, ctx, report) {
    switch (ctx.type) {
      case WORKSPACE:
        needTrue(report, "rootVolumeEncryptionEnabled", p.rootVolumeEncryptionEnabled, "WorkSpaces volumes are unencrypted by default");
        needTrue(report, "userVolumeEncryptionEnabled", p.userVolumeEncryptionEnabled, "WorkSpaces volumes are unencrypted by default");
        return;
      case METHOD_SETTINGS: {
        const s = obj(p.settings);
        const caching = flag(s?.cachingEnabled);
        if (caching === true || caching === "unknown") needTrue(report, "settings.cacheDataEncrypted", s?.cacheDataEncrypted, "the stage cache stores responses unencrypted otherwise");
        return;
      }
      case ECS_CLUSTER: {
        const exec = obj(at(p, "configuration.executeCommandConfiguration"));
        const log = obj(exec?.logConfiguration);
        if (!exec || str(exec.logging) !== "OVERRIDE" || !log) return;
        if (isSet(log.s3BucketName)) needTrue(report, "configuration.executeCommandConfiguration.logConfiguration.s3BucketEncryptionEnabled", log.s3BucketEncryptionEnabled, "ECS Exec session transcripts hold command output");
        if (isSet(log.cloudWatchLogGroupName)) needTrue(report, "configuration.executeCommandConfiguration.logConfiguration.cloudWatchEncryptionEnabled", log.cloudWatchEncryptionEnabled, "ECS Exec session transcripts hold command output");
        return;
      }
      case IMAGE_RECIPE:
        for (const m of collect(p, "blockDeviceMappings[]")) {
          const ebs = obj(obj(m.value)?.ebs);
          // A string in this schema ("true"), unlike the other block-device flags.
          if (ebs && flag(ebs.encrypted) !== true) report(wrong(`${m.path}.ebs.encrypted`, ebs.encrypted, `"true" (otherwise the image's volume keeps the parent image's state)`));
        }
        return;
      case DLM:
        for (const f of collect(p, "policyDetails.schedules[].crossRegionCopyRules[]")) needTrue(report, `${f.path}.encrypted`, obj(f.value)?.encrypted, "a copy is stored as its source is otherwise");
        for (const f of collect(p, "policyDetails.action.crossRegionCopies[]")) needTrue(report, `${f.path}.encryptionConfiguration.encrypted`, at(f.value, "encryptionConfiguration.encrypted"), "a copy is stored as its source is otherwise");
        return;
      case EMR_SECURITY_CONFIGURATION: {
        const e = emrEncryption(p);
        if (e === "unknown") return; // unknown at preview: judged at update time with the final document
        needTrue(report, "configuration EncryptionConfiguration.EnableAtRestEncryption", e?.EnableAtRestEncryption, "EMRFS and local disks are unencrypted by default");
        return;
      }
      case AMI:
        for (const d of collect(p, "ebsBlockDevices[]")) needTrue(report, `${d.path}.encrypted`, obj(d.value)?.encrypted, "instances launched from the image get its volumes as registered");
        return;
      case EMR_CLUSTER:
        if (!isSet(p.securityConfiguration)) report(`securityConfiguration is ${show(p.securityConfiguration)}, so the cluster's local disks and EMRFS data have no encryption settings; set securityConfiguration to an aws.emr.SecurityConfiguration that enables at-rest and in-transit encryption.`);
        return;
    }
  },
});
