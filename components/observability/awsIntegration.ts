import * as aws from "@pulumi/aws";
import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { datadogPermissionPolicies, datadogTrustPolicy } from "../../lib/observability/datadogIam";
import { datadogSite, DatadogSiteName } from "../../lib/observability/datadogSites";

export interface DatadogAwsIntegrationArgs {
  /** The AWS account Datadog reads. */
  readonly accountId: string;
  /** The regions Datadog collects from. */
  readonly regions: readonly string[];
  /** The Datadog site; it decides which Datadog AWS account the role trusts. */
  readonly site: DatadogSiteName;
  /** The integration role's name: `dev-datadog-integration`. */
  readonly roleName: string;
  /** How many IAM policies carry the permissions (config `datadog.permissionPolicies`). Default 2. */
  readonly permissionPolicies?: number;
  /** Tags Datadog puts on every metric of the account: `env:dev`. Default: none. */
  readonly accountTags?: readonly string[];
  /** The AWS provider (the stack's account). */
  readonly awsProvider: aws.Provider;
  /** The Datadog provider. */
  readonly datadogProvider: datadog.Provider;
}

/**
 * The Datadog AWS integration of one account: an external id, a role that only Datadog's AWS account
 * may assume and only with that id, the read permissions the Datadog provider publishes as its
 * standard (minimum) set, and the integration itself, limited to the account's regions and without
 * extended resource collection (which would need wider permissions).
 */
export class DatadogAwsIntegration extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly externalId: pulumi.Output<string>;
  readonly integrationId: pulumi.Output<string>;

  constructor(name: string, args: DatadogAwsIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:observability:DatadogAwsIntegration", name, {}, opts);
    const aw = { parent: this, provider: args.awsProvider };
    const dd = { parent: this, provider: args.datadogProvider };
    const slots = args.permissionPolicies ?? 2;
    const site = datadogSite(args.site);

    const externalId = new datadog.aws.IntegrationExternalId(`${name}-external-id`, {}, dd);
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: `Datadog (${args.site}) reads metrics and metadata of this account`,
        assumeRolePolicy: externalId.id.apply((id) => JSON.stringify(datadogTrustPolicy(site.awsAccountId, id))),
        maxSessionDuration: 3600,
      },
      aw,
    );

    const permissions = datadog.aws.getIntegrationIamPermissionsStandardOutput({ parent: this, provider: args.datadogProvider });
    const documents = permissions.iamPermissions.apply((actions) => {
      const built = datadogPermissionPolicies(actions, slots);
      if (built.issues.length) throw new Error(`the Datadog integration role's permissions cannot be built: ${built.issues.join("; ")}`);
      return built.documents.map((d) => JSON.stringify(d));
    });
    const attachments: aws.iam.RolePolicyAttachment[] = [];
    for (let i = 0; i < slots; i++) {
      const policy = new aws.iam.Policy(
        `${name}-permissions-${i + 1}`,
        { name: `${args.roleName}-${i + 1}`, description: `Datadog integration read permissions, part ${i + 1} of ${slots}`, policy: documents.apply((d) => d[i]) },
        aw,
      );
      attachments.push(new aws.iam.RolePolicyAttachment(`${name}-permissions-${i + 1}`, { role: role.name, policyArn: policy.arn }, aw));
    }

    const integration = new datadog.aws.IntegrationAccount(
      `${name}-account`,
      {
        awsAccountId: args.accountId,
        awsPartition: "aws",
        awsRegions: { includeOnlies: [...args.regions] },
        authConfig: { awsAuthConfigRole: { roleName: role.name, externalId: externalId.id } },
        accountTags: [...(args.accountTags ?? [])],
        metricsConfig: { namespaceFilters: {} },
        resourcesConfig: { extendedCollection: false, cloudSecurityPostureManagementCollection: false },
        logsConfig: { lambdaForwarder: {} },
        tracesConfig: { xrayServices: {} },
      },
      // Datadog checks the role when the integration is created, so the role and its permissions come first.
      { ...dd, dependsOn: attachments },
    );

    this.roleArn = role.arn;
    this.externalId = externalId.id;
    this.integrationId = integration.id;
    this.registerOutputs({ roleArn: this.roleArn, externalId: this.externalId, integrationId: this.integrationId });
  }
}
