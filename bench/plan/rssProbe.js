"use strict";
// Preloaded (`node -r`) into a child `lz` process by the bench: when the process exits, writes its
// peak resident set size (getrusage ru_maxrss, which Node reports in kilobytes) to $BENCH_RSS_FILE.
const fs = require("fs");
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    fs.writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, uptimeMs: Math.round(process.uptime() * 1000) }));
  });
}
