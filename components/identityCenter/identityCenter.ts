import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stableKey } from "../../lib/organizationPaths";

export interface PermissionSetSpec {
  /** The permission set's name; also its stable key. */
  readonly name: string;
  /** Shown in the access portal. Default none. */
  readonly description?: string;
  /** ISO 8601, `PT1H` to `PT12H`. */
  readonly sessionDuration: string;
  /** AWS managed policies attached. Default none. */
  readonly managedPolicyArns?: readonly string[];
  /** An inline IAM policy document. Default none. */
  readonly inlinePolicy?: object;
}

export interface AssignmentSpec {
  /** The group's display name in Identity Center (pushed by Okta over SCIM). */
  readonly group: string;
  /** The name of one of `permissionSets`. */
  readonly permissionSet: string;
  /** The account's name (stable key) and id. */
  readonly accountName: string;
  readonly accountId: pulumi.Input<string>;
}

export interface IdentityCenterArgs {
  readonly permissionSets: readonly PermissionSetSpec[];
  /** Default none. */
  readonly assignments?: readonly AssignmentSpec[];
}

/**
 * IAM Identity Center permission sets, and their assignments to the groups the identity provider
 * (Okta) synchronises, looked up by display name. The instance and the groups are read with data
 * sources, each given the provider explicitly: default providers are disabled, and an invoke does
 * not inherit its provider from a parent.
 */
export class IdentityCenter extends pulumi.ComponentResource {
  readonly instanceArn: pulumi.Output<string>;
  /** Permission set ARN by name. */
  readonly permissionSetArns: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: IdentityCenterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:identityCenter:IdentityCenter", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("IdentityCenter needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };

    const instances = aws.ssoadmin.getInstancesOutput({}, { parent: this, provider });
    this.instanceArn = instances.arns.apply((arns) => {
      if (!arns.length) throw new Error("IAM Identity Center is not enabled in this account and region; enable it (with Okta as the identity source) before deploying");
      return arns[0];
    });
    const identityStoreId = instances.identityStoreIds.apply((ids) => ids[0]);

    this.permissionSetArns = {};
    const provisioned: Record<string, pulumi.Resource[]> = {};
    for (const ps of args.permissionSets) {
      const set = new aws.ssoadmin.PermissionSet(
        `${name}-ps-${ps.name}`,
        { name: ps.name, description: ps.description, sessionDuration: ps.sessionDuration, instanceArn: this.instanceArn },
        child,
      );
      const deps: pulumi.Resource[] = [set];
      for (const arn of ps.managedPolicyArns ?? []) {
        const key = stableKey(arn.slice(arn.indexOf(":policy/") + 8));
        deps.push(new aws.ssoadmin.ManagedPolicyAttachment(`${name}-ps-${ps.name}-${key}`, { instanceArn: this.instanceArn, permissionSetArn: set.arn, managedPolicyArn: arn }, child));
      }
      if (ps.inlinePolicy) {
        deps.push(new aws.ssoadmin.PermissionSetInlinePolicy(`${name}-ps-${ps.name}-inline`, { instanceArn: this.instanceArn, permissionSetArn: set.arn, inlinePolicy: JSON.stringify(ps.inlinePolicy) }, child));
      }
      this.permissionSetArns[ps.name] = set.arn;
      provisioned[ps.name] = deps;
    }

    const groupIds = new Map<string, pulumi.Output<string>>();
    for (const a of args.assignments ?? []) {
      const setArn = this.permissionSetArns[a.permissionSet];
      if (!setArn) throw new pulumi.ResourceError(`assignment of "${a.group}" names permission set "${a.permissionSet}", which is not defined`, this);
      let groupId = groupIds.get(a.group);
      if (!groupId) {
        groupId = aws.identitystore
          .getGroupOutput({ identityStoreId, alternateIdentifier: { uniqueAttribute: { attributePath: "DisplayName", attributeValue: a.group } } }, { parent: this, provider })
          .apply((g) => g.groupId);
        groupIds.set(a.group, groupId);
      }
      // Attachments first: an assignment provisions the permission set into the account as it is then.
      new aws.ssoadmin.AccountAssignment(
        `${name}-assign-${stableKey(a.group)}-${a.permissionSet}-${a.accountName}`,
        { instanceArn: this.instanceArn, permissionSetArn: setArn, principalType: "GROUP", principalId: groupId, targetType: "AWS_ACCOUNT", targetId: a.accountId },
        { ...child, dependsOn: provisioned[a.permissionSet] },
      );
    }
    this.registerOutputs({ instanceArn: this.instanceArn, permissionSetArns: this.permissionSetArns });
  }
}
