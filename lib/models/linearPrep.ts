/**
 * Shared input preparation of the linear models (ridge, OLS): optional sign(x)*log1p(|x|), missing
 * values imputed with the training mean, standardization, and the training range each transformed
 * feature is clamped to at predict time.
 */
import { forward } from "../util/transforms";
import type { Matrix } from "./estimator";

/** The linear models' input transform: signed log1p when `log` (sizes span orders of magnitude; keeps a negative value's sign), else identity. */
export const signedLog1p = (v: number, log: boolean): number => forward(log ? "signedLog1p" : "identity", v);

/** Learned preparation: per-feature mean, scale and training range, all in transformed units. */
export interface LinearPrep {
  readonly means: number[];
  readonly scales: number[];
  readonly lo: number[];
  readonly hi: number[];
}

/** Means (of finite values), population standard deviations (with imputed zeros) and ranges of transformed X. */
export function fitLinearPrep(X: Matrix, p: number, log: boolean): LinearPrep {
  const n = X.length;
  const means = new Float64Array(p);
  const cnt = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const r = X[i] as ArrayLike<number>;
    for (let j = 0; j < p; j++) {
      const v = r[j] as number;
      if (Number.isFinite(v)) { means[j] = (means[j] as number) + signedLog1p(v, log); cnt[j] = (cnt[j] as number) + 1; }
    }
  }
  for (let j = 0; j < p; j++) means[j] = (cnt[j] as number) > 0 ? (means[j] as number) / (cnt[j] as number) : 0;
  const ss = new Float64Array(p);
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
      const t = signedLog1p(v, log);
      ss[j] = (ss[j] as number) + (t - (means[j] as number)) ** 2;
      if (t < (lo[j] as number)) lo[j] = t;
      if (t > (hi[j] as number)) hi[j] = t;
    }
  }
  const scales = new Array<number>(p);
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt((ss[j] as number) / n);
    scales[j] = sd > 1e-12 ? sd : 1;
    if (!Number.isFinite(lo[j] as number)) lo[j] = hi[j] = means[j] as number;
  }
  return { means: Array.from(means), scales, lo, hi };
}

/** Standardized row: (clamp(tf(x)) - mean) / scale, 0 (the mean) for a missing value. */
export function prepRow(r: ArrayLike<number>, prep: LinearPrep, log: boolean, out: Float64Array | number[]): void {
  for (let j = 0; j < out.length; j++) {
    const x = r[j] as number;
    out[j] = Number.isFinite(x) ? (Math.min(prep.hi[j] as number, Math.max(prep.lo[j] as number, signedLog1p(x, log))) - (prep.means[j] as number)) / (prep.scales[j] as number) : 0;
  }
}
