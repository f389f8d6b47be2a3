#!/usr/bin/env node
"use strict";
require("./register");
// `lz plan dev | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode || 0);
    throw err;
  });
}
const { main } = require("../cli/main");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Only a defect in lz itself reaches here: user errors are reported by main with exit code 2.
    console.error("lz: internal error:", err && err.stack ? err.stack : err);
    process.exitCode = 3;
  },
);
