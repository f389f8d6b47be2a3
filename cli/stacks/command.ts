import * as fs from "fs";
import * as path from "path";
import { dependenciesOf, loadAllStackConfigs, projectRoot, StackConfig } from "../../config";
import { readTenantRegistry, Tenant, TenantRegistry, tenantsOfStack } from "../../config/tenants";
import { Affected, affectedStacks, GraphError, GraphStack, PlacedStack, placeStacks, TenantChange, waves } from "../../lib/stacks/graph";
import type { Input, STACKS_OPTIONS } from "../commands";
import { EXIT_OK, Io, readUserFile, UsageError } from "../io";

const USAGE = "lz stacks [--json] [--changed FILE [--base DIR]]";

/** One stack of `lz stacks --json`. */
export interface StacksEntry extends PlacedStack {
  /** For workload stacks and cells: the tenants the stack holds. */
  readonly tenants?: number;
  /** For cells: the most tenants it may hold. */
  readonly capacity?: number;
}

/** `lz stacks --json`: the contract the deploy and PR workflows read (docs/PR-GATING.md). */
export interface StacksDocument {
  readonly stacks: readonly StacksEntry[];
  /** The stacks of each wave, in order; a wave deploys after the one before, its stacks in parallel. */
  readonly waves: readonly (readonly string[])[];
  /** Per wave, a GitHub Actions matrix (`strategy.matrix: ${{ fromJSON(...) }}`): one include per stack. */
  readonly matrix: readonly { readonly include: readonly { readonly stack: string; readonly environment: string }[] }[];
  /** With --changed: the stacks the change can affect, and why. */
  readonly affected?: Affected;
}

export function graphOf(configs: readonly StackConfig[]): GraphStack[] {
  return configs.map((c) => ({ stack: c.stack, role: c.role, account: c.account.id, region: c.account.region, environment: c.account.environment, dependsOn: dependenciesOf(c) }));
}

/** The whole document, from validated configs and the registry. */
export function stacksDocument(configs: readonly StackConfig[], registry: TenantRegistry, affected?: Affected): StacksDocument {
  let placed: PlacedStack[];
  try {
    placed = placeStacks(graphOf(configs));
  } catch (err) {
    if (err instanceof GraphError) throw new UsageError(err.message);
    throw err;
  }
  const byStack = new Map(configs.map((c) => [c.stack, c]));
  const stacks: StacksEntry[] = placed.map((p) => {
    const c = byStack.get(p.stack)!;
    if (c.role === "tenant-cell") return { ...p, tenants: tenantsOfStack(registry, p.stack).length, capacity: c.cell.capacity };
    if (c.role === "workload") return { ...p, tenants: tenantsOfStack(registry, p.stack).length };
    return p;
  });
  const ws = waves(placed);
  const env = new Map(placed.map((p) => [p.stack, p.deployEnvironment]));
  return {
    stacks,
    waves: ws,
    matrix: ws.map((w) => ({ include: w.map((stack) => ({ stack, environment: env.get(stack)! })) })),
    ...(affected ? { affected } : {}),
  };
}

/** Where each changed tenant file's tenant lives, in the head (`root`) and the base. */
function tenantChanges(files: readonly string[], head: TenantRegistry, base: TenantRegistry | undefined): Map<string, TenantChange> {
  const out = new Map<string, TenantChange>();
  const index = (r: TenantRegistry | undefined) => new Map<string, Tenant>((r?.tenants ?? []).map((t) => [t.file, t]));
  const h = index(head);
  const b = index(base);
  for (const file of files) {
    const seen = [h.get(file), b.get(file)].filter((t): t is Tenant => !!t);
    out.set(file, {
      file,
      holders: [...new Set(seen.map((t) => t.cell ?? t.stack))],
      zoneStacks: [...new Set(seen.filter((t) => t.customHostname).map((t) => t.stack))],
    });
  }
  return out;
}

function pad(cells: string[][]): string[] {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd());
}

function renderText(doc: StacksDocument): string {
  const rows = [["WAVE", "STACK", "ROLE", "ACCOUNT", "REGION", "ENV", "READS", "AFTER", "TENANTS"]];
  for (const s of doc.stacks) {
    const tenants = s.capacity !== undefined ? `${s.tenants}/${s.capacity}` : s.tenants !== undefined ? String(s.tenants) : "";
    rows.push([String(s.wave), s.stack, s.role, s.account, s.region, s.environment, s.dependsOn.join(",") || "-", s.after.join(",") || "-", tenants]);
  }
  const lines = pad(rows);
  lines.push("", `${doc.waves.length} waves: ${doc.waves.map((w) => w.join(" + ")).join("  ->  ")}`);
  if (doc.affected) {
    lines.push("", `affected: ${doc.affected.all ? "every stack" : doc.affected.stacks.join(", ") || "no stack"}`);
    for (const r of doc.affected.reasons) lines.push(`  ${r}`);
  }
  return lines.join("\n");
}

/**
 * `lz stacks`: every stack, its role, its account, what it reads (StackReferences) and its wave;
 * with `--changed FILE` (a list of changed paths, one a line, as `git diff --name-only` prints
 * them), the stacks that change can affect. Reads and validates every stack file and the tenant
 * registry, like `lz plan`, and plans nothing.
 */
export async function stacksCommand({ values, positionals }: Input<typeof STACKS_OPTIONS>, io: Io): Promise<number> {
  if (positionals.length) throw new UsageError(`lz stacks: takes no stack names, only flags\nusage: ${USAGE}`);
  if (values.base && !values.changed) throw new UsageError(`lz stacks: --base goes with --changed\nusage: ${USAGE}`);
  const root = projectRoot();
  const configs = loadAllStackConfigs(root);
  const registry = readTenantRegistry(root);
  let affected: Affected | undefined;
  if (values.changed) {
    const files = readUserFile(values.changed, "a list of changed files").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    let base: TenantRegistry | undefined;
    if (values.base) {
      if (!fs.existsSync(path.join(values.base, "tenants")) && !fs.existsSync(path.join(values.base, "Pulumi.yaml"))) throw new UsageError(`lz stacks: --base ${values.base} is not a checkout of this project (no Pulumi.yaml)`);
      base = readTenantRegistry(path.resolve(values.base));
    }
    const placed = placeStacks(graphOf(configs));
    affected = affectedStacks(placed, files, tenantChanges(files.filter((f) => /^tenants\//.test(f)), registry, base));
  }
  const doc = stacksDocument(configs, registry, affected);
  io.out(values.json ? JSON.stringify(doc, null, 2) : renderText(doc));
  return EXIT_OK;
}
