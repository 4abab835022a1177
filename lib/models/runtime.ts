/**
 * RuntimePredictor: the bundle the CLI ships — a point model with split-conformal intervals on
 * log runtime plus a tail-risk classifier, fitted together on the same rows.
 */
import { checkXy, clone, type IntervalCapable, NotFittedError, type Matrix, type ModelState, type Regressor, type TailCapable } from "./estimator";
import { SplitConformal } from "./conformal";
import { TailRiskClassifier } from "./tail";
import { ModelFormatError, obj } from "./shape";

/** Params of RuntimePredictor (unfitted templates; cloned in fit). */
export interface RuntimePredictorParams {
  /** Point model + intervals. Default SplitConformal({}) (GBT, 90%). */
  readonly interval?: SplitConformal;
  /** Tail model; null for none. Default TailRiskClassifier({}) (k = 2). */
  readonly tail?: TailRiskClassifier | null;
}

/** Per-row detailed prediction on the target scale the model was fitted on (log runtime). */
export interface RuntimePrediction {
  readonly point: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** NaN when the predictor has no tail model. */
  readonly tailProbability: Float64Array;
}

/**
 * @example
 * const rp = new RuntimePredictor({ interval: new SplitConformal({ alpha: 0.1, seed: 1 }), tail: new TailRiskClassifier({ k: 2, sizeFeature: 0 }) }).fit(X, yLog);
 * const { point, lower, upper, tailProbability } = rp.predictDetailed(Xnew);
 */
export class RuntimePredictor implements Regressor, IntervalCapable, TailCapable {
  readonly params: { interval: SplitConformal; tail: TailRiskClassifier | null };
  private state_: { interval: SplitConformal; tail: TailRiskClassifier | null } | null = null;

  constructor(params: RuntimePredictorParams = {}) {
    this.params = { interval: params.interval ?? new SplitConformal({}), tail: params.tail === undefined ? new TailRiskClassifier({}) : params.tail };
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    checkXy(X, y);
    const interval = clone(this.params.interval).fit(X, y);
    const tail = this.params.tail ? clone(this.params.tail).fit(X, y) : null;
    this.state_ = { interval, tail };
    return this;
  }

  /** The fitted parts. */
  get fitted(): { interval: SplitConformal; tail: TailRiskClassifier | null } {
    if (!this.state_) throw new NotFittedError("RuntimePredictor");
    return this.state_;
  }

  predict(X: Matrix): Float64Array {
    return this.fitted.interval.predict(X);
  }

  /** Point and interval of the conformal part. */
  predictInterval(X: Matrix): { point: Float64Array; lower: Float64Array; upper: Float64Array } {
    return this.fitted.interval.predictInterval(X);
  }

  /** Nominal interval coverage (1 - alpha). */
  get coverage(): number {
    return this.params.interval.coverage;
  }

  /** Tail probabilities, or null when fitted without a tail model. */
  tailProbability(X: Matrix): Float64Array | null {
    const t = this.fitted.tail;
    return t ? t.predictProba(X) : null;
  }

  /** k of the tail definition, or null without a tail model. */
  get tailK(): number | null {
    return this.params.tail ? this.params.tail.params.k : null;
  }

  predictDetailed(X: Matrix): RuntimePrediction {
    const { interval, tail } = this.fitted;
    const iv = interval.predictInterval(X);
    return { ...iv, tailProbability: tail ? tail.predict(X) : new Float64Array(X.length).fill(NaN) };
  }

  toJSON(): ModelState {
    const s = this.state_;
    return {
      type: "RuntimePredictor",
      params: { interval: this.params.interval.toJSON(), tail: this.params.tail ? this.params.tail.toJSON() : null },
      state: s ? { interval: s.interval.toJSON(), tail: s.tail ? s.tail.toJSON() : null } : null,
    };
  }

  static fromJSON(st: ModelState, rebuild: (s: ModelState) => Regressor): RuntimePredictor {
    const p = obj(st.params, "RuntimePredictor.params");
    const asConformal = (v: unknown, w: string): SplitConformal => {
      const m = rebuild(obj(v, w) as unknown as ModelState);
      if (!(m instanceof SplitConformal)) throw new ModelFormatError(`${w} must be a SplitConformal`);
      return m;
    };
    const asTail = (v: unknown, w: string): TailRiskClassifier | null => {
      if (v === null) return null;
      const m = rebuild(obj(v, w) as unknown as ModelState);
      if (!(m instanceof TailRiskClassifier)) throw new ModelFormatError(`${w} must be a TailRiskClassifier`);
      return m;
    };
    const m = new RuntimePredictor({ interval: asConformal(p.interval, "RuntimePredictor.params.interval"), tail: asTail(p.tail, "RuntimePredictor.params.tail") });
    if (st.state == null) return m;
    const o = obj(st.state, "RuntimePredictor.state");
    m.state_ = { interval: asConformal(o.interval, "RuntimePredictor.state.interval"), tail: asTail(o.tail ?? null, "RuntimePredictor.state.tail") };
    return m;
  }
}
