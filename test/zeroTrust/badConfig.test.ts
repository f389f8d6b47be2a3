import { strict as assert } from "assert";
import { planEdited, TempProject } from "../helpers/plan";

/** Bad Zero Trust or Datadog config: `lz plan` exits 2, names the file and the key, plans nothing. */
interface Case {
  readonly name: string;
  readonly edit: (c: Record<string, any>) => void;
  readonly key: string;
  readonly says: RegExp;
}

const CF = "landing-zone:cloudflare";
const CASES: Case[] = [
  {
    name: "an ingress hostname outside the zone",
    edit: (c) => (c[CF].ingress[0].hostname = "admin.example.org"),
    key: "landing-zone:cloudflare.ingress[0].hostname",
    says: /outside the zone example\.net/,
  },
  {
    name: "an Access app hostname outside the zone",
    edit: (c) => (c[CF].apps[1].hostname = "docs.example.com"),
    key: "landing-zone:cloudflare.apps[1].hostname",
    says: /outside the zone example\.net/,
  },
  {
    name: "an ingress rule list without a catch-all",
    edit: (c) => c[CF].ingress.pop(),
    key: "landing-zone:cloudflare.ingress",
    says: /must end with a catch-all.*http_status:404/,
  },
  {
    name: "a catch-all that is not last",
    edit: (c) => c[CF].ingress.unshift({ service: "http_status:404" }),
    key: "landing-zone:cloudflare.ingress[0].hostname",
    says: /only the last rule/,
  },
  {
    name: "an origin over plain HTTP",
    edit: (c) => (c[CF].ingress[0].service = "http://admin.internal.example.net"),
    key: "landing-zone:cloudflare.ingress[0].service",
    says: /not HTTPS/,
  },
  {
    name: "a routed hostname without an Access application",
    edit: (c) => c[CF].ingress.splice(1, 0, { hostname: "open.example.net", service: "https://open.internal.example.net" }),
    key: "landing-zone:cloudflare.ingress[1].hostname",
    says: /no Access application/,
  },
  {
    name: "a plain-text API token",
    edit: (c) => (c["landing-zone:cloudflareApiToken"] = "cf-token-in-plain-text"),
    key: "landing-zone:cloudflareApiToken",
    says: /plain text; it must be a secret.*pulumi config set --secret/,
  },
  {
    name: "a plain-text Datadog API key",
    edit: (c) => (c["landing-zone:datadogApiKey"] = "0123456789abcdef0123456789abcdef"),
    key: "landing-zone:datadogApiKey",
    says: /must be a secret/,
  },
  {
    name: "a missing tunnel secret",
    edit: (c) => delete c["landing-zone:cloudflareTunnelSecret"],
    key: "landing-zone:cloudflareTunnelSecret",
    says: /is required/,
  },
  {
    name: "a Docker Hub image without a Docker Hub user for the pull-through cache",
    edit: (c) => delete c["landing-zone:cloudflare"].connector.dockerHubUsername,
    key: "landing-zone:cloudflare.connector.dockerHubUsername",
    says: /comes from Docker Hub through ECR's pull-through cache/,
  },
  {
    name: "a missing Docker Hub access token",
    edit: (c) => delete c["landing-zone:dockerHubAccessToken"],
    key: "landing-zone:dockerHubAccessToken",
    says: /is required/,
  },
  {
    name: "an unknown Datadog site",
    edit: (c) => (c["landing-zone:datadog"].site = "app.datadoghq.com.au"),
    key: "landing-zone:datadog.site",
    says: /ap2\.datadoghq\.com/,
  },
  {
    name: "an Access app without Okta groups",
    edit: (c) => (c[CF].apps[0].oktaGroups = []),
    key: "landing-zone:cloudflare.apps[0].oktaGroups",
    says: /at least one Okta group/,
  },
];

describe("bad Zero Trust and Datadog config: exit 2 with the key named", function () {
  for (const c of CASES) {
    it(c.name, async () => {
      const run = await planEdited("dev", (p: TempProject) => p.editStack("dev", c.edit));
      assert.equal(run.code, 2, `exit code; stderr:\n${run.stderr}`);
      assert.ok(run.stderr.includes("Pulumi.dev.yaml"), run.stderr);
      assert.ok(run.stderr.includes(`${c.key}:`), `names ${c.key}:\n${run.stderr}`);
      assert.match(run.stderr, c.says);
      assert.equal(run.stdout, "", "nothing planned");
    });
  }

  it("accepts a Datadog site outside Australia as config, and the residency pack fails it", async () => {
    const run = await planEdited("dev", (p: TempProject) => {
      p.editStack("dev", (c) => (c["landing-zone:datadog"].site = "datadoghq.com"));
      // The data perimeter's RCP must trust the US site's account, or config refuses it first (config/schema/dataPerimeter.ts).
      p.editStack("management", (c) => c["landing-zone:dataPerimeter"].trustedAccounts.push({ accountId: "464622532012", reason: "Datadog US1" }));
    });
    assert.equal(run.code, 1, `a mandatory finding, not bad config:\n${run.stderr}`);
    assert.match(run.stdout, /\[mandatory\] residency\/[\w-]+ \S*pulumi:providers:datadog::dev-datadog/);
    assert.match(run.stdout, /https:\/\/api\.datadoghq\.com\//);
  });
});
