/**
 * Scorers over out-of-fold outputs (./outOfFold.ts): each takes the true values and the gathered
 * answers and returns numbers. Metrics themselves are in ./metrics.ts.
 */
import { brier, expectedCalibrationError, intervalCoverage, mae, meanIntervalWidth, medianAPE, prAuc, precisionRecall, r2, reliabilityBins, type ReliabilityBin } from "./metrics";
import type { FoldIndices } from "./outOfFold";

/** Run-time scores: R² on log time, median absolute % error and MAE in seconds. */
export interface RuntimeScores {
  readonly r2Log: number;
  readonly mdape: number;
  readonly maeS: number;
}

/** Run-time scores of predictions `pred` of `y` (both log seconds with `yScale: "log"`, the default; seconds with "linear"). */
export function runtimeScores(y: ArrayLike<number>, pred: ArrayLike<number>, yScale: "log" | "linear" = "log"): RuntimeScores {
  const yl = Float64Array.from(y);
  const p = Float64Array.from(pred);
  const log = yScale === "log";
  const yLog = log ? yl : yl.map(Math.log);
  const pLog = log ? p : p.map((v) => Math.log(Math.max(v, 1e-12)));
  const yS = log ? yl.map(Math.exp) : yl;
  const pS = log ? p.map(Math.exp) : p;
  return { r2Log: r2(yLog, pLog), mdape: medianAPE(yS, pS), maeS: mae(yS, pS) };
}

/** One score per fold on its held-out rows (e.g. `r2` for the per-fold mean of the Galaxy protocol). */
export function foldScores(y: ArrayLike<number>, pred: ArrayLike<number>, folds: readonly FoldIndices[], score: (y: number[], pred: number[]) => number = r2): number[] {
  return folds.map((f) => score(Array.from(f.test, (i) => y[i] as number), Array.from(f.test, (i) => pred[i] as number)));
}

/** Interval scores: empirical coverage and mean width (on the scale given). */
export function intervalScores(y: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): { coverage: number; width: number } {
  return { coverage: intervalCoverage(y, lower, upper), width: meanIntervalWidth(lower, upper) };
}

/** Tail-classifier scores against 0/1 labels. */
export interface TailScores {
  /** Share of rows that are tail runs (the PR-AUC of a random guess). */
  readonly prevalence: number;
  readonly prAuc: number;
  readonly precision: number;
  readonly recall: number;
  readonly threshold: number;
  readonly brier: number;
  /** Brier of always predicting the prevalence: the model must beat it. */
  readonly brierBaseline: number;
  readonly ece: number;
  readonly reliability: ReliabilityBin[];
}

/** Scores of tail probabilities; `threshold` for precision/recall defaults to 2 x prevalence, in [0.05, 0.5]. */
export function tailScores(labels: ArrayLike<number>, probs: ArrayLike<number>, threshold?: number): TailScores {
  const n = labels.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] as number;
  const prevalence = pos / Math.max(1, n);
  const t = threshold ?? Math.min(0.5, Math.max(0.05, 2 * prevalence));
  const pr = precisionRecall(labels, probs, t);
  return {
    prevalence,
    prAuc: prAuc(labels, probs),
    precision: pr.precision,
    recall: pr.recall,
    threshold: t,
    brier: brier(labels, probs),
    brierBaseline: brier(labels, new Float64Array(n).fill(prevalence)),
    ece: expectedCalibrationError(labels, probs),
    reliability: reliabilityBins(labels, probs),
  };
}
