import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../io";
import { loadPolicyConfig, pulumiPackConfig } from "../policy/config";
import { allPacks } from "../policy/packs";

const USAGE = "node -r ./bin/register.js cli/report/packConfigs.ts <out-dir> [policy-config.yaml]";

/**
 * Writes `<out-dir>/<pack>.json` for every policy pack: the `--policy-pack-config` the Pulumi CLI
 * needs so that a cloud preview or `pulumi up` applies the same enforcement levels, options and
 * waivers as `lz plan` (policies/policy-config.yaml). A CI helper for .github/workflows; pack
 * `policies/<name>` gets `<out-dir>/<name>.json`. Returns the exit code: 0, or 2 for bad input.
 */
export function packConfigsMain(argv: readonly string[], err: (s: string) => void = (s) => process.stderr.write(s + "\n")): number {
  try {
    if (argv.length < 1 || argv.length > 2) throw new UsageError(`usage: ${USAGE}`);
    const [outDir, configFile] = argv;
    const packs = allPacks();
    const config = loadPolicyConfig(configFile, packs);
    fs.mkdirSync(outDir, { recursive: true });
    for (const pack of packs) {
      const file = path.join(outDir, `${pack.name}.json`);
      fs.writeFileSync(file, JSON.stringify(pulumiPackConfig(config, pack), null, 2) + "\n");
      err(`wrote ${file} (for --policy-pack policies/${pack.name})`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`packConfigs: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = packConfigsMain(process.argv.slice(2));
