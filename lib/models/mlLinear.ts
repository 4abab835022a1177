/**
 * Ordinary least squares on (optionally log1p-transformed) standardized features, fitted by
 * ml-regression's MultivariateLinearRegression (SVD pseudo-inverse: collinear features, e.g. a
 * one-hot step column set next to the intercept, get a minimum-norm fit instead of an error).
 * Inputs are prepared exactly as for LinearRidge (./linearPrep.ts): missing values imputed with the
 * training mean, predictions clamped to each feature's training range.
 */
import { MultivariateLinearRegression } from "ml-regression";
import { checkX, checkXy, ModelInputError, NotFittedError, type Matrix, type ModelState, type Regressor } from "./estimator";
import { fitLinearPrep, prepRow, type LinearPrep } from "./linearPrep";
import { num, numArray, obj } from "./shape";

/** Params of LinearOLS. */
export interface LinearOLSParams {
  /** Apply sign(x)*log1p(|x|) to every feature first (sizes span orders of magnitude). Default true. */
  readonly logFeatures?: boolean;
}

interface OLSState extends LinearPrep {
  readonly nFeatures: number;
  /** Coefficients on the standardized features, then the intercept (p + 1 values). */
  readonly weights: number[];
  readonly model: MultivariateLinearRegression;
}

function rebuild(p: number, weights: readonly number[]): MultivariateLinearRegression {
  return MultivariateLinearRegression.load({ name: "multivariateLinearRegression", weights: weights.map((w) => [w]), inputs: p, outputs: 1, intercept: true });
}

/**
 * Multivariate linear regression (no penalty) with an intercept.
 * @example new LinearOLS().fit(X, yLog).predict(Xtest)
 */
export class LinearOLS implements Regressor {
  readonly params: Required<LinearOLSParams>;
  private state_: OLSState | null = null;

  constructor(params: LinearOLSParams = {}) {
    this.params = { logFeatures: params.logFeatures ?? true };
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n, p] = checkXy(X, y);
    const log = this.params.logFeatures;
    const prep = fitLinearPrep(X, p, log);
    const Z: number[][] = new Array(n);
    const Y: number[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const z = new Array<number>(p);
      prepRow(X[i] as ArrayLike<number>, prep, log, z);
      Z[i] = z;
      Y[i] = [y[i] as number];
    }
    const fitted = new MultivariateLinearRegression(Z, Y, { intercept: true, statistics: false });
    const weights = fitted.weights.map((w) => w[0] as number);
    if (!weights.every(Number.isFinite)) throw new ModelInputError("LinearOLS: least squares gave non-finite coefficients");
    this.state_ = { nFeatures: p, ...prep, weights, model: rebuild(p, weights) };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("LinearOLS");
    const [n, p] = checkX(X, s.nFeatures);
    const log = this.params.logFeatures;
    const z = new Array<number>(p);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      prepRow(X[i] as ArrayLike<number>, s, log, z);
      out[i] = s.model.predict(z)[0] as number;
    }
    return out;
  }

  /** Standardized-feature coefficients and intercept (throws NotFittedError before fit). */
  get coefficients(): { coef: number[]; intercept: number } {
    const s = this.state_;
    if (!s) throw new NotFittedError("LinearOLS");
    return { coef: s.weights.slice(0, s.nFeatures), intercept: s.weights[s.nFeatures] as number };
  }

  toJSON(): ModelState {
    const s = this.state_;
    return { type: "LinearOLS", params: { ...this.params }, state: s ? { nFeatures: s.nFeatures, means: s.means, scales: s.scales, lo: s.lo, hi: s.hi, weights: s.weights } : null };
  }

  static fromJSON(st: ModelState): LinearOLS {
    const m = new LinearOLS(st.params as LinearOLSParams);
    if (st.state == null) return m;
    const o = obj(st.state, "LinearOLS.state");
    const w = "LinearOLS.state";
    const p = num(o, "nFeatures", w, { int: true, min: 1 });
    const weights = numArray(o, "weights", w, { length: p + 1 });
    m.state_ = { nFeatures: p, means: numArray(o, "means", w, { length: p }), scales: numArray(o, "scales", w, { length: p }), lo: numArray(o, "lo", w, { length: p }), hi: numArray(o, "hi", w, { length: p }), weights, model: rebuild(p, weights) };
    return m;
  }
}
