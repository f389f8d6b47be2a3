import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { PROJECT_ROOT } from "../../config/raw";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFERRED } = require("../../bin/deferSdkClosure") as { DEFERRED: Record<string, string[]> };

/** Runs `script` in a fresh node with bin/register.js (as `lz` runs), returning what it printed as JSON. */
function fresh(script: string): any {
  const out = execFileSync(process.execPath, ["-r", "./bin/register.js", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return JSON.parse(out.trim().split("\n").pop()!);
}

// The compiler and Arborist as the SDK loads them (bin/register.js loads the compiler itself when it
// transpiles a file its cache does not hold yet: that one is not the SDK's).
const HEAVY = `k => (/[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(k) || /[\\\\/]@npmcli[\\\\/]arborist[\\\\/]/.test(k)) && !/[\\\\/]bin[\\\\/]register\\.js$/.test(require.cache[k].parent?.filename ?? "")`;

describe("the SDK's function serialiser is loaded on first use (bin/deferSdkClosure.js)", () => {
  it("takes from the installed SDK's runtime index exactly what the stand-ins provide", () => {
    const index = fs.readFileSync(require.resolve("@pulumi/pulumi/runtime/index.js"), "utf8");
    const required = [...index.matchAll(/require\("(\.\/closure\/[^"]+)"\)/g)].map((m) => m[1]).sort();
    assert.deepEqual(required, Object.keys(DEFERRED).sort(), "runtime/index.js requires other closure modules: update DEFERRED");
    for (const [mod, names] of Object.entries(DEFERRED)) {
      const v = [...index.matchAll(/var (\w+) = require\("([^"]+)"\)/g)].find((m) => m[2] === mod)?.[1];
      assert.ok(v, `runtime/index.js no longer binds ${mod} to a variable`);
      const taken = [...new Set([...index.matchAll(new RegExp(`${v}\\.(\\w+)`, "g"))].map((m) => m[1]))].sort();
      assert.deepEqual(taken, [...names].sort(), `runtime/index.js takes ${taken.join(", ")} from ${mod}`);
    }
  });

  it("an lz process loads neither TypeScript nor Arborist to plan", () => {
    const out = fresh(`require("./cli/main"); require("./stacks/index"); const ks = Object.keys(require.cache); console.log(JSON.stringify({ heavy: ks.filter(${HEAVY}), modules: ks.length }))`);
    assert.deepEqual(out.heavy, []);
    assert.ok(out.modules > 100, `only ${out.modules} modules: the check ran on nothing`);
  });

  it("still serialises a function and computes code paths, loading the real modules then", () => {
    const out = fresh(`const pulumi = require("@pulumi/pulumi"); const before = Object.keys(require.cache).filter(${HEAVY}).length;
      pulumi.runtime.serializeFunction(() => 40 + 2).then((s) => console.log(JSON.stringify({ before, text: s.text, after: Object.keys(require.cache).filter(${HEAVY}).length, codePaths: typeof pulumi.runtime.computeCodePaths })));`);
    assert.equal(out.before, 0);
    assert.match(out.text, /40 \+ 2/);
    assert.ok(out.after > 0, "the real serialiser was not loaded");
    assert.equal(out.codePaths, "function");
  });
});
