import { crossStackIssues, dependencyOrder, dependenciesOf } from "./crossStack";
import { ConfigError, ConfigIssue, isConfigError, throwIfAny } from "./errors";
import { listStacks, PROJECT_ROOT, projectRoot, rawFromRuntime, rawFromStackFile, RawStackConfig, readStackFile } from "./raw";
import { parseStackConfig, StackConfig } from "./stackConfig";
import { readTenantRegistry, stackZonesFromConfigs } from "./tenants";

export * from "./errors";
export type { StackConfig, ManagementConfig, LogArchiveConfig, SecurityConfig, NetworkConfig, WorkloadConfig, StackMeta } from "./stackConfig";
export type { Role, AccountConfig } from "./schema/base";
export { AU_REGIONS } from "./schema/common";
export { dependencyOrder, dependenciesOf, listStacks, PROJECT_ROOT, projectRoot, readStackFile };

/** Parses every stack file of the project (no secrets). Throws a ConfigError listing every problem. */
export function loadAllStackConfigs(root: string = projectRoot(), current?: RawStackConfig): StackConfig[] {
  const issues: ConfigIssue[] = [];
  const configs: StackConfig[] = [];
  const stacks = new Set(listStacks(root));
  if (current) stacks.add(current.stack);
  for (const stack of [...stacks].sort()) {
    try {
      const raw = current && current.stack === stack ? current : rawFromStackFile(readStackFile(root, stack));
      const r = parseStackConfig(raw, false);
      issues.push(...r.issues);
      if (r.config && r.issues.length === 0) configs.push(r.config);
    } catch (err) {
      if (isConfigError(err)) issues.push(...err.issues);
      else throw err;
    }
  }
  issues.push(...crossStackIssues(configs, stacks));
  // The tenant registry (tenants/*.yaml) is config too: its errors stop a plan before any resource.
  issues.push(...readTenantRegistry(root, stackZonesFromConfigs(configs, stacks)).issues);
  throwIfAny(issues);
  return configs;
}

/**
 * The running stack's config, validated with every other stack file of the project, before any
 * resource is registered. This is the only place the program reads config.
 */
export function loadStackConfig(root: string = projectRoot()): StackConfig {
  const raw = rawFromRuntime();
  const own = parseStackConfig(raw, true);
  const issues = [...own.issues];
  if (issues.length === 0) {
    try {
      loadAllStackConfigs(root, raw);
    } catch (err) {
      if (!isConfigError(err)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length || !own.config) throw new ConfigError(issues);
  return own.config;
}
