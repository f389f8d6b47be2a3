import { strict as assert } from "assert";
import { DATADOG_STANDARD_IAM_PERMISSIONS } from "../../cli/engine/mocks/datadog";
import { actionIssues, datadogPermissionPolicies, datadogTrustPolicy, MANAGED_POLICY_MAX_CHARS, splitActions } from "../../lib/observability/datadogIam";
import { DATADOG_SITES, datadogSiteOfApiUrl } from "../../lib/observability/datadogSites";

describe("observability: Datadog IAM documents (pure)", () => {
  it("trusts only Datadog's account for the site, with the external id", () => {
    const doc = datadogTrustPolicy(DATADOG_SITES["ap2.datadoghq.com"].awsAccountId, "abc123");
    assert.equal(doc.Statement.length, 1);
    assert.deepEqual(doc.Statement[0].Principal, { AWS: "arn:aws:iam::412381753143:root" });
    assert.deepEqual(doc.Statement[0].Condition, { StringEquals: { "sts:ExternalId": "abc123" } });
  });

  it("refuses `*` and whole-service wildcards", () => {
    assert.equal(actionIssues(["*"]).length, 1);
    assert.equal(actionIssues(["support:*"]).length, 1);
    assert.deepEqual(actionIssues(["ec2:Describe*", "tag:GetResources"]), []);
  });

  it("spreads actions over a fixed number of policies, stably, each within IAM's limit", () => {
    const { documents, issues } = datadogPermissionPolicies(DATADOG_STANDARD_IAM_PERMISSIONS, 2);
    assert.deepEqual(issues, []);
    assert.equal(documents.length, 2);
    const all = documents.flatMap((d) => d.Statement[0].Action).sort();
    assert.deepEqual(all, [...DATADOG_STANDARD_IAM_PERMISSIONS].sort(), "every published action, once");
    for (const d of documents) assert.ok(JSON.stringify(d).length <= MANAGED_POLICY_MAX_CHARS);
    // Adding one action changes one policy only.
    const before = splitActions(DATADOG_STANDARD_IAM_PERMISSIONS, 3);
    const after = splitActions([...DATADOG_STANDARD_IAM_PERMISSIONS, "ssm:DescribeParameters"], 3);
    assert.equal(before.filter((c, i) => JSON.stringify(c) !== JSON.stringify(after[i])).length, 1);
  });

  it("says which key to raise when a policy would be too big", () => {
    const many = Array.from({ length: 400 }, (_, i) => `ec2:DescribeSomethingQuiteLong${i}`);
    const { issues } = datadogPermissionPolicies(many, 1);
    assert.match(issues.join("\n"), /over IAM's 6144; raise datadog\.permissionPolicies/);
  });

  it("maps API URLs back to sites", () => {
    assert.equal(datadogSiteOfApiUrl("https://api.ap2.datadoghq.com"), "ap2.datadoghq.com");
    assert.equal(datadogSiteOfApiUrl("https://api.datadoghq.com/"), "datadoghq.com");
    assert.equal(datadogSiteOfApiUrl("https://example.com/"), undefined);
  });
});
