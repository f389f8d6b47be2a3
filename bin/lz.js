#!/usr/bin/env node
"use strict";
require("./register");
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
