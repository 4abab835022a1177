/**
 * Tail risk: the probability that a run lands above k x the median runtime of comparable runs.
 * "Comparable" = same value of a group feature (e.g. step or tool id), else the same input-size
 * decile, else all runs. A GradientBoostedTrees classifier (logistic loss) scores the rows and an
 * isotonic map fitted on a held-out calibration share turns scores into calibrated probabilities.
 */
import { comparableMedians, median } from "../util/stats";
import { checkX, checkXy, type Classifier, clone, NotFittedError, takeRows, type Matrix, type ModelState, type Regressor, type TailCapable } from "./estimator";
import { featureEdges, binOf } from "./gbt/binning";
import { GradientBoostedTrees } from "./gbt/gbt";
import { splitIndices } from "./conformal";
import { ModelFormatError, num, numArray, obj } from "./shape";

/** Params of TailRiskClassifier. */
export interface TailRiskParams {
  /** Tail threshold multiple of the comparable-run median. Default 2. */
  readonly k?: number;
  /** y is log runtime ("log", default) or runtime in seconds ("linear"). */
  readonly yScale?: "log" | "linear";
  /** Feature index defining comparable runs by equal value. */
  readonly groupFeature?: number;
  /** Feature index of input size: comparable = same size quantile bin (when no groupFeature). */
  readonly sizeFeature?: number;
  /** Size bins for comparables. Default 10. */
  readonly sizeBins?: number;
  /** Probability model (cloned; must predict probabilities from 0/1 targets). Default GBT logistic. */
  readonly classifier?: Regressor;
  /** Share of rows held out to fit the isotonic calibration; 0 disables calibration. Default 0.25. */
  readonly calibrationFraction?: number;
  readonly seed?: number;
}

/** Pool-adjacent-violators isotonic fit: ascending x → non-decreasing step function. */
export function isotonicFit(x: ArrayLike<number>, y: ArrayLike<number>): { thresholds: number[]; values: number[] } {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => (x[a] as number) - (x[b] as number) || a - b);
  const vx: number[] = [];
  const vy: number[] = [];
  const vw: number[] = [];
  for (const i of order) {
    vx.push(x[i] as number);
    vy.push(y[i] as number);
    vw.push(1);
    while (vy.length > 1 && (vy[vy.length - 2] as number) > (vy[vy.length - 1] as number)) {
      const w2 = vw.pop() as number;
      const y2 = vy.pop() as number;
      vx.pop();
      const w1 = vw[vw.length - 1] as number;
      vy[vy.length - 1] = ((vy[vy.length - 1] as number) * w1 + y2 * w2) / (w1 + w2);
      vw[vw.length - 1] = w1 + w2;
    }
  }
  // thresholds: the lowest x of each block
  return { thresholds: vx, values: vy };
}

/** Evaluate an isotonic step function at s. */
export function isotonicPredict(iso: { thresholds: readonly number[]; values: readonly number[] }, s: number): number {
  const t = iso.thresholds;
  if (t.length === 0) return s;
  let lo = 0;
  let hi = t.length - 1;
  if (s < (t[0] as number)) return iso.values[0] as number;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((t[mid] as number) <= s) lo = mid;
    else hi = mid - 1;
  }
  return iso.values[lo] as number;
}

interface TailState {
  nFeatures: number;
  classifier: Regressor;
  /** Comparable-run reference (median y) by key; keys are group values or size-bin numbers. */
  keys: number[];
  medians: number[];
  globalMedian: number;
  sizeEdges: number[];
  iso: { thresholds: number[]; values: number[] } | null;
  positiveRate: number;
}

/**
 * P(runtime > k x median of comparable runs).
 * @example
 * const tail = new TailRiskClassifier({ k: 2, sizeFeature: 0, seed: 3 }).fit(X, yLog);
 * tail.predict(Xtest); // probabilities
 */
export class TailRiskClassifier implements Classifier, TailCapable {
  readonly params: Required<Omit<TailRiskParams, "groupFeature" | "sizeFeature">> & Pick<TailRiskParams, "groupFeature" | "sizeFeature">;
  private state_: TailState | null = null;

  constructor(params: TailRiskParams = {}) {
    this.params = {
      k: params.k ?? 2,
      yScale: params.yScale ?? "log",
      groupFeature: params.groupFeature,
      sizeFeature: params.sizeFeature,
      sizeBins: params.sizeBins ?? 10,
      classifier: params.classifier ?? new GradientBoostedTrees({ loss: "logistic", nEstimators: 200, learningRate: 0.05, numLeaves: 15, minSamplesLeaf: 20 }),
      calibrationFraction: params.calibrationFraction ?? 0.25,
      seed: params.seed ?? 0,
    };
  }

  private keyOf(row: ArrayLike<number>, sizeEdges: Float64Array): number {
    const { groupFeature, sizeFeature } = this.params;
    if (groupFeature !== undefined) return row[groupFeature] as number;
    if (sizeFeature !== undefined) return binOf(sizeEdges, row[sizeFeature] as number);
    return 0;
  }

  /** Reference value (median y of comparable training runs) per row. */
  reference(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("TailRiskClassifier");
    const [n] = checkX(X, s.nFeatures);
    const map = new Map<number, number>();
    s.keys.forEach((k, i) => map.set(k, s.medians[i] as number));
    const edges = Float64Array.from(s.sizeEdges);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = map.get(this.keyOf(X[i] as ArrayLike<number>, edges)) ?? s.globalMedian;
    return out;
  }

