import type { PackDefinition } from "../../policies/lib/policy";
import { pack as baseline } from "../../policies/baseline/pack";
import { pack as encryption } from "../../policies/encryption/pack";
import { pack as preflight } from "../../policies/preflight/pack";
import { pack as residency } from "../../policies/residency/pack";

/** Every pack the offline runner runs, in report order. The same definitions the packs' index.ts register. */
export function allPacks(): readonly PackDefinition[] {
  return [encryption, residency, preflight, baseline];
}
