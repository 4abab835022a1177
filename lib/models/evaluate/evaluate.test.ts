import assert from "node:assert/strict";
import { test } from "node:test";
import { GradientBoostedTrees } from "../gbt/gbt";
import { LinearRidge } from "../ridge";
import { stepData } from "../testData";
import { ablation } from "./ablation";
import { crossValidate } from "./crossValidate";
import { brier, expectedCalibrationError, intervalCoverage, mae, meanIntervalWidth, medianAPE, prAuc, precisionRecall, r2, reliabilityBins } from "./metrics";
import { groupKFold, kFold } from "./splits";
import { r2Difference } from "./liftInterval";
import { rng } from "../../util/stats";

test("groupKFold never splits a group and covers every row once", () => {
  const groups = Array.from({ length: 500 }, (_, i) => `g${Math.floor((i * 7919) % 97)}`);
  const folds = groupKFold(5, groups, 3);
  const seen = new Int32Array(groups.length);
  for (const f of folds) {
    const testGroups = new Set(Array.from(f.test, (i) => groups[i]));
    for (const i of f.train) assert.ok(!testGroups.has(groups[i]), "group on both sides");
    for (const i of f.test) seen[i]++;
    assert.equal(f.train.length + f.test.length, groups.length);
  }
  assert.ok(seen.every((c) => c === 1));
  const sizes = folds.map((f) => f.test.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 10, `balanced: ${sizes}`);
  assert.deepEqual(groupKFold(5, groups, 3), folds, "seeded");
  assert.throws(() => groupKFold(5, ["a", "a", "b"], 1), RangeError);
});

test("kFold partitions rows", () => {
  const folds = kFold(3, 10, 1);
  assert.deepEqual(folds.map((f) => f.test.length).sort(), [3, 3, 4]);
  assert.deepEqual([...folds.flatMap((f) => Array.from(f.test))].sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i));
});

test("metrics against hand-computed values", () => {
  // r2: y=[1,2,3,4], p=[1,2,3,5]: SSres=1, SStot=5 → 0.8
  assert.equal(r2([1, 2, 3, 4], [1, 2, 3, 5]), 0.8);
  // medianAPE: errors 0.1, 0.5, 0.2 → 0.2
  assert.ok(Math.abs(medianAPE([10, 10, 10], [11, 5, 12]) - 0.2) < 1e-12);
  assert.equal(mae([1, 2, 3], [2, 2, 5]), 1);
  assert.equal(intervalCoverage([1, 5, 3, 9], [0, 0, 3, 0], [2, 4, 3, 8]), 0.5);
  assert.equal(meanIntervalWidth([0, 1], [2, 5]), 3);
  assert.deepEqual(precisionRecall([1, 0, 1, 1], [0.9, 0.8, 0.2, 0.6]), { precision: 2 / 3, recall: 2 / 3 });
  // AP: sorted scores 0.9(1) 0.8(0) 0.6(1) 0.2(1): P at recalls 1/3,2/3,1 = 1, 2/3, 3/4 → (1 + 2/3 + 3/4)/3
  assert.ok(Math.abs(prAuc([1, 0, 1, 1], [0.9, 0.8, 0.2, 0.6]) - (1 + 2 / 3 + 3 / 4) / 3) < 1e-12);
  assert.ok(Math.abs(brier([1, 0], [0.8, 0.4]) - (0.04 + 0.16) / 2) < 1e-12);
  const bins = reliabilityBins([1, 0, 1, 1], [0.05, 0.15, 0.95, 0.91], 10);
  assert.deepEqual(bins.map((b) => [b.lo, b.count, b.observedRate]), [[0, 1, 1], [0.1, 1, 0], [0.9, 2, 1]]);
  // ECE: |0.05-1|*1 + |0.15-0|*1 + |0.93-1|*2 over 4
  assert.ok(Math.abs(expectedCalibrationError([1, 0, 1, 1], [0.05, 0.15, 0.95, 0.91]) - (0.95 + 0.15 + 0.14) / 4) < 1e-12);
});

test("crossValidate clones per fold; ablation shows the lift of extra features", () => {
  const { X, y } = stepData(900, 3, 5);
  const groups = X.map((_, i) => Math.floor(i / 3));
  const model = new GradientBoostedTrees({ nEstimators: 50, seed: 1 });
  const cv = crossValidate(model, X, y, { groups, k: 3, seed: 2 });
  assert.throws(() => model.predict(X), /not fitted/, "template stays unfitted");
  assert.equal(cv.fitSeconds.length, 3);
  assert.ok(cv.oof.every(Number.isFinite));
  assert.ok(cv.metrics.r2Log > 0.8);
  const rows = ablation(new LinearRidge({ logFeatures: false }), [{ name: "x1", columns: [1] }, { name: "x0+x1", columns: [0, 1] }], X, y, { groups, k: 3, seed: 1 });
  assert.equal(rows.length, 2);
  assert.ok((rows[1]?.r2Log as number) > (rows[0]?.r2Log as number) + 0.3, JSON.stringify(rows));
});

test("r2Difference: paired cluster bootstrap of ΔR², zero for identical predictions, positive for better ones", () => {
  const r = rng(5);
  const y: number[] = [];
  const good: number[] = [];
  const poor: number[] = [];
  const groups: string[] = [];
  for (let i = 0; i < 120; i++) {
    const v = r() * 4;
    y.push(v);
    good.push(v + 0.1 * (r() - 0.5));
    poor.push(v + 2 * (r() - 0.5));
    groups.push(`g${Math.floor(i / 2)}`); // repeats of one input
  }
  const same = r2Difference(y, poor, poor, groups, { reps: 200, seed: 1 });
  assert.equal(same.diff, 0);
  assert.deepEqual([same.lo, same.hi, same.pBetter], [0, 0, 0]);
  const d = r2Difference(y, poor, good, groups, { reps: 300, seed: 1 });
  assert.ok(d.diff > 0 && d.lo > 0 && d.lo <= d.diff && d.diff <= d.hi, JSON.stringify(d));
  assert.equal(d.pBetter, 1);
  assert.deepEqual(r2Difference(y, poor, good, groups, { reps: 300, seed: 1 }), d, "seeded");
  assert.throws(() => r2Difference(y, poor, good.slice(1), groups), /differ in length/);
});
