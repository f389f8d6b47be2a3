import * as pulumi from "@pulumi/pulumi";
import { AccountBaseline, ConfigDelivery } from "../components/baseline/accountBaseline";
import { StackConfig } from "../config";
import { StackContext } from "./context";

export interface BaselineOptions {
  /** Where AWS Config delivers. Default: the log-archive stack's `configBucketName` and `logKeyArn` outputs. */
  readonly configDelivery?: ConfigDelivery;
  /** VPCs whose default security group is stripped of rules, by stable key. Default none. */
  readonly defaultSecurityGroupVpcIds?: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * The account baseline of the stack's own account (`landing-zone:baseline`), used by every role.
 * Config delivers to the log archive: stacks that read the log-archive stack take its outputs; the
 * log-archive and management stacks pass `configDelivery` themselves.
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
    },
    { provider: ctx.aws },
  );
}
