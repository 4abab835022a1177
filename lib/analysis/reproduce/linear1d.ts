/** One-feature linear fits used by the Lotaru reproduction: sklearn's BayesianRidge and plain OLS. */

/** A fitted line y = intercept + slope·x. */
export interface Line1D {
  readonly intercept: number;
  readonly slope: number;
}

/** Options of `bayesianRidge1D`; defaults are scikit-learn's `BayesianRidge()` defaults. */
export interface BayesianRidgeOptions {
  readonly maxIter?: number;
  readonly tol?: number;
  readonly alpha1?: number;
  readonly alpha2?: number;
  readonly lambda1?: number;
  readonly lambda2?: number;
}

const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

/**
 * Bayesian ridge regression on one feature with intercept, following scikit-learn's `BayesianRidge`
 * (evidence maximisation of the noise precision α and weight precision λ under Gamma(1e-6, 1e-6)
 * hyperpriors; X and y centred; initial α = 1/var(y), λ = 1; stop when |Δcoef| < tol; the last
 * coefficient is recomputed with the final α, λ). Lotaru's `bayes.py` calls exactly this.
 * @example bayesianRidge1D([1, 2, 3, 4], [2, 4, 6, 8.1]).slope // ≈ 2.03
 */
export function bayesianRidge1D(x: readonly number[], y: readonly number[], options: BayesianRidgeOptions = {}): Line1D {
  if (x.length !== y.length || x.length === 0) throw new Error(`bayesianRidge1D: need equal, non-empty x and y (got ${x.length}, ${y.length})`);
  const { maxIter = 300, tol = 1e-3, alpha1 = 1e-6, alpha2 = 1e-6, lambda1 = 1e-6, lambda2 = 1e-6 } = options;
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  const xc = x.map((v) => v - mx);
  const yc = y.map((v) => v - my);
  const eig = xc.reduce((s, v) => s + v * v, 0); // squared singular value of the centred column
  const xty = xc.reduce((s, v, i) => s + v * (yc[i] as number), 0);
  const varY = yc.reduce((s, v) => s + v * v, 0) / n;
  let alpha = 1 / (varY + Number.EPSILON);
  let lambda = 1;
  const coefOf = (a: number, l: number): number => (eig > 0 ? xty / (eig + l / a) : 0);
  const rss = (c: number): number => yc.reduce((s, v, i) => s + (v - c * (xc[i] as number)) ** 2, 0);
  let coefOld = NaN;
  for (let iter = 0; iter < maxIter; iter++) {
    const coef = coefOf(alpha, lambda);
    const r = rss(coef);
    const gamma = eig > 0 ? (alpha * eig) / (lambda + alpha * eig) : 0;
    lambda = (gamma + 2 * lambda1) / (coef * coef + 2 * lambda2);
    alpha = (n - gamma + 2 * alpha1) / (r + 2 * alpha2);
    if (iter !== 0 && Math.abs(coefOld - coef) < tol) break;
    coefOld = coef;
  }
  const slope = coefOf(alpha, lambda);
  return { intercept: my - slope * mx, slope };
}

/**
 * Ordinary least squares on one feature with intercept (slope 0 when x has no variance).
 * @example ols1D([0, 1, 2], [1, 3, 5]) // { intercept: 1, slope: 2 }
 */
export function ols1D(x: readonly number[], y: readonly number[]): Line1D {
  if (x.length !== y.length || x.length === 0) throw new Error(`ols1D: need equal, non-empty x and y (got ${x.length}, ${y.length})`);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

/** y at x on a fitted line. */
export const predictLine = (line: Line1D, x: number): number => line.intercept + line.slope * x;
