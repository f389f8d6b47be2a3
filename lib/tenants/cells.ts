/**
 * Tenant cells: the stacks an environment's tenants live in, `<env>-cell-<nn>`, each a Pulumi stack
 * of its own in the environment's account. Names and placement only; no Pulumi here.
 */

/** Tenants a cell holds unless its stack file says otherwise (`landing-zone:cell.capacity`). */
export const DEFAULT_CELL_CAPACITY = 50;

/**
 * The most a cell may be configured to hold. A tenant registers 20 to 22 resources, so 60 tenants
 * keep a cell's state near 1,300 resources: a `pulumi up` of a cell then checkpoints a small state,
 * whatever the number of tenants of the environment (docs/CELLS.md).
 */
export const MAX_CELL_CAPACITY = 60;

const CELL_STACK = /^([a-z][a-z0-9-]*?)-cell-(\d{2,3})$/;

/** `prod-cell-01` -> `prod`; undefined when the name is not `<workload>-cell-<nn>`. */
export function cellWorkloadOf(stack: string): string | undefined {
  return CELL_STACK.exec(stack)?.[1];
}

/** `cellStackName("prod", 3)` -> `prod-cell-03`. */
export function cellStackName(workload: string, n: number): string {
  return `${workload}-cell-${String(n).padStart(2, "0")}`;
}

/** A cell as placement sees it: its stack, its capacity and how many tenants it holds now. */
export interface CellLoad {
  readonly stack: string;
  readonly capacity: number;
  readonly tenants: number;
}

/**
 * The cell a new tenant goes to: the least-filled one with room (ties to the lowest name, so two
 * people adding tenants at once pick the same cell and see it in review), or undefined when every
 * cell is full.
 */
export function leastFilledCell(cells: readonly CellLoad[]): string | undefined {
  const open = cells.filter((c) => c.tenants < c.capacity);
  open.sort((a, b) => a.tenants - b.tenants || (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
  return open[0]?.stack;
}
