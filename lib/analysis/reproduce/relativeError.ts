import { median } from "../../util/stats";

/**
 * Relative error of one prediction, as Lotaru reports it: |predicted − actual| / actual.
 * NaN when `actual` is 0 or either value is not finite.
 * @example relativeError(120, 100) // 0.2
 */
export function relativeError(predicted: number, actual: number): number {
  if (!Number.isFinite(predicted) || !Number.isFinite(actual) || actual === 0) return NaN;
  return Math.abs((predicted - actual) / actual);
}

/**
 * Median of the finite relative errors (NaN when there are none).
 * @example medianRelativeError([110, 50, 300], [100, 100, 100]) // median(0.1, 0.5, 2) = 0.5
 */
export function medianRelativeError(predicted: readonly number[], actual: readonly number[]): number {
  if (predicted.length !== actual.length) throw new Error(`length mismatch: ${predicted.length} vs ${actual.length}`);
  const errs = predicted.map((p, i) => relativeError(p, actual[i] as number)).filter(Number.isFinite);
  return errs.length ? median(errs) : NaN;
}
