import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ebsDefaultKeyPolicy } from "../../lib/iam/ebsKeyPolicy";
import { breakGlassTrustPolicy } from "../../lib/iam/trustPolicy";
import { minifiedPolicy } from "../../lib/iam/policyDocument";
import { isOptInRegion } from "../../lib/optInRegions";

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
  /** What the delivery channel waits for: the bucket's policy, when the same stack creates it. Default none. */
  readonly dependsOn?: readonly pulumi.Resource[];
}

export interface BreakGlassRole {
  /** The role's name (`account.breakGlassRoleName`), the one the SCPs exempt and protect. */
  readonly roleName: string;
  /** The management account: the only one whose principals may assume it, with MFA. */
  readonly managementAccountId: pulumi.Input<string>;
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
  /** What the resources of each Region wait for: that Region's enablement, when this stack makes it. Default none. */
  readonly regionDependsOn?: Readonly<Record<string, readonly pulumi.Resource[]>>;
  /**
   * The opt-in Regions enabled for this account by another stack (the management stack's
   * `optInRegions` output). An opt-in Region of `regions` missing from it fails the deployment
   * before anything is created there. Default: not checked.
   */
  readonly enabledOptInRegions?: pulumi.Input<readonly string[]>;
  /** The break-glass role of this account. Default: none created. */
  readonly breakGlass?: BreakGlassRole;
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

    if (args.breakGlass) {
      // Retained: deleting the emergency role by an edit would leave an account no one can recover.
      const role = new aws.iam.Role(
        `${name}-break-glass`,
        { name: args.breakGlass.roleName, description: "Emergency access; every use is reviewed", maxSessionDuration: 3600, assumeRolePolicy: pulumi.output(args.breakGlass.managementAccountId).apply((m) => JSON.stringify(breakGlassTrustPolicy(m))) },
        { ...child, retainOnDelete: true },
      );
      new aws.iam.RolePolicyAttachment(`${name}-break-glass-admin`, { role: role.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { ...child, retainOnDelete: true });
    }

    this.ebsKeyArns = {};
    for (const plain of args.regions) {
      const at = { ...child, dependsOn: [...(args.regionDependsOn?.[plain] ?? [])] };
      // An opt-in Region enabled by the management stack: checked against its output before anything is created there.
      const region: pulumi.Input<string> =
        args.enabledOptInRegions !== undefined && isOptInRegion(plain)
          ? pulumi.output(args.enabledOptInRegions).apply((enabled) => {
              if (!enabled.includes(plain)) throw new pulumi.ResourceError(`${plain} is an opt-in Region and is not enabled for account ${args.accountId} (the management stack's optInRegions output lists ${JSON.stringify(enabled)}); deploy the management stack first, with ${plain} in guardrails.allowedRegions`, this);
              return plain;
            })
          : plain;
      const key = new aws.kms.Key(
        `${name}-ebs-key-${plain}`,
        {
          region,
          description: "EBS encryption by default for this account and region",
          enableKeyRotation: true,
          rotationPeriodInDays: 365,
          deletionWindowInDays: args.keyDeletionWindowDays ?? 30,
          policy: minifiedPolicy(ebsDefaultKeyPolicy(args.accountId, plain)),
        },
        { ...at, protect: true, retainOnDelete: true },
      );
      new aws.kms.Alias(`${name}-ebs-key-alias-${plain}`, { region, name: "alias/lz-ebs-default", targetKeyId: key.keyId }, at);
      const encryption = new aws.ebs.EncryptionByDefault(`${name}-ebs-encryption-${plain}`, { region, enabled: true }, at);
      new aws.ebs.DefaultKmsKey(`${name}-ebs-default-key-${plain}`, { region, keyArn: key.arn }, { ...at, dependsOn: [...at.dependsOn, encryption] });
      this.ebsKeyArns[plain] = key.arn;

      // Protected: an analyzer or a recorder removed by an edit is a blind spot nobody notices.
      new aws.accessanalyzer.Analyzer(`${name}-access-analyzer-${plain}`, { region, analyzerName: "lz-account", type: "ACCOUNT" }, { ...at, protect: true });

      if (args.configDelivery && configRole) {
        const recorder = new aws.cfg.Recorder(
          `${name}-config-recorder-${plain}`,
          { region, name: "lz-recorder", roleArn: configRole.arn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: plain === args.homeRegion } },
          { ...at, protect: true },
        );
        const channel = new aws.cfg.DeliveryChannel(
          `${name}-config-delivery-${plain}`,
          {
            region,
            name: "lz-delivery",
            s3BucketName: args.configDelivery.bucketName,
            s3KmsKeyArn: args.configDelivery.kmsKeyArn,
            snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
          },
          { ...at, protect: true, dependsOn: [...at.dependsOn, recorder, ...(args.configDelivery.dependsOn ?? [])] },
        );
        new aws.cfg.RecorderStatus(`${name}-config-recorder-status-${plain}`, { region, name: recorder.name, isEnabled: true }, { ...at, dependsOn: [...at.dependsOn, channel] });
      }
    }
    this.registerOutputs({ ebsKeyArns: this.ebsKeyArns });
  }
}
