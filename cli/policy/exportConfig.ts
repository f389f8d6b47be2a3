import { loadPolicyConfig, pulumiPackConfig } from "./config";
import { allPacks } from "./packs";

/**
 * Writes the `--policy-pack-config` JSON of one pack from the policy config file, so the Pulumi CLI
 * and `lz` judge with the same regions, levels, options and waivers:
 *
 *   node -r ./bin/register.js cli/policy/exportConfig.ts encryption [policies/policy-config.yaml] > encryption.json
 *   pulumi preview --policy-pack policies/encryption --policy-pack-config encryption.json
 */
export function exportPackConfig(packName: string, file?: string): string {
  const packs = allPacks();
  const pack = packs.find((p) => p.name === packName);
  if (!pack) throw new Error(`no pack named ${packName}; packs: ${packs.map((p) => p.name).join(", ")}`);
  return JSON.stringify(pulumiPackConfig(loadPolicyConfig(file, packs), pack), null, 2);
}

if (require.main === module) {
  const [pack, file] = process.argv.slice(2);
  try {
    process.stdout.write(exportPackConfig(pack ?? "", file) + "\n");
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
