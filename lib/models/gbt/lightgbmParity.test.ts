/**
 * Behaviours our trees share with LightGBM 4.7.0 on small data (expected values checked against
 * lightgbm.LGBMRegressor with the same settings; see bench/models/notes.md).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { binOf } from "./binning";
import { GradientBoostedTrees } from "./gbt";
import { greedyEdges, nextUp, ZERO_THRESHOLD } from "./greedyBins";

test("bins: a bin closes after min 3 rows, zero is its own bin, values one ulp apart are one value", () => {
  // 10 distinct positive values with 1 row each → an (empty) zero bin, then bins of 3 rows
  // (LightGBM: min_data_in_bin = 3; the last bin takes what is left)
  const e = greedyEdges(Float64Array.from({ length: 10 }, (_, i) => i + 1), 255);
  assert.deepEqual(Array.from(e), [ZERO_THRESHOLD, ...[3.5, 6.5, 9.5].map(nextUp)]);
  assert.deepEqual(Array.from(greedyEdges(Float64Array.from({ length: 10 }, (_, i) => i + 1), 255, 1)), [ZERO_THRESHOLD, ...Array.from({ length: 9 }, (_, i) => nextUp(i + 1.5))]);
  // zeros, negatives and positives: bounds at ±1e-35 around zero
  const z = greedyEdges(Float64Array.from([-3, -2, -1, 0, 0, 0, 1, 2, 3, 4, 5, 6]), 255);
  assert.deepEqual(Array.from(z), [-ZERO_THRESHOLD, ZERO_THRESHOLD, nextUp(3.5)]);
  assert.equal(binOf(z, 0), 2);
  assert.equal(binOf(z, 1e-300), 2, "|v| <= 1e-35 counts as zero");
  assert.equal(binOf(z, 1e-30), 3);
  // a one-hot column: zero bin and one bin
  assert.deepEqual(Array.from(greedyEdges(Float64Array.from([0, 1, 0, 1, 1]), 255)), [ZERO_THRESHOLD]);
  // 1 and the next two doubles above it form one value (the largest of them) with 3 rows
  const a = nextUp(nextUp(1));
  assert.deepEqual(Array.from(greedyEdges(Float64Array.from([1, nextUp(1), a, 2, 2, 2]), 255)), [ZERO_THRESHOLD, nextUp((a + 2) / 2)]);
});

test("bins: many distinct values → at most maxBins (one kept for NaN), frequent values get their own bin", () => {
  const v = Float64Array.from({ length: 5000 }, (_, i) => (i < 1000 ? 7 : i));
  const e = greedyEdges(v, 255);
  assert.ok(e.length <= 254 && e.length > 200, `${e.length} bounds`);
  assert.equal(binOf(e, 7) !== binOf(e, 1000), true, "the value with 1,000 rows is a bin of its own");
  const withNaN = greedyEdges(Float64Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? NaN : i)), 255);
  assert.ok(withNaN.length <= 253, `${withNaN.length} bounds: 254 value bins + the missing bin`);
  for (let i = 1; i < e.length; i++) assert.ok((e[i] as number) > (e[i - 1] as number));
});

/** Group 0: x1 in {1,2,3} → 0 and {7,8,9} → 1; group 1: x1 in {4,5,6} → 5 (10 copies each). */
function gapData(): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  for (let r = 0; r < 10; r++) {
    for (const v of [1, 2, 3]) (X.push([0, v]), y.push(0));
    for (const v of [7, 8, 9]) (X.push([0, v]), y.push(1));
    for (const v of [4, 5, 6]) (X.push([1, v]), y.push(5));
  }
  return { X, y };
}

test("ties: among thresholds with equal gain (an empty gap in the node) the highest wins, as in LightGBM", () => {
  const { X, y } = gapData();
  const m = new GradientBoostedTrees({ nEstimators: 1, learningRate: 1, numLeaves: 3, minSamplesLeaf: 1, seed: 1 }).fit(X, y);
  const F = m.forest;
  assert.equal(F.feature[0], 0);
  assert.equal(F.threshold[0], ZERO_THRESHOLD, "the split on a 0/1 column is at the zero bin's bound");
  const inner = F.left[0] as number;
  assert.equal(F.feature[inner], 1);
  assert.equal(F.threshold[inner], nextUp(6.5), "LightGBM 4.7.0 gives 6.500000000000001 here");
  // LightGBM predicts [0, 0, 1, 0, 5] for these rows
  assert.deepEqual(Array.from(m.predict([[0, 4], [0, 6.4], [0, 6.6], [0, NaN], [1, NaN]]), (v) => Math.round(v * 1e9) / 1e9), [0, 0, 1, 0, 5]);
});

test("NaN: read as 0 for a feature without missing training values; learned where training had them", () => {
  const { X, y } = gapData();
  const m = new GradientBoostedTrees({ nEstimators: 1, learningRate: 1, numLeaves: 3, minSamplesLeaf: 1, seed: 1 }).fit(X, y);
  // x1 had no NaN in training: NaN behaves as x1 = 0 (left of 6.5), not as the larger child
  assert.equal(m.predict([[0, NaN]])[0], m.predict([[0, 0]])[0]);
  // with NaN rows in training that behave like the high group, NaN goes with them
  const Xn = X.map((r, i) => (i % 9 === 3 ? [0, NaN] : r)); // some x1 = 7 rows (y = 1) lose their value
  const mn = new GradientBoostedTrees({ nEstimators: 1, learningRate: 1, numLeaves: 3, minSamplesLeaf: 1, seed: 1 }).fit(Xn, y);
  assert.ok(Math.abs((mn.predict([[0, NaN]])[0] as number) - 1) < 1e-9);
  // determinism: same data and seed, byte-identical model
  const again = new GradientBoostedTrees({ nEstimators: 1, learningRate: 1, numLeaves: 3, minSamplesLeaf: 1, seed: 1 }).fit(Xn, y);
  assert.equal(JSON.stringify(again.toJSON()), JSON.stringify(mn.toJSON()));
});
