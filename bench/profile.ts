import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { prepareFloor, runFloor } from "./floor";
import { BenchProject } from "./plan/project";
import { planOnce } from "./plan/scaling";
import { writeSyntheticTenants } from "./plan/tenants";

/**
 * Where plan time goes. Plans `dev` with N synthetic tenants (or, with --floor [--typed], replays it
 * through the mock floor)
 * a few times in one process; run it under the V8 profiler and summarise the profile:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/lz-prof -r ./bin/register.js bench/profile.ts --tenants 100 --runs 3
 *   node -r ./bin/register.js bench/profile.ts --summarise /tmp/lz-prof/<file>.cpuprofile
 *
 * The summary is self time by function and by package/folder (node_modules/@pulumi/pulumi, cli/engine, ...).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string): string {
  if (!url) return "(native / gc / idle)";
  const u = url.replace(/^file:\/\//, "");
  const nm = u.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = u.slice(nm + 14).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    const sub = rest[0].startsWith("@") ? rest[2] : rest[1];
    return `node_modules/${pkg}${sub && !sub.endsWith(".js") ? `/${sub}` : ""}`;
  }
  if (u.startsWith("node:")) return u;
  const root = path.resolve(__dirname, "..") + "/";
  const rel = u.startsWith(root) ? u.slice(root.length) : u;
  return rel.split("/").slice(0, 2).join("/");
}

function summarise(file: string, top = 40): void {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const fn = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(node_modules\/)?/, "")}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    const a = n.callFrame.functionName === "(garbage collector)" ? "(garbage collector)" : area(n.callFrame.url);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    total += us;
  }
  const show = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join("\n");
  process.stdout.write(`total ${(total / 1000).toFixed(0)} ms\n\nself time by area:\n${show(byArea, 25)}\n\nself time by function:\n${show(byFn, top)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tenants: { type: "string" }, runs: { type: "string" }, floor: { type: "boolean" }, typed: { type: "boolean" }, summarise: { type: "string" }, top: { type: "string" } } });
  if (values.summarise) return summarise(values.summarise, Number(values.top ?? 40));
  const tenants = Number(values.tenants ?? 100);
  const runs = Number(values.runs ?? 3);
  const project = new BenchProject();
  try {
    writeSyntheticTenants(project, "dev", tenants);
    const plan = () => planOnce(project.root, "dev");
    const first = await plan();
    const floor = prepareFloor([...first.values()].map((p) => ({ stack: p.result.stack, resources: p.result.resources })), !!values.typed);
    for (let i = 0; i < runs; i++) {
      const t0 = Date.now();
      if (values.floor) await runFloor(floor);
      else await plan();
      process.stderr.write(`${values.floor ? "floor" : "plan"} ${i + 1}: ${Date.now() - t0} ms\n`);
    }
  } finally {
    project.cleanup();
  }
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
