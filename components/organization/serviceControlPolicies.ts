import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { minifiedPolicy, PolicyDocument } from "../../lib/iam/policyDocument";
import { ouKey } from "../../lib/organizationPaths";
import { orgPolicySizeProblem, SCP_SIZE_FIX, scpCountProblem } from "../../lib/scp/limits";

export interface ScpDefinition {
  /** The policy document, built by lib/scp. */
  readonly document: PolicyDocument;
  /** Shown in the Organizations console. Default: the policy's name. */
  readonly description?: string;
}

export interface ScpTarget {
  /** The OU's path: the stable key of its attachments' logical names. */
  readonly path: string;
  /** The OU's id. */
  readonly targetId: pulumi.Input<string>;
  /** Names of `policies` attached directly to it. */
  readonly policies: readonly string[];
}

export interface ServiceControlPoliciesArgs {
  /** The SCPs by name (`<component>-scp-<name>`). */
  readonly policies: Readonly<Record<string, ScpDefinition>>;
  /** Where each is attached. */
  readonly targets: readonly ScpTarget[];
  /** Resources the policies wait for (the organisation, so SCPs are enabled first). Default none. */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/**
 * The guardrail SCPs of plain Organizations mode and their attachments to OUs. Quotas are checked
 * again here (config checks them first, with the key path) so the component is safe on its own.
 */
export class ServiceControlPolicies extends pulumi.ComponentResource {
  /** Policy id by name. */
  readonly policyIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: ServiceControlPoliciesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:organization:ServiceControlPolicies", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("ServiceControlPolicies needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };

    const policies: Record<string, aws.organizations.Policy> = {};
    this.policyIds = {};
    for (const [policyName, def] of Object.entries(args.policies)) {
      const tooBig = orgPolicySizeProblem("SCP", def.document, SCP_SIZE_FIX);
      if (tooBig) throw new pulumi.ResourceError(`SCP "${policyName}": ${tooBig}`, this);
      const policy = new aws.organizations.Policy(
        `${name}-scp-${policyName}`,
        { name: policyName, description: def.description ?? policyName, type: "SERVICE_CONTROL_POLICY", content: minifiedPolicy(def.document) },
        { ...child, dependsOn: [...(args.dependsOn ?? [])] },
      );
      policies[policyName] = policy;
      this.policyIds[policyName] = policy.id;
    }

    for (const target of args.targets) {
      const tooMany = scpCountProblem(target.policies.length);
      if (tooMany) throw new pulumi.ResourceError(`OU "${target.path}" ${tooMany}`, this);
      for (const policyName of target.policies) {
        const policy = policies[policyName];
        if (!policy) throw new pulumi.ResourceError(`OU "${target.path}" attaches "${policyName}", which is not one of the policies (${Object.keys(policies).join(", ")})`, this);
        new aws.organizations.PolicyAttachment(`${name}-attach-${policyName}-${ouKey(target.path)}`, { policyId: policy.id, targetId: target.targetId }, child);
      }
    }

    this.registerOutputs({ policyIds: this.policyIds });
  }
}
