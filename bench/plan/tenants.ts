import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_ROOT } from "../../config/raw";
import type * as Registry from "../../config/tenants";
import type { TenantFile } from "../../config/schema/tenant";
import type { BenchProject } from "./project";

/**
 * Synthetic tenants for the plan-scaling step, written into a BenchProject's copy of the registry in
 * the format the registry's own schema accepts (config/schema/tenant.ts, written with the registry's
 * renderTenantFile), then read back through the registry (config/tenants.ts) so a generator out of
 * step with the schema fails here, with the registry's messages, and not halfway through a plan.
 */

const CLASSIFICATIONS = ["internal", "confidential", "restricted"] as const;

export class BenchSetupError extends Error {}

/** The tenant registry module of issue #7, or a clear error while it has not landed. */
export function registry(): typeof Registry {
  const file = path.join(PROJECT_ROOT, "config", "tenants");
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as typeof Registry;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && String((err as Error).message).includes(file)) {
      throw new BenchSetupError(
        "the tenant registry (config/tenants.ts, issue #7) is not in the tree yet: plan scaling writes synthetic tenants/<slug>.yaml files and needs the registry to check them. Run the other steps with --skip-plan meanwhile.",
      );
    }
    throw err;
  }
}

/** The slug of synthetic tenant `i`: `bench-0000` ... (3–32 characters, as the schema wants). */
export function syntheticSlug(i: number): string {
  return `bench-${String(i).padStart(4, "0")}`;
}

export function syntheticTenant(i: number, stack: string, zone: string): TenantFile {
  const slug = syntheticSlug(i);
  return {
    slug,
    displayName: `Bench Tenant ${i}`,
    stack,
    hostname: `${slug}.${zone}`,
    oktaGroups: [`${slug}-users`, "platform-support"],
    dataClassification: CLASSIFICATIONS[i % CLASSIFICATIONS.length],
    retentionDays: 365 * (1 + (i % 7)),
    contacts: [{ name: `Bench Tenant ${i} operations`, email: `ops@${slug}.example`, role: "technical" }],
    status: "active",
  };
}

/**
 * Replaces `stack`'s tenants in the project's registry copy with `count` synthetic active tenants
 * (other stacks' tenants stay as they are), and checks the whole registry.
 */
export function writeSyntheticTenants(project: BenchProject, stack: string, count: number): void {
  const reg = registry();
  const zone = reg.readStackZones(project.root).get(stack)?.zone;
  if (!zone) throw new BenchSetupError(`Pulumi.${stack}.yaml has no Cloudflare zone (landing-zone:cloudflare.zoneName): synthetic tenants need one for their host names`);
  const dir = project.tenantsDir;
  for (const f of fs.readdirSync(dir)) {
    if (!/\.ya?ml$/.test(f)) continue;
    const doc = YAML.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { stack?: unknown } | null;
    if (doc?.stack === stack) fs.rmSync(path.join(dir, f));
  }
  for (let i = 0; i < count; i++) {
    const t = syntheticTenant(i, stack, zone);
    fs.writeFileSync(path.join(dir, `${t.slug}.yaml`), reg.renderTenantFile(t));
  }
  const checked = reg.readTenantRegistry(project.root);
  if (checked.issues.length) {
    const first = checked.issues.slice(0, 5).map((i) => `  ${i.file}${i.path ? ` ${i.path}` : ""}: ${i.message}`);
    throw new BenchSetupError(`the tenant registry rejects the bench's synthetic tenants (bench/plan/tenants.ts is out of step with config/schema/tenant.ts):\n${first.join("\n")}`);
  }
  const mine = reg.tenantsOfStack(checked, stack).length;
  if (mine !== count) throw new BenchSetupError(`wrote ${count} tenants for ${stack}, the registry reads ${mine}`);
}
