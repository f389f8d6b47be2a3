import { cellWorkloadOf } from "../lib/tenants/cells";
import { baselineSchema } from "./schema/baseline";
import { ConfigIssue } from "./errors";
import { NAMESPACE } from "./raw";
import type { StackConfig, TenantCellConfig, WorkloadConfig } from "./stackConfig";

/**
 * Checks of tenant-cell stack files against their workload stack's: a cell is named
 * `<workload>-cell-<nn>`, reads that workload stack, and deploys into the same account, region and
 * environment (it shares the account's VPC, keys' administrators and
 * app task role). A cell shares its account, so the one-stack-per-account check leaves it out.
 */
const DEFAULT_BASELINE = baselineSchema.parse({});

export function cellIssues(configs: readonly StackConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byStack = new Map(configs.map((c) => [c.stack, c]));
  for (const c of configs) {
    if (c.role !== "tenant-cell") continue;
    const named = cellWorkloadOf(c.stack);
    const workload = c.refStacks.workload;
    if (!named) {
      issues.push({ file: c.file, path: `${NAMESPACE}:role`, message: `a tenant-cell stack is named <workload stack>-cell-<nn>, e.g. prod-cell-01; rename Pulumi.${c.stack}.yaml` });
      continue;
    }
    if (workload && workload !== named) {
      issues.push({ file: c.file, path: `${NAMESPACE}:refs.workload`, message: `names stack "${workload}", but the cell's name says it is a cell of ${named}; a cell serves the environment in its name: remove refs.workload or rename the file to Pulumi.${workload}-cell-<nn>.yaml` });
      continue;
    }
    // The account's baseline (password policy, EBS encryption, Config...) is its workload stack's: a
    // second copy in a cell would fight over the same account-wide settings.
    if (JSON.stringify(c.baseline) !== JSON.stringify(DEFAULT_BASELINE)) {
      issues.push({ file: c.file, path: `${NAMESPACE}:baseline`, message: `a cell applies no account baseline: its account's is set by the workload stack ${workload ?? named} (Pulumi.${workload ?? named}.yaml); remove landing-zone:baseline here` });
    }
    const w = workload ? byStack.get(workload) : undefined;
    if (!w || w.role !== "workload") continue; // a missing or wrong reference is reported by the refs check
    issues.push(...sameAccountIssues(c, w));
  }
  return issues;
}

function sameAccountIssues(cell: TenantCellConfig, w: WorkloadConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  // Not the deployment role: the PR gate's preview swaps it, one stack file at a time, for a read-only role.
  const keys = ["id", "name", "region", "environment"] as const;
  for (const k of keys) {
    if (cell.account[k] === w.account[k]) continue;
    out.push({
      file: cell.file,
      path: `${NAMESPACE}:account.${k}`,
      message: `is "${cell.account[k]}", but the cell's workload stack ${w.file} has "${w.account[k]}": a cell deploys into its environment's account; set it to "${w.account[k]}"`,
    });
  }
  return out;
}

/** True for a stack that shares its account with another (a cell shares its workload's). */
export function sharesAccount(c: StackConfig): boolean {
  return c.role === "tenant-cell";
}
