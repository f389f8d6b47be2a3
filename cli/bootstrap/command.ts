import { loadAllStackConfigs, projectRoot, StackConfig } from "../../config";
import { githubDeployPermissions, githubDeployTrustPolicy, managementDeploymentTrustPolicy, memberDeploymentTrustPolicy } from "../../lib/iam/bootstrapRoles";
import { minifiedPolicy } from "../../lib/iam/policyDocument";
import type { BOOTSTRAP_OPTIONS, Input } from "../commands";
import { EXIT_OK, Io, UsageError, writeUserFile } from "../io";
import { importPlan } from "./imports";

const GITHUB_ROLE = "LandingZoneGitHubDeploy";

function q(doc: unknown): string {
  return `'${minifiedPolicy(doc as Parameters<typeof minifiedPolicy>[0]).replace(/'/g, "'\\''")}'`;
}

/**
 * `lz bootstrap`: what must happen by hand before, and instead of, the management stack's first
 * `pulumi up`, printed from the stack files so that every name, id and URN is the program's own.
 * It calls nothing: it plans the management stack offline and prints commands to run.
 */
export async function bootstrapCommand({ values }: Input<typeof BOOTSTRAP_OPTIONS>, io: Io): Promise<number> {
  const root = projectRoot();
  const configs = loadAllStackConfigs(root);
  const managements = configs.filter((c) => c.role === "management");
  const cfg: StackConfig | undefined = values.stack ? configs.find((c) => c.stack === values.stack) : managements[0];
  if (!cfg) throw new UsageError(values.stack ? `there is no stack "${values.stack}"; stacks: ${configs.map((c) => c.stack).join(", ")}` : "no Pulumi.<stack>.yaml has landing-zone:role management");
  if (cfg.role !== "management") throw new UsageError(`--stack ${cfg.stack} is a ${cfg.role} stack; lz bootstrap is for the management stack (${managements.map((m) => m.stack).join(", ") || "none"})`);
  const repo = values.repo ?? "<owner>/<repository>";
  if (values.repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(values.repo)) throw new UsageError(`--repo ${JSON.stringify(values.repo)} is not <owner>/<repository>`);

  const { planStack } = await import("../engine/planner");
  const plan = (await planStack(cfg.stack, { root, configs, policies: false })).result;
  const imports = importPlan(cfg, plan.resources, configs);
  if (values.json) writeUserFile("json", values.json, JSON.stringify(imports.file, null, 2) + "\n");

  const m = cfg.account.id;
  const deploy = cfg.account.deploymentRoleName;
  const stackRef = `${cfg.pulumiOrg}/landing-zone/${cfg.stack}`;
  // One role per account: several stacks (a workload and its tenant cells) can share one.
  const members = [...new Map(configs.filter((c) => c.account.id !== m).map((c) => [c.account.id, c])).values()].sort((a, b) => a.account.name.localeCompare(b.account.name));
  const lines: string[] = [];
  const say = (...l: string[]) => lines.push(...l);
  say(
    `# Bootstrap of the management stack ${cfg.stack} (account ${m}), from Pulumi.${cfg.stack}.yaml.`,
    "# Run with administrator credentials of the management account. See docs/DEPLOYING.md for why each step is manual.",
    "",
    "## 1. The roles the first deployment runs as (nothing can create the role it deploys with)",
    `aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com`,
    `aws iam create-role --role-name ${GITHUB_ROLE} --max-session-duration 3600 --assume-role-policy-document ${q(githubDeployTrustPolicy(m, repo))}`,
    `aws iam put-role-policy --role-name ${GITHUB_ROLE} --policy-name assume-deployment-roles --policy-document ${q(githubDeployPermissions(deploy, "<organization-id>"))}`,
    `aws iam create-role --role-name ${deploy} --assume-role-policy-document ${q(managementDeploymentTrustPolicy(m, GITHUB_ROLE))}`,
    `aws iam attach-role-policy --role-name ${deploy} --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`,
    "# (For an empty organisation, put-role-policy once the organisation exists: its id is printed by step 3.)",
    "",
    "## 2. The stack",
    `pulumi stack init ${stackRef}   # or: pulumi stack select ${stackRef}`,
    "",
    "## 3a. An empty account (no organisation yet): nothing to import",
    `pulumi up --stack ${stackRef}   # CreateOrganization, the OUs and the accounts; Organizations creates ${deploy} in each vended account, trusting this account`,
    "",
    "## 3b. An account that is already an organisation's management account: adopt what exists, then up",
    "# CreateOrganization fails in an account that is in an organisation, so import it (and the OUs and accounts that exist) first.",
    "# The stack's explicit AWS provider must be in the state before an import can use it:",
    `pulumi up --stack ${stackRef} --target '${imports.providerUrn}' --yes`,
    "# Find each id and put it in bootstrap-import.json (written by `lz bootstrap --json bootstrap-import.json`):",
    ...imports.lookups.map((l) => `#   ${l.placeholder}: ${l.command}`),
    `pulumi import --stack ${stackRef} --file bootstrap-import.json --protect`,
    `pulumi up --stack ${stackRef}`,
    "# Drop from the file what does not exist yet (an OU or account to be created): pulumi up creates it.",
    "",
    "## 4. Accounts that joined by invitation (Organizations created no role in them)",
    ...(members.length
      ? members.map((c) => `# ${c.account.name} (${c.account.id}), if it joined by invitation, with its own administrator credentials:\naws iam create-role --role-name ${c.account.deploymentRoleName} --assume-role-policy-document ${q(memberDeploymentTrustPolicy(m))} && aws iam attach-role-policy --role-name ${c.account.deploymentRoleName} --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`)
      : ["# (no other stacks)"]),
    "",
    "## The import file",
    JSON.stringify(imports.file, null, 2),
  );
  io.out(lines.join("\n"));
  return EXIT_OK;
}
