import * as assert from "assert";
import { planStack as planWithEngine } from "../../cli/engine/planner";
import { PlanResult } from "../../lib/plan";
import { byType, LzRun, one, planEdited, sampleStacks, TempProject } from "../helpers/plan";

// Control Tower mode: the same program, with `landing-zone:controlTower.enabled` in a temp copy of
// the sample config.

const CT = "landing-zone:controlTower";
const REGION_DENY_ARN = "arn:aws:controlcatalog:::control/4bn1pg7wctc2gzjrbuw1yvm0k";
const LOG_KEY_ARN = "arn:aws:kms:ap-southeast-2:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Turns Control Tower on: the region-deny SCP off the OUs (the control replaces it), a real-looking region-deny ARN, no Config recorder anywhere. */
function enableControlTower(p: TempProject, exceptRecorderIn?: string): TempProject {
  p.editStack("management", (c) => {
    c[CT].enabled = true;
    c[CT].regionDeny.identifier = REGION_DENY_ARN;
    for (const ou of c["landing-zone:organization"].organizationalUnits) if (ou.scps) ou.scps = ou.scps.filter((n: string) => n !== "region-deny");
  });
  // Tenant cells apply no account baseline: their workload stack's covers their account.
  for (const stack of sampleStacks().filter((s) => !/-cell-\d+$/.test(s))) {
    if (stack === exceptRecorderIn) continue;
    p.editStack(stack, (c) => {
      c["landing-zone:baseline"] = { ...(c["landing-zone:baseline"] ?? {}), configRecorder: false };
    });
  }
  return p;
}

function expectKey(run: LzRun, file: string, key: string, message?: RegExp): void {
  assert.strictEqual(run.code, 2, `expected exit 2, got ${run.code}\n${run.stderr}${run.stdout}`);
  assert.ok(run.stderr.includes(`${file}: ${key}:`), `stderr does not name ${file}: ${key}\n${run.stderr}`);
  if (message) assert.match(run.stderr, message);
}

