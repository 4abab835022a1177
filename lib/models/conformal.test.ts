import assert from "node:assert/strict";
import { test } from "node:test";
import { conformalQuantile, SplitConformal } from "./conformal";
import { intervalCoverage } from "./evaluate/metrics";
import { GradientBoostedTrees } from "./gbt/gbt";
import { stepData } from "./testData";

test("conformal quantile is the ceil((n+1)(1-alpha))-th smallest residual", () => {
  assert.equal(conformalQuantile([5, 1, 4, 2, 3, 9, 8, 7, 6, 10], 0.2), 9); // ceil(11*0.8)=9
  assert.equal(conformalQuantile([1, 2], 0.1), Number.MAX_VALUE); // too few calibration rows: infinite interval
});

test("split-conformal coverage is near nominal on held-out data", () => {
  const tr = stepData(4000, 4, 21, 0.5);
  const te = stepData(5000, 4, 22, 0.5);
  for (const alpha of [0.1, 0.2]) {
    const m = new SplitConformal({ base: new GradientBoostedTrees({ nEstimators: 100, seed: 1 }), alpha, seed: 3 }).fit(tr.X, tr.y);
    const { lower, upper } = m.predictInterval(te.X);
    const cov = intervalCoverage(te.y, lower, upper);
    // Given the calibration set, test coverage is binomial(5000, c) with c in [1-alpha, 1-alpha+1/(n_cal+1)];
    // c itself varies with the calibration draw, SD ~ sqrt(alpha(1-alpha)/n_cal) (n_cal = 1000) ≈ 0.0095 (alpha 0.1).
    // Total SD ≈ sqrt(0.0095² + 0.0042²) ≈ 0.0104 → 3 SD ≈ 0.031 (0.038 for alpha 0.2).
    const sd = Math.sqrt((alpha * (1 - alpha)) / 1000 + (alpha * (1 - alpha)) / 5000);
    assert.ok(Math.abs(cov - (1 - alpha)) < 3 * sd, `alpha ${alpha}: coverage ${cov}`);
  }
});
