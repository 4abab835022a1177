import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cpuModels, loadHarness } from "../../data/harness";
import { loadModel } from "../../models/serialize";
import { LinearRidge } from "../../models/ridge";
import { DEFAULT_STEP_RECIPE, featuresForStep, harnessLiftUncertainty, liftRows, recipeFeatures, trainStepModel } from "./stepModels";

test("a model of a step only sees features measured before the step runs", () => {
  const bwa = featuresForStep("bwa_mem").map((f) => f.name);
  assert.ok(bwa.includes("mean_base_quality") && bwa.includes("reads"));
  assert.equal(bwa.includes("mismatch_rate"), false, "alignment metrics do not exist before BWA-MEM");
  assert.equal(bwa.includes("input_bytes"), false, "trace sizes are not QC features");
  assert.equal(featuresForStep("markduplicates").some((f) => f.name === "picard_dup"), false, "MarkDuplicates' own output");
  assert.ok(featuresForStep("freebayes").some((f) => f.name === "picard_dup"), "in flight, the callers see their ancestor MarkDuplicates' metrics");
  assert.equal(featuresForStep("freebayes", undefined, "fastqc").some((f) => f.name === "picard_dup"), false, "not at submission");
  assert.equal(featuresForStep("bwa_mem")[0]?.kind, "size", "size features come first (the tail model's comparables use column 0)");
});

test("liftRows pairs size-only and size+quality results per step", () => {
  const rows = [
    { step: "a", featureSet: "size only", n: 30, r2Log: 0.5, mdape: 0.2, maeS: 1 },
    { step: "a", featureSet: "size + quality", n: 30, r2Log: 0.8, mdape: 0.1, maeS: 1 },
  ];
  const [a, b] = liftRows(rows, ["a", "b"]);
  assert.ok(a && b);
  assert.ok(Math.abs(a.lift - 0.3) < 1e-12);
  assert.equal(b.n, 0);
  assert.ok(Number.isNaN(b.lift));
});

test("trainStepModel picks the point model by grouped CV, says so, and writes byte-identical files", () => {
  const { runs } = loadHarness();
  const dir = mkdtempSync(join(tmpdir(), "gwt-ship-"));
  try {
    const a = trainStepModel(runs, "freebayes", join(dir, "a"), { seed: 7 });
    const b = trainStepModel(runs, "freebayes", join(dir, "b"), { seed: 7 });
    assert.ok(a.file && b.file && a.base);
    assert.equal(readFileSync(a.file, "utf8"), readFileSync(b.file, "utf8"), "same data + seed: same file");
    const other = a.base === "ridge" ? "gbt" : "ridge";
    const forced = trainStepModel(runs, "freebayes", join(dir, "c"), { seed: 7, base: other });
    assert.ok(a.cvR2 >= forced.cvR2, `auto (${a.base} ${a.cvR2}) is at least as good as ${other} (${forced.cvR2})`);
    assert.match(a.note, new RegExp(`chosen over ${other} `));
    assert.match(loadModel(a.file).file.description ?? "", new RegExp(`${a.base} point model \\(chosen by grouped-CV`));
    assert.ok((loadModel(a.file).file.description ?? "").includes(`timed on ${cpuModels(runs).join(" + ")}: on another CPU`), "the card names the CPU the timings come from");
    assert.equal(forced.note, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("harnessLiftUncertainty: seeds bracket the mean lift, the bootstrap CI brackets the first seed's lift (frozen slice: first 120 runs)", () => {
  // The claim itself (quality features lift freebayes beyond fold luck) is about the growing dataset:
  // notebook 05 checks it on the full data with nb.check.
  const { runs } = loadHarness(undefined, { limit: 120 });
  const [row] = harnessLiftUncertainty(runs, ["freebayes"], new LinearRidge({ alpha: 1 }), { repeats: 3, reps: 300 });
  assert.ok(row, "freebayes has enough runs");
  assert.equal(row.repeats, 3);
  assert.ok(row.liftMinOverSeeds <= row.lift && row.lift <= row.liftMaxOverSeeds);
  assert.ok(row.liftLo <= row.liftHi && row.pBetter >= 0 && row.pBetter <= 1);
  assert.deepEqual(harnessLiftUncertainty(runs, ["freebayes"], new LinearRidge({ alpha: 1 }), { repeats: 3, reps: 300 }), [row], "seeded: same result");
});

test("a recipe's features: registry names known before the step, size first; leaks and typos are refused", () => {
  assert.deepEqual(recipeFeatures("bwa_mem", DEFAULT_STEP_RECIPE), featuresForStep("bwa_mem"));
  assert.deepEqual(recipeFeatures("freebayes", { features: ["reads", "picard_dup"] }).map((f) => f.name), ["reads", "picard_dup"]);
  // alignment_summary is a sibling of the callers in the workflow DAG: its mismatch rate is never known when they start
  assert.throws(() => recipeFeatures("freebayes", { features: ["reads", "mismatch_rate"] }), /'mismatch_rate' cannot be used for freebayes/);
  assert.throws(() => recipeFeatures("freebayes", { features: ["reads", "picard_dup"] }, "fastp"), /'picard_dup' cannot be used for freebayes/);
  assert.throws(() => recipeFeatures("bwa_mem", { features: ["reads", "mismatch_rate"] }), /'mismatch_rate' cannot be used for bwa_mem/);
  assert.throws(() => recipeFeatures("bwa_mem", { features: ["reads", "mean_base_qualty"] }), /'mean_base_qualty' cannot be used/);
  assert.throws(() => recipeFeatures("bwa_mem", { features: ["mean_base_quality", "reads"] }), /first feature .* must be a size feature/);
});
