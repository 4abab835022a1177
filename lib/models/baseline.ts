/**
 * Baselines: per-group median (what a scheduler's history table gives) and log runtime ~ log size
 * (fitted by ml-regression: least squares or Theil-Sen).
 */
import { SimpleLinearRegression, TheilSenRegression } from "ml-regression";
import { median } from "../util/stats";
import { forward } from "../util/transforms";
import { checkX, checkXy, column, ModelInputError, NotFittedError, type Matrix, type ModelState, type Regressor } from "./estimator";
import { ModelFormatError, num, numArray, obj, str } from "./shape";

/** Params of MedianBaseline. */
export interface MedianBaselineParams {
  /** Feature index holding a group key (e.g. a tool or step id); omit for one global median. */
  readonly groupFeature?: number;
}

/**
 * Predicts the median target of training rows with the same group key (global median for unseen
 * groups or when no group feature is set).
 * @example new MedianBaseline({ groupFeature: 0 }).fit(X, yLog).predict(Xtest)
 */
export class MedianBaseline implements Regressor {
  readonly params: MedianBaselineParams;
  private state_: { nFeatures: number; global: number; keys: number[]; medians: number[] } | null = null;

  constructor(params: MedianBaselineParams = {}) {
    this.params = { ...params };
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n, p] = checkXy(X, y);
    const gf = this.params.groupFeature;
    const ys = Array.from(y);
    const groups = new Map<number, number[]>();
    if (gf !== undefined) {
      if (gf < 0 || gf >= p) throw new RangeError(`groupFeature ${gf} is outside 0..${p - 1}`);
      const g = column(X, gf);
      for (let i = 0; i < n; i++) {
        const k = g[i] as number;
        const arr = groups.get(k) ?? [];
        arr.push(ys[i] as number);
        groups.set(k, arr);
      }
    }
    const keys = [...groups.keys()].filter((k) => Number.isFinite(k)).sort((a, b) => a - b);
    this.state_ = { nFeatures: p, global: median(ys), keys, medians: keys.map((k) => median(groups.get(k) as number[])) };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("MedianBaseline");
    const [n] = checkX(X, s.nFeatures);
    const map = new Map<number, number>();
    s.keys.forEach((k, i) => map.set(k, s.medians[i] as number));
    const gf = this.params.groupFeature;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = gf === undefined ? s.global : (map.get((X[i] as ArrayLike<number>)[gf] as number) ?? s.global);
    return out;
  }

  toJSON(): ModelState {
    return { type: "MedianBaseline", params: { ...this.params }, state: this.state_ ? { ...this.state_ } : null };
  }

  static fromJSON(s: ModelState): MedianBaseline {
    const m = new MedianBaseline(s.params as MedianBaselineParams);
    if (s.state == null) return m;
    const o = obj(s.state, "MedianBaseline.state");
    const keys = numArray(o, "keys", "MedianBaseline.state");
    m.state_ = {
      nFeatures: num(o, "nFeatures", "MedianBaseline.state", { int: true, min: 1 }),
      global: num(o, "global", "MedianBaseline.state"),
      keys,
      medians: numArray(o, "medians", "MedianBaseline.state", { length: keys.length }),
    };
    return m;
  }
}

/** Params of LogLinearSize. */
export interface LogLinearSizeParams {
  /** Feature index of the input size (bytes, raw — the model takes log1p itself). Default 0. */
  readonly sizeFeature?: number;
  /**
   * "ols" (least squares, ml-regression's SimpleLinearRegression; default) or "theil-sen" (median of
   * pairwise slopes, ml-regression's TheilSenRegression: robust to the slow-tail runs that pull a
   * least-squares line up; O(n²) pairs, so refused beyond THEIL_SEN_MAX_ROWS rows).
   */
  readonly method?: "ols" | "theil-sen";
}

/** Theil-Sen keeps all n² pair slopes in memory: 5,000 rows are 25M slots (~200 MB). */
export const THEIL_SEN_MAX_ROWS = 5000;

