import { wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { collect, obj, Props, str } from "../lib/values";

/** ECS task definitions mount EFS over TLS. */

export const ecsEfsTransitEncryption = resourcePolicy<Props>({
  name: "ecs-efs-transit-encryption",
  description: "ECS tasks must mount EFS volumes with transit encryption.",
  types: ["aws:ecs/taskDefinition:TaskDefinition"],
  fix: 'Set volumes[].efsVolumeConfiguration.transitEncryption to "ENABLED".',
  validate(p, _ctx, report) {
    for (const v of collect(p, "volumes[]")) {
      const efs = obj(obj(v.value)?.efsVolumeConfiguration);
      if (efs && str(efs.transitEncryption) !== "ENABLED") report(wrong(`${v.path}.efsVolumeConfiguration.transitEncryption`, efs.transitEncryption, '"ENABLED"'));
    }
  },
});
