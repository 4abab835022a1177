/** Per-sample predictions from a loaded model file: time, interval, tail probability (in seconds). */
import { hasInterval, hasTail, isClassifier, ModelInputError } from "./estimator";
import { inverse } from "../util/transforms";
import { featureMatrix, type FeatureRecord } from "./features";
import type { LoadedModel } from "./serialize";

/** One sample's prediction; interval/tail are null when the model does not provide them. */
export interface SamplePrediction {
  readonly sample: string;
  /** Predicted run time (target unit, seconds for wallS). */
  readonly predicted: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Interval nominal coverage (1 - alpha), when there is an interval. */
  readonly coverage: number | null;
  /** P(run > k x median of comparable runs). */
  readonly tailProbability: number | null;
  /** The k of the tail definition. */
  readonly tailK: number | null;
}

/**
 * Predict from feature records (e.g. lib/features or lib/qc rows) with a loaded model; converts the
 * model's log scale back to the target unit.
 * @example predictRuntime(loadModel(path), [{ inputBytes: 3e9, gcPct: 41 }], ["S1"])
 */
export function predictRuntime(loaded: LoadedModel, records: readonly FeatureRecord[], ids: readonly string[], source?: string): SamplePrediction[] {
  if (ids.length !== records.length) throw new ModelInputError(`${ids.length} ids for ${records.length} feature rows`);
  const X = featureMatrix(records, loaded.file.features, source);
  const t = loaded.file.target.transform;
  const back = (v: number): number => inverse(t, v);
  const m = loaded.model;
  // Outputs by capability (lib/models/estimator): an interval, a tail probability, or a plain point.
  const iv = hasInterval(m) ? m.predictInterval(X) : null;
  const point = iv ? iv.point : isClassifier(m) ? null : m.predict(X);
  const tail = hasTail(m) ? m.tailProbability(X) : null;
  const coverage = iv && hasInterval(m) ? m.coverage : null;
  const tailK = tail && hasTail(m) ? m.tailK : null;
  const lower = iv ? iv.lower : null;
  const upper = iv ? iv.upper : null;
  // A file that passed its checksum can still hold coefficients no fit produces (1e308): refuse what it predicts.
  for (let i = 0; i < ids.length; i++) {
    const p = point?.[i];
    const lo = lower?.[i];
    const hi = upper?.[i];
    const bad = (p !== undefined && !Number.isFinite(p)) || (lo !== undefined && hi !== undefined && !(lo <= hi)) || (p !== undefined && lo !== undefined && hi !== undefined && !(lo <= p && p <= hi)) || ((tail !== null && !((tail[i] as number) >= 0 && (tail[i] as number) <= 1)));
    if (bad) throw new ModelInputError(`the ${loaded.file.modelType} model gives an impossible prediction for sample '${ids[i]}' (point ${p}, interval [${lo}, ${hi}]${tail ? `, tail ${tail[i]}` : ""}): its parameters are out of range`);
  }
  return ids.map((sample, i) => ({
    sample,
    predicted: point ? back(point[i] as number) : null,
    lower: lower ? back(Math.max(lower[i] as number, -700)) : null,
    upper: upper ? back(Math.min(upper[i] as number, 700)) : null,
    coverage,
    tailProbability: tail ? (tail[i] as number) : null,
    tailK,
  }));
}
