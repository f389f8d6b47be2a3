import * as path from "path";
import { rawFromStackFile, readStackFile, stackFileName, stackFileText } from "./files";
import type { ProviderKey } from "./providerKeys";
import { parseStackConfig, ParseResult } from "./stackConfig";
import { parseTenantSources, readTenantSources, StackZones, TenantRegistry, TenantSource } from "./tenants";

/**
 * The project's config is validated whole each time a program runs (loadStack): every stack file and
 * the tenant registry. One `lz plan` runs the program once per stack, so without this the same 1,000
 * tenant files are parsed and checked once per stack planned. Both caches here are keyed by the files'
 * contents, read each time (cheap next to parsing them): an edited file, or a test's freshly written
 * temporary project, is parsed again; an unchanged one is not. What they hand out is shared, and
 * read-only by type.
 */

const MAX_FILES = 2000;
const MAX_REGISTRIES = 4;

interface ParsedStackFile {
  readonly text: string;
  readonly projectKeys: string;
  readonly result: ParseResult;
}

const stackFiles = new Map<string, ParsedStackFile>();

/** `parseStackConfig` of `Pulumi.<stack>.yaml` at `root` (no secrets), parsed again only when its text changes. */
export function parsedStackFile(root: string, stack: string, projectKeys: Readonly<Record<string, ProviderKey>>): ParseResult {
  const full = path.join(root, stackFileName(stack));
  let text: string | undefined;
  try {
    text = stackFileText(root, stack);
  } catch {
    text = undefined; // readStackFile names the problem
  }
  const keys = JSON.stringify(projectKeys);
  const hit = stackFiles.get(full);
  if (text !== undefined && hit && hit.text === text && hit.projectKeys === keys) return hit.result;
  const result = parseStackConfig(rawFromStackFile(readStackFile(root, stack), projectKeys), false);
  if (text !== undefined) {
    if (stackFiles.size >= MAX_FILES) stackFiles.clear();
    stackFiles.set(full, { text, projectKeys: keys, result });
  }
  return result;
}

interface CheckedRegistry {
  readonly root: string;
  readonly stacks: string;
  readonly sources: readonly TenantSource[];
  readonly registry: TenantRegistry;
}

const registries: CheckedRegistry[] = [];

/** `readTenantRegistry(root, stacks)`, checked again only when a tenant file or a stack's zone or role changes. */
export function checkedTenantRegistry(root: string, stacks: StackZones): TenantRegistry {
  const sources = readTenantSources(root);
  const zones = JSON.stringify([...stacks.entries()]);
  const at = registries.findIndex((r) => r.root === root);
  const hit = at >= 0 ? registries[at] : undefined;
  if (hit && hit.stacks === zones && sameSources(hit.sources, sources)) return hit.registry;
  const registry = parseTenantSources(sources, stacks);
  if (at >= 0) registries.splice(at, 1);
  registries.unshift({ root, stacks: zones, sources, registry });
  registries.length = Math.min(registries.length, MAX_REGISTRIES);
  return registry;
}

function sameSources(a: readonly TenantSource[], b: readonly TenantSource[]): boolean {
  if (a === b) return true; // the same reading (config/snapshot.ts)
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].file !== b[i].file || a[i].text !== b[i].text) return false;
  return true;
}
