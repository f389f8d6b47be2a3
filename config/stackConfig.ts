import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConfigIssue } from "./errors";
import { providerKeyIssues } from "./providerKeys";
import { NAMESPACE, RawStackConfig } from "./raw";
import { baseShape, RefRole, Role, ROLES, SELF_MANAGED_ORG } from "./schema/base";
import { logArchiveRole } from "./schema/logArchive";
import { managementRole } from "./schema/management";
import { networkRole } from "./schema/network";
import { RoleSpec } from "./schema/role";
import { securityRole } from "./schema/security";
import { tenantCellRole } from "./schema/tenantCell";
import { workloadRole } from "./schema/workload";
import { zodToIssues } from "./schema/zodIssues";

const managementSchema = z.strictObject({ ...baseShape, ...managementRole.shape });
const logArchiveSchema = z.strictObject({ ...baseShape, ...logArchiveRole.shape });
const securitySchema = z.strictObject({ ...baseShape, ...securityRole.shape });
const networkSchema = z.strictObject({ ...baseShape, ...networkRole.shape });
const workloadSchema = z.strictObject({ ...baseShape, ...workloadRole.shape });
const tenantCellSchema = z.strictObject({ ...baseShape, ...tenantCellRole.shape });

/** What every parsed stack config carries besides its keys. */
export interface StackMeta {
  /** The stack name: `dev`. */
  readonly stack: string;
  /** The stack file, for messages: `Pulumi.dev.yaml`. */
  readonly file: string;
  /** The stack each referenced role is read from, defaults applied: `{ network: "network" }`. */
  readonly refStacks: Readonly<Partial<Record<RefRole, string>>>;
  /** The role's secrets, as Pulumi secrets. Empty when parsed for a cross-stack check. */
  readonly secrets: Readonly<Record<string, pulumi.Output<string>>>;
}

export type ManagementConfig = z.infer<typeof managementSchema> & StackMeta & { role: "management" };
export type LogArchiveConfig = z.infer<typeof logArchiveSchema> & StackMeta & { role: "log-archive" };
export type SecurityConfig = z.infer<typeof securitySchema> & StackMeta & { role: "security" };
export type NetworkConfig = z.infer<typeof networkSchema> & StackMeta & { role: "network" };
export type WorkloadConfig = z.infer<typeof workloadSchema> & StackMeta & { role: "workload" };
export type TenantCellConfig = z.infer<typeof tenantCellSchema> & StackMeta & { role: "tenant-cell" };
export type StackConfig = ManagementConfig | LogArchiveConfig | SecurityConfig | NetworkConfig | WorkloadConfig | TenantCellConfig;

interface RoleEntry {
  readonly spec: RoleSpec<any>;
  readonly schema: z.ZodType;
}

export const ROLE_SPECS: Record<Role, RoleEntry> = {
  management: { spec: managementRole, schema: managementSchema },
  "log-archive": { spec: logArchiveRole, schema: logArchiveSchema },
  security: { spec: securityRole, schema: securitySchema },
  network: { spec: networkRole, schema: networkSchema },
  workload: { spec: workloadRole, schema: workloadSchema },
  "tenant-cell": { spec: tenantCellRole, schema: tenantCellSchema },
};

export interface ParseResult {
  readonly config?: StackConfig;
  readonly issues: ConfigIssue[];
}

/**
 * `pulumiOrg` where it matters. Every StackReference, and the stack the workflows select, is
 * `<pulumiOrg>/landing-zone/<stack>`. On the Pulumi Cloud that is your organisation's name, which
 * no default can know: a missing key would only fail at `pulumi up` ("stack not found"). A
 * self-managed backend names every stack's organisation `organization`, so any other value is wrong.
 */
export function pulumiOrgIssues(file: string, backend: string, pulumiOrg: string | undefined): ConfigIssue[] {
  const path = `${NAMESPACE}:pulumiOrg`;
  if (backend === "pulumi-cloud" && pulumiOrg === undefined) {
    return [{ file, path, message: `is required on the Pulumi Cloud backend (${NAMESPACE}:backend is "pulumi-cloud", the default, which the deploy workflows use): StackReferences are <pulumiOrg>/landing-zone/<stack>, so set it to your Pulumi organisation (\`pulumi config set ${NAMESPACE}:pulumiOrg <your-org>\`), or set ${NAMESPACE}:backend to "self-managed"` }];
  }
  if (backend === "self-managed" && pulumiOrg !== undefined && pulumiOrg !== SELF_MANAGED_ORG) {
    return [{ file, path, message: `is "${pulumiOrg}", but a self-managed backend names every stack's organisation "${SELF_MANAGED_ORG}"; remove the key (or set ${NAMESPACE}:backend to "pulumi-cloud" if the stacks are on the Pulumi Cloud)` }];
  }
  return [];
}

