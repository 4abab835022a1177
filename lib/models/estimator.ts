/**
 * The one estimator contract every gwtime model follows (scikit-learn style):
 * - the constructor stores a params object and does nothing else;
 * - `fit(X, y)` validates, learns, returns `this`, never mutates X or y;
 * - learned state lives apart from params (a private `state_` field) and predicting before fitting
 *   throws `NotFittedError`;
 * - every random choice is seeded by `params.seed`;
 * - `toJSON()` gives plain data (type, params, learned state) that `lib/models/serialize` can
 *   reconstruct without executing anything from the file.
 */

/** Rows of features: one array per sample, NaN for a missing value. */
export type Matrix = readonly (Float64Array | readonly number[])[];

/** Plain-data snapshot of a model: enough to rebuild it. */
export interface ModelState {
  /** Registered model type, e.g. "GradientBoostedTrees". */
  readonly type: string;
  /** Constructor params (JSON-able; nested estimators as their own ModelState). */
  readonly params: Record<string, unknown>;
  /** Learned state (typed arrays written as plain number arrays), null when unfitted. */
  readonly state: unknown;
}

/** A regression model (or a probability model that predicts one number per row). */
export interface Regressor {
  /** The constructor params, as given (with defaults filled in). */
  readonly params: object;
  /** Learn from rows X and targets y; returns this. */
  fit(X: Matrix, y: readonly number[] | Float64Array): this;
  /** One prediction per row of X. Throws NotFittedError before fit. */
  predict(X: Matrix): Float64Array;
  /** Plain-data snapshot (type, params, learned state). */
  toJSON(): ModelState;
}

/**
 * Optional capability: prediction intervals on the target scale (e.g. split conformal). `coverage`
 * is the nominal share of new rows an interval should hold (1 - alpha).
 */
export interface IntervalCapable {
  predictInterval(X: Matrix): { point: Float64Array; lower: Float64Array; upper: Float64Array };
  readonly coverage: number;
}

/**
 * Optional capability: P(run lands in the slow tail), `tail > k x the median of comparable runs`.
 * `tailProbability` is null when the model carries no tail part (e.g. a bundle fitted without one).
 */
export interface TailCapable {
  tailProbability(X: Matrix): Float64Array | null;
  readonly tailK: number | null;
}

/**
 * A probability model (0/1 targets in, probabilities out). It still follows the estimator contract,
 * so splitters, clone and model files treat it like any other; its `predict` is `predictProba`.
 */
export interface Classifier extends Regressor {
  predictProba(X: Matrix): Float64Array;
}

export function hasInterval<M extends object>(m: M): m is M & IntervalCapable {
  return typeof (m as Partial<IntervalCapable>).predictInterval === "function";
}

export function hasTail<M extends object>(m: M): m is M & TailCapable {
  return typeof (m as Partial<TailCapable>).tailProbability === "function";
}

export function isClassifier<M extends object>(m: M): m is M & Classifier {
  return typeof (m as Partial<Classifier>).predictProba === "function";
}

/** Thrown when predict/toJSON-with-state is called on a model that was never fitted. */
export class NotFittedError extends Error {
  constructor(model: string) {
    super(`${model} is not fitted yet: call fit(X, y) before predict`);
    this.name = "NotFittedError";
  }
}

/** Bad X/y shape or values passed to fit/predict. */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelInputError";
  }
}

function isRegressor(v: unknown): v is Regressor {
  return typeof v === "object" && v !== null && typeof (v as Regressor).fit === "function" && typeof (v as Regressor).predict === "function" && "params" in v;
}

function cloneValue(v: unknown): unknown {
  if (isRegressor(v)) return clone(v);
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v instanceof Float64Array) return new Float64Array(v);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x);
    return out;
  }
  return v;
}

/**
 * An unfitted copy of `model` with the same params (nested estimators cloned too).
 * @example const m2 = clone(new GradientBoostedTrees({ seed: 1 })).fit(X, y);
 */
export function clone<M extends Regressor>(model: M): M {
  const C = model.constructor as new (params: object) => M;
  return new C(cloneValue(model.params) as object);
}

/** Validate a feature matrix: non-empty, rectangular; returns [nRows, nFeatures]. */
export function checkX(X: Matrix, expectFeatures?: number): [number, number] {
  if (!Array.isArray(X) || X.length === 0) throw new ModelInputError("X must be a non-empty array of rows");
  const p = (X[0] as ArrayLike<number>).length;
  for (let i = 0; i < X.length; i++) {
    const r = X[i] as ArrayLike<number> | undefined;
    if (!r || r.length !== p) throw new ModelInputError(`X row ${i} has ${r ? r.length : "no"} features, expected ${p}`);
  }
  if (expectFeatures !== undefined && p !== expectFeatures) throw new ModelInputError(`X has ${p} features, the model was fitted on ${expectFeatures}`);
  return [X.length, p];
}

/** Validate X and y together for fit; y must be finite. */
export function checkXy(X: Matrix, y: readonly number[] | Float64Array): [number, number] {
  const [n, p] = checkX(X);
  if (y.length !== n) throw new ModelInputError(`y has ${y.length} values but X has ${n} rows`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i] as number)) throw new ModelInputError(`y[${i}] is not a finite number (${y[i]})`);
  return [n, p];
}

/** Column j of X as a new Float64Array. */
export function column(X: Matrix, j: number): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) out[i] = (X[i] as ArrayLike<number>)[j] as number;
  return out;
}

/** Rows of X selected by index (no copy of the rows themselves). */
export function takeRows<T>(X: readonly T[], idx: ArrayLike<number>): T[] {
  const out: T[] = new Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = X[idx[i] as number] as T;
  return out;
}

/** Values of y selected by index. */
export function takeValues(y: ArrayLike<number>, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i] as number] as number;
  return out;
}
