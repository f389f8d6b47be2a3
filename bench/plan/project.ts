import * as fs from "fs";
import * as path from "path";
import { copyProjectConfig } from "../../config/files";

/**
 * A temporary copy of the project's configuration (copyProjectConfig: the stack files, the tenant
 * registry and the policy config, as the tests' TempProject), that the engine plans instead of the
 * checkout (`planStack(..., { root })` and `LZ_PROJECT_ROOT` for child processes). The program
 * itself is still the checkout's. The real tenants/ is never touched.
 */
export class BenchProject {
  readonly root: string;

  constructor() {
    this.root = copyProjectConfig("lz-bench-");
  }

  get tenantsDir(): string {
    return path.join(this.root, "tenants");
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
