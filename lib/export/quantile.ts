/**
 * From a model's split-conformal interval to a per-sample time limit at a chosen quantile, and from a
 * limit to an operator's queue bin. Pure functions; every number is in seconds of the model's target.
 */
import { GwtInputError } from "../util/errors";
import { forward, inverse, type ModelTargetTransform } from "../util/transforms";

/** Default export options, shared by the CLI and the library. */
export const DEFAULT_EXPORT_OPTIONS = {
  /** Upper quantile of the predicted run time used as the limit. */
  quantile: 0.95,
  /** Queue bins (name=upper limit), smallest first: the first bin whose limit covers a sample's limit. */
  bins: "normal=4h,long=24h,week=168h",
  /** Nextflow/TPV retries after a walltime kill; each attempt gets limit x attempt. */
  maxRetries: 2,
} as const;

/**
 * Inverse standard normal CDF (Acklam's rational approximation, |relative error| < 1.2e-9).
 * @example normalQuantile(0.95) // 1.6448536...
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  const poly = (k: number[], x: number): number => k.reduce((acc, v) => acc * x + v, 0);
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** A quantile option checked to lie in (0, 1). */
export function checkQuantile(q: number, field = "--quantile"): number {
  if (!Number.isFinite(q) || q <= 0 || q >= 1) throw new GwtInputError(`quantile must be a number in (0, 1), got ${String(q)}`, { field });
  return q;
}

/**
 * The `quantile` upper limit of one prediction from its two-sided split-conformal interval.
 * The interval [lower, upper] has nominal coverage `coverage` (= 1 - alpha) with one half-width h on
 * the model's scale (log for log-target models). Its upper end is the 1 - alpha/2 quantile when the
 * calibration residuals are symmetric; any other quantile scales h by z(quantile) / z(1 - alpha/2)
 * (a normal residual shape on that scale: an assumption, stated in every exported file).
 * At quantile = 1 - alpha/2 (0.95 for the shipped 90% intervals) the limit is exactly `upper`.
 * @example quantileLimit({ predicted: 19, upper: 27, coverage: 0.9 }, 0.95, "log") // 27
 */
export function quantileLimit(p: { predicted: number; upper: number; coverage: number }, quantile: number, scale: ModelTargetTransform): number {
  checkQuantile(quantile);
  const zUpper = normalQuantile(1 - (1 - p.coverage) / 2);
  const ratio = normalQuantile(quantile) / zUpper;
  if (Math.abs(quantile - (1 - (1 - p.coverage) / 2)) < 1e-12) return p.upper;
  const [f, u] = [forward(scale, p.predicted), forward(scale, p.upper)];
  return inverse(scale, f + ratio * (u - f));
}

/** One queue bin: a name and its time limit. */
export interface QueueBin {
  readonly name: string;
  readonly limitS: number;
}

const UNIT_S: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3600, d: 86400 };

/**
 * Parse a duration like "90s", "30m", "4h", "7d", "1.5h" into seconds.
 * @example parseDurationS("4h") // 14400
 */
export function parseDurationS(text: string, field = "duration"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d)\s*$/.exec(text);
  if (!m) throw new GwtInputError(`cannot read duration '${text}' (use e.g. 90s, 30m, 4h, 7d)`, { field });
  const v = Number(m[1]) * (UNIT_S[m[2] as string] as number);
  if (!(v > 0)) throw new GwtInputError(`duration must be > 0, got '${text}'`, { field });
  return v;
}

/**
 * Parse `--bins normal=4h,long=24h,week=168h` into bins sorted by limit (names unique, limits > 0).
 * @example parseBins("normal=4h,long=24h") // [{ name: "normal", limitS: 14400 }, { name: "long", limitS: 86400 }]
 */
export function parseBins(text: string): QueueBin[] {
  const bins = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const eq = s.indexOf("=");
      if (eq <= 0) throw new GwtInputError(`bin '${s}' is not name=duration`, { field: "--bins" });
      const name = s.slice(0, eq).trim();
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new GwtInputError(`bin name '${name}' may only hold letters, digits, '_', '.', '-'`, { field: "--bins" });
      return { name, limitS: parseDurationS(s.slice(eq + 1), "--bins") };
    })
    .sort((x, y) => x.limitS - y.limitS);
  if (bins.length === 0) throw new GwtInputError("no bins given", { field: "--bins" });
  const names = new Set(bins.map((b) => b.name));
  if (names.size !== bins.length) throw new GwtInputError("bin names must be unique", { field: "--bins" });
  return bins;
}

/** The first (smallest) bin whose limit covers `limitS`, or null when the limit exceeds every bin. */
export function binFor(limitS: number, bins: readonly QueueBin[]): QueueBin | null {
  return bins.find((b) => limitS <= b.limitS) ?? null;
}

/** Whole seconds, rounded up (a limit must never be below the prediction). */
export function ceilS(v: number): number {
  return Math.max(1, Math.ceil(v - 1e-9));
}

/** Whole minutes, rounded up (Snakemake `runtime`). */
export function ceilMin(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60 - 1e-9));
}
