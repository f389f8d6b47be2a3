import * as pulumi from "@pulumi/pulumi";
import { AccountBaseline, ConfigDelivery } from "../components/baseline/accountBaseline";
import { StackConfig } from "../config";
import { OPT_IN_OUTPUT } from "../lib/optInRegions";
import { StackContext } from "./context";

export interface BaselineOptions {
  /** Where AWS Config delivers. Default: the log-archive stack's `configBucketName` and `logKeyArn` outputs. */
  readonly configDelivery?: ConfigDelivery;
  /** VPCs whose default security group is stripped of rules, by stable key. Default none. */
  readonly defaultSecurityGroupVpcIds?: Readonly<Record<string, pulumi.Input<string>>>;
  /** What each Region's resources wait for (the management stack passes its own Region enablements). Default none. */
  readonly regionDependsOn?: Readonly<Record<string, readonly pulumi.Resource[]>>;
}

/**
 * The account baseline of the stack's own account (`landing-zone:baseline`), used by every role.
 * Config delivers to the log archive: stacks that read the log-archive stack take its outputs; the
 * log-archive and management stacks pass `configDelivery` themselves. Every other stack reads the
 * management stack: its `optInRegions` output says which opt-in Regions are enabled for this
 * account (checked before anything is created there), and its `managementAccountId` is who may
 * assume this account's break-glass role.
 */
export function accountBaseline(ctx: StackContext<StackConfig>, options: BaselineOptions = {}): AccountBaseline {
  const { cfg } = ctx;
  const b = cfg.baseline;
  let configDelivery: ConfigDelivery | undefined;
  if (b.configRecorder) {
    if (options.configDelivery) configDelivery = options.configDelivery;
    else {
      const logArchive = ctx.ref("logArchive");
      configDelivery = {
        bucketName: logArchive.requireOutput("configBucketName") as pulumi.Output<string>,
        kmsKeyArn: logArchive.requireOutput("logKeyArn") as pulumi.Output<string>,
      };
    }
  }
  const management = cfg.role === "management" ? undefined : ctx.ref("management");
  const enabledOptInRegions = management
    ? (management.requireOutput(OPT_IN_OUTPUT) as pulumi.Output<Record<string, string[]>>).apply((byAccount) => byAccount?.[cfg.account.id] ?? [])
    : undefined;
  return new AccountBaseline(
    "baseline",
    {
      accountId: cfg.account.id,
      homeRegion: cfg.account.region,
      regions: b.regions,
      passwordPolicy: b.passwordPolicy,
      keyDeletionWindowDays: b.keyDeletionWindowDays,
      configDelivery,
      defaultSecurityGroupVpcIds: options.defaultSecurityGroupVpcIds,
      regionDependsOn: options.regionDependsOn,
      enabledOptInRegions,
      breakGlass: {
        roleName: cfg.account.breakGlassRoleName,
        managementAccountId: management ? (management.requireOutput("managementAccountId") as pulumi.Output<string>) : cfg.account.id,
      },
    },
    { provider: ctx.aws },
  );
}
