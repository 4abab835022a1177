#!/usr/bin/env node
// Notebook 02 §1b (Galaxy platform accuracy) outside Jupyter, for a busy machine: the same library
// call with the notebook's full-run parameters, split over workers that take the tools from either
// end, then merged into the notebook's artifacts (artifacts/figures/02-reproduce/galaxy-platform-accuracy.{json,csv}).
//   node scripts/galaxy-platform.mjs run [--largest-first] [--skip done.jsonl[,more.jsonl]] out.jsonl
//                                         (one JSON line per tool; --skip: tools already in those files, to resume)
//   node scripts/galaxy-platform.mjs merge a.jsonl [b.jsonl ...]          (needs every tool once)
// Build first (node_modules/.bin/tsc -p tsconfig.json). Rows are deterministic: a tool computed by two
// workers gives the same row.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as gw from "../dist/index.js";

const R = gw.analysis.reproduce;
const PLATFORM = { minJobs: 1000, grid: R.GALAXY_GBT_GRID, innerFolds: 2, seed: 42, variants: R.GALAXY_VARIANTS, helpThreshold: 0.005 };
const root = join(gw.mirrorRoot() ?? "", "galaxy-main");
const [mode, ...args] = process.argv.slice(2);
if (mode === "run") {
  const skipAt = args.indexOf("--skip");
  const skipFiles = skipAt >= 0 ? (args[skipAt + 1] ?? "").split(",").filter(Boolean) : [];
  if (skipAt >= 0 && skipFiles.length === 0) throw new Error("--skip needs a file (or comma-separated files) of rows already computed");
  const out = args.filter((a, i) => !a.startsWith("--") && (skipAt < 0 || i !== skipAt + 1))[0];
  if (!out) throw new Error("usage: run [--largest-first] [--skip done.jsonl[,more.jsonl]] out.jsonl");
  if (skipFiles.includes(out)) throw new Error(`${out}: the output is also a --skip file (it is emptied first)`);
  const skipTools = new Set(skipFiles.flatMap((f) => readFileSync(f, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line).tool)));
  if (skipTools.size) console.error(`skipping ${skipTools.size} tool(s) already in ${skipFiles.join(", ")}`);
  const dump = R.readGalaxyDumpJobs(join(root, "csv_dump"));
  const context = { load: R.galaxyLoad(dump.jobs), history: R.galaxyHistory(dump.jobs) };
  writeFileSync(out, "");
  R.galaxyPlatformAccuracy(root, context, { ...PLATFORM, order: args.includes("--largest-first") ? "largest-first" : "smallest-first", skipTools, onProgress: (i, n, r) => appendFileSync(out, `${JSON.stringify(r)}\n`) });
} else if (mode === "merge") {
  const byTool = new Map();
  for (const f of args) for (const line of readFileSync(f, "utf8").split("\n").filter(Boolean)) {
    const r = JSON.parse(line);
    byTool.set(r.tool, r);
  }
  const rows = [...byTool.values()].sort((a, b) => a.nJobs - b.nJobs || a.tool.localeCompare(b.tool));
  const nb = gw.report.notebook("02-reproduce");
  const summary = R.summarizeGalaxyPlatform(rows);
  const table = R.galaxyPlatformTable(rows);
  nb.saveJson("galaxy-platform-accuracy", { parameters: PLATFORM, summary, ablation: R.galaxyPlatformAblation(rows), tools: table });
  nb.saveCsv("galaxy-platform-accuracy", table);
  console.log(JSON.stringify(summary, null, 1));
} else throw new Error("usage: galaxy-platform.mjs run|merge ...");
