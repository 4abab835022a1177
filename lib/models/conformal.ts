/**
 * Split-conformal prediction intervals (Vovk et al.; Lei et al. 2018). Fit the base model on a
 * seeded (1 - calibrationFraction) share of the rows, take absolute residuals on the rest, and use
 * their ceil((n_cal + 1)(1 - alpha))-th smallest value q: [ŷ - q, ŷ + q] covers a new exchangeable
 * row with probability >= 1 - alpha (marginally; at most 1 - alpha + 1/(n_cal + 1)).
 */
import { rng } from "../util/stats";
import { checkXy, clone, type IntervalCapable, NotFittedError, takeRows, takeValues, type Matrix, type ModelState, type Regressor } from "./estimator";
import { GradientBoostedTrees } from "./gbt/gbt";
import { ModelFormatError, num, obj } from "./shape";

/** Params of SplitConformal. */
export interface SplitConformalParams {
  /** Point model (cloned, never fitted in place). Default GradientBoostedTrees({}). */
  readonly base?: Regressor;
  /** Miscoverage: intervals target 1 - alpha coverage. Default 0.1. */
  readonly alpha?: number;
  /** Share of rows held out for calibration. Default 0.25. */
  readonly calibrationFraction?: number;
  readonly seed?: number;
}

/** Point prediction with its interval (same scale as y). */
export interface Interval {
  readonly point: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Seeded split of 0..n-1 into [first, second] with `fraction` of rows in the second part (both sorted). */
export function splitIndices(n: number, fraction: number, seed: number): [Int32Array, Int32Array] {
  const r = rng(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = perm[i] as number;
    perm[i] = perm[j] as number;
    perm[j] = t;
  }
  const m = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  return [perm.slice(m).sort(), perm.slice(0, m).sort()];
}

/** The conformal quantile of absolute residuals: ceil((n+1)(1-alpha))-th smallest (Infinity → MAX_VALUE). */
export function conformalQuantile(residuals: ArrayLike<number>, alpha: number): number {
  const s = Float64Array.from(residuals).sort();
  const k = Math.ceil((s.length + 1) * (1 - alpha));
  return k > s.length ? Number.MAX_VALUE : (s[k - 1] as number);
}

/**
 * A Regressor whose predictions come with split-conformal intervals.
 * @example
 * const m = new SplitConformal({ base: new GradientBoostedTrees({ seed: 1 }), alpha: 0.1 }).fit(X, yLog);
 * const { point, lower, upper } = m.predictInterval(Xtest); // 90% intervals
 */
export class SplitConformal implements Regressor, IntervalCapable {
  readonly params: Required<SplitConformalParams>;
  private state_: { model: Regressor; quantile: number; nCalibration: number } | null = null;

  constructor(params: SplitConformalParams = {}) {
    this.params = { base: params.base ?? new GradientBoostedTrees({}), alpha: params.alpha ?? 0.1, calibrationFraction: params.calibrationFraction ?? 0.25, seed: params.seed ?? 0 };
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n] = checkXy(X, y);
    const [tr, cal] = splitIndices(n, this.params.calibrationFraction, this.params.seed);
    const model = clone(this.params.base).fit(takeRows(X, tr), takeValues(y, tr));
    const pc = model.predict(takeRows(X, cal));
    const res = new Float64Array(cal.length);
    for (let i = 0; i < cal.length; i++) res[i] = Math.abs((y[cal[i] as number] as number) - (pc[i] as number));
    this.state_ = { model, quantile: conformalQuantile(res, this.params.alpha), nCalibration: cal.length };
    return this;
  }

  /** Half-width q of every interval. */
  get halfWidth(): number {
    if (!this.state_) throw new NotFittedError("SplitConformal");
    return this.state_.quantile;
  }

  predict(X: Matrix): Float64Array {
    if (!this.state_) throw new NotFittedError("SplitConformal");
    return this.state_.model.predict(X);
  }

  /** Point predictions and [point - q, point + q]. */
  /** Nominal coverage of the intervals (1 - alpha). */
  get coverage(): number {
    return 1 - this.params.alpha;
  }

  predictInterval(X: Matrix): Interval {
    const point = this.predict(X);
    const q = this.halfWidth;
    return { point, lower: point.map((v) => v - q), upper: point.map((v) => v + q) };
  }

  toJSON(): ModelState {
    const { base, ...rest } = this.params;
    const s = this.state_;
    return { type: "SplitConformal", params: { ...rest, base: base.toJSON() }, state: s ? { model: s.model.toJSON(), quantile: s.quantile, nCalibration: s.nCalibration } : null };
  }

  /** Rebuild; `rebuild` turns nested ModelStates into models (the registry in serialize.ts). */
  static fromJSON(st: ModelState, rebuild: (s: ModelState) => Regressor): SplitConformal {
    const p = obj(st.params, "SplitConformal.params");
    const m = new SplitConformal({ ...(p as SplitConformalParams), base: rebuild(obj(p.base, "SplitConformal.params.base") as unknown as ModelState) });
    if (st.state == null) return m;
    const o = obj(st.state, "SplitConformal.state");
    const q = num(o, "quantile", "SplitConformal.state", { min: 0 });
    if (!o.model) throw new ModelFormatError("SplitConformal.state.model is missing");
    m.state_ = { model: rebuild(o.model as ModelState), quantile: q, nCalibration: num(o, "nCalibration", "SplitConformal.state", { int: true, min: 1 }) };
    return m;
  }
}
