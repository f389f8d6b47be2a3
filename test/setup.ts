// Loaded by mocha before any test (see .mocharc.json). Keep it free of Pulumi imports.
process.env.LZ_TEST = "1";