/**
 * y ~ a + b * log1p(size): with y = log runtime this is the power law schedulers use.
 * Rows with a missing (or negative) size are left out of the fit and get the mean training y;
 * with fewer than two distinct sizes the line is flat (slope 0) at the mean y of the sized rows.
 * @example new LogLinearSize({ sizeFeature: 0, method: "theil-sen" }).fit(X, yLog)
 */
export class LogLinearSize implements Regressor {
  readonly params: Required<LogLinearSizeParams>;
  private state_: { nFeatures: number; intercept: number; slope: number; meanY: number } | null = null;

  constructor(params: LogLinearSizeParams = {}) {
    this.params = { sizeFeature: params.sizeFeature ?? 0, method: params.method ?? "ols" };
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n, p] = checkXy(X, y);
    const f = this.params.sizeFeature;
    if (f < 0 || f >= p) throw new RangeError(`sizeFeature ${f} is outside 0..${p - 1}`);
    if (this.params.method !== "ols" && this.params.method !== "theil-sen") throw new ModelInputError(`LogLinearSize method must be "ols" or "theil-sen" (got ${String(this.params.method)})`);
    const xs: number[] = [];
    const ys: number[] = [];
    let sAll = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      sAll += yi;
      const v = (X[i] as ArrayLike<number>)[f] as number;
      if (!Number.isFinite(v) || v < 0) continue;
      xs.push(forward("log1p", v));
      ys.push(yi);
    }
    const m = xs.length;
    let slope = 0;
    let intercept = m > 0 ? ys.reduce((a, b) => a + b, 0) / m : sAll / n;
    if (m >= 2 && xs.some((x) => x !== xs[0])) {
      if (this.params.method === "theil-sen" && m > THEIL_SEN_MAX_ROWS) throw new ModelInputError(`Theil-Sen needs all pairs of rows: ${m} rows is more than ${THEIL_SEN_MAX_ROWS}; use method "ols"`);
      const line = this.params.method === "theil-sen" ? new TheilSenRegression(xs, ys) : new SimpleLinearRegression(xs, ys);
      if (Number.isFinite(line.slope) && Number.isFinite(line.intercept)) {
        slope = line.slope;
        intercept = line.intercept;
      }
    }
    this.state_ = { nFeatures: p, intercept, slope, meanY: sAll / n };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("LogLinearSize");
    const [n] = checkX(X, s.nFeatures);
    const out = new Float64Array(n);
    const f = this.params.sizeFeature;
    // slope * x + intercept: what ml-regression's predict computes, without rebuilding its object
    for (let i = 0; i < n; i++) {
      const v = (X[i] as ArrayLike<number>)[f] as number;
      out[i] = Number.isFinite(v) && v >= 0 ? s.slope * forward("log1p", v) + s.intercept : s.meanY;
    }
    return out;
  }

  toJSON(): ModelState {
    return { type: "LogLinearSize", params: { ...this.params }, state: this.state_ ? { ...this.state_ } : null };
  }

  /** Rebuild from toJSON() output; files written before `method` existed load as "ols". */
  static fromJSON(s: ModelState): LogLinearSize {
    const m = new LogLinearSize(s.params as LogLinearSizeParams);
    str(m.params as unknown as Record<string, unknown>, "method", "LogLinearSize.params", ["ols", "theil-sen"]);
    if (s.state == null) return m;
    const o = obj(s.state, "LogLinearSize.state");
    const w = "LogLinearSize.state";
    m.state_ = { nFeatures: num(o, "nFeatures", w, { int: true, min: 1 }), intercept: num(o, "intercept", w), slope: num(o, "slope", w), meanY: num(o, "meanY", w) };
    if (m.params.sizeFeature >= m.state_.nFeatures) throw new ModelFormatError(`${w}: sizeFeature outside the feature range`);
    return m;
  }
}
