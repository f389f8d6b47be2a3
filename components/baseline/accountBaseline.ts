import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ebsDefaultKeyPolicy } from "../../lib/iam/ebsKeyPolicy";
import { minifiedPolicy } from "../../lib/iam/policyDocument";

export interface PasswordPolicySettings {
  readonly minimumLength: number;
  readonly reusePrevention: number;
  readonly maxAgeDays: number;
}

export interface ConfigDelivery {
  /** The log-archive Config bucket. */
  readonly bucketName: pulumi.Input<string>;
  /** The log-archive key. Default: the bucket's default encryption. */
  readonly kmsKeyArn?: pulumi.Input<string>;
}

export interface AccountBaselineArgs {
  /** The account the stack deploys into. */
  readonly accountId: string;
  /** The stack's home region: global resource types are recorded there only. */
  readonly homeRegion: string;
  /** Regions that get the regional settings (EBS default encryption, Access Analyzer, Config). */
  readonly regions: readonly string[];
  readonly passwordPolicy: PasswordPolicySettings;
  /** Days a scheduled deletion of an EBS default key waits. Default 30. */
  readonly keyDeletionWindowDays?: number;
  /** AWS Config delivery to the log archive. Default: no recorder (Control Tower runs Config, or the log archive is not up yet). */
  readonly configDelivery?: ConfigDelivery;
  /** VPCs, by stable key, whose default security group is stripped of every rule. Default none. */
  readonly defaultSecurityGroupVpcIds?: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * What every account gets, whatever it is for: EBS encryption by default with a key the account
 * owns (per region), the S3 account-level public access block, an IAM password policy, an
 * account-zone IAM Access Analyzer, default security groups without rules, and an AWS Config
 * recorder delivering to the log archive (unless Control Tower runs Config).
 */
export class AccountBaseline extends pulumi.ComponentResource {
  /** The EBS default key ARN by region. */
  readonly ebsKeyArns: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: AccountBaselineArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:baseline:AccountBaseline", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("AccountBaseline needs an explicit AWS provider (default providers are disabled)", this);
    if (!args.regions.includes(args.homeRegion)) throw new pulumi.ResourceError(`regions (${args.regions.join(", ")}) must include the home region ${args.homeRegion}`, this);
    const child = { parent: this, provider };

    new aws.s3.AccountPublicAccessBlock(
      `${name}-s3-public-access-block`,
      { accountId: args.accountId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const pp = args.passwordPolicy;
    new aws.iam.AccountPasswordPolicy(
      `${name}-password-policy`,
      {
        minimumPasswordLength: pp.minimumLength,
        passwordReusePrevention: pp.reusePrevention,
        maxPasswordAge: pp.maxAgeDays,
        requireLowercaseCharacters: true,
        requireUppercaseCharacters: true,
        requireNumbers: true,
        requireSymbols: true,
        allowUsersToChangePassword: true,
        hardExpiry: false,
      },
      child,
    );
    for (const [key, vpcId] of Object.entries(args.defaultSecurityGroupVpcIds ?? {})) {
      // Managing the default group with no rules revokes the allow-all rules AWS puts in it.
      new aws.ec2.DefaultSecurityGroup(`${name}-default-sg-${key}`, { vpcId, ingress: [], egress: [] }, child);
    }

    const configRole = args.configDelivery
      ? new aws.iam.ServiceLinkedRole(`${name}-config-service-role`, { awsServiceName: "config.amazonaws.com", description: "AWS Config recorder of the landing zone baseline" }, child)
      : undefined;

    this.ebsKeyArns = {};
    for (const region of args.regions) {
      const key = new aws.kms.Key(
        `${name}-ebs-key-${region}`,
        {
          region,
          description: "EBS encryption by default for this account and region",
          enableKeyRotation: true,
          rotationPeriodInDays: 365,
          deletionWindowInDays: args.keyDeletionWindowDays ?? 30,
          policy: minifiedPolicy(ebsDefaultKeyPolicy(args.accountId, region)),
        },
        { ...child, protect: true, retainOnDelete: true },
      );
      new aws.kms.Alias(`${name}-ebs-key-alias-${region}`, { region, name: "alias/lz-ebs-default", targetKeyId: key.keyId }, child);
      const encryption = new aws.ebs.EncryptionByDefault(`${name}-ebs-encryption-${region}`, { region, enabled: true }, child);
      new aws.ebs.DefaultKmsKey(`${name}-ebs-default-key-${region}`, { region, keyArn: key.arn }, { ...child, dependsOn: [encryption] });
      this.ebsKeyArns[region] = key.arn;

      new aws.accessanalyzer.Analyzer(`${name}-access-analyzer-${region}`, { region, analyzerName: "lz-account", type: "ACCOUNT" }, child);

      if (args.configDelivery && configRole) {
        const recorder = new aws.cfg.Recorder(
          `${name}-config-recorder-${region}`,
          { region, name: "lz-recorder", roleArn: configRole.arn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === args.homeRegion } },
          child,
        );
        const channel = new aws.cfg.DeliveryChannel(
          `${name}-config-delivery-${region}`,
          {
            region,
            name: "lz-delivery",
            s3BucketName: args.configDelivery.bucketName,
            s3KmsKeyArn: args.configDelivery.kmsKeyArn,
            snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
          },
          { ...child, dependsOn: [recorder] },
        );
        new aws.cfg.RecorderStatus(`${name}-config-recorder-status-${region}`, { region, name: recorder.name, isEnabled: true }, { ...child, dependsOn: [channel] });
      }
    }
    this.registerOutputs({ ebsKeyArns: this.ebsKeyArns });
  }
}
