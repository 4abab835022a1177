import assert from "node:assert/strict";
import { test } from "node:test";
import { rng } from "../util/stats";
import { brier, expectedCalibrationError } from "./evaluate/metrics";
import { isotonicFit, isotonicPredict, TailRiskClassifier } from "./tail";

test("isotonic fit pools adjacent violators", () => {
  const iso = isotonicFit([1, 2, 3, 4], [0, 1, 0, 1]);
  assert.deepEqual(iso.values, [0, 0.5, 1]);
  assert.equal(isotonicPredict(iso, 0), 0);
  assert.equal(isotonicPredict(iso, 2.5), 0.5);
  assert.equal(isotonicPredict(iso, 9), 1);
});

test("tail classifier: calibrated probability of exceeding k x the comparable median", () => {
  // log runtime = log size + slow-tail bump when x1 (a quality feature) is high
  const r = rng(5);
  const make = (n: number) => {
    const X: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const size = 1e6 * (1 + 99 * r());
      const q = r();
      X.push(Float64Array.from([size, q, r()]));
      const slow = r() < (q > 0.7 ? 0.6 : 0.05);
      y.push(Math.log(size / 1e4) + (slow ? Math.log(3) : 0) + 0.1 * (r() - 0.5));
    }
    return { X, y };
  };
  const tr = make(6000);
  const te = make(4000);
  const m = new TailRiskClassifier({ k: 2, sizeFeature: 0, seed: 1 }).fit(tr.X, tr.y);
  const p = m.predict(te.X);
  const z = m.labels(te.X, te.y);
  const rate = z.reduce((a, b) => a + b, 0) / z.length;
  assert.ok(rate > 0.1 && rate < 0.3, `tail rate ${rate}`);
  const bModel = brier(z, p);
  const bConst = brier(z, new Float64Array(z.length).fill(rate));
  assert.ok(bModel < 0.8 * bConst, `Brier ${bModel} vs constant ${bConst}`);
  assert.ok(expectedCalibrationError(z, p) < 0.05, `ECE ${expectedCalibrationError(z, p)}`);
});
