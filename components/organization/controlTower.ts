import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { controlTowerRoles } from "../../lib/iam/controlTowerRoles";
import { ouKey, stableKey } from "../../lib/organizationPaths";
import { ControlParameter, landingZoneManifest, ManifestInput } from "../../lib/scp/controlTower";

export interface ControlTowerControlSpec {
  /** A stable key for the control (its identifier's last segment), for logical names. */
  readonly key: string;
  /** The control's ARN. */
  readonly controlArn: string;
  /** The OU's path (stable key) and ARN. */
  readonly ouPath: string;
  readonly ouArn: pulumi.Input<string>;
  /** Parameters, JSON-encoded. Default none. */
  readonly parameters?: readonly ControlParameter[];
}

export interface ControlTowerArgs {
  /** The landing zone version, e.g. `3.3`. */
  readonly version: string;
  /** The manifest, except the account ids (which come from the vended accounts). */
  readonly manifest: Omit<ManifestInput, "logArchiveAccountId" | "securityAccountId">;
  readonly logArchiveAccountId: pulumi.Input<string>;
  readonly securityAccountId: pulumi.Input<string>;
  /** Controls to enable on OUs: the region deny and the data-residency controls. Default none. */
  readonly controls?: readonly ControlTowerControlSpec[];
  /** Resources the landing zone waits for (the organisation, the shared accounts). Default none. */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/**
 * Control Tower mode: the service roles the API launch needs, the landing zone (governed regions
 * are the Australian ones; logging and security accounts are the vended ones) and its controls.
 */
export class ControlTower extends pulumi.ComponentResource {
  readonly landingZoneArn: pulumi.Output<string>;

  constructor(name: string, args: ControlTowerArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:organization:ControlTower", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("ControlTower needs an explicit AWS provider (default providers are disabled)", this);
    const child = { parent: this, provider };

    const roleDeps: pulumi.Resource[] = [];
    for (const spec of controlTowerRoles()) {
      const key = spec.name.replace(/^AWSControlTower/, "").toLowerCase();
      const role = new aws.iam.Role(`${name}-role-${key}`, { name: spec.name, path: "/service-role/", assumeRolePolicy: JSON.stringify(spec.trustPolicy) }, child);
      roleDeps.push(role);
      for (const arn of spec.managedPolicyArns) {
        roleDeps.push(new aws.iam.RolePolicyAttachment(`${name}-role-${key}-${arn.split("/").pop()!.toLowerCase()}`, { role: role.name, policyArn: arn }, child));
      }
      if (spec.inlinePolicy) {
        roleDeps.push(new aws.iam.RolePolicy(`${name}-role-${key}-inline`, { role: role.name, policy: JSON.stringify(spec.inlinePolicy) }, child));
      }
    }

    const manifestJson = pulumi
      .all([args.logArchiveAccountId, args.securityAccountId])
      .apply(([logArchiveAccountId, securityAccountId]) => JSON.stringify(landingZoneManifest({ ...args.manifest, logArchiveAccountId, securityAccountId })));
    const landingZone = new aws.controltower.LandingZone(
      `${name}-landing-zone`,
      { version: args.version, manifestJson },
      { ...child, protect: true, dependsOn: [...roleDeps, ...(args.dependsOn ?? [])] },
    );
    this.landingZoneArn = landingZone.arn;

    for (const c of args.controls ?? []) {
      new aws.controltower.ControlTowerControl(
        `${name}-control-${stableKey(c.key)}-${ouKey(c.ouPath)}`,
        { controlIdentifier: c.controlArn, targetIdentifier: c.ouArn, parameters: c.parameters ? [...c.parameters] : undefined },
        { ...child, dependsOn: [landingZone] },
      );
    }
    this.registerOutputs({ landingZoneArn: this.landingZoneArn });
  }
}
