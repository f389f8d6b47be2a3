import { strict as assert } from "assert";
import { PROJECT_ROOT, rawFromStackFile, readStackFile } from "../../config/raw";
import { parseStackConfig } from "../../config/stackConfig";
import { ManagementConfig } from "../../config";
import { minifiedPolicy, PolicyDocument } from "../../lib/iam/policyDocument";
import { PlanResult } from "../../lib/plan";
import { identityPerimeterRcp, resourcePerimeterScp } from "../../lib/scp/dataPerimeter";
import { RCP_MAX_CHARACTERS } from "../../lib/scp/limits";
import { byType, planStack } from "../helpers/plan";
import { simulate } from "../lib/iamSimulation";

const cfg = parseStackConfig(rawFromStackFile(readStackFile(PROJECT_ROOT, "management")), false).config as ManagementConfig;

/** The organisation perimeter as the sample management stack plans it. */
describe("the data perimeter in the management plan", function () {
  this.timeout(60000);
  let plan: PlanResult;
  before(async () => {
    plan = await planStack("management");
  });
  const policy = (name: string) => byType(plan, "aws:organizations/policy:Policy").find((p) => p.inputs.name === name)!;

  it("enables resource control policies at the root", () => {
    const org = byType(plan, "aws:organizations/organization:Organization")[0];
    assert.ok((org.inputs.enabledPolicyTypes as string[]).includes("RESOURCE_CONTROL_POLICY"));
  });

  it("plans the RCP with the organisation's real id, exactly as lib/scp builds it, within 5,120 characters", () => {
    const rcp = policy("data-perimeter");
    assert.equal(rcp.inputs.type, "RESOURCE_CONTROL_POLICY");
    const expected = identityPerimeterRcp({ organizationId: String(plan.outputs.organizationId), regions: cfg.guardrails.allowedRegions, trustedAccounts: cfg.dataPerimeter.trustedAccounts });
    assert.equal(rcp.inputs.content, minifiedPolicy(expected));
    assert.ok(String(rcp.inputs.content).includes(String(plan.outputs.organizationId)));
    assert.ok(String(rcp.inputs.content).length <= RCP_MAX_CHARACTERS);
  });

  it("plans the resource-perimeter SCP, and attaches both to the workload OUs only", () => {
    const scp = policy("data-perimeter-resources");
    assert.equal(scp.inputs.type, "SERVICE_CONTROL_POLICY");
    assert.equal(scp.inputs.content, minifiedPolicy(resourcePerimeterScp({ regions: cfg.guardrails.allowedRegions })));
    const ids = plan.outputs.ouIds as Record<string, string>;
    const attachments = byType(plan, "aws:organizations/policyAttachment:PolicyAttachment").filter((a) => a.name.startsWith("data-perimeter-"));
    const rcpId = policy("data-perimeter").id;
    const scpId = scp.id;
    assert.deepEqual(attachments.filter((a) => a.inputs.policyId === rcpId).map((a) => a.inputs.targetId), [ids.Workloads]);
    assert.deepEqual(attachments.filter((a) => a.inputs.policyId === scpId).map((a) => a.inputs.targetId), [ids.Workloads]);
  });

  it("the planned RCP denies a principal of another organisation any tenant bucket, even one whose policy allows it", async () => {
    const rcp = JSON.parse(String(policy("data-perimeter").inputs.content)) as PolicyDocument;
    const r = await simulate({
      principal: "arn:aws:iam::999999999999:role/Exfiltrator",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::tenant-contoso-bank-666666666666-apse2/x.pdf",
      resourceAccount: "666666666666",
      context: { "aws:PrincipalOrgID": "o-zyxwvutsrq", "aws:PrincipalAccount": "999999999999", "aws:SecureTransport": "true" },
      resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:role/Exfiltrator" }, Action: "s3:GetObject", Resource: "*" }] },
      rcps: [{ target: "Workloads", policies: [rcp] }],
    });
    assert.deepEqual(r, { result: "ExplicitlyDenied", deniedBy: ["DenyPrincipalsOutsideOrganization"] });
  });
});
