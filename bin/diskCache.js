"use strict";
// The file caches of this checkout, under node_modules/.cache/<name>: the transpiled TypeScript
// (bin/register.js) and the tenant files' YAML as JSON (config/yamlCache.ts). Each entry is named by
// a hash of everything its content is a function of, so an entry is never stale, only unused, and
// deleting the folder is always safe. Entries are written whole (a temporary file, then a rename),
// so a reader in another process never sees half of one; on a read-only checkout nothing is kept.
const fs = require("fs");
const path = require("path");

const CACHE_ROOT = path.join(path.resolve(__dirname, ".."), "node_modules", ".cache");

/** The folder of the cache `name`. */
function cacheDir(name) {
  return path.join(CACHE_ROOT, name);
}

/** The entry `file` of the cache folder `dir`, or undefined when it is not kept. */
function readCached(dir, file) {
  try {
    return fs.readFileSync(path.join(dir, file), "utf8");
  } catch {
    return undefined;
  }
}

/** Keeps `text` as the entry `file` of `dir`, or nothing when the folder cannot be written. */
function writeCached(dir, file, text) {
  const full = path.join(dir, file);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${full}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, full);
  } catch {
    // A read-only checkout still works, just without the cache.
  }
}

module.exports = { cacheDir, readCached, writeCached };
