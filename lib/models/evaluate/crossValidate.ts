/** Cross-validation: out-of-fold predictions of a model template (./outOfFold.ts) scored as run times (./scores.ts). */
import { takeValues, type Matrix, type Regressor } from "../estimator";
import { boundToTrainingRange, estimatorOutOfFold } from "./outOfFold";
import { foldScores, runtimeScores } from "./scores";
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
  /**
   * Bound each fold's predictions by its training targets widened by this factor (x in seconds):
   * predictions outside are clipped and counted in `outOfRange`. Default: no bound.
   */
  readonly boundFactor?: number;
}

/** Result of crossValidate. */
export interface CVResult {
  readonly folds: readonly Fold[];
  /** Out-of-fold prediction per row (y scale; clipped when `boundFactor` is set). */
  readonly oof: Float64Array;
  /** Seconds spent in fit, per fold. */
  readonly fitSeconds: number[];
  /** r2Log: R² on log runtime; mdape: median absolute % error (fraction) in seconds; maeS: MAE in seconds; r2PerFoldMean. */
  readonly metrics: { r2Log: number; mdape: number; maeS: number; r2PerFoldMean: number };
  /** Rows whose prediction left the bounded training range (0 without `boundFactor`). */
  readonly outOfRange: number;
}

/**
 * K-fold (grouped when `groups` is given) cross-validation of a model template.
 * @example const cv = crossValidate(new GradientBoostedTrees({ seed: 1 }), X, yLog, { groups: sampleIds, k: 5, seed: 1 });
 */
export function crossValidate(model: Regressor | (() => Regressor), X: Matrix, y: ArrayLike<number>, opts: CVOptions = {}): CVResult {
  const k = opts.k ?? 5;
  const seed = opts.seed ?? 0;
  const yScale = opts.yScale ?? "log";
  const folds = opts.folds ?? (opts.groups ? groupKFold(k, opts.groups, seed) : kFold(k, X.length, seed));
  let outOfRange = 0;
  const run = estimatorOutOfFold(model, X, y, folds);
  const oof = run.values.prediction ?? new Float64Array(X.length).fill(NaN);
  if (opts.boundFactor !== undefined)
    for (const f of folds) {
      const b = boundToTrainingRange(takeValues(oof, f.test), takeValues(y, f.train), opts.boundFactor, yScale);
      f.test.forEach((row, j) => {
        oof[row] = b.values[j] as number;
        outOfRange += b.outOfRange[j] as number;
      });
    }
  const foldR2 = foldScores(y, oof, folds);
  return {
    folds,
    oof,
    fitSeconds: run.fitSeconds,
    metrics: { ...runtimeScores(y, oof, yScale), r2PerFoldMean: foldR2.reduce((a, b) => a + b, 0) / foldR2.length },
    outOfRange,
  };
}
