import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { cellsOf, readStackZones, readTenantRegistry, registryRoot, tenantsOfStack } from "../../config/tenants";
import { applyStateMove, StackExport, StateMoveError, StateMoveResult, stateMoveCommands, tenantComponentUrn } from "../../lib/stateMove";
import type { Input, TENANT_MOVE_OPTIONS } from "../commands";
import { EXIT_OK, Io, readUserFile, UsageError } from "../io";

function readExport(file: string, flag: string): StackExport {
  const text = readUserFile(file, "a stack export");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`lz tenant move: --${flag} ${file} is not JSON (${err instanceof Error ? err.message : String(err)}); write it with \`pulumi stack export --file ${file}\``);
  }
  const d = doc as StackExport;
  if (!d || typeof d !== "object" || !d.deployment || !Array.isArray(d.deployment.resources)) {
    throw new UsageError(`lz tenant move: --${flag} ${file} is not a stack export (no deployment.resources); write it with \`pulumi stack export --file ${file}\``);
  }
  return d;
}

/**
 * `lz tenant move <slug> --to <cell>`: the `pulumi state move` that carries a tenant, with all its
 * resources, from the stack that holds it (a cell, or the workload stack) into another cell of its
 * environment, without recreating anything (docs/CELLS.md). With `--export` (the source's `pulumi
 * stack export`) and `--dest-export`, the move is first applied to those exports, offline
 * (lib/stateMove.ts), so a conflict shows before anything changes. `--write` sets the tenant file's
 * `cell`.
 */
export async function tenantMove({ values, positionals }: Input<typeof TENANT_MOVE_OPTIONS>, io: Io): Promise<number> {
  const slug = positionals[0];
  const dest = values.to;
  if (!dest) throw new UsageError("lz tenant move: --to <cell> is required: the cell the tenant moves to");
  const root = registryRoot();
  const stacks = readStackZones(root);
  const registry = readTenantRegistry(root, stacks);
  const t = registry.tenants.find((x) => x.slug === slug);
  if (!t) {
    const bad = registry.issues.filter((i) => i.file === `tenants/${slug}.yaml`);
    throw new UsageError(bad.length ? `lz tenant move: tenants/${slug}.yaml is not valid: ${bad.map((i) => `${i.path}: ${i.message}`).join("; ")}` : `lz tenant move: there is no tenant "${slug}" (no valid tenants/${slug}.yaml)`);
  }
  const source = t.cell ?? t.stack;
  const cells = cellsOf(stacks, t.stack);
  const target = cells.find((c) => c.stack === dest);
  if (!target) throw new UsageError(`lz tenant move: "${dest}" is not a cell of ${t.stack} (the tenant's environment); its cells: ${cells.map((c) => c.stack).join(", ") || `none yet: add Pulumi.${t.stack}-cell-01.yaml`}`);
  if (dest === source) throw new UsageError(`lz tenant move: ${slug} is already in ${dest}`);
  const held = tenantsOfStack(registry, dest).length;
  if (target.capacity !== undefined && held >= target.capacity) throw new UsageError(`lz tenant move: ${dest} is full (${held}/${target.capacity} tenants); pick another cell or raise its cell.capacity`);

  const urn = tenantComponentUrn(source, slug);
  let check: StateMoveResult | undefined;
  if (values["dest-export"] && !values.export) throw new UsageError("lz tenant move: --dest-export goes with --export (the source stack's export)");
  if (values.export) {
    const src = readExport(values.export, "export");
    if (!src.deployment.resources!.some((r) => r.urn === urn)) {
      throw new UsageError(`lz tenant move: ${values.export} has no ${urn}: is it the export of ${source} (\`pulumi stack export --stack ${source}\`), and is ${slug} deployed there?`);
    }
    const dst = values["dest-export"] ? readExport(values["dest-export"], "dest-export") : { version: 3, deployment: { resources: [] } };
    try {
      check = applyStateMove(src, dst, [urn], dest);
    } catch (err) {
      if (err instanceof StateMoveError) throw new UsageError(`lz tenant move: the move would fail: ${err.message}`);
      throw err;
    }
  }

  const file = path.join(root, t.file);
  if (values.write) {
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
    doc.set("cell", dest);
    fs.writeFileSync(file, doc.toString());
  }
  const commands = stateMoveCommands(source, dest, [urn]);
  if (values.json) {
    io.out(JSON.stringify({ tenant: slug, source, dest, urns: [urn], commands, ...(check ? { moves: check.moved.length, copiedProviders: check.copiedProviders, brokenDependencies: check.brokenDependencies } : {}) }, null, 2));
    return EXIT_OK;
  }
  io.out(`Move tenant ${slug} from ${source} to ${dest} (${t.stack}), keeping every resource:`);
  io.out("");
  io.out(`1. Pause deployments of ${source} and ${dest} (the deploy workflow: set LZ_CLOUD_ENABLED to false), so that no \`pulumi up\` runs between the move and the merge.`);
  io.out(`2. ${values.write ? `${t.file} now says` : `In ${t.file}, set`} \`cell: ${dest}\`; open the pull request (lz plan ${dest} shows the same resource names).`);
  io.out("3. Move the state (backups first):");
  for (const c of commands.slice(0, 3)) io.out(`   ${c}`);
  io.out("4. Merge, check, and resume deployments:");
  for (const c of commands.slice(3)) io.out(`   ${c}`);
  if (check) {
    io.out("");
    io.out(`Checked against ${values.export}${values["dest-export"] ? ` and ${values["dest-export"]}` : ""}: ${check.moved.length} resources move; providers copied: ${check.copiedProviders.join(", ") || "none"}.`);
    if (check.brokenDependencies.length) io.out(`Dependencies dropped by the move (the next pulumi up rewrites them):\n${check.brokenDependencies.map((d) => `  ${d}`).join("\n")}`);
  }
  return EXIT_OK;
}
