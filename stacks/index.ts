import * as pulumi from "@pulumi/pulumi";
import { isConfigError, loadStack, LoadedStack } from "../config";
import { createContext } from "./context";
import { logArchive } from "./logArchive";
import { management } from "./management";
import { network } from "./network";
import { security } from "./security";
import { tenantCell } from "./tenantCell";
import { workload } from "./workload";

/**
 * The program `pulumi up` runs (Pulumi.yaml `main: stacks/`) and `lz plan` runs under mocks. It is a
 * function so that one process can plan several stacks. Config is validated, across every stack
 * file, before any resource is registered.
 */
export = async (): Promise<Record<string, unknown>> => {
  const { config: cfg, tenants, environmentTenants, workload: workloadOfCell } = validatedStack();
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
      return workload(createContext(cfg), tenants, environmentTenants);
    case "tenant-cell":
      if (!workloadOfCell) throw new Error(`${cfg.file}: the cell's workload stack config was not loaded`);
      return tenantCell(createContext(cfg), workloadOfCell, tenants, environmentTenants);
  }
};

/**
 * The stack's config, or a RunError carrying every problem: `pulumi up` prints a RunError's message
 * without a stack trace, and `lz` still recognises it as bad input (exit 2) by its name and issues.
 */
function validatedStack(): LoadedStack {
  try {
    return loadStack();
  } catch (err) {
    if (!isConfigError(err)) throw err;
    throw Object.assign(new pulumi.RunError(err.message), { name: "ConfigError", issues: err.issues });
  }
}
