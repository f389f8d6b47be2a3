"use strict";
// Loads stacks/index.ts exactly the way the Pulumi CLI's Node.js language host does for this project
// (@pulumi/pulumi/cmd/run/run.js with runtime.options.typescript and tsconfig from Pulumi.yaml): the
// same compiler options, the same ts-node (the project's, else the SDK's vendored one) and the same
// TypeScript. Prints JSON describing what it loaded. Run in a child process: it registers hooks.
const path = require("path");
const root = path.resolve(__dirname, "..", "..");
process.chdir(root);
const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const tsutils = require(path.join(sdk, "tsutils"));
const semver = require(require.resolve("semver", { paths: [sdk] }));
const yaml = require("yaml");
const fs = require("fs");

const project = yaml.parse(fs.readFileSync("Pulumi.yaml", "utf8"));
const tsConfigPath = project.runtime.options.tsconfig;
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const ts = require(typescriptRequire);
const useNodeNext = semver.parse(ts.version).compare(new semver.SemVer("4.7.0")) >= 0;
const options = {
  compiler: typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: tsConfigPath,
  skipProject: !fs.existsSync(tsConfigPath),
  compilerOptions: {
    target: "ES2020",
    module: useNodeNext ? "nodenext" : "commonjs",
    moduleResolution: useNodeNext ? "nodenext" : "node",
    sourceMap: "true",
    ...compilerOptions,
  },
};
require(tsnodeRequire).register(options);
const program = require(path.join(root, project.main));
console.log(JSON.stringify({ typescript: ts.version, tsnode: tsnodeRequire, transpileOnly: options.transpileOnly, exportType: typeof program }));
