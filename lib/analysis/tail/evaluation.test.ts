import assert from "node:assert/strict";
import { test } from "node:test";
import { GradientBoostedTrees } from "../../models/gbt/gbt";
import { TailRiskClassifier } from "../../models/tail";
import { rng } from "../../util/stats";
import { evaluateTail, reliabilityFigure } from "./evaluation";

/** Size in column 0, a "bad input" flag in column 1 that makes a run 4x slower; log times. */
function data(n: number, seed: number): { X: Float64Array[]; y: Float64Array; groups: string[] } {
  const r = rng(seed);
  const X: Float64Array[] = [];
  const y = new Float64Array(n);
  const groups: string[] = [];
  for (let i = 0; i < n; i++) {
    const size = 1 + Math.floor(r() * 4);
    const bad = r() < 0.15 ? 1 : 0;
    X.push(Float64Array.of(size, bad, r()));
    y[i] = Math.log(size * 10 * (bad ? 4 : 1) * (0.9 + 0.2 * r()));
    groups.push(`g${i % 60}`);
  }
  return { X, y, groups };
}

const classifier = () => new TailRiskClassifier({ k: 2, sizeFeature: 0, sizeBins: 4, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 50, learningRate: 0.1, numLeaves: 4, minSamplesLeaf: 3, seed: 1 }), seed: 1 });

test("evaluateTail: a feature that drives the tail gives PR-AUC far above prevalence and a Brier below the baseline", () => {
  const { X, y, groups } = data(400, 3);
  const e = evaluateTail("synthetic", classifier(), X, y, { groups, k: 5, seed: 7 });
  assert.equal(e.n, 400);
  assert.equal(e.k, 2);
  assert.ok(e.prevalence > 0.08 && e.prevalence < 0.25, `prevalence ${e.prevalence}`);
  assert.ok(e.prAuc > 3 * e.prevalence, `PR-AUC ${e.prAuc} vs prevalence ${e.prevalence}`);
  assert.ok(e.brier < e.brierBaseline);
  assert.equal(e.threshold, Math.min(0.5, Math.max(0.05, 2 * e.prevalence)));
  assert.deepEqual(evaluateTail("synthetic", classifier(), X, y, { groups, k: 5, seed: 7 }), e, "seeded: same result");
});

test("evaluateTail: without signal the classifier does not beat the prevalence by much", () => {
  const { X, y, groups } = data(400, 4);
  const noise = X.map((r) => Float64Array.of(r[0] as number, 0, r[2] as number));
  const e = evaluateTail("no signal", classifier(), noise, y, { groups, k: 5, seed: 7 });
  assert.ok(e.prAuc < 2 * e.prevalence, `PR-AUC ${e.prAuc} vs prevalence ${e.prevalence}`);
});

test("reliabilityFigure: the diagonal plus one trace per evaluation", () => {
  const { X, y, groups } = data(200, 5);
  const e = evaluateTail("m", classifier(), X, y, { groups, k: 4, seed: 7 });
  const fig = reliabilityFigure([e, { ...e, name: "m2" }], "t");
  assert.equal(fig.data.length, 3);
  assert.match(String(fig.data[1]?.name), /^m \(n=200, /);
});
