/** Cross-validation: clone the model per fold, fit on train, predict test; metrics on the pooled out-of-fold predictions. */
import { clone, takeRows, takeValues, type Matrix, type Regressor } from "../estimator";
import { mae, medianAPE, r2 } from "./metrics";
import { groupKFold, kFold, type Fold } from "./splits";

/** Options of crossValidate. */
export interface CVOptions {
  /** Group key per row (sample/input id): grouped folds. Omit for plain shuffled K-fold. */
  readonly groups?: readonly (string | number)[];
  /** Folds. Default 5. */
  readonly k?: number;
  /** Seed of the fold assignment. Default 0. */
  readonly seed?: number;
  /** y is log runtime in seconds ("log", default) or seconds ("linear"). */
  readonly yScale?: "log" | "linear";
  /** Use these folds instead of making them. */
  readonly folds?: readonly Fold[];
}

/** Result of crossValidate. */
export interface CVResult {
  readonly folds: readonly Fold[];
  /** Out-of-fold prediction per row (y scale). */
  readonly oof: Float64Array;
  /** Seconds spent in fit, per fold. */
  readonly fitSeconds: number[];
  /** r2Log: R² on log runtime; mdape: median absolute % error (fraction) in seconds; maeS: MAE in seconds; r2PerFoldMean. */
  readonly metrics: { r2Log: number; mdape: number; maeS: number; r2PerFoldMean: number };
}

/**
 * K-fold (grouped when `groups` is given) cross-validation of a model template.
 * @example const cv = crossValidate(new GradientBoostedTrees({ seed: 1 }), X, yLog, { groups: sampleIds, k: 5, seed: 1 });
 */
export function crossValidate(model: Regressor | (() => Regressor), X: Matrix, y: ArrayLike<number>, opts: CVOptions = {}): CVResult {
  const k = opts.k ?? 5;
  const seed = opts.seed ?? 0;
  const folds = opts.folds ?? (opts.groups ? groupKFold(k, opts.groups, seed) : kFold(k, X.length, seed));
  const make = typeof model === "function" ? model : () => clone(model);
  const oof = new Float64Array(X.length).fill(NaN);
  const fitSeconds: number[] = [];
  const foldR2: number[] = [];
  for (const f of folds) {
    const m = make();
    const t0 = performance.now();
    m.fit(takeRows(X, f.train), takeValues(y, f.train));
    fitSeconds.push((performance.now() - t0) / 1000);
    const p = m.predict(takeRows(X, f.test));
    f.test.forEach((row, i) => (oof[row] = p[i] as number));
    foldR2.push(r2(takeValues(y, f.test), p));
  }
  const yl = Float64Array.from(y as ArrayLike<number>);
  const log = (opts.yScale ?? "log") === "log";
  const yLog = log ? yl : yl.map(Math.log);
  const pLog = log ? oof : oof.map((v) => Math.log(Math.max(v, 1e-12)));
  const yS = log ? yl.map(Math.exp) : yl;
  const pS = log ? oof.map(Math.exp) : oof;
  return {
    folds,
    oof,
    fitSeconds,
    metrics: { r2Log: r2(yLog, pLog), mdape: medianAPE(yS, pS), maeS: mae(yS, pS), r2PerFoldMean: foldR2.reduce((a, b) => a + b, 0) / foldR2.length },
  };
}
