/**
 * Per-sample tiered prediction: for each step, the richest model whose features the sample has, all
 * present and possible. A sample missing a feature of a tier drops to the next tier (never mean
 * imputation); a sample with an impossible value (NaN, ±Infinity, negative, Phred > 60, fraction outside
 * [0, 1]) gets an error naming the feature, and the other samples are still predicted.
 */
import { basename } from "node:path";
import { impossibleValue, outsideEnvelope } from "./envelope";
import type { FeatureRecord } from "./features";
import { predictRuntime, type SamplePrediction } from "./predict";
import type { LoadedModel } from "./serialize";

/** One sample x step: the prediction of the chosen tier, or the reason there is none. */
export interface TieredPrediction extends SamplePrediction {
  readonly step: string;
  /** Tier of the model used (null when the sample could not be predicted). */
  readonly tier: string | null;
  readonly moment: string | null;
  /** Features of the sample outside the chosen model's training range. */
  readonly outsideTrainingRange: readonly string[];
  /** Why richer tiers were not used (their first missing feature), for the record. */
  readonly skippedTiers: readonly string[];
  /** Per-sample refusal, naming the feature; null when predicted. */
  readonly error: string | null;
  /** Calibration scale applied (1 when the model was not recalibrated). */
  readonly scale: number;
}

/** Tiers poorest first (the names of lib/features/tiers' TIERS; models do not import features, a test keeps them equal). */
export const TIER_ORDER: readonly string[] = ["fastqc-basic", "fastqc", "fastp", "in-flight"];
const rank = (m: LoadedModel): number => TIER_ORDER.indexOf(m.file.tier ?? "");

/** The step a model predicts: its `step` field, else its file name (models written before tiers). */
export function modelStep(m: LoadedModel, path?: string): string {
  return m.file.step ?? (path ? basename(path).replace(/\.json$/, "") : "model");
}

/** Apply a model file's calibration (scale and conformal half-width) to a prediction. */
function calibrated(m: LoadedModel, p: SamplePrediction): { p: SamplePrediction; scale: number } {
  const c = m.file.calibration;
  if (!c || p.predicted === null) return { p, scale: 1 };
  const predicted = p.predicted * c.scale;
  const h = c.conformalHalfWidthLog;
  const lower = h !== null ? predicted * Math.exp(-h) : p.lower === null ? null : p.lower * c.scale;
  const upper = h !== null ? predicted * Math.exp(h) : p.upper === null ? null : p.upper * c.scale;
  return { p: { ...p, predicted, lower, upper, coverage: h !== null ? c.coverage : p.coverage }, scale: c.scale };
}

/**
 * Predict every sample for every step the models cover, each with the richest usable tier.
 * `models` may hold several tiers per step (grouped by `modelStep`). Output: steps in first-seen model
 * order, samples in input order within a step.
 * @example predictTiered([loadModel("a-fastqc.json"), loadModel("a-fastp.json")], records, ids)
 */
export function predictTiered(models: ReadonlyArray<{ loaded: LoadedModel; path?: string }>, records: readonly FeatureRecord[], ids: readonly string[], source?: string): TieredPrediction[] {
  const byStep = new Map<string, LoadedModel[]>();
  for (const { loaded, path } of models) {
    const s = modelStep(loaded, path);
    byStep.set(s, [...(byStep.get(s) ?? []), loaded]);
  }
  const out: TieredPrediction[] = [];
  for (const [step, ms] of byStep) {
    const tiers = [...ms].sort((a, b) => rank(b) - rank(a));
    records.forEach((rec, i) => {
      const sample = ids[i] as string;
      const none = { sample, step, predicted: null, lower: null, upper: null, coverage: null, tailProbability: null, tailK: null, tier: null, moment: null, outsideTrainingRange: [], scale: 1 };
      // impossible values of any feature any tier reads refuse the sample: its QC is corrupt, not poorer
      const bad: string[] = [];
      const seen = new Set<string>();
      for (const m of tiers) for (const f of m.file.features) {
        if (seen.has(f.name)) continue;
        seen.add(f.name);
        const v = rec[f.name];
        if (typeof v === "number") {
          const why = impossibleValue(f, v);
          if (why) bad.push(why);
        }
      }
      if (bad.length) {
        out.push({ ...none, skippedTiers: [], error: `impossible value(s): ${bad.join("; ")}` });
        return;
      }
      const skipped: string[] = [];
      for (const m of tiers) {
        const miss = m.file.features.filter((f) => typeof rec[f.name] !== "number").map((f) => f.name);
        if (miss.length) {
          skipped.push(`${m.file.tier ? `tier ${m.file.tier}` : "the model"} lacks feature(s) ${miss.join(", ")}`);
          continue;
        }
        let raw: SamplePrediction;
        try {
          [raw] = predictRuntime(m, [rec], [sample], source) as [SamplePrediction];
        } catch (e) {
          // a model that cannot predict this sample (e.g. an impossible output) fails this sample only
          out.push({ ...none, skippedTiers: skipped, error: `tier ${m.file.tier ?? "-"}: ${(e as Error).message}` });
          return;
        }
        const { p, scale } = calibrated(m, raw);
        out.push({ ...p, step, tier: m.file.tier ?? null, moment: m.file.moment ?? null, outsideTrainingRange: outsideEnvelope(m.file.envelope, rec, m.file.features), skippedTiers: skipped, error: null, scale });
        return;
      }
      out.push({ ...none, skippedTiers: skipped, error: `no tier has all its features: ${skipped.join("; ")}` });
    });
  }
  return out;
}
