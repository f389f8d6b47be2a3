import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { minifiedPolicy } from "../../lib/iam/policyDocument";
import { transferLoggingPolicy, transferLoggingTrustPolicy, transferLogKeyPolicy } from "../../lib/iam/transferLogging";

/** The security policy new servers get: the newest non-FIPS policy in the pinned provider's list, with no SHA-1 and no CBC. */
export const DEFAULT_SFTP_SECURITY_POLICY = "TransferSecurityPolicy-2025-03";

export interface SftpServerArgs {
  /** The account (plain: it names the log group's ARN in the key policy). */
  readonly accountId: string;
  /** The region (plain: same reason). */
  readonly region: string;
  /** A short prefix for names: the stack's account name. */
  readonly namePrefix: string;
  readonly vpcId: pulumi.Input<string>;
  /** Where the endpoint's interfaces go, one per AZ (the app tier, where the Zero Trust connector runs). */
  readonly subnetIds: pulumi.Input<string>[];
  /**
   * Who may open a connection on port 22: the app tier (Cloudflare's connector, Zero Trust) and
   * partners' fixed address ranges from config. Plain: they are security group rules.
   */
  readonly allowedCidrs: readonly { readonly cidr: string; readonly description: string }[];
  /** Default `TransferSecurityPolicy-2025-03`. */
  readonly securityPolicyName?: string;
  /** How long the server's logs are kept. Default 365 days. */
  readonly logRetentionDays?: number;
  /** `protect` the log key (prod). Default false; `retainOnDelete` is always on. */
  readonly protectLogs?: boolean;
  readonly provider: aws.Provider;
}

/**
 * The workload stack's AWS Transfer Family server: SFTP only, service-managed users (the tenants'),
 * a VPC endpoint with no public address (`endpointType: VPC` and no Elastic IPs), so it is reached
 * only from inside the VPC (the Zero Trust connector) or over the private network from the partner
 * ranges the stack lists. Structured JSON logs go to a log group encrypted with a key of its own.
 */
export class SftpServer extends pulumi.ComponentResource {
  readonly serverId: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: SftpServerArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:sftp:SftpServer", name, {}, opts);
    if (args.allowedCidrs.some((c) => c.cidr === "0.0.0.0/0")) throw new pulumi.ResourceError("the SFTP server is internal: 0.0.0.0/0 may not reach it", this);
    const child = { parent: this, provider: args.provider };
    const logGroupName = `/aws/transfer/${args.namePrefix}-sftp`;

    const key = new aws.kms.Key(
      `${name}-log-key`,
      {
        description: `${args.namePrefix} SFTP server logs`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: minifiedPolicy(transferLogKeyPolicy({ accountId: args.accountId, region: args.region, logGroupName })),
      },
      { ...child, retainOnDelete: true, protect: args.protectLogs ?? false },
    );
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: logGroupName, kmsKeyId: key.arn, retentionInDays: args.logRetentionDays ?? 365 }, { ...child, retainOnDelete: true });
    const loggingRole = new aws.iam.Role(
      `${name}-logging-role`,
      { name: `${args.namePrefix}-sftp-logging`, description: "AWS Transfer Family writes the SFTP server's logs", assumeRolePolicy: minifiedPolicy(transferLoggingTrustPolicy(args.accountId)) },
      child,
    );
    const loggingPolicy = new aws.iam.RolePolicy(
      `${name}-logging-policy`,
      { role: loggingRole.id, name: "sftp-logs", policy: logGroup.arn.apply((arn) => minifiedPolicy(transferLoggingPolicy(arn))) },
      child,
    );

    const sg = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: "SFTP server endpoint: port 22 from the app tier and listed partner ranges only", tags: { Name: `${name}-sg` } }, child);
    for (const c of args.allowedCidrs) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-sg-${c.cidr.replace(/[./]/g, "-")}`,
        { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: c.cidr, description: c.description },
        child,
      );
    }

    const server = new aws.transfer.Server(
      `${name}-server`,
      {
        protocols: ["SFTP"],
        identityProviderType: "SERVICE_MANAGED",
        endpointType: "VPC",
        endpointDetails: { vpcId: args.vpcId, subnetIds: args.subnetIds, securityGroupIds: [sg.id] },
        securityPolicyName: args.securityPolicyName ?? DEFAULT_SFTP_SECURITY_POLICY,
        loggingRole: loggingRole.arn,
        structuredLogDestinations: [pulumi.interpolate`${logGroup.arn}:*`],
        tags: { Name: `${args.namePrefix}-sftp` },
      },
      { ...child, dependsOn: [loggingPolicy] },
    );

    this.serverId = server.id;
    this.endpoint = server.endpoint;
    this.logGroupName = logGroup.name;
    this.securityGroupId = sg.id;
    this.registerOutputs({ serverId: this.serverId, endpoint: this.endpoint, logGroupName: this.logGroupName, securityGroupId: this.securityGroupId });
  }
}
