import assert from "node:assert/strict";
import { test } from "node:test";
import { SplitConformal } from "../conformal";
import type { Matrix, ModelState, Regressor } from "../estimator";
import { LinearRidge } from "../ridge";
import { TailRiskClassifier } from "../tail";
import { stepData } from "../testData";
import { crossValidate } from "./crossValidate";
import { boundToTrainingRange, estimatorOutOfFold, outOfFold } from "./outOfFold";
import { foldScores, runtimeScores } from "./scores";
import { groupKFold, kFold } from "./splits";

test("outOfFold: every held-out row gets its fold's answer; the fit sees only training rows", () => {
  const folds = kFold(3, 9, 1);
  const seen: number[][] = [];
  const { values } = outOfFold(9, folds, (train, f) => {
    seen.push(Array.from(train));
    return (test) => ({ fold: Array.from(test, () => f), row: Array.from(test) });
  });
  folds.forEach((f, fi) => {
    for (const i of f.test) {
      assert.equal(values.fold[i], fi);
      assert.ok(!seen[fi]?.includes(i), "a held-out row was in its fold's training rows");
    }
  });
  assert.deepEqual(Array.from(values.row), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.throws(() => outOfFold(3, [{ train: [0], test: [1, 2] }], () => () => ({ p: [1] })), /output 'p' has 1 values for 2 held-out rows/);
});

test("crossValidate is estimatorOutOfFold + runtime scores (one loop, no second copy)", () => {
  const { X, y } = stepData(120, 4, 5);
  const folds = groupKFold(5, Array.from({ length: 120 }, (_, i) => `g${i % 30}`), 7);
  const cv = crossValidate(new LinearRidge({ alpha: 1 }), X, y, { folds });
  const oof = estimatorOutOfFold(new LinearRidge({ alpha: 1 }), X, y, folds).values.prediction;
  assert.deepEqual(Array.from(cv.oof), Array.from(oof));
  const s = runtimeScores(y, oof);
  assert.equal(cv.metrics.r2Log, s.r2Log);
  assert.equal(cv.metrics.mdape, s.mdape);
  const per = foldScores(y, oof, folds);
  assert.equal(cv.metrics.r2PerFoldMean, per.reduce((a, b) => a + b, 0) / per.length);
  assert.equal(cv.outOfRange, 0, "no bound asked: nothing counted");
});

test("any estimator, any question: intervals and tail probabilities out of fold", () => {
  const { X, y } = stepData(200, 3, 9);
  const folds = kFold(4, 200, 3);
  const iv = estimatorOutOfFold(new SplitConformal({ base: new LinearRidge({ alpha: 1 }), alpha: 0.2, seed: 1 }), X, y, folds, (m, Xt) => {
    const r = m.predictInterval(Xt);
    return { lower: r.lower, upper: r.upper };
  }).values;
  for (let i = 0; i < 200; i++) assert.ok((iv.lower[i] as number) <= (iv.upper[i] as number));
  const t = estimatorOutOfFold(new TailRiskClassifier({ k: 1.5, sizeFeature: 0, sizeBins: 2, seed: 1 }), X, y.map((v) => v + 3), folds, (m, Xt, yt) => ({ p: m.predictProba(Xt), label: m.labels(Xt, yt) })).values;
  for (let i = 0; i < 200; i++) {
    assert.ok((t.p[i] as number) >= 0 && (t.p[i] as number) <= 1);
    assert.ok(t.label[i] === 0 || t.label[i] === 1);
  }
});

test("boundToTrainingRange clips and flags predictions beyond factor x the training range", () => {
  const yTrain = [Math.log(10), Math.log(100)];
  const b = boundToTrainingRange([Math.log(50), Math.log(5000), Math.log(0.5), NaN], yTrain, 10);
  assert.deepEqual(Array.from(b.outOfRange), [0, 1, 1, 0]);
  assert.ok(Math.abs((b.values[1] as number) - Math.log(1000)) < 1e-12);
  assert.ok(Math.abs((b.values[2] as number) - Math.log(1)) < 1e-12);
  assert.ok(Number.isNaN(b.values[3]));
  assert.deepEqual(Array.from(boundToTrainingRange([3, 30], [1, 2], 2, "linear").values), [3, 4]);
  assert.throws(() => boundToTrainingRange([1], [1], 0.5), RangeError);
});

/** A model that predicts its first feature as is: extrapolates as far as the inputs go. */
class Echo implements Regressor {
  readonly params: object;
  constructor(params: object = {}) {
    this.params = params;
  }
  fit(): this {
    return this;
  }
  predict(X: Matrix): Float64Array {
    return Float64Array.from(X, (r) => r[0] as number);
  }
  toJSON(): ModelState {
    return { type: "Echo", params: {}, state: null };
  }
}

test("an extrapolating model is bounded and counted in cross-validation", () => {
  // Log run times between 1 and 2; one row whose prediction is e^1000 s.
  const X: Matrix = Array.from({ length: 30 }, (_, i) => Float64Array.of(i === 7 ? 1000 : 1 + i / 29));
  const y = Float64Array.from({ length: 30 }, (_, i) => 1 + i / 29);
  const cv = crossValidate(new Echo(), X, y, { k: 3, seed: 1, boundFactor: 10 });
  assert.equal(cv.outOfRange, 1);
  assert.ok((cv.oof[7] as number) <= 2 + Math.log(10) + 1e-9, "clipped to the training maximum + ln 10");
  assert.ok(Number.isFinite(cv.metrics.maeS) && cv.metrics.maeS < 100);
  assert.equal(crossValidate(new Echo(), X, y, { k: 3, seed: 1 }).metrics.maeS, Infinity, "unbounded, the same model's error is infinite");
});
