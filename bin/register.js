"use strict";
// Loads the project's TypeScript sources without a build step: each .ts file is transpiled (no type
// check; `npm test` runs `tsc --noEmit` for that) and the result cached on disk by content hash, so
// an edited file is always picked up and an unchanged one costs a file read. TypeScript itself is
// only loaded on a cache miss.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
require("./deferSdkClosure");
const { cacheDir, readCached, writeCached } = require("./diskCache");

const root = path.resolve(__dirname, "..");
const tsCache = cacheDir("lz-ts");
const nodeModules = path.sep + "node_modules" + path.sep;
let ts;
let salt;

function compilerSalt() {
  if (salt === undefined) {
    const tsPkg = require(require.resolve("typescript/package.json", { paths: [root] }));
    salt = `${tsPkg.version}:${fs.readFileSync(__filename, "utf8").length}`;
  }
  return salt;
}

function transpile(source, filename) {
  ts = ts || require(require.resolve("typescript", { paths: [root] }));
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      resolveJsonModule: true,
      inlineSourceMap: true,
      inlineSources: false,
    },
  });
  return out.outputText;
}

function compile(source, filename) {
  const key = crypto.createHash("sha1").update(compilerSalt()).update("\0").update(filename).update("\0").update(source).digest("hex");
  const cached = readCached(tsCache, key + ".js");
  if (cached !== undefined) return cached;
  const js = transpile(source, filename);
  writeCached(tsCache, key + ".js", js);
  return js;
}

require.extensions[".ts"] = function (module, filename) {
  if (filename.includes(nodeModules)) {
    throw new Error(`refusing to transpile a TypeScript file inside node_modules: ${filename}`);
  }
  const source = fs.readFileSync(filename, "utf8");
  module._compile(compile(source, filename), filename);
};
