/** Uncertainty of a paired model comparison on the same out-of-fold rows (e.g. the ablation's lift). */
import { clusterResample, quantile, rng } from "../../util/stats";
import { r2 } from "./metrics";

/** ΔR² = R²(B) − R²(A) on shared rows, with a cluster-bootstrap CI. */
export interface R2Difference {
  readonly r2A: number;
  readonly r2B: number;
  readonly diff: number;
  readonly lo: number;
  readonly hi: number;
  /** Share of resamples in which B scored higher than A. */
  readonly pBetter: number;
}

/**
 * Paired cluster bootstrap of R²(predB) − R²(predA) against `y`: whole groups (inputs) are resampled,
 * and both predictions are scored on the same resample, so the CI reflects which inputs happened to
 * be in the data, not fold luck (repeat the CV with other fold seeds for that). Pure; seeded.
 * @example r2Difference(yLog, cvSize.oof, cvQuality.oof, groups, { reps: 1000, seed: 7 })
 */
export function r2Difference(y: ArrayLike<number>, predA: ArrayLike<number>, predB: ArrayLike<number>, groups: readonly (string | number)[], opts: { reps?: number; level?: number; seed?: number } = {}): R2Difference {
  if (y.length !== predA.length || y.length !== predB.length || y.length !== groups.length) throw new RangeError(`r2Difference: arrays differ in length (${y.length}, ${predA.length}, ${predB.length}, ${groups.length})`);
  const r2A = r2(y, predA);
  const r2B = r2(y, predB);
  const rand = rng(opts.seed ?? 0);
  const diffs: number[] = [];
  let better = 0;
  for (let b = 0; b < (opts.reps ?? 1000); b++) {
    const idx = clusterResample(groups, rand);
    const pick = (a: ArrayLike<number>): Float64Array => Float64Array.from(idx, (i) => a[i] as number);
    const ys = pick(y);
    const d = r2(ys, pick(predB)) - r2(ys, pick(predA));
    if (!Number.isFinite(d)) continue;
    diffs.push(d);
    if (d > 0) better++;
  }
  const a = (1 - (opts.level ?? 0.95)) / 2;
  return { r2A, r2B, diff: r2B - r2A, lo: diffs.length ? quantile(diffs, a) : NaN, hi: diffs.length ? quantile(diffs, 1 - a) : NaN, pBetter: diffs.length ? better / diffs.length : NaN };
}
