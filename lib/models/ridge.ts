/**
 * Multivariate ridge regression on (optionally log1p-transformed) standardized features, closed form.
 * Kept as our own code rather than ml-regression: its only ridge is KernelRidgeRegression, which has
 * no unpenalized intercept and no standardization (the penalty would shrink the mean run time and
 * weigh features by their units), solves an n x n system and stores every training row in the model.
 * Unpenalized OLS is ml-regression's, in ./mlLinear.ts.
 */
import { checkX, checkXy, NotFittedError, type Matrix, type ModelState, type Regressor } from "./estimator";
import { fitLinearPrep, signedLog1p } from "./linearPrep";
import { num, numArray, obj } from "./shape";

/** Params of LinearRidge. */
export interface LinearRidgeParams {
  /** L2 penalty on standardized coefficients. Default 1. */
  readonly alpha?: number;
  /** Apply sign(x)*log1p(|x|) to every feature first (sizes span orders of magnitude). Default true. */
  readonly logFeatures?: boolean;
}

const tf = signedLog1p;

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
    const { means, scales, lo, hi } = fitLinearPrep(X, p, log);
    const Z = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      const r = X[i] as ArrayLike<number>;
      for (let j = 0; j < p; j++) {
        const v = r[j] as number;
        Z[i * p + j] = Number.isFinite(v) ? (tf(v, log) - (means[j] as number)) / (scales[j] as number) : 0;
      }
    }
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
    this.state_ = { nFeatures: p, means, scales, coef: Array.from(coef), intercept: ym, lo, hi };
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
