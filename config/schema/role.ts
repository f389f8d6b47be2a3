import { z } from "zod";
import { ConfigIssue } from "../errors";
import { Role, RefRole } from "./base";

/** One CIDR a stack claims, for the cross-stack overlap check. */
export interface ClaimedCidr {
  /** Key path without namespace: `vpc.cidr`. */
  readonly path: string;
  readonly cidr: string;
}

/**
 * What each role adds to the base keys. A role module owns its keys, their validation and what it
 * claims across stacks; `config/stackConfig.ts` composes them.
 */
export interface RoleSpec<Shape extends z.ZodRawShape> {
  readonly role: Role;
  /** The role's own top-level keys. */
  readonly shape: Shape;
  /** Secret keys that must be set with `pulumi config set --secret`. */
  readonly requiredSecrets: readonly string[];
  /** Secret keys that may be set; when set, they must be secrets. */
  readonly optionalSecrets?: readonly string[];
  /** The stacks of other roles this role reads, with the default stack names. */
  readonly refs: Partial<Record<RefRole, string>>;
  /** Default referenced stacks that depend on the stack's own name (a cell's workload). Default: `refs`. */
  readonly refDefaults?: (stack: string) => Partial<Record<RefRole, string>>;
  /** CIDRs the stack claims (checked for overlap against every other stack). */
  readonly cidrs?: (cfg: any) => ClaimedCidr[];
  /** Checks across keys, after each key parsed; issues are relative (no file), paths without namespace. */
  readonly check?: (cfg: any) => Omit<ConfigIssue, "file">[];
}

export function defineRole<Shape extends z.ZodRawShape>(spec: RoleSpec<Shape>): RoleSpec<Shape> {
  return spec;
}
