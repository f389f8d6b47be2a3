import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { controlTowerRoles, memberExecutionTrust } from "../../lib/iam/controlTowerRoles";
import { ouKey, stableKey } from "../../lib/organizationPaths";
import { AWS_CONTROL_TOWER_BASELINE_ID, ControlParameter, controlTowerBaselineVersion, landingZoneManifest, ManifestInput } from "../../lib/scp/controlTower";

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
  /** The landing zone version, e.g. `4.0` or `3.3` (one of MANIFEST_LANDING_ZONE_VERSIONS); it picks the manifest schema and the baseline version. */
  readonly version: string;
  /** The manifest, except the account ids (which come from the vended accounts). */
  readonly manifest: Omit<ManifestInput, "logArchiveAccountId" | "securityAccountId">;
  readonly logArchiveAccountId: pulumi.Input<string>;
  readonly securityAccountId: pulumi.Input<string>;
  /** Controls to enable on OUs: the region deny and the data-residency controls. Default none. */
  readonly controls?: readonly ControlTowerControlSpec[];
  /** Resources the landing zone waits for (the organisation, the shared accounts). Default none. */
  readonly dependsOn?: readonly pulumi.Resource[];
  /**
   * The vended accounts, by stable name: each gets AWSControlTowerExecution (the role Control Tower
   * enrols and governs an account through, trusting the management account), created through the
   * account's deployment role. Default none.
   */
  readonly memberAccounts?: Readonly<Record<string, { readonly accountId: pulumi.Input<string>; readonly deploymentRoleName: string }>>;
  /** OUs to register (AWSControlTowerBaseline), which enrols their accounts; not the landing zone's own Security and Sandbox OUs. Default none. */
  readonly enrolledOus?: readonly { readonly path: string; readonly arn: pulumi.Input<string> }[];
  /** The management account (trusted by AWSControlTowerExecution). */
  readonly managementAccountId?: string;
  /** The home Region (the baseline's ARN is regional). */
  readonly homeRegion?: string;
  /** Default tags for the per-account providers. */
  readonly defaultTags?: Readonly<Record<string, string>>;
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
      .apply(([logArchiveAccountId, securityAccountId]) => JSON.stringify(landingZoneManifest(args.version, { ...args.manifest, logArchiveAccountId, securityAccountId })));
    const landingZone = new aws.controltower.LandingZone(
      `${name}-landing-zone`,
      { version: args.version, manifestJson },
      { ...child, protect: true, dependsOn: [...roleDeps, ...(args.dependsOn ?? [])] },
    );
    this.landingZoneArn = landingZone.arn;

    const executionRoles: pulumi.Resource[] = [];
    for (const [account, m] of Object.entries(args.memberAccounts ?? {})) {
      if (!args.managementAccountId) throw new pulumi.ResourceError("memberAccounts needs managementAccountId", this);
      const accountProvider = new aws.Provider(
        `${name}-${account}-aws`,
        {
          region: args.homeRegion as aws.Region,
          allowedAccountIds: [m.accountId],
          assumeRoles: [{ roleArn: pulumi.interpolate`arn:aws:iam::${m.accountId}:role/${m.deploymentRoleName}`, sessionName: "landing-zone-control-tower" }],
          defaultTags: { tags: { ...(args.defaultTags ?? {}) } },
        },
        { parent: this },
      );
      const role = new aws.iam.Role(
        `${name}-execution-${account}`,
        { name: "AWSControlTowerExecution", description: "Control Tower enrols and governs this account through this role", assumeRolePolicy: JSON.stringify(memberExecutionTrust(args.managementAccountId)) },
        { parent: this, provider: accountProvider, retainOnDelete: true },
      );
      executionRoles.push(role, new aws.iam.RolePolicyAttachment(`${name}-execution-${account}-admin`, { role: role.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { parent: this, provider: accountProvider, retainOnDelete: true }));
    }
    // Parents first, and each nested OU after its parent: baseline enablement targets one OU at a
    // time and does not reach nested OUs, and AWS recommends the parent before the nested ones.
    const baselines = new Map<string, pulumi.Resource>();
    const baselineVersion = controlTowerBaselineVersion(args.version);
    for (const ou of [...(args.enrolledOus ?? [])].sort((a, b) => a.path.split("/").length - b.path.split("/").length)) {
      if (!args.homeRegion) throw new pulumi.ResourceError("enrolledOus needs homeRegion", this);
      const parent = baselines.get(ou.path.split("/").slice(0, -1).join("/"));
      baselines.set(
        ou.path,
        new aws.controltower.Baseline(
          `${name}-baseline-${ouKey(ou.path)}`,
          { baselineIdentifier: `arn:aws:controltower:${args.homeRegion}::baseline/${AWS_CONTROL_TOWER_BASELINE_ID}`, baselineVersion, targetIdentifier: ou.arn },
          { ...child, protect: true, dependsOn: [landingZone, ...executionRoles, ...(parent ? [parent] : [])] },
        ),
      );
    }

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
