/**
 * Ordinary least squares on (optionally log1p-transformed) standardized features, fitted by
 * ml-regression's MultivariateLinearRegression. Aliased columns (numerically a linear combination
 * of earlier ones, e.g. mapping rate next to 1 - mapping rate) are dropped first and get weight 0,
 * as R's lm does (pivoted QR, tolerance 1e-7): ml-regression inverts X'X, which squares the condition
 * number, and would otherwise turn rounding noise into huge opposite weights.
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
  /** Coefficients on the standardized features (0 for an aliased column), then the intercept (p + 1 values). */
  readonly weights: number[];
  readonly model: MultivariateLinearRegression;
}

/** Relative residual norm below which a column counts as aliased (R's lm uses 1e-7). */
const ALIAS_TOL = 1e-7;

/** Columns of Z (n x p, centred) that are not aliased, by modified Gram-Schmidt in column order. */
function independentColumns(Z: readonly number[][], p: number): number[] {
  const n = Z.length;
  const basis: Float64Array[] = [];
  const keep: number[] = [];
  for (let j = 0; j < p; j++) {
    const v = Float64Array.from(Z, (r) => r[j] as number);
    let norm0 = 0;
    for (let i = 0; i < n; i++) norm0 += (v[i] as number) ** 2;
    if (norm0 === 0) continue;
    for (const q of basis) {
      let d = 0;
      for (let i = 0; i < n; i++) d += (q[i] as number) * (v[i] as number);
      for (let i = 0; i < n; i++) v[i] = (v[i] as number) - d * (q[i] as number);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (v[i] as number) ** 2;
    if (Math.sqrt(norm / norm0) < ALIAS_TOL) continue;
    const s = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) / s;
    basis.push(v);
    keep.push(j);
  }
  return keep;
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
    // standardized columns are centred (imputed values sit at the mean), so they are orthogonal to the intercept
    const keep = independentColumns(Z, p);
    const fitted = new MultivariateLinearRegression(Z.map((r) => keep.map((j) => r[j] as number)), Y, { intercept: true, statistics: false });
    const weights = new Array<number>(p + 1).fill(0);
    keep.forEach((j, k) => (weights[j] = (fitted.weights[k] as number[])[0] as number));
    weights[p] = (fitted.weights[keep.length] as number[])[0] as number;
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
