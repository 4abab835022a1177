/** Multivariate ridge regression on (optionally log1p-transformed) standardized features, closed form. */
import { checkX, checkXy, NotFittedError, type Matrix, type ModelState, type Regressor } from "./estimator";
import { num, numArray, obj } from "./shape";

/** Params of LinearRidge. */
export interface LinearRidgeParams {
  /** L2 penalty on standardized coefficients. Default 1. */
  readonly alpha?: number;
  /** Apply sign(x)*log1p(|x|) to every feature first (sizes span orders of magnitude). Default true. */
  readonly logFeatures?: boolean;
}

const tf = (v: number, log: boolean): number => (log ? Math.sign(v) * Math.log1p(Math.abs(v)) : v);

/** Solve A x = b (A symmetric positive definite, n x n, row-major) by Cholesky; A is copied. */
function solveSPD(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) L[i * n + i] = Math.sqrt(Math.max(s, 1e-12));
      else L[i * n + j] = s / (L[j * n + j] as number);
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (L[i * n + k] as number) * (z[k] as number);
    z[i] = s / (L[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] as number) * (x[k] as number);
    x[i] = s / (L[i * n + i] as number);
  }
  return x;
}

/**
 * Ridge regression: features log1p-transformed (default), missing values imputed with the training
 * mean, standardized; intercept unpenalized. Closed form (normal equations + Cholesky), deterministic.
 * @example new LinearRidge({ alpha: 1 }).fit(X, yLog).predict(Xtest)
 */
export class LinearRidge implements Regressor {
  readonly params: Required<LinearRidgeParams>;
  private state_: { nFeatures: number; means: number[]; scales: number[]; coef: number[]; intercept: number; lo: number[]; hi: number[] } | null = null;

  constructor(params: LinearRidgeParams = {}) {
    this.params = { alpha: params.alpha ?? 1, logFeatures: params.logFeatures ?? true };
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n, p] = checkXy(X, y);
    const log = this.params.logFeatures;
    const means = new Float64Array(p);
    const cnt = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const r = X[i] as ArrayLike<number>;
      for (let j = 0; j < p; j++) {
        const v = r[j] as number;
        if (Number.isFinite(v)) { means[j] = (means[j] as number) + tf(v, log); cnt[j] = (cnt[j] as number) + 1; }
      }
    }
    for (let j = 0; j < p; j++) means[j] = (cnt[j] as number) > 0 ? (means[j] as number) / (cnt[j] as number) : 0;
    const Z = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      const r = X[i] as ArrayLike<number>;
      for (let j = 0; j < p; j++) {
        const v = r[j] as number;
        Z[i * p + j] = Number.isFinite(v) ? tf(v, log) - (means[j] as number) : 0;
      }
    }
    const scales = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (Z[i * p + j] as number) ** 2;
      const sd = Math.sqrt(s / n);
      scales[j] = sd > 1e-12 ? sd : 1;
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) Z[i * p + j] = (Z[i * p + j] as number) / (scales[j] as number);
    let ym = 0;
    for (let i = 0; i < n; i++) ym += y[i] as number;
    ym /= n;
    const A = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const yi = (y[i] as number) - ym;
      for (let j = 0; j < p; j++) {
        const zj = Z[i * p + j] as number;
        b[j] = (b[j] as number) + zj * yi;
        for (let k = 0; k <= j; k++) A[j * p + k] = (A[j * p + k] as number) + zj * (Z[i * p + k] as number);
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) A[k * p + j] = A[j * p + k] as number;
      A[j * p + j] = (A[j * p + j] as number) + this.params.alpha;
    }
    const coef = solveSPD(A, b, p);
    // Training range of each transformed feature: predict clamps to it, because a linear model
    // extrapolates without bound on a parameter value never seen in training (one rare option
    // value could otherwise predict e^30 seconds).
    const lo = new Array<number>(p).fill(Infinity);
    const hi = new Array<number>(p).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const r = X[i] as ArrayLike<number>;
      for (let j = 0; j < p; j++) {
        const v = r[j] as number;
        if (!Number.isFinite(v)) continue;
        const t = tf(v, log);
        if (t < (lo[j] as number)) lo[j] = t;
        if (t > (hi[j] as number)) hi[j] = t;
      }
    }
    for (let j = 0; j < p; j++) if (!Number.isFinite(lo[j] as number)) lo[j] = hi[j] = means[j] as number;
    this.state_ = { nFeatures: p, means: Array.from(means), scales: Array.from(scales), coef: Array.from(coef), intercept: ym, lo, hi };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("LinearRidge");
    const [n, p] = checkX(X, s.nFeatures);
    const log = this.params.logFeatures;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = X[i] as ArrayLike<number>;
      let v = s.intercept;
      for (let j = 0; j < p; j++) {
        const x = r[j] as number;
        if (Number.isFinite(x)) {
          const t = Math.min(s.hi[j] as number, Math.max(s.lo[j] as number, tf(x, log)));
          v += ((s.coef[j] as number) * (t - (s.means[j] as number))) / (s.scales[j] as number);
        }
      }
      out[i] = v;
    }
    return out;
  }

  toJSON(): ModelState {
    return { type: "LinearRidge", params: { ...this.params }, state: this.state_ ? { ...this.state_ } : null };
  }

  static fromJSON(s: ModelState): LinearRidge {
    const m = new LinearRidge(s.params as LinearRidgeParams);
    if (s.state == null) return m;
    const o = obj(s.state, "LinearRidge.state");
    const w = "LinearRidge.state";
    const p = num(o, "nFeatures", w, { int: true, min: 1 });
    m.state_ = { nFeatures: p, means: numArray(o, "means", w, { length: p }), scales: numArray(o, "scales", w, { length: p }), coef: numArray(o, "coef", w, { length: p }), intercept: num(o, "intercept", w), lo: numArray(o, "lo", w, { length: p }), hi: numArray(o, "hi", w, { length: p }) };
    return m;
  }
}
