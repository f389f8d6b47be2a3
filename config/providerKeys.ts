import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigIssue } from "./errors";
import { isProviderKey, NAMESPACE, stackFileName } from "./files";
import { snapshotted } from "./snapshot";

/**
 * Provider keys (`aws:region`, `cloudflare:apiToken`, `datadog:apiKey`...) configure a provider's
 * *default* instance only: an explicit `new aws.Provider(...)` reads none of them (by design in the
 * bridged providers, pulumi/pulumi-aws#1307 and #3259). Pulumi.yaml disables the default providers,
 * so every stack's resources go through the explicit providers of components/providers/, built from
 * `landing-zone:` keys. A provider key in a stack file would be silently ignored; these checks refuse
 * it and name the key to set instead.
 *
 * `aws:region` is the one exception, because every Pulumi AWS user sets it first: it is accepted
 * when it says the same as `landing-zone:account.region`, and refused when it disagrees. It is not
 * read as the region: `account.region` is also what the other stacks' checks, the network stack's
 * derived routes and the residency rules read from every stack file, so one key stays the one truth.
 */

/** A provider key as set for a stack: its value (as Pulumi passes it) and the file it comes from. */
export interface ProviderKey {
  readonly value: string;
  /** `Pulumi.dev.yaml`, or `Pulumi.yaml` for a project-level value. */
  readonly file: string;
}

const ACCOUNT = `${NAMESPACE}:account`;
const CREDENTIALS = `the stack's provider assumes \`${ACCOUNT}.deploymentRoleName\` in \`${ACCOUNT}.id\` from the credentials of the environment \`pulumi up\` runs in; give those the usual way (AWS_PROFILE, or the CI's OIDC role) and remove this key`;

/** What to set instead, for the keys a user is likely to bring along; anything else gets the general advice. */
const INSTEAD: Readonly<Record<string, string>> = {
  "aws:region": `set the region in \`${ACCOUNT}.region\` (Australian regions only)`,
  "aws:allowedAccountIds": `the provider allows exactly \`${ACCOUNT}.id\`; set that`,
  "aws:forbiddenAccountIds": `the provider allows exactly \`${ACCOUNT}.id\`; set that`,
  "aws:assumeRoles": `set the role's name in \`${ACCOUNT}.deploymentRoleName\`; the provider assumes it in \`${ACCOUNT}.id\``,
  "aws:assumeRole": `set the role's name in \`${ACCOUNT}.deploymentRoleName\`; the provider assumes it in \`${ACCOUNT}.id\``,
  "aws:defaultTags": `set the tags in \`${NAMESPACE}:tags\`; they become the provider's defaultTags`,
  "aws:profile": CREDENTIALS,
  "aws:accessKey": CREDENTIALS,
  "aws:secretKey": CREDENTIALS,
  "aws:token": CREDENTIALS,
  "aws:sharedCredentialsFiles": CREDENTIALS,
  "aws:sharedConfigFiles": CREDENTIALS,
  "cloudflare:apiToken": `set it with \`pulumi config set --secret ${NAMESPACE}:cloudflareApiToken <token>\``,
  "cloudflare:apiKey": `use an API token instead: \`pulumi config set --secret ${NAMESPACE}:cloudflareApiToken <token>\``,
  "cloudflare:email": `use an API token instead: \`pulumi config set --secret ${NAMESPACE}:cloudflareApiToken <token>\``,
  "datadog:apiKey": `set it with \`pulumi config set --secret ${NAMESPACE}:datadogApiKey <key>\``,
  "datadog:appKey": `set it with \`pulumi config set --secret ${NAMESPACE}:datadogAppKey <key>\``,
  "datadog:apiUrl": `set the site in \`${NAMESPACE}:datadog.site\` (default ap2.datadoghq.com, Australia); the API URL follows from it`,
};

/** The issues of one stack's provider keys; `accountRegion` is `landing-zone:account.region` when it is a string. */
export function providerKeyIssues(keys: Readonly<Record<string, ProviderKey>>, accountRegion: string | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, { value, file }] of Object.entries(keys).sort(([a], [b]) => a.localeCompare(b))) {
    if (key === "aws:region") {
      if (accountRegion === undefined || value === accountRegion) continue;
      issues.push({
        file,
        path: key,
        message: `is ${JSON.stringify(value)}, but this stack deploys to ${JSON.stringify(accountRegion)} (\`${ACCOUNT}.region\`): default providers are disabled, so \`aws:region\` is not read. Remove it, or make it say ${JSON.stringify(accountRegion)}; to move the stack, change \`${ACCOUNT}.region\``,
      });
      continue;
    }
    const ns = key.slice(0, key.indexOf(":"));
    const instead = INSTEAD[key] ?? `remove it: the stack's ${ns} provider is built from \`${NAMESPACE}:\` keys (components/providers/${ns}.ts), and a setting it lacks belongs there`;
    issues.push({ file, path: key, message: `is not read: default providers are disabled in Pulumi.yaml, so \`${ns}:*\` keys configure nothing; ${instead}` });
  }
  return issues;
}

/**
 * Pulumi.yaml's project-level provider values (`config: { aws:region: { value: ... } }`): they apply
 * to every stack that does not set the key itself. A missing or unreadable Pulumi.yaml has none.
 */
export function projectProviderKeys(root: string): Readonly<Record<string, ProviderKey>> {
  return snapshotted("project-keys", root, "", () => projectProviderKeysNow(root));
}

function projectProviderKeysNow(root: string): Record<string, ProviderKey> {
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
  } catch {
    return {};
  }
  const cfg = doc && typeof doc === "object" ? (doc as Record<string, unknown>).config : undefined;
  const out: Record<string, ProviderKey> = {};
  if (!cfg || typeof cfg !== "object") return out;
  for (const [key, decl] of Object.entries(cfg as Record<string, unknown>)) {
    if (!isProviderKey(key)) continue;
    const value = decl && typeof decl === "object" && !Array.isArray(decl) && "value" in decl ? (decl as { value: unknown }).value : decl;
    out[key] = { value: typeof value === "string" ? value : JSON.stringify(value), file: "Pulumi.yaml" };
  }
  return out;
}

/**
 * Where a provider key the runtime was given comes from, for the message: the stack file when it
 * sets the key (or cannot be read: the CLI read it), else Pulumi.yaml when it has that value, else
 * the stack's ESC environment (`environment:` in the stack file).
 */
export function providerKeySource(key: string, value: string, stack: string, inStackFile: ReadonlySet<string> | undefined, project: Readonly<Record<string, ProviderKey>>): string {
  const file = stackFileName(stack);
  if (!inStackFile || inStackFile.has(key)) return file;
  if (project[key]?.value === value) return "Pulumi.yaml";
  return `the ESC environment of ${file}`;
}
