import { z } from "zod";
import { auRegionList, uniqueBy } from "./common";
import { defineRole } from "./role";

export const GUARDDUTY_FEATURES = ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING"] as const;

/** `landing-zone:security`: delegated administration of the organisation's security services. */
export const securitySchema = z.strictObject({
  /** Regions where GuardDuty, Security Hub and Access Analyzer run; Australian only, including the home region. Default both. */
  regions: auRegionList,
  guardDuty: z
    .strictObject({
      /** Protection plans turned on for every member account. Default S3, EBS malware and RDS login protection. */
      features: z
        .array(z.enum(GUARDDUTY_FEATURES, { message: `must be one of ${GUARDDUTY_FEATURES.join(", ")}` }))
        .superRefine(uniqueBy((f) => f, "feature"))
        .default(["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS"]),
    })
    .prefault({}),
  securityHub: z
    .strictObject({
      /** The CIS AWS Foundations Benchmark version subscribed to. Default `3.0.0`. */
      cisVersion: z.enum(["1.4.0", "3.0.0", "5.0.0"]).default("3.0.0"),
    })
    .prefault({}),
  /** The organisation-wide Config aggregator's name. Default `lz-organization`. */
  configAggregatorName: z.string().regex(/^[\w-]{1,256}$/).default("lz-organization"),
  /** The organisation access analyzer's name. Default `lz-organization`. */
  accessAnalyzerName: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/).default("lz-organization"),
});

export type SecuritySettings = z.infer<typeof securitySchema>;

export const securityRole = defineRole({
  role: "security",
  shape: {
    security: securitySchema.prefault({}),
  },
  requiredSecrets: [],
  refs: { management: "management", logArchive: "log-archive" },
  check: (cfg) =>
    cfg.security.regions.includes(cfg.account.region)
      ? []
      : [{ path: "security.regions", message: `must include the home region ${cfg.account.region} (account.region): the finding and Config aggregators live there` }],
});
