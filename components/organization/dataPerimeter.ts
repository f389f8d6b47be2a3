import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { minifiedPolicy, PolicyDocument } from "../../lib/iam/policyDocument";
import { ouKey } from "../../lib/organizationPaths";
import { PERIMETER_SCP_SIZE_FIX, RCP_SIZE_FIX } from "../../lib/scp/dataPerimeter";
import { orgPolicySizeProblem } from "../../lib/scp/limits";

export interface DataPerimeterArgs {
  /** The RCP, built for the organisation's id (lib/scp/dataPerimeter.ts identityPerimeterRcp). */
  readonly rcp: pulumi.Input<PolicyDocument>;
  /** The SCP (lib/scp/dataPerimeter.ts resourcePerimeterScp). */
  readonly scp: PolicyDocument;
  /** The OUs both are attached to, by path. */
  readonly targets: readonly { readonly path: string; readonly targetId: pulumi.Input<string> }[];
  /** What must exist first: the organisation with RESOURCE_CONTROL_POLICY enabled at its root. */
  readonly dependsOn: readonly pulumi.Resource[];
}

/**
 * The organisation's data perimeter: one RCP and one SCP (lib/scp/dataPerimeter.ts), attached to
 * the given OUs. The RCP policy type must be enabled at the root first
 * (`aws.organizations.Organization.enabledPolicyTypes` includes `RESOURCE_CONTROL_POLICY`), hence
 * `dependsOn` the organisation. Sizes were checked as config was loaded; checked again here so
 * the component is safe on its own.
 */
export class DataPerimeter extends pulumi.ComponentResource {
  readonly rcpId: pulumi.Output<string>;
  readonly scpId: pulumi.Output<string>;

  constructor(name: string, args: DataPerimeterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:organization:DataPerimeter", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("DataPerimeter needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };
    const scpTooBig = orgPolicySizeProblem("SCP", args.scp, PERIMETER_SCP_SIZE_FIX);
    if (scpTooBig) throw new pulumi.ResourceError(scpTooBig, this);

    const rcp = new aws.organizations.Policy(
      `${name}-rcp`,
      {
        name: "data-perimeter",
        description: "Only the organisation's principals reach its S3, KMS, Secrets Manager, SQS and STS resources, over TLS",
        type: "RESOURCE_CONTROL_POLICY",
        content: pulumi.output(args.rcp).apply((doc) => {
          const tooBig = orgPolicySizeProblem("RCP", doc as PolicyDocument, RCP_SIZE_FIX);
          if (tooBig) throw new Error(tooBig);
          return minifiedPolicy(doc as PolicyDocument);
        }),
      },
      { ...child, dependsOn: [...args.dependsOn] },
    );
    const scp = new aws.organizations.Policy(
      `${name}-scp`,
      {
        name: "data-perimeter-resources",
        description: "The organisation's principals use data-tier actions only on the organisation's resources (and named AWS-owned buckets)",
        type: "SERVICE_CONTROL_POLICY",
        content: minifiedPolicy(args.scp),
      },
      { ...child, dependsOn: [...args.dependsOn] },
    );
    for (const t of args.targets) {
      new aws.organizations.PolicyAttachment(`${name}-rcp-${ouKey(t.path)}`, { policyId: rcp.id, targetId: t.targetId }, child);
      new aws.organizations.PolicyAttachment(`${name}-scp-${ouKey(t.path)}`, { policyId: scp.id, targetId: t.targetId }, child);
    }
    this.rcpId = rcp.id;
    this.scpId = scp.id;
    this.registerOutputs({ rcpId: this.rcpId, scpId: this.scpId });
  }
}
