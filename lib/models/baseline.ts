/** Baselines: per-group median (what a scheduler's history table gives) and log runtime ~ log size. */
import { median } from "../util/stats";
import { checkX, checkXy, column, NotFittedError, type Matrix, type ModelState, type Regressor } from "./estimator";
import { ModelFormatError, num, numArray, obj } from "./shape";

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
}

/**
 * y ~ a + b * log1p(size): with y = log runtime this is the power law schedulers use.
 * Rows with a missing size get the intercept-only prediction (mean y).
 * @example new LogLinearSize({ sizeFeature: 0 }).fit(X, yLog)
 */
export class LogLinearSize implements Regressor {
  readonly params: Required<LogLinearSizeParams>;
  private state_: { nFeatures: number; intercept: number; slope: number; meanY: number } | null = null;

  constructor(params: LogLinearSizeParams = {}) {
    this.params = { sizeFeature: params.sizeFeature ?? 0 };
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n, p] = checkXy(X, y);
    const f = this.params.sizeFeature;
    if (f < 0 || f >= p) throw new RangeError(`sizeFeature ${f} is outside 0..${p - 1}`);
    let sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0, sAll = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      sAll += yi;
      const v = (X[i] as ArrayLike<number>)[f] as number;
      if (!Number.isFinite(v) || v < 0) continue;
      const x = Math.log1p(v);
      sx += x; sy += yi; sxx += x * x; sxy += x * yi; m++;
    }
    const den = m * sxx - sx * sx;
    const slope = m > 1 && den > 1e-12 * m * m ? (m * sxy - sx * sy) / den : 0;
    const intercept = m > 0 ? (sy - slope * sx) / m : sAll / n;
    this.state_ = { nFeatures: p, intercept, slope, meanY: sAll / n };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("LogLinearSize");
    const [n] = checkX(X, s.nFeatures);
    const out = new Float64Array(n);
    const f = this.params.sizeFeature;
    for (let i = 0; i < n; i++) {
      const v = (X[i] as ArrayLike<number>)[f] as number;
      out[i] = Number.isFinite(v) && v >= 0 ? s.intercept + s.slope * Math.log1p(v) : s.meanY;
    }
    return out;
  }

  toJSON(): ModelState {
    return { type: "LogLinearSize", params: { ...this.params }, state: this.state_ ? { ...this.state_ } : null };
  }

  static fromJSON(s: ModelState): LogLinearSize {
    const m = new LogLinearSize(s.params as LogLinearSizeParams);
    if (s.state == null) return m;
    const o = obj(s.state, "LogLinearSize.state");
    const w = "LogLinearSize.state";
    m.state_ = { nFeatures: num(o, "nFeatures", w, { int: true, min: 1 }), intercept: num(o, "intercept", w), slope: num(o, "slope", w), meanY: num(o, "meanY", w) };
    if (m.params.sizeFeature >= m.state_.nFeatures) throw new ModelFormatError(`${w}: sizeFeature outside the feature range`);
    return m;
  }
}
