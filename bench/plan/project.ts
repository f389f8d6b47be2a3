import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../config/raw";

/**
 * A temporary copy of the project's configuration (the stack files, the tenant registry and the
 * policy config), like test/helpers/plan.ts's TempProject, that the engine plans instead of the
 * checkout (`planStack(..., { root })` and `LZ_PROJECT_ROOT` for child processes). The program
 * itself is still the checkout's. The real tenants/ is never touched.
 */
export class BenchProject {
  readonly root: string;

  constructor() {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-"));
    for (const f of fs.readdirSync(PROJECT_ROOT)) {
      if (/^Pulumi(\..+)?\.yaml$/.test(f)) fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(this.root, f));
    }
    for (const dir of ["tenants", "policies"]) {
      const src = path.join(PROJECT_ROOT, dir);
      fs.mkdirSync(path.join(this.root, dir), { recursive: true });
      if (!fs.existsSync(src)) continue;
      for (const f of fs.readdirSync(src)) {
        if (/\.ya?ml$/.test(f) && fs.statSync(path.join(src, f)).isFile()) fs.copyFileSync(path.join(src, f), path.join(this.root, dir, f));
      }
    }
  }

  get tenantsDir(): string {
    return path.join(this.root, "tenants");
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
