import assert from "node:assert/strict";
import { test } from "node:test";
import { LogLinearSize, MedianBaseline } from "./baseline";
import { SplitConformal } from "./conformal";
import { clone, NotFittedError, type Regressor } from "./estimator";
import { GradientBoostedTrees } from "./gbt/gbt";
import { MlRandomForest } from "./mlRandomForest";
import { LinearRidge } from "./ridge";
import { LinearOLS } from "./mlLinear";
import { RuntimePredictor } from "./runtime";
import { TailRiskClassifier } from "./tail";
import { stepData } from "./testData";

const MODELS: [string, () => Regressor][] = [
  ["MedianBaseline", () => new MedianBaseline({ groupFeature: 2 })],
  ["LogLinearSize", () => new LogLinearSize({ sizeFeature: 1 })],
  ["LogLinearSize theil-sen", () => new LogLinearSize({ sizeFeature: 1, method: "theil-sen" })],
  ["LinearRidge", () => new LinearRidge({ alpha: 0.5 })],
  ["LinearOLS", () => new LinearOLS({})],
  ["MlRandomForest", () => new MlRandomForest({ nEstimators: 5, seed: 1 })],
  ["GradientBoostedTrees", () => new GradientBoostedTrees({ nEstimators: 20, seed: 1 })],
  ["GradientBoostedTrees rf", () => new GradientBoostedTrees({ mode: "rf", nEstimators: 10, seed: 1 })],
  ["SplitConformal", () => new SplitConformal({ base: new GradientBoostedTrees({ nEstimators: 10 }), seed: 1 })],
  ["TailRiskClassifier", () => new TailRiskClassifier({ k: 1.5, sizeFeature: 1, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 10 }), seed: 1 })],
  ["RuntimePredictor", () => new RuntimePredictor({ interval: new SplitConformal({ base: new LinearRidge({}), seed: 2 }), tail: new TailRiskClassifier({ k: 1.5, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 5 }) }) })],
];

for (const [name, make] of MODELS) {
  test(`${name}: estimator contract`, () => {
    const { X, y } = stepData(200, 4, 3);
    for (const row of X) row[2] = Math.floor((row[2] as number) * 4); // a group-like column
    const yPos = y.map((v) => v + 3);
    const m = make();
    const paramsBefore = JSON.stringify(m.toJSON().params);
    assert.throws(() => m.predict(X), NotFittedError, "predict before fit");
    assert.equal(m.toJSON().state, null, "unfitted state is null");
    const Xcopy = X.map((r) => Float64Array.from(r));
    const ycopy = Float64Array.from(yPos);
    assert.equal(m.fit(X, yPos), m, "fit returns this");
    assert.deepEqual(X, Xcopy, "fit does not mutate X");
    assert.deepEqual(yPos, ycopy, "fit does not mutate y");
    assert.equal(JSON.stringify(m.toJSON().params), paramsBefore, "fit does not change params");
    const p = m.predict(X);
    assert.equal(p.length, X.length);
    assert.ok(p.every(Number.isFinite));
    const c = clone(m);
    assert.notEqual(c, m);
    assert.throws(() => c.predict(X), NotFittedError, "clone is unfitted");
    assert.deepEqual(c.toJSON().params, m.toJSON().params, "clone keeps params");
    // refit of the clone gives the same predictions (seeded)
    assert.deepEqual(c.fit(X, yPos).predict(X), p);
  });
}

test("LinearRidge does not extrapolate beyond the training range of a feature", () => {
  // Feature 1 is 0 on all training rows but one: a rare option. A test row with an unseen value 1e6
  // must not produce an unbounded prediction.
  const X = Array.from({ length: 50 }, (_, i) => [i, i === 0 ? 1 : 0]);
  const y = X.map((r) => 0.1 * (r[0] as number));
  const m = new LinearRidge({ alpha: 0.01 }).fit(X, y);
  const seen = m.predict([[10, 1]])[0] as number;
  const unseen = m.predict([[10, 1e6]])[0] as number;
  assert.equal(unseen, seen);
});
