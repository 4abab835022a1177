import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { mirrorRoot } from "../../data/paths";
import { kFoldIndices, parseGalaxyFrame, type GalaxyFrame } from "./galaxy";
import { chooseGbt, galaxyPlatformAccuracy, nestedGbtR2, summarizeGalaxyPlatform, type GbtGrid } from "./galaxyNested";
import { galaxyHistory, galaxyLoad, readGalaxyDumpJobs } from "./galaxyPlatform";

const TINY: GbtGrid = { maxDepth: [2, 4], minSamplesLeaf: [5], learningRate: [0.1], rounds: [10, 40] };

function synthetic(n: number): { features: GalaxyFrame; y: number[] } {
  const size = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) + 1);
  const kind = size.map((_, i) => (i % 3 === 0 ? "bam" : "sam"));
  const y = size.map((s, i) => Math.log1p(s) + (kind[i] === "bam" ? 1 : 0) + 0.05 * Math.sin(i));
  const features = parseGalaxyFrame(["size,kind", ...size.map((s, i) => `${s},${kind[i]}`)].join("\n"));
  return { features, y };
}

test("chooseGbt sees only the rows it is given: targets elsewhere change nothing", () => {
  const { features, y } = synthetic(240);
  const train = Array.from({ length: 160 }, (_, i) => i);
  const a = chooseGbt(features, y, train, TINY, 3, 1);
  const scrambled = y.map((v, i) => (i >= 160 ? -v * 100 : v));
  assert.deepEqual(chooseGbt(features, scrambled, train, TINY, 3, 1), a);
  assert.ok(a.innerR2 > 0.8, JSON.stringify(a));
  assert.ok(TINY.rounds.includes(a.rounds) && TINY.maxDepth.includes(a.maxDepth));
});

test("nestedGbtR2: one choice per outer fold, seeded, good fit on a learnable target", () => {
  const { features, y } = synthetic(300);
  const outer = kFoldIndices(300, 3, 42);
  const s = nestedGbtR2(features, y, outer, { grid: TINY, innerFolds: 2 });
  assert.equal(s.choices.length, 3);
  assert.equal(s.foldR2.length, 3);
  assert.ok(s.r2 > 0.9, String(s.r2));
  assert.deepEqual(nestedGbtR2(features, y, outer, { grid: TINY, innerFolds: 2 }), s);
  const fixed = nestedGbtR2(features, y, outer, { grid: TINY, fixedChoices: s.choices });
  assert.equal(fixed.r2, s.r2, "refitting with the same per-fold choices gives the same model");
});

test("summary: share of tools at or above the paper and the median ΔR²", () => {
  const row = (paper: number, all: number) => ({ tool: "t", nJobs: 1000, paperR2: paper, rfR2: paper, gbtR2: { all, "no load": paper }, deltaR2: all - paper, helped: [], chosen: [] });
  const s = summarizeGalaxyPlatform([row(0.5, 0.6), row(0.5, 0.49), row(0.9, 0.93), row(0.8, 0.83), row(0.7, 0.71)]);
  assert.equal(s.shareAtLeastPaper, 0.8);
  assert.ok(Math.abs(s.medianDeltaR2 - 0.03) < 1e-12);
  assert.equal(s.goalMet, true);
  assert.equal(s.medianDeltaByVariant["no load"], 0);
  assert.equal(summarizeGalaxyPlatform([row(0.5, 0.6), row(0.5, 0.49)]).goalMet, false);
});

const root = mirrorRoot();
const galaxyRoot = root ? join(root, "galaxy-main") : undefined;
const have = galaxyRoot !== undefined && existsSync(join(galaxyRoot, "csv_dump"));

test("real dump, smallest tool >= 1000 jobs, tiny grid: paired with the RF reproduction, deterministic", { skip: have ? false : "no dataset mirror" }, () => {
  const jobs = readGalaxyDumpJobs(join(galaxyRoot as string, "csv_dump")).jobs;
  const context = { load: galaxyLoad(jobs), history: galaxyHistory(jobs) };
  const opts = { limit: 1, grid: TINY, innerFolds: 2, variants: [{ name: "all", groups: ["load", "destination", "size", "history"] as const }, { name: "no load", groups: ["destination", "size", "history"] as const }] };
  const rows = galaxyPlatformAccuracy(galaxyRoot as string, context, opts);
  assert.equal(rows.length, 1);
  const r = rows[0]!;
  assert.equal(r.tool, "toolshed.g2.bx.psu.edu/repos/devteam/picard/picard_ValidateSamFile/1.136.0");
  assert.equal(r.nJobs, 1170);
  assert.ok(Math.abs(r.rfR2 - r.paperR2) < 0.05, JSON.stringify(r));
  assert.ok(r.gbtR2.all! > 0.4 && r.gbtR2["no load"]! > 0.4, JSON.stringify(r));
  assert.equal(r.chosen.length, 3);
  assert.deepEqual(galaxyPlatformAccuracy(galaxyRoot as string, context, opts), rows, "same data and code, same numbers");
  const reused = galaxyPlatformAccuracy(galaxyRoot as string, context, { ...opts, variants: opts.variants.slice(0, 1), rfR2: new Map([[r.tool, 0.123]]) });
  assert.equal(reused[0]!.rfR2, 0.123, "an RF R² computed elsewhere (notebook 02 §1) is used, not recomputed");
  // A resumed run leaves out the tools already computed, before `limit`: the next-smallest tool comes first.
  const resumed = galaxyPlatformAccuracy(galaxyRoot as string, context, { ...opts, variants: opts.variants.slice(0, 1), skipTools: new Set([r.tool]) });
  assert.equal(resumed.length, 1);
  assert.notEqual(resumed[0]!.tool, r.tool);
  assert.ok(resumed[0]!.nJobs >= r.nJobs, "smallest-first order kept after skipping");
});
