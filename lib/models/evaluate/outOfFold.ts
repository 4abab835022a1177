/**
 * The one evaluation primitive: out-of-fold outputs. Every evaluation (cross-validation, intervals,
 * tail risk, the Galaxy reproduction) runs the same loop — learn on a fold's training rows only, ask
 * about its held-out rows, gather the answers per row — and differs only in what it asks and how it
 * scores the answers (./scores.ts).
 */
import { clone, takeRows, takeValues, type Matrix, type Regressor } from "../estimator";

/** One fold: training and held-out row indices (a `Fold` from ./splits, or plain arrays). */
export interface FoldIndices {
  readonly train: ArrayLike<number>;
  readonly test: ArrayLike<number>;
}

/** Named per-row outputs of one fold's model on its held-out rows (e.g. `{ prediction }`, `{ lower, upper }`). */
export type FoldOutputs<K extends string> = Readonly<Record<K, ArrayLike<number>>>;

/** Gathered out-of-fold outputs: one value per row and name (NaN for rows in no test fold). */
export interface OutOfFold<K extends string> {
  readonly values: Record<K, Float64Array>;
  /** Seconds spent fitting, per fold. */
  readonly fitSeconds: number[];
}

/**
 * Run `fitFold(train, foldIndex)` per fold — it learns from the training rows only and returns how
 * to answer for held-out rows — and gather the answers per row.
 * @example outOfFold(n, folds, (train) => { const m = fit(train); return (test) => ({ prediction: m.predict(test) }); })
 */
export function outOfFold<K extends string>(n: number, folds: readonly FoldIndices[], fitFold: (train: ArrayLike<number>, fold: number) => (test: ArrayLike<number>) => FoldOutputs<K>): OutOfFold<K> {
  const values = {} as Record<K, Float64Array>;
  const fitSeconds: number[] = [];
  folds.forEach((f, fi) => {
    const t0 = performance.now();
    const answer = fitFold(f.train, fi);
    fitSeconds.push((performance.now() - t0) / 1000);
    const out = answer(f.test);
    for (const key of Object.keys(out) as K[]) {
      const col = (values[key] ??= new Float64Array(n).fill(NaN));
      const v = out[key];
      if (v.length !== f.test.length) throw new RangeError(`fold ${fi}: output '${key}' has ${v.length} values for ${f.test.length} held-out rows`);
      for (let j = 0; j < f.test.length; j++) col[f.test[j] as number] = v[j] as number;
    }
  });
  return { values, fitSeconds };
}

/** The default question: the model's point prediction. */
export const pointPrediction = <M extends Regressor>(m: M, X: Matrix): FoldOutputs<"prediction"> => ({ prediction: m.predict(X) });

/**
 * `outOfFold` for any estimator on given folds: a clone of `template` (or a fresh `make()`) is fitted
 * per fold on (X, y) of the training rows; `ask(model, Xtest, yTest)` gives the outputs (default: the
 * point prediction as `prediction`).
 * @example estimatorOutOfFold(new LinearRidge({ alpha: 1 }), X, yLog, groupKFold(5, groups, 7)).values.prediction
 */
export function estimatorOutOfFold<M extends Regressor, K extends string = "prediction">(
  template: M | (() => M),
  X: Matrix,
  y: ArrayLike<number>,
  folds: readonly FoldIndices[],
  ask: (model: M, Xtest: Matrix, yTest: Float64Array) => FoldOutputs<K> = pointPrediction as unknown as (model: M, Xtest: Matrix, yTest: Float64Array) => FoldOutputs<K>,
): OutOfFold<K> {
  const make = typeof template === "function" ? template : () => clone(template);
  return outOfFold(X.length, folds, (train) => {
    const m = make();
    m.fit(takeRows(X, train), takeValues(y, train));
    return (test) => ask(m, takeRows(X, test), takeValues(y, test));
  });
}

/** Predictions clipped to the training target range widened by a factor, and which rows were clipped. */
export interface Bounded {
  readonly values: Float64Array;
  /** 1 where the raw prediction left the range (the model extrapolated beyond anything it saw). */
  readonly outOfRange: Uint8Array;
}

/**
 * Bound predictions by the training targets: [min / factor, max x factor] in seconds, i.e.
 * [min - ln factor, max + ln factor] on the log scale (`yScale: "log"`, default). A prediction outside
 * is clipped to the bound and flagged; NaN stays NaN.
 * @example boundToTrainingRange(Float64Array.of(50), [0, 1, 2], 10).outOfRange // [1]
 */
export function boundToTrainingRange(pred: ArrayLike<number>, yTrain: ArrayLike<number>, factor: number, yScale: "log" | "linear" = "log"): Bounded {
  if (!(factor >= 1)) throw new RangeError(`bound factor must be >= 1 (got ${factor})`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < yTrain.length; i++) {
    const v = yTrain[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const [a, b] = yScale === "log" ? [lo - Math.log(factor), hi + Math.log(factor)] : [lo / factor, hi * factor];
  const values = new Float64Array(pred.length);
  const outOfRange = new Uint8Array(pred.length);
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i] as number;
    if (p < a || p > b) {
      values[i] = p < a ? a : b;
      outOfRange[i] = 1;
    } else values[i] = p;
  }
  return { values, outOfRange };
}
