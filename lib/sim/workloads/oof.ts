/**
 * Out-of-fold predictions for simulated tasks: every task's point prediction, one-sided upper bounds
 * and tail probability come from models that never saw its input (folds grouped by input).
 * Upper bounds are cross-conformal: the q-quantile of the training fold's own grouped out-of-fold
 * residuals (log scale, signed) added to the point prediction, so q = 0.99 stays finite on a few
 * hundred rows (a single calibration split would need 99+ held-out rows per fold).
 */
import { clone, conformalQuantile, crossValidate, groupKFold, type Regressor } from "../../models";
import { medianAPE } from "../../models/evaluate/metrics";
import { outOfFold } from "../../models/evaluate/outOfFold";
import type { Prediction } from "../types";
import { inverse } from "../../util/transforms";

export interface OofOptions {
  /** Point model on log run time (cloned per fold). */
  readonly point: Regressor;
  /** Tail-risk classifier on log run time (cloned per fold), predicting P(tail). */
  readonly tail: Regressor;
  /** Outer folds. Default 5. */
  readonly k?: number;
  /** Inner folds for the conformal residuals. Default 4. */
  readonly innerK?: number;
  readonly seed?: number;
}

const Q = { q90: 0.9, q95: 0.95, q99: 0.99 } as const;

/**
 * Predictions for every row of X from grouped K-fold models; only rows with `trainable[i]` are
 * trained on (e.g. runs without a co-located load), every row is predicted.
 * @example const preds = oofPredictions(X, yLog, configIds, unloaded, { point: new LinearRidge({ alpha: 1 }), tail: new TailRiskClassifier({ k: 1.5, sizeFeature: 0 }) });
 */
export function oofPredictions(X: readonly Float64Array[], yLog: ArrayLike<number>, groups: readonly string[], trainable: readonly boolean[] | undefined, opts: OofOptions): Prediction[] {
  const k = Math.min(opts.k ?? 5, new Set(groups).size);
  const seed = opts.seed ?? 7;
  // The one out-of-fold loop (models/evaluate): each fold trains on its trainable rows only.
  const folds = groupKFold(k, groups, seed).map((f) => ({ train: Array.from(f.train).filter((i) => !trainable || trainable[i]), test: f.test }));
  const oof = outOfFold(X.length, folds, (train) => {
    const Xtr = Array.from(train, (i) => X[i] as Float64Array);
    const ytr = Float64Array.from(train, (i) => yLog[i] as number);
    const gtr = Array.from(train, (i) => groups[i] as string);
    const inner = crossValidate(clone(opts.point), Xtr, ytr, { groups: gtr, k: Math.min(opts.innerK ?? 4, new Set(gtr).size), seed });
    const res = Float64Array.from(ytr, (y, i) => y - (inner.oof[i] as number));
    const q = { q90: conformalQuantile(res, 1 - Q.q90), q95: conformalQuantile(res, 1 - Q.q95), q99: conformalQuantile(res, 1 - Q.q99) };
    const point = clone(opts.point).fit(Xtr, ytr);
    const tail = clone(opts.tail).fit(Xtr, ytr);
    return (test) => {
      const Xte = Array.from(test, (i) => X[i] as Float64Array);
      const n = test.length;
      return { point: point.predict(Xte), tail: tail.predict(Xte), q90: new Float64Array(n).fill(q.q90), q95: new Float64Array(n).fill(q.q95), q99: new Float64Array(n).fill(q.q99) };
    };
  });
  const { point, tail, q90, q95, q99 } = oof.values;
  const up = (v: number, qv: number): number => (qv >= Number.MAX_VALUE ? Infinity : inverse("log", v + qv));
  return Array.from({ length: X.length }, (_, i) => {
    const v = point[i] as number;
    if (Number.isNaN(v)) throw new Error(`row ${i} got no out-of-fold prediction`);
    return { pointS: inverse("log", v), upperS: { q90: up(v, q90[i] as number), q95: up(v, q95[i] as number), q99: up(v, q99[i] as number) }, tailProb: tail[i] as number };
  });
}

/** How good the predictions were: coverage of each upper bound and the median absolute % error of the point. */
export function predictionQuality(trueS: readonly number[], preds: readonly Prediction[]): { n: number; coverageQ90: number; coverageQ95: number; coverageQ99: number; mdape: number } {
  const n = trueS.length;
  let c90 = 0;
  let c95 = 0;
  let c99 = 0;
  preds.forEach((p, i) => {
    const y = trueS[i] as number;
    if (y <= p.upperS.q90) c90++;
    if (y <= p.upperS.q95) c95++;
    if (y <= p.upperS.q99) c99++;
  });
  return { n, coverageQ90: c90 / n, coverageQ95: c95 / n, coverageQ99: c99 / n, mdape: medianAPE(trueS, preds.map((p) => p.pointS)) };
}
