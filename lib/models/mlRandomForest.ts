/** Wrapper over ml-random-forest (reference implementation; fine on small data, slow beyond ~2k rows). */
import { RandomForestRegression } from "ml-random-forest";
import { checkX, checkXy, NotFittedError, type Matrix, type ModelState, type Regressor } from "./estimator";
import { ModelFormatError, num, numArray, obj } from "./shape";

/** Params of MlRandomForest. */
export interface MlRandomForestParams {
  readonly nEstimators?: number;
  /** Fraction (0,1] or count of features per tree (ml-random-forest semantics). Default 1.0. */
  readonly maxFeatures?: number;
  readonly seed?: number;
}

/**
 * ml-random-forest's RandomForestRegression behind the gwtime contract. NaN is imputed with the
 * training median per feature (the library does not handle missing values).
 * Serialization stores the library's own JSON model (plain data) and reloads it with `load`.
 */
export class MlRandomForest implements Regressor {
  readonly params: Required<MlRandomForestParams>;
  private state_: { nFeatures: number; impute: number[]; model: RandomForestRegression } | null = null;

  constructor(params: MlRandomForestParams = {}) {
    this.params = { nEstimators: params.nEstimators ?? 100, maxFeatures: params.maxFeatures ?? 1.0, seed: params.seed ?? 42 };
  }

  private impute(X: Matrix, impute: readonly number[]): number[][] {
    return X.map((r) => Array.from(r, (v, j) => (Number.isFinite(v) ? v : (impute[j] as number))));
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n, p] = checkXy(X, y);
    const impute: number[] = [];
    for (let j = 0; j < p; j++) {
      const v: number[] = [];
      for (let i = 0; i < n; i++) {
        const x = (X[i] as ArrayLike<number>)[j] as number;
        if (Number.isFinite(x)) v.push(x);
      }
      v.sort((a, b) => a - b);
      impute.push(v.length ? (v[Math.floor(v.length / 2)] as number) : 0);
    }
    const model = new RandomForestRegression({
      nEstimators: this.params.nEstimators,
      maxFeatures: this.params.maxFeatures,
      seed: this.params.seed,
      replacement: true,
      useSampleBagging: true,
      noOOB: true,
    });
    model.train(this.impute(X, impute), Array.from(y));
    this.state_ = { nFeatures: p, impute, model };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("MlRandomForest");
    checkX(X, s.nFeatures);
    return Float64Array.from(s.model.predict(this.impute(X, s.impute)));
  }

  toJSON(): ModelState {
    const s = this.state_;
    return { type: "MlRandomForest", params: { ...this.params }, state: s ? { nFeatures: s.nFeatures, impute: s.impute, model: JSON.parse(JSON.stringify(s.model.toJSON())) as unknown } : null };
  }

  static fromJSON(st: ModelState): MlRandomForest {
    const m = new MlRandomForest(st.params as MlRandomForestParams);
    if (st.state == null) return m;
    const o = obj(st.state, "MlRandomForest.state");
    const w = "MlRandomForest.state";
    const p = num(o, "nFeatures", w, { int: true, min: 1 });
    const model = obj(o.model, `${w}.model`);
    if (model.name !== "RFRegression") throw new ModelFormatError(`${w}.model.name must be 'RFRegression'`);
    m.state_ = { nFeatures: p, impute: numArray(o, "impute", w, { length: p }), model: RandomForestRegression.load(model as never) };
    return m;
  }
}
