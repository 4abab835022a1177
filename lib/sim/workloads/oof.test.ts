import assert from "node:assert/strict";
import { test } from "node:test";
import { LinearRidge } from "../../models";
import { rng } from "../../util/stats";
import { oofPredictions, predictionQuality } from "./oof";

// Synthetic data (labelled: a leakage and coverage check of the out-of-fold code, not a claim about real runs).
function data(n: number, seed: number) {
  const r = rng(seed);
  const X: Float64Array[] = [];
  const y: number[] = [];
  const groups: string[] = [];
  for (let i = 0; i < n; i++) {
    const g = Math.floor(i / 2);
    const x = 1 + (g % 17) / 4;
    X.push(Float64Array.of(x, (g % 5) / 5));
    y.push(0.8 * x + 0.3 * (r() - 0.5) * 2);
    groups.push(`c${g}`);
  }
  return { X, y: Float64Array.from(y), groups };
}
const opts = { point: new LinearRidge({ alpha: 0.1 }), tail: new LinearRidge({ alpha: 1 }), k: 5, seed: 3 };

test("a row's prediction does not depend on its own group's targets (grouped out-of-fold)", () => {
  const d = data(200, 1);
  const a = oofPredictions(d.X, d.y, d.groups, undefined, opts);
  const y2 = Float64Array.from(d.y);
  y2[10] = (y2[10] as number) + 50;
  y2[11] = (y2[11] as number) + 50; // rows 10 and 11 are group c5
  const b = oofPredictions(d.X, y2, d.groups, undefined, opts);
  assert.deepEqual(b[10], a[10]);
  assert.deepEqual(b[11], a[11]);
  assert.notDeepEqual(b.map((p) => p.pointS), a.map((p) => p.pointS), "other rows did train on them");
});

test("rows excluded from training are still predicted, and upper bounds cover about their level", () => {
  const d = data(600, 2);
  const trainable = d.groups.map((_, i) => i % 10 !== 0);
  const p = oofPredictions(d.X, d.y, d.groups, trainable, opts);
  assert.equal(p.length, 600);
  const q = predictionQuality(Array.from(d.y, Math.exp), p);
  assert.ok(q.coverageQ90 > 0.85 && q.coverageQ90 < 0.95, `q90 coverage ${q.coverageQ90}`);
  assert.ok(q.coverageQ99 > 0.97, `q99 coverage ${q.coverageQ99}`);
  for (const x of p) assert.ok(x.upperS.q90 <= x.upperS.q95 && x.upperS.q95 <= x.upperS.q99);
});
