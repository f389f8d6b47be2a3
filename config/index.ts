import { crossStackIssues, dependencyOrder, dependenciesOf } from "./crossStack";
import { ConfigError, ConfigIssue, isConfigError, throwIfAny } from "./errors";
import { listStacks, PROJECT_ROOT, projectRoot, rawFromRuntime, RawStackConfig, readStackFile } from "./raw";
import { projectProviderKeys } from "./providerKeys";
import { checkedTenantRegistry, parsedStackFile } from "./memo";
import { snapshotted } from "./snapshot";
import { parseStackConfig, StackConfig, WorkloadConfig } from "./stackConfig";
import { stackZonesFromConfigs, Tenant, TenantRegistry, tenantsOfEnvironment, tenantsOfStack } from "./tenants";

export * from "./errors";
export type { StackConfig, ManagementConfig, LogArchiveConfig, SecurityConfig, NetworkConfig, WorkloadConfig, TenantCellConfig, StackMeta } from "./stackConfig";
export type { Role, AccountConfig } from "./schema/base";
export { AU_REGIONS } from "./schema/common";
export { dependencyOrder, dependenciesOf, listStacks, PROJECT_ROOT, projectRoot, readStackFile };

interface LoadedProject {
  readonly configs: StackConfig[];
  readonly registry: TenantRegistry;
}

/** Every stack file and the tenant registry, checked together; throws a ConfigError listing every problem. */
function loadProject(root: string, current?: RawStackConfig): LoadedProject {
  const issues: ConfigIssue[] = [];
  const configs: StackConfig[] = [];
  const stacks = new Set(listStacks(root));
  if (current) stacks.add(current.stack);
  const projectKeys = projectProviderKeys(root);
  for (const stack of [...stacks].sort()) {
    try {
      const r = current && current.stack === stack ? parseStackConfig(current, false) : parsedStackFile(root, stack, projectKeys);
      issues.push(...r.issues);
      if (r.config && r.issues.length === 0) configs.push(r.config);
    } catch (err) {
      if (isConfigError(err)) issues.push(...err.issues);
      else throw err;
    }
  }
  issues.push(...crossStackIssues(configs, stacks));
  // The tenant registry (tenants/*.yaml) is config too: its errors stop a plan before any resource.
  const registry = checkedTenantRegistry(root, stackZonesFromConfigs(configs, stacks));
  issues.push(...registry.issues);
  throwIfAny(issues);
  return { configs, registry };
}

/**
 * Parses every stack file of the project (no secrets). Throws a ConfigError listing every problem.
 * Within a config snapshot (config/snapshot.ts) the project is checked once, not once per call.
 */
export function loadAllStackConfigs(root: string = projectRoot(), current?: RawStackConfig): StackConfig[] {
  if (current) return loadProject(root, current).configs;
  return [...snapshotted("project", root, "", () => loadProject(root)).configs];
}

/** What the program runs on: its validated config and, for a workload stack or a cell, its tenants. */
export interface LoadedStack {
  readonly config: StackConfig;
  /**
   * The running stack's tenants (tenants/*.yaml), every status, sorted by slug: a cell's, or a
   * workload stack's that name no cell; none for other roles.
   */
  readonly tenants: readonly Tenant[];
  /** For a workload stack or a cell: every tenant of its environment, in any cell or none. */
  readonly environmentTenants: readonly Tenant[];
  /** For a tenant cell: its workload stack's validated config (zone, team, connector, Datadog site). */
  readonly workload?: WorkloadConfig;
}

/**
 * The running stack's config and tenants, validated with every other stack file of the project and
 * the whole tenant registry, before any resource is registered. This is the only place the program
 * reads config.
 */
export function loadStack(root: string = projectRoot()): LoadedStack {
  const raw = rawFromRuntime(root);
  const own = parseStackConfig(raw, true);
  const issues = [...own.issues];
  let tenants: Tenant[] = [];
  let environmentTenants: Tenant[] = [];
  let workload: WorkloadConfig | undefined;
  if (issues.length === 0) {
    try {
      const project = loadProject(root, raw);
      tenants = tenantsOfStack(project.registry, raw.stack);
      if (own.config?.role === "workload") environmentTenants = tenantsOfEnvironment(project.registry, raw.stack);
      if (own.config?.role === "tenant-cell") {
        const ref = own.config.refStacks.workload;
        workload = project.configs.find((c): c is WorkloadConfig => c.stack === ref && c.role === "workload");
        if (ref) environmentTenants = tenantsOfEnvironment(project.registry, ref);
      }
    } catch (err) {
      if (!isConfigError(err)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length || !own.config) throw new ConfigError(issues);
  return { config: own.config, tenants, environmentTenants, workload };
}

/** The running stack's config (see loadStack). */
export function loadStackConfig(root: string = projectRoot()): StackConfig {
  return loadStack(root).config;
}
