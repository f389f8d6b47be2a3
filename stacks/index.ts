import { loadStackConfig } from "../config";
import { createContext } from "./context";
import { logArchive } from "./logArchive";
import { management } from "./management";
import { network } from "./network";
import { security } from "./security";
import { workload } from "./workload";

/**
 * The program `pulumi up` runs (Pulumi.yaml `main: stacks/`) and `lz plan` runs under mocks. It is a
 * function so that one process can plan several stacks. Config is validated, across every stack
 * file, before any resource is registered.
 */
export = async (): Promise<Record<string, unknown>> => {
  const cfg = loadStackConfig();
  switch (cfg.role) {
    case "management":
      return management(createContext(cfg));
    case "log-archive":
      return logArchive(createContext(cfg));
    case "security":
      return security(createContext(cfg));
    case "network":
      return network(createContext(cfg));
    case "workload":
      return workload(createContext(cfg));
  }
};
