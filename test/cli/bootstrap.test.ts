import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ImportFile } from "../../cli/bootstrap/imports";
import { githubDeployPermissions, githubDeployTrustPolicy, managementDeploymentTrustPolicy, memberDeploymentTrustPolicy } from "../../lib/iam/bootstrapRoles";
import { one, planStack, runLz } from "../helpers/plan";
import { simulate } from "../lib/iamSimulation";

const MANAGEMENT = "111111111111";

describe("lz bootstrap (#13 item 6)", function () {
  this.timeout(120000);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-bootstrap-")), "import.json");
  let run: Awaited<ReturnType<typeof runLz>>;
  let doc: ImportFile;
  before(async () => {
    run = await runLz(["bootstrap", "--repo", "example-org/landing-zone", "--json", file]);
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  });

  it("prints the role commands, the provider-first targeted up, and pulumi import --file, exit 0", () => {
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, /aws iam create-role --role-name LandingZoneGitHubDeploy .*repo:example-org\/landing-zone:environment:deploy-\*/);
    assert.match(run.stdout, /aws iam create-role --role-name LandingZoneDeployment .*"AWS":"arn:aws:iam::111111111111:role\/LandingZoneGitHubDeploy"/);
    assert.match(run.stdout, /pulumi up --stack example-org\/landing-zone\/management --target 'urn:pulumi:management::landing-zone::pulumi:providers:aws::management-aws' --yes/);
    assert.match(run.stdout, /pulumi import --stack example-org\/landing-zone\/management --file bootstrap-import.json --protect/);
    assert.match(run.stdout, /<organization-id>: aws organizations describe-organization --query Organization.Id --output text/);
    assert.match(run.stdout, /<ou-id:Workloads\/Prod>: aws organizations list-organizational-units-for-parent --parent-id <ou-id:Workloads> --query "OrganizationalUnits\[\?Name=='Prod'\]\.Id"/);
    assert.strictEqual((run.stdout.match(/^# dev \(555555555555\)/gm) ?? []).length, 1, "one role per account, whatever the stacks sharing it");
  });

  it("the import file names exactly what the management program registers, under its components, on its provider", async () => {
    const plan = await planStack("management");
    const org = doc.resources.find((r) => r.type === "aws:organizations/organization:Organization")!;
    assert.strictEqual(org.name, one(plan, "aws:organizations/organization:Organization").name);
    assert.strictEqual(org.parent, "org");
    assert.strictEqual(org.provider, "management-aws");
    assert.deepStrictEqual(doc.resources.find((r) => r.name === "org"), { type: "landing-zone:organization:Organization", name: "org", component: true });
    assert.strictEqual(doc.nameTable["management-aws"], "urn:pulumi:management::landing-zone::pulumi:providers:aws::management-aws");
    const planned = plan.resources.filter((r) => r.type === "aws:organizations/account:Account" || r.type === "aws:organizations/organizationalUnit:OrganizationalUnit").map((r) => r.name).sort();
    assert.deepStrictEqual(doc.resources.filter((r) => !r.component && r.type !== "aws:organizations/organization:Organization").map((r) => r.name).sort(), planned);
    assert.strictEqual(doc.resources.find((r) => r.name === "org-account-dev")!.id, "555555555555", "account ids come from the stack files");
    assert.strictEqual(doc.resources.find((r) => r.name === "org-ou-workloads-prod")?.id ?? doc.resources.find((r) => r.type.endsWith("OrganizationalUnit") && String(r.id).includes("Workloads/Prod"))!.id, "<ou-id:Workloads/Prod>");
  });

  it("a workload stack is refused, exit 2, naming the management stack", async () => {
    const r = await runLz(["bootstrap", "--stack", "dev"]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--stack dev is a workload stack; lz bootstrap is for the management stack \(management\)/);
  });

  describe("the role chain under a real evaluator: GitHub -> management deploy role -> member deployment role", () => {
    it("a member's deployment role trusts the management account, not a role inside the member", async () => {
      const trust = memberDeploymentTrustPolicy(MANAGEMENT);
      const from = (principal: string) => simulate({ principal, action: "sts:AssumeRole", resource: "arn:aws:iam::555555555555:role/LandingZoneDeployment", resourceAccount: "555555555555", resourcePolicy: trust });
      assert.strictEqual((await from(`arn:aws:sts::${MANAGEMENT}:assumed-role/LandingZoneGitHubDeploy/run`)).result, "Allowed");
      assert.notStrictEqual((await from("arn:aws:sts::555555555555:assumed-role/LandingZoneGitHubDeploy/run")).result, "Allowed");
    });
    it("the GitHub deploy role may assume deployment roles of the organisation only", async () => {
      const perms = githubDeployPermissions("LandingZoneDeployment", "o-abcdefghij");
      const ask = (org: string, role = "LandingZoneDeployment") =>
        simulate({ principal: `arn:aws:sts::${MANAGEMENT}:assumed-role/LandingZoneGitHubDeploy/run`, action: "sts:AssumeRole", resource: `arn:aws:iam::555555555555:role/${role}`, resourceAccount: "555555555555", identity: [perms], context: { "aws:ResourceOrgID": org }, resourcePolicy: memberDeploymentTrustPolicy(MANAGEMENT) });
      assert.strictEqual((await ask("o-abcdefghij")).result, "Allowed");
      assert.notStrictEqual((await ask("o-zyxwvutsrq")).result, "Allowed");
      assert.notStrictEqual((await ask("o-abcdefghij", "OrganizationAccountAccessRole")).result, "Allowed");
    });
    it("the trust documents name the repository's deploy environments and the GitHub deploy role", () => {
      const gh = githubDeployTrustPolicy(MANAGEMENT, "example-org/landing-zone").Statement[0];
      assert.deepStrictEqual(gh.Condition, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:example-org/landing-zone:environment:deploy-*" } });
      assert.deepStrictEqual(managementDeploymentTrustPolicy(MANAGEMENT, "LandingZoneGitHubDeploy").Statement[0].Principal, { AWS: `arn:aws:iam::${MANAGEMENT}:role/LandingZoneGitHubDeploy` });
    });
  });
});