describe("Control Tower mode (a new landing zone: version 4.0, the sample's)", function () {
  let project: TempProject;
  let management: PlanResult;
  let logArchive: PlanResult;
  before(async () => {
    project = enableControlTower(new TempProject()).editStack("management", (c) => {
      c[CT].logging = { ...(c[CT].logging ?? {}), kmsKeyArn: LOG_KEY_ARN };
    });
    const cache = new Map();
    management = (await planWithEngine("management", { root: project.root, cache })).result;
    logArchive = (await planWithEngine("log-archive", { root: project.root, cache })).result;
  });
  after(() => project.cleanup());

  it("creates a 4.0 landing zone governing the Australian regions, with the 4.0 manifest pinned to the vended log-archive and security accounts", () => {
    const lz = one(management, "aws:controltower/landingZone:LandingZone");
    assert.strictEqual(lz.inputs.version, "4.0");
    assert.ok(lz.protect);
    const manifest = JSON.parse(lz.inputs.manifestJson as string);
    const ids = management.outputs.accountIds as Record<string, string>;
    assert.deepStrictEqual(Object.keys(manifest).sort(), ["accessManagement", "backup", "centralizedLogging", "config", "governedRegions", "securityRoles"]);
    assert.deepStrictEqual(manifest.governedRegions, ["ap-southeast-2", "ap-southeast-4"]);
    const configurations = { loggingBucket: { retentionDays: 365 }, accessLoggingBucket: { retentionDays: 3650 }, kmsKeyArn: LOG_KEY_ARN };
    // Our organisation trail (log-archive stack) is the only one: Control Tower's CloudTrail is off.
    assert.deepStrictEqual(manifest.centralizedLogging, { enabled: false, accountId: ids["log-archive"], configurations });
    // Control Tower runs AWS Config, aggregated in the security account; our recorders are off.
    assert.deepStrictEqual(manifest.config, { enabled: true, accountId: ids.security, configurations });
    assert.deepStrictEqual(manifest.securityRoles, { enabled: true, accountId: ids.security });
    assert.deepStrictEqual(manifest.backup, { enabled: false });
    assert.deepStrictEqual(manifest.accessManagement, { enabled: false });
    assert.strictEqual(management.outputs.controlTowerEnabled, true);
  });

  it("gives AWSControlTowerCloudTrailRole the managed AWSControlTowerCloudTrailRolePolicy, not an inline policy", () => {
    const role = byType(management, "aws:iam/role:Role").find((r) => r.inputs.name === "AWSControlTowerCloudTrailRole")!;
    const attachments = byType(management, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === "AWSControlTowerCloudTrailRole");
    assert.deepStrictEqual(attachments.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/service-role/AWSControlTowerCloudTrailRolePolicy"]);
    assert.deepStrictEqual(byType(management, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === "AWSControlTowerCloudTrailRole"), []);
    const lz = one(management, "aws:controltower/landingZone:LandingZone");
    assert.ok(lz.dependencies?.includes(attachments[0].urn), "the landing zone waits for the managed policy");
    assert.ok(role);
  });

  it("creates the service roles the API launch needs, before the landing zone", () => {
    const roles = byType(management, "aws:iam/role:Role").filter((r) => String(r.inputs.name).startsWith("AWSControlTower") && r.inputs.name !== "AWSControlTowerExecution");
    assert.strictEqual(roles.length, 4);
    for (const r of roles) assert.strictEqual(r.inputs.path, "/service-role/");
    const lz = one(management, "aws:controltower/landingZone:LandingZone");
    for (const r of roles) assert.ok(lz.dependencies?.includes(r.urn), r.name);
  });

  it("enables the region deny on each configured OU, with the allowed regions and the platform roles as parameters", () => {
    const ouArns = management.outputs.ouArns as Record<string, string>;
    const regionDeny = byType(management, "aws:controltower/controlTowerControl:ControlTowerControl").filter((c) => c.inputs.controlIdentifier === REGION_DENY_ARN);
    assert.deepStrictEqual(regionDeny.map((c) => c.inputs.targetIdentifier).sort(), ["Infrastructure", "Workloads", "Sandbox"].map((p) => ouArns[p]).sort());
    for (const c of regionDeny) {
      const params = Object.fromEntries((c.inputs.parameters as { key: string; value: string }[]).map((p) => [p.key, JSON.parse(p.value)]));
      assert.deepStrictEqual(params.AllowedRegions, ["ap-southeast-2", "ap-southeast-4"]);
      assert.deepStrictEqual(params.ExemptedPrincipalArns, ["arn:aws:iam::*:role/LandingZoneDeployment", "arn:aws:iam::*:role/LandingZoneBreakGlass"]);
    }
  });

  it("enables the data-residency controls on their OUs, after the landing zone", () => {
    const lz = one(management, "aws:controltower/landingZone:LandingZone");
    const s3 = byType(management, "aws:controltower/controlTowerControl:ControlTowerControl").filter((c) => String(c.inputs.controlIdentifier).endsWith("AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION"));
    assert.strictEqual(s3.length, 2);
    assert.strictEqual(s3[0].inputs.controlIdentifier, "arn:aws:controltower:ap-southeast-2::control/AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION");
    for (const c of byType(management, "aws:controltower/controlTowerControl:ControlTowerControl")) assert.ok(c.dependencies?.includes(lz.urn), c.name);
  });

  it("keeps our guardrails (deny root, protect logs, security services, platform roles) beside Control Tower's controls, and trusts Control Tower's service principals", () => {
    const names = byType(management, "aws:organizations/policy:Policy").map((p) => p.inputs.name).sort();
    assert.ok(names.includes("core-guardrails") && names.includes("deny-all"), JSON.stringify(names));
    const core = JSON.parse(byType(management, "aws:organizations/policy:Policy").find((p) => p.inputs.name === "core-guardrails")!.inputs.content as string);
    assert.deepStrictEqual(core.Statement.map((s: { Sid: string }) => s.Sid).filter((sid: string) => ["DenyRootUser", "ProtectLogArchiveObjects", "ProtectSecurityServices", "ProtectPlatformRoles"].includes(sid)).sort(), ["DenyRootUser", "ProtectLogArchiveObjects", "ProtectPlatformRoles", "ProtectSecurityServices"]);
    assert.ok(!names.includes("region-deny"), "the region deny is Control Tower's control");
    assert.ok(byType(management, "aws:organizations/policyAttachment:PolicyAttachment").length >= 4);
    const principals = one(management, "aws:organizations/organization:Organization").inputs.awsServiceAccessPrincipals as string[];
    assert.ok(principals.includes("controltower.amazonaws.com"));
  });

  it("creates AWSControlTowerExecution in every vended account, through that account's deployment role, trusting the management account", () => {
    const ids = management.outputs.accountIds as Record<string, string>;
    const roles = byType(management, "aws:iam/role:Role").filter((r) => r.inputs.name === "AWSControlTowerExecution");
    assert.strictEqual(roles.length, Object.keys(ids).length);
    const providers = new Map(management.resources.filter((r) => r.type === "pulumi:providers:aws").map((p) => [`${p.urn}::${p.id}`, p]));
    for (const r of roles) {
      const p = providers.get(r.provider!)!;
      const account = JSON.parse(String(p.inputs.allowedAccountIds))[0] ?? (p.inputs.allowedAccountIds as string[])[0];
      assert.ok(Object.values(ids).includes(account), r.name);
      assert.match(String(p.inputs.assumeRoles), new RegExp(`arn:aws:iam::${account}:role/LandingZoneDeployment`));
      assert.deepStrictEqual(JSON.parse(r.inputs.assumeRolePolicy as string).Statement[0].Principal, { AWS: "arn:aws:iam::111111111111:root" });
      assert.ok(r.retainOnDelete);
    }
  });

  it("enrols the accounts by registering their OUs (AWSControlTowerBaseline 5.0), the Sandbox OU too (4.0 has no organizationStructure), after the landing zone and the execution roles", () => {
    const ouArns = management.outputs.ouArns as Record<string, string>;
    const baselines = byType(management, "aws:controltower/baseline:Baseline");
    assert.deepStrictEqual(baselines.map((b) => b.inputs.targetIdentifier).sort(), ["Infrastructure", "Sandbox", "Suspended", "Workloads", "Workloads/NonProd", "Workloads/Prod"].map((p) => ouArns[p]).sort());
    const lz = one(management, "aws:controltower/landingZone:LandingZone");
    for (const b of baselines) {
      assert.strictEqual(b.inputs.baselineIdentifier, "arn:aws:controltower:ap-southeast-2::baseline/17BSJV3IGJ2QSGA2");
      assert.strictEqual(b.inputs.baselineVersion, "5.0");
      assert.ok(b.dependencies?.includes(lz.urn));
      assert.ok(b.protect);
    }
  });

  it("registers each nested OU after its parent (baseline enablement does not reach nested OUs; parents first)", () => {
    const baselines = byType(management, "aws:controltower/baseline:Baseline");
    const byOu = new Map(baselines.map((b) => [b.name.replace(/^control-tower-baseline-/, ""), b]));
    const parent = [...byOu.entries()].find(([k]) => k === "workloads")![1];
    for (const [k, b] of byOu) {
      if (k.startsWith("workloads-")) assert.ok(b.dependencies?.includes(parent.urn), `${b.name} waits for the Workloads OU's baseline`);
      else assert.ok(!baselines.some((x) => b.dependencies?.includes(x.urn)), `${b.name} is top-level`);
    }
  });

  it("leaves AWS Config to Control Tower: no baseline recorder in the log-archive account", () => {
    assert.strictEqual(byType(logArchive, "aws:cfg/recorder:Recorder").length, 0);
    assert.strictEqual(byType(logArchive, "aws:cfg/deliveryChannel:DeliveryChannel").length, 0);
    assert.strictEqual(byType(logArchive, "aws:ebs/encryptionByDefault:EncryptionByDefault").length, 2, "the rest of the baseline stays");
  });

  it("has no mandatory finding", () => {
    for (const p of [management, logArchive]) assert.deepStrictEqual(p.violations.filter((v) => v.enforcementLevel === "mandatory"), [], p.stack);
  });
});

describe("Control Tower mode at 3.3 (an existing landing zone): the 3.x manifest, unchanged", function () {
  let project: TempProject;
  let management: PlanResult;
  before(async () => {
    project = enableControlTower(new TempProject()).editStack("management", (c) => {
      c[CT].version = "3.3";
    });
    management = (await planWithEngine("management", { root: project.root, cache: new Map() })).result;
  });
  after(() => project.cleanup());

  it("writes the 3.x manifest: organizationStructure, securityRoles without a flag, no config or backup section, no key unless set", () => {
    const lz = one(management, "aws:controltower/landingZone:LandingZone");
    assert.strictEqual(lz.inputs.version, "3.3");
    const ids = management.outputs.accountIds as Record<string, string>;
    assert.deepStrictEqual(JSON.parse(lz.inputs.manifestJson as string), {
      governedRegions: ["ap-southeast-2", "ap-southeast-4"],
      organizationStructure: { security: { name: "Security" }, sandbox: { name: "Sandbox" } },
      centralizedLogging: { accountId: ids["log-archive"], configurations: { loggingBucket: { retentionDays: 365 }, accessLoggingBucket: { retentionDays: 3650 } }, enabled: false },
      securityRoles: { accountId: ids.security },
      accessManagement: { enabled: false },
    });
  });

  it("gives AWSControlTowerCloudTrailRole the managed policy already (the 4.0 upgrade's prerequisite), enables baseline 4.0, and leaves the Sandbox OU to Control Tower", () => {
    assert.deepStrictEqual(byType(management, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === "AWSControlTowerCloudTrailRole"), []);
    assert.deepStrictEqual(byType(management, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === "AWSControlTowerCloudTrailRole").map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/service-role/AWSControlTowerCloudTrailRolePolicy"]);
    const ouArns = management.outputs.ouArns as Record<string, string>;
    const baselines = byType(management, "aws:controltower/baseline:Baseline");
    assert.deepStrictEqual([...new Set(baselines.map((b) => b.inputs.baselineVersion))], ["4.0"]);
    assert.ok(!baselines.some((b) => b.inputs.targetIdentifier === ouArns.Sandbox));
    assert.strictEqual(baselines.length, 5);
  });

  it("has no mandatory finding", () => {
    assert.deepStrictEqual(management.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
  });
});

describe("Control Tower: the baseline version follows the landing zone version (AWS compatibility table)", function () {
  it("enables AWSControlTowerBaseline 3.0 on the OUs of a 3.1 landing zone", async () => {
    const project = enableControlTower(new TempProject()).editStack("management", (c) => {
      c[CT].version = "3.1";
    });
    try {
      const plan = (await planWithEngine("management", { root: project.root, cache: new Map() })).result;
      assert.strictEqual(one(plan, "aws:controltower/landingZone:LandingZone").inputs.version, "3.1");
      const versions = new Set(byType(plan, "aws:controltower/baseline:Baseline").map((b) => b.inputs.baselineVersion));
      assert.deepStrictEqual([...versions], ["3.0"]);
    } finally {
      project.cleanup();
    }
  });
});

describe("Control Tower config refused at config time (exit 2, key named)", () => {
  it("an unknown landing zone version (4.1): the versions it writes, and which to pick", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        c[CT].version = "4.1";
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${CT}.version`, /must be a landing zone version whose manifest this program writes: 3\.0, 3\.1, 3\.2, 3\.3, 4\.0; use 4\.0 for a new landing zone, or the 3\.x version an existing one runs/);
    assert.ok(!/at .*\.ts:\d+/.test(run.stderr), "no stack trace");
  });

  it("no landing zone version once enabled: required, never defaulted (a default would upgrade an existing landing zone)", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        delete c[CT].version;
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${CT}.version`, /is required once Control Tower mode is enabled: "4\.0" for a new landing zone, or the version an existing one runs \(3\.0, 3\.1, 3\.2, 3\.3;.*cannot be undone/);
    assert.ok(!/at .*\.ts:\d+/.test(run.stderr), "no stack trace");
  });

  it("no version while Control Tower mode is off: nothing to pin, the stack plans", async () => {
    const run = await planEdited("management", (p) =>
      p.editStack("management", (c) => {
        delete c[CT].version;
      }),
    );
    assert.equal(run.code, 0, run.stderr);
  });

  it("a landing zone version that is not a string of the table (3.4)", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        c[CT].version = "3.4";
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${CT}.version`, /3\.0, 3\.1, 3\.2, 3\.3, 4\.0/);
  });

  it("a logging key that is not a KMS key ARN in Australia", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        c[CT].logging = { ...(c[CT].logging ?? {}), kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" };
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${CT}.logging.kmsKeyArn`, /KMS key ARN in an Australian region/);
  });

  it("a control on an OU that does not exist", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        c[CT].controls[0].ous = ["Workloads", "Workloads/Staging"];
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${CT}.controls[0].ous[1]`, /"Workloads\/Staging" is not an OU in organization.organizationalUnits/);
  });

  it("the region deny on an OU that does not exist", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        c[CT].regionDeny.ous = ["Sandbox", "Labs"];
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${CT}.regionDeny.ous[1]`);
  });

  it("the placeholder region-deny identifier", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        c[CT].regionDeny.identifier = "arn:aws:controlcatalog:::control/REPLACE-WITH-CT-MULTISERVICE-PV-1";
      }),
    );
    expectKey(run, "Pulumi.management.yaml", `${CT}.regionDeny.identifier`, /is a placeholder/);
  });

  it("the region-deny SCP still attached to an OU (Control Tower's region-deny control replaces it)", async () => {
    const run = await planEdited("management", (p) =>
      enableControlTower(p).editStack("management", (c) => {
        c["landing-zone:organization"].organizationalUnits[0].scps = ["core-guardrails", "region-deny"];
      }),
    );
    expectKey(run, "Pulumi.management.yaml", "landing-zone:organization.organizationalUnits[0].scps", /must not attach region-deny when controlTower.enabled is true/);
  });

  it("another stack still running its own Config recorder", async () => {
    const run = await planEdited("security", (p) => enableControlTower(p, "security"));
    expectKey(run, "Pulumi.security.yaml", "landing-zone:baseline.configRecorder", /Control Tower runs AWS Config/);
  });
});
