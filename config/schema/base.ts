import { z } from "zod";
import { baselineSchema } from "./baseline";
import { accountId, region, roleName, slugName, tags } from "./common";

export const ROLES = ["management", "log-archive", "security", "network", "workload", "tenant-cell"] as const;
export type Role = (typeof ROLES)[number];

/** `landing-zone:account`: the AWS account this stack deploys into. */
export const accountSchema = z.strictObject({
  /** The 12-digit account id; the provider refuses any other account (`allowedAccountIds`). */
  id: accountId,
  /** A short name for the account, used in resource names: `dev`, `log-archive`. */
  name: slugName,
  /** The home region; Australian only. */
  region,
  /** The environment the account serves; it decides TGW segmentation and protection. */
  environment: z.enum(["prod", "nonprod", "shared"], { message: 'must be "prod", "nonprod" or "shared"' }),
  /** The role the deployment assumes in the account. Default `LandingZoneDeployment`. */
  deploymentRoleName: roleName.default("LandingZoneDeployment"),
  /** The break-glass role, exempt from region guardrails. Default `LandingZoneBreakGlass`. */
  breakGlassRoleName: roleName.default("LandingZoneBreakGlass"),
});
export type AccountConfig = z.infer<typeof accountSchema>;

/** `landing-zone:tags`: default tags on every taggable AWS resource (the provider's defaultTags). */
export const tagsSchema = tags.superRefine((t, ctx) => {
  for (const required of ["owner", "dataClassification"]) {
    if (!t[required]) ctx.addIssue({ code: "custom", path: [required], message: `is required: every resource is tagged with its ${required}` });
  }
});

/** `landing-zone:refs`: which stack plays each role this stack reads outputs from. */
export const refsSchema = z
  .strictObject({
    management: slugName.optional(),
    logArchive: slugName.optional(),
    security: slugName.optional(),
    network: slugName.optional(),
    /** A tenant cell's workload stack (its environment). Default: the cell's name before `-cell-<nn>`. */
    workload: slugName.optional(),
  })
  .default({});

const BACKENDS = ["pulumi-cloud", "self-managed"] as const;
/** The organisation name a self-managed (DIY) backend gives every stack. */
export const SELF_MANAGED_ORG = "organization";

/** The keys every stack has, whatever its role. */
export const baseShape = {
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }),
  account: accountSchema,
  tags: tagsSchema,
  refs: refsSchema,
  /**
   * Where the stacks' state lives: `pulumi-cloud` (the default: the deploy workflows log in with
   * PULUMI_ACCESS_TOKEN) or `self-managed` (an S3/file backend). It decides whether `pulumiOrg` is required.
   */
  backend: z.enum(BACKENDS, { message: `must be one of ${BACKENDS.join(", ")}` }).default("pulumi-cloud"),
  /**
   * The Pulumi organisation that owns the stacks: StackReferences are `<pulumiOrg>/landing-zone/<stack>`.
   * Required on the Pulumi Cloud backend (config/stackConfig.ts); a self-managed backend's is always `organization`.
   */
  pulumiOrg: z.string().regex(/^[\w.-]+$/).default(SELF_MANAGED_ORG),
  /** The account baseline every stack applies to its account (config/schema/baseline.ts). */
  baseline: baselineSchema.prefault({}),
};
export type RefRole = "management" | "logArchive" | "security" | "network" | "workload";