/**
 * Validates one stack's raw config against its role's schema. Reports every problem, each with the
 * file and the `landing-zone:` key path. With `withSecrets`, the role's secrets are read as Pulumi
 * secrets (only the running stack needs them).
 */
export function parseStackConfig(raw: RawStackConfig, withSecrets: boolean): ParseResult {
  const file = raw.file;
  const issues: ConfigIssue[] = [];
  const roleValue = raw.values.role;
  if (roleValue === undefined) {
    return { issues: [{ file, path: `${NAMESPACE}:role`, message: `is required: set it to one of ${ROLES.join(", ")}` }] };
  }
  if (typeof roleValue !== "string" || !(ROLES as readonly string[]).includes(roleValue)) {
    return { issues: [{ file, path: `${NAMESPACE}:role`, message: `${JSON.stringify(roleValue)} is not a role; use one of ${ROLES.join(", ")}` }] };
  }
  const role = roleValue as Role;
  const { spec, schema } = ROLE_SPECS[role];
  const accountRegion = (raw.values.account as { region?: unknown } | undefined)?.region;
  issues.push(...providerKeyIssues(raw.providerKeys ?? {}, typeof accountRegion === "string" ? accountRegion : undefined));
  const allSecrets = new Set([...spec.requiredSecrets, ...(spec.optionalSecrets ?? [])]);

  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.values)) {
    if (allSecrets.has(key)) {
      if (!raw.secretKeys.has(key)) {
        issues.push({ file, path: `${NAMESPACE}:${key}`, message: `is stored in plain text; it must be a secret. Remove it and run \`pulumi config set --secret ${NAMESPACE}:${key} <value>\` (the file then holds a \`secure:\` value)` });
      }
    } else {
      plain[key] = value;
    }
  }
  for (const key of spec.requiredSecrets) {
    if (!(key in raw.values)) {
      issues.push({ file, path: `${NAMESPACE}:${key}`, message: `is required for the ${role} role: run \`pulumi config set --secret ${NAMESPACE}:${key} <value>\`` });
    }
  }

  const parsed = schema.safeParse(plain);
  if (!parsed.success) {
    issues.push(...zodToIssues(file, NAMESPACE + ":", schema, plain, parsed.error));
    return { issues };
  }
  const values = parsed.data as Record<string, any>;
  issues.push(...pulumiOrgIssues(file, values.backend, "pulumiOrg" in raw.values ? values.pulumiOrg : undefined));
  for (const i of spec.check?.(values) ?? []) issues.push({ file, path: `${NAMESPACE}:${i.path}`, message: i.message });
  if (issues.length) return { issues };

  const refStacks: Partial<Record<RefRole, string>> = {};
  const defaults = { ...spec.refs, ...(spec.refDefaults?.(raw.stack) ?? {}) };
  for (const [refRole, defaultStack] of Object.entries(defaults) as [RefRole, string][]) {
    const target = values.refs?.[refRole] ?? defaultStack;
    if (target) refStacks[refRole] = target;
  }
  for (const key of Object.keys(values.refs ?? {})) {
    if (!(key in spec.refs)) {
      issues.push({ file, path: `${NAMESPACE}:refs.${key}`, message: `the ${role} role reads no ${key} stack; valid keys: ${Object.keys(spec.refs).join(", ") || "(none)"}` });
    }
  }
  const secrets: Record<string, pulumi.Output<string>> = {};
  if (withSecrets) {
    const cfg = new pulumi.Config(NAMESPACE);
    for (const key of allSecrets) {
      if (key in raw.values && raw.secretKeys.has(key)) secrets[key] = cfg.requireSecret(key);
    }
  }
  const config = { ...values, stack: raw.stack, file, refStacks, secrets } as StackConfig;
  return { config, issues };
}
