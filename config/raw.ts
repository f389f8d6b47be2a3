import * as pulumi from "@pulumi/pulumi";
import { isProviderKey, NAMESPACE, parseValue, RawStackConfig, readStackFile, stackFileName } from "./files";
import { ProviderKey, projectProviderKeys, providerKeySource } from "./providerKeys";

export * from "./files";

// isConfigSecret is internal to the SDK (no typings), but it is how the runtime itself tells secret keys.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig: { isConfigSecret(key: string): boolean } = require("@pulumi/pulumi/runtime/config");

/**
 * The running stack's config, read the way `pulumi up` passes it (PULUMI_CONFIG), also under mocks.
 * The CLI merges Pulumi.yaml's project-level values and the stack's ESC environment in, so a
 * provider key is attributed to the file that sets it (read from `root`), or to the environment.
 */
export function rawFromRuntime(root: string): RawStackConfig {
  const stack = pulumi.getStack();
  const all = pulumi.runtime.allConfig();
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const project = projectProviderKeys(root);
  let inStackFile: ReadonlySet<string> | undefined;
  try {
    inStackFile = new Set(Object.keys(readStackFile(root, stack).config));
  } catch {
    inStackFile = undefined; // unreadable here: the CLI read it, so name it
  }
  const providerKeys: Record<string, ProviderKey> = {};
  for (const [fullKey, value] of Object.entries(all)) {
    if (isProviderKey(fullKey)) providerKeys[fullKey] = { value, file: providerKeySource(fullKey, value, stack, inStackFile, project) };
    const idx = fullKey.indexOf(":");
    if (fullKey.slice(0, idx) !== NAMESPACE) continue;
    const key = fullKey.slice(idx + 1).replace(/^config:/, "");
    values[key] = parseValue(value);
    if (runtimeConfig.isConfigSecret(`${NAMESPACE}:${key}`)) secretKeys.add(key);
  }
  return { stack, file: stackFileName(stack), values, secretKeys, providerKeys };
}

