import assert from "node:assert/strict";
import { test } from "node:test";
import { MedianBaseline } from "../baseline";
import { ModelInputError } from "../estimator";
import { r2 } from "../evaluate/metrics";
import { stepData } from "../testData";
import { binOf, featureEdges } from "./binning";
import { GradientBoostedTrees } from "./gbt";

test("binning: <= 255 value bins, bin 0 for NaN, v <= edge goes to the lower bin", () => {
  const v = Float64Array.from({ length: 10000 }, (_, i) => i);
  const e = featureEdges(v, 255);
  assert.ok(e.length <= 254 && e.length > 200);
  assert.equal(binOf(e, NaN), 0);
  assert.equal(binOf(e, -5), 1);
  assert.equal(binOf(e, e[0] as number), 1);
  assert.equal(binOf(e, 1e9), e.length + 1);
  const few = featureEdges(Float64Array.from([3, 1, 2, 2, NaN]), 255);
  assert.deepEqual(Array.from(few), [1.5, 2.5]);
});

test("GBT learns a step function and beats the median baseline", () => {
  const tr = stepData(3000, 5, 1);
  const te = stepData(1000, 5, 2);
  const gbt = new GradientBoostedTrees({ nEstimators: 200, seed: 1 }).fit(tr.X, tr.y);
  const rg = r2(te.y, gbt.predict(te.X));
  const rb = r2(te.y, new MedianBaseline().fit(tr.X, tr.y).predict(te.X));
  assert.ok(rg > 0.95, `R² ${rg}`);
  assert.ok(rg > rb + 0.9, `GBT ${rg} vs baseline ${rb}`);
});

test("RF mode works (bootstrap, averaged trees) and is seeded", () => {
  const tr = stepData(2000, 5, 3);
  const te = stepData(500, 5, 4);
  const a = new GradientBoostedTrees({ mode: "rf", nEstimators: 30, colsampleByNode: 0.6, seed: 5 }).fit(tr.X, tr.y);
  const b = new GradientBoostedTrees({ mode: "rf", nEstimators: 30, colsampleByNode: 0.6, seed: 5 }).fit(tr.X, tr.y);
  const r = r2(te.y, a.predict(te.X));
  assert.ok(r > 0.9, `R² ${r}`);
  assert.deepEqual(a.predict(te.X), b.predict(te.X));
  assert.equal(a.forest.treeStart.length - 1, 30);
});

test("NaN: learns a default direction for missing values", () => {
  // y depends on whether x0 is missing: missing rows behave like the high-x0 group
  const { X, y } = stepData(3000, 3, 7);
  const Xm = X.map((r, i) => {
    const c = Float64Array.from(r);
    if (i % 4 === 0) c[0] = NaN;
    return c;
  });
  const ym = y.map((v, i) => (i % 4 === 0 ? 5 + (X[i]?.[1] as number) : v));
  const m = new GradientBoostedTrees({ nEstimators: 100, seed: 1 }).fit(Xm, ym);
  const p = m.predict([Float64Array.from([NaN, 0.5, 0.5]), Float64Array.from([0.9, 0.5, 0.5]), Float64Array.from([0.1, 0.5, 0.5])]);
  assert.ok(Math.abs((p[0] as number) - 5.5) < 0.3, `missing → ${p[0]}`);
  assert.ok(Math.abs((p[1] as number) - 2.5) < 0.3, `high → ${p[1]}`);
  assert.ok(Math.abs((p[2] as number) - 0.5) < 0.3, `low → ${p[2]}`);
  // all-NaN column at predict time does not crash
  assert.ok(m.predict([Float64Array.from([NaN, NaN, NaN])]).every(Number.isFinite));
});

test("early stopping stops before nEstimators when validation loss stalls", () => {
  const { X, y } = stepData(2000, 5, 9, 1.0);
  const m = new GradientBoostedTrees({ nEstimators: 2000, learningRate: 0.3, earlyStoppingRounds: 20, seed: 2 }).fit(X, y);
  const F = m.forest;
  assert.ok(F.bestIteration < 2000, `kept ${F.bestIteration}`);
  assert.ok(F.validationLoss.length < 2000 && F.validationLoss.length >= F.bestIteration + 20 - 1);
  assert.equal(F.treeStart.length - 1, F.bestIteration);
  const best = Math.min(...F.validationLoss);
  assert.equal(F.validationLoss[F.bestIteration - 1], best);
});

test("logistic loss gives probabilities; subsampling is seeded", () => {
  const { X, y } = stepData(2000, 4, 11);
  const z = y.map((v) => (v > 1.5 ? 1 : 0));
  const m = new GradientBoostedTrees({ loss: "logistic", nEstimators: 100, subsample: 0.7, colsampleByTree: 0.75, seed: 3 }).fit(X, z);
  const p = m.predict(X);
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  let acc = 0;
  p.forEach((v, i) => (acc += (v > 0.5 ? 1 : 0) === z[i] ? 1 : 0));
  assert.ok(acc / p.length > 0.9, `accuracy ${acc / p.length}`);
  assert.deepEqual(new GradientBoostedTrees({ loss: "logistic", nEstimators: 100, subsample: 0.7, colsampleByTree: 0.75, seed: 3 }).fit(X, z).predict(X), p);
  assert.throws(() => new GradientBoostedTrees({ loss: "logistic" }).fit(X, y), ModelInputError);
});

test("predictAtRounds equals the model refitted with that many rounds, in any order of rounds", () => {
  const tr = stepData(800, 4, 11);
  const te = stepData(200, 4, 12);
  const full = new GradientBoostedTrees({ nEstimators: 60, seed: 3 }).fit(tr.X, tr.y);
  const [p60, p20, p0] = full.predictAtRounds(te.X, [60, 20, 0]);
  assert.deepEqual(p60, full.predict(te.X));
  assert.deepEqual(p20, new GradientBoostedTrees({ nEstimators: 20, seed: 3 }).fit(tr.X, tr.y).predict(te.X));
  assert.ok(Array.from(p0 as Float64Array).every((v) => v === full.forest.baseScore));
  assert.throws(() => new GradientBoostedTrees({ mode: "rf", nEstimators: 3 }).fit(tr.X, tr.y).predictAtRounds(te.X, [1]), /rf mode/);
});
