import { z } from "zod";
import { AZS, cidr } from "./common";
import { observabilityCheck, observabilityOptionalSecrets, observabilityRequiredSecrets, observabilityShape } from "./observability";
import { defineRole } from "./role";
import { zeroTrustCheck, zeroTrustOptionalSecrets, zeroTrustRequiredSecrets, zeroTrustShape } from "./zeroTrust";

/** `landing-zone:vpc`: the workload VPC with its DMZ, app and data tiers. */
export const vpcSchema = z.strictObject({
  /** The VPC's CIDR; must not overlap any other stack's. */
  cidr,
  /** The availability zones, 2 or 3, all in the stack's region. */
  azs: z.array(z.string()).min(2, { message: "needs at least 2 availability zones" }).max(3, { message: "takes at most 3 availability zones" }),
});

export const workloadRole = defineRole({
  role: "workload",
  shape: {
    vpc: vpcSchema,
    ...zeroTrustShape,
    ...observabilityShape,
  },
  requiredSecrets: [...zeroTrustRequiredSecrets, ...observabilityRequiredSecrets],
  optionalSecrets: [...zeroTrustOptionalSecrets, ...observabilityOptionalSecrets],
  refs: { network: "network", logArchive: "log-archive" },
  cidrs: (cfg) => [{ path: "vpc.cidr", cidr: cfg.vpc.cidr }],
  check: (cfg) => {
    const valid: readonly string[] = AZS[cfg.account.region as keyof typeof AZS];
    const issues = cfg.vpc.azs
      .map((az: string, i: number) => ({ az, i }))
      .filter(({ az }: { az: string }) => !valid.includes(az))
      .map(({ az, i }: { az: string; i: number }) => ({
        path: `vpc.azs[${i}]`,
        message: `"${az}" is not an availability zone of ${cfg.account.region} (account.region); use ${valid.join(", ")}`,
      }));
    if (new Set(cfg.vpc.azs).size !== cfg.vpc.azs.length) issues.push({ path: "vpc.azs", message: "lists an availability zone twice; each tier gets one subnet per distinct AZ" });
    return [...issues, ...zeroTrustCheck(cfg), ...observabilityCheck(cfg)];
  },
});
