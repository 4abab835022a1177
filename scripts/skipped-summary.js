#!/usr/bin/env node
// One line saying how many unit tests skipped and why (from the spec reporter's log), so a run
// without ../shared/datasets is never silently smaller. Usage: node scripts/skipped-summary.js artifacts/.cache/unit.log
"use strict";
const { readFileSync } = require("node:fs");
const log = readFileSync(process.argv[2], "utf8");
const reasons = new Map();
for (const line of log.split("\n")) {
  // spec reporter: "﹣ <name> (<ms>ms) # <reason>"
  const m = /^\s*\uFE63 .* \([\d.]+m?s\) # (.*)$/.exec(line);
  if (m) reasons.set(m[1], (reasons.get(m[1]) ?? 0) + 1);
}
const n = [...reasons.values()].reduce((a, b) => a + b, 0);
if (n === 0) console.log("unit tests: none skipped");
else console.log(`unit tests: ${n} skipped — ${[...reasons].sort((a, b) => b[1] - a[1]).map(([r, c]) => `${c}: ${r}`).join("; ")}`);
