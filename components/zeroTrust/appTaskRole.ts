import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { appTaskPolicy, ecsTasksTrustPolicy, TENANT_ROLE_PATH } from "../../lib/zeroTrust/connector";

export interface AppTaskRoleArgs {
  /** The account the apps run in. */
  readonly accountId: string;
  /** The region the apps run in (ECS source ARNs). */
  readonly region: string;
  /** The role's name: `dev-app-task`. */
  readonly roleName: string;
  /** The AWS provider (the stack's account). */
  readonly provider: aws.Provider;
}

/**
 * The role the apps' ECS tasks run as. It holds no data permissions of its own: to touch a tenant's
 * data an app assumes that tenant's role (path `/tenant/`) with the session tag `tenant=<slug>`,
 * which the tenant role's trust policy checks.
 */
export class AppTaskRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  /** The path tenant roles must use for this role to assume them. */
  readonly tenantRolePath = TENANT_ROLE_PATH;

  constructor(name: string, args: AppTaskRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:zeroTrust:AppTaskRole", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: "The apps' ECS task role: assumes tenant roles with a tenant session tag",
        assumeRolePolicy: JSON.stringify(ecsTasksTrustPolicy(args.accountId, args.region, true)),
        maxSessionDuration: 3600,
      },
      child,
    );
    new aws.iam.RolePolicy(`${name}-assume-tenants`, { role: role.id, policy: JSON.stringify(appTaskPolicy(args.accountId)) }, child);
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}
