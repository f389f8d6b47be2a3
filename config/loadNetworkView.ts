/** The network views of the running stack, read from every stack file of the project (see networkView.ts). */
import { loadAllStackConfigs, projectRoot } from "./index";
import { HubView, hubOf, SpokeView, spokesOf } from "./networkView";
import type { NetworkConfig, WorkloadConfig } from "./stackConfig";

/** The spokes of the running network stack. */
export function loadSpokes(cfg: NetworkConfig, root: string = projectRoot()): SpokeView[] {
  return spokesOf(loadAllStackConfigs(root), cfg.stack);
}

/** The hub of the running workload stack. */
export function loadHub(cfg: WorkloadConfig, root: string = projectRoot()): HubView {
  return hubOf(loadAllStackConfigs(root), cfg);
}