  /** 0/1 tail labels of (X, y) against the fitted references. */
  labels(X: Matrix, y: ArrayLike<number>): Uint8Array {
    const ref = this.reference(X);
    const { k, yScale } = this.params;
    return Uint8Array.from(ref, (r, i) => ((yScale === "log" ? (y[i] as number) > r + Math.log(k) : (y[i] as number) > k * r) ? 1 : 0));
  }

  fit(X: Matrix, y: readonly number[] | Float64Array): this {
    const [n, p] = checkXy(X, y);
    const { sizeFeature, groupFeature, sizeBins } = this.params;
    const sizeEdges = sizeFeature !== undefined && groupFeature === undefined ? featureEdges(Float64Array.from(X, (r) => r[sizeFeature] as number), sizeBins) : new Float64Array(0);
    // The tail definition (util/stats): median of comparable runs, here per group value or size bin.
    const medians = comparableMedians(y, Array.from(X, (row) => this.keyOf(row, sizeEdges)));
    const keys = [...medians.keys()].filter((k) => Number.isFinite(k)).sort((a, b) => a - b);
    const globalMedian = median(Array.from(y));
    // provisional state so labels() works
    this.state_ = { nFeatures: p, classifier: this.params.classifier, keys, medians: keys.map((k) => medians.get(k) as number), globalMedian, sizeEdges: Array.from(sizeEdges), iso: null, positiveRate: 0 };
    const z = this.labels(X, y);
    let pos = 0;
    for (let i = 0; i < n; i++) pos += z[i] as number;
    let classifier: Regressor;
    let iso: TailState["iso"] = null;
    if (this.params.calibrationFraction > 0 && n >= 20) {
      const [tr, cal] = splitIndices(n, this.params.calibrationFraction, this.params.seed);
      classifier = clone(this.params.classifier).fit(takeRows(X, tr), Array.from(tr, (i) => z[i] as number));
      const sc = classifier.predict(takeRows(X, cal));
      iso = isotonicFit(sc, Array.from(cal, (i) => z[i] as number));
    } else classifier = clone(this.params.classifier).fit(X, Array.from(z));
    this.state_ = { ...this.state_, classifier, iso, positiveRate: pos / n };
    return this;
  }

  /** Calibrated probabilities of landing in the tail. */
  predict(X: Matrix): Float64Array {
    const s = this.state_;
    if (!s) throw new NotFittedError("TailRiskClassifier");
    checkX(X, s.nFeatures);
    const raw = s.classifier.predict(X);
    const iso = s.iso;
    if (iso) for (let i = 0; i < raw.length; i++) raw[i] = isotonicPredict(iso, raw[i] as number);
    return raw;
  }

  /** The classifier interface: calibrated tail probabilities (same as `predict`). */
  predictProba(X: Matrix): Float64Array {
    return this.predict(X);
  }

  /** TailCapable: the probabilities of `predict`. */
  tailProbability(X: Matrix): Float64Array {
    return this.predict(X);
  }

  /** k of the tail definition. */
  get tailK(): number {
    return this.params.k;
  }

  toJSON(): ModelState {
    const { classifier, groupFeature, sizeFeature, ...rest } = this.params;
    const params: Record<string, unknown> = { ...rest, classifier: classifier.toJSON() };
    if (groupFeature !== undefined) params.groupFeature = groupFeature;
    if (sizeFeature !== undefined) params.sizeFeature = sizeFeature;
    const s = this.state_;
    return {
      type: "TailRiskClassifier",
      params,
      state: s ? { nFeatures: s.nFeatures, classifier: s.classifier.toJSON(), keys: s.keys, medians: s.medians, globalMedian: s.globalMedian, sizeEdges: s.sizeEdges, iso: s.iso, positiveRate: s.positiveRate } : null,
    };
  }

  static fromJSON(st: ModelState, rebuild: (s: ModelState) => Regressor): TailRiskClassifier {
    const p = obj(st.params, "TailRiskClassifier.params");
    const m = new TailRiskClassifier({ ...(p as TailRiskParams), classifier: rebuild(obj(p.classifier, "TailRiskClassifier.params.classifier") as unknown as ModelState) });
    if (st.state == null) return m;
    const w = "TailRiskClassifier.state";
    const o = obj(st.state, w);
    const keys = numArray(o, "keys", w);
    let iso: TailState["iso"] = null;
    if (o.iso !== null && o.iso !== undefined) {
      const io = obj(o.iso, `${w}.iso`);
      const thresholds = numArray(io, "thresholds", `${w}.iso`);
      iso = { thresholds, values: numArray(io, "values", `${w}.iso`, { length: thresholds.length, min: 0, max: 1 }) };
    }
    if (!o.classifier) throw new ModelFormatError(`${w}.classifier is missing`);
    m.state_ = {
      nFeatures: num(o, "nFeatures", w, { int: true, min: 1 }),
      classifier: rebuild(o.classifier as ModelState),
      keys,
      medians: numArray(o, "medians", w, { length: keys.length }),
      globalMedian: num(o, "globalMedian", w),
      sizeEdges: numArray(o, "sizeEdges", w),
      iso,
      positiveRate: num(o, "positiveRate", w, { min: 0, max: 1 }),
    };
    return m;
  }
}
