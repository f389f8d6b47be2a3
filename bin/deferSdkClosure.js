"use strict";
// `require("@pulumi/pulumi")` loads the SDK's function serialiser (runtime/closure: the code behind
// `pulumi.runtime.serializeFunction` and `computeCodePaths`, used by magic Lambda callbacks and
// dynamic providers) with all it needs: the TypeScript compiler and npm's Arborist, about 470 of the
// 950 modules an `lz` process loads and 400 ms of its start. The landing zone never serialises a
// function, so under `lz`, mocha and the bench (all through bin/register.js) the SDK's runtime index
// gets stand-ins that load the real modules on their first call: nothing changes for a program that
// does serialise one, it only pays then. `pulumi up` runs the program without this file.
// test/runtime/deferSdkClosure.test.ts checks the stand-ins against the installed SDK, so an upgrade
// that moves them fails a test rather than loading them again quietly (or breaking them).
const Module = require("module");
const path = require("path");

const RUNTIME_INDEX = path.join("node_modules", "@pulumi", "pulumi", "runtime", "index.js");

/** The modules runtime/index.js requires for the serialiser, and what it takes of each. */
const DEFERRED = {
  "./closure/serializeClosure": ["serializeFunctionAsync", "serializeFunction"],
  "./closure/codePaths": ["computeCodePaths"],
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  const names = Object.prototype.hasOwnProperty.call(DEFERRED, request) ? DEFERRED[request] : undefined;
  if (names && parent && typeof parent.filename === "string" && parent.filename.endsWith(RUNTIME_INDEX)) {
    let real;
    const actual = () => (real = real || load.call(Module, request, parent, false));
    const standIn = {};
    for (const name of names) {
      standIn[name] = function () {
        return actual()[name].apply(this, arguments);
      };
    }
    return standIn;
  }
  return load.apply(this, arguments);
};

module.exports = { DEFERRED };
