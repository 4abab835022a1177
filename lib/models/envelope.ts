/**
 * Per-sample domain checks. A model file stores its training envelope (per-feature min/max, read-count
 * range, reference genome and length, CPU model); `gwtime predict` flags, per sample, features outside
 * it, and refuses values no QC tool can produce (non-finite, negative, Phred > 60, fractions outside
 * [0, 1], percentages outside [0, 100]) with an error naming the feature.
 */
import type { FeatureRecord, FeatureSpec } from "./features";

/** Smallest and largest training value of one feature (raw units, before any transform). */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** What a model was trained on. */
export interface TrainingEnvelope {
  /** Training rows. */
  readonly rows: number;
  /** Per model feature (by name): raw training range. */
  readonly features: Readonly<Record<string, Range>>;
  /** Read pairs per mate in training (FastQC total sequences), when the training rows had it. */
  readonly reads?: Range;
  /** Mapping references of the training runs, with their length in bp when known. */
  readonly genomes: ReadonlyArray<{ readonly name: string; readonly lengthBp?: number }>;
  /** CPU models the training times were measured on. */
  readonly cpuModels: readonly string[];
}

/** A model's recalibration to another machine (`gwtime calibrate`). */
export interface Calibration {
  /** Paired runs (new machine's measured time vs the model's prediction) the scale comes from. */
  readonly runs: number;
  /** Multiplier on the model's predictions (geometric mean of measured / predicted). */
  readonly scale: number;
  /** Bootstrap 90% CI of the scale over runs (resampled with replacement). */
  readonly scaleLo: number;
  readonly scaleHi: number;
  /** Conformal half-width on the log scale after rescaling (null: too few runs for the coverage). */
  readonly conformalHalfWidthLog: number | null;
  readonly coverage: number;
  /** CPU model(s) of the calibration runs. */
  readonly cpuModels: readonly string[];
  /** Where the runs came from (trace file). */
  readonly source: string;
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * The envelope of training records for `specs` (non-finite values are left out of the ranges).
 * @example trainingEnvelope(records, specs, { genomes: [{ name: "ecoli_k12", lengthBp: 4639675 }], cpuModels: ["AMD EPYC"] })
 */
export function trainingEnvelope(records: readonly FeatureRecord[], specs: readonly FeatureSpec[], ctx: { genomes: TrainingEnvelope["genomes"]; cpuModels: readonly string[] }): TrainingEnvelope {
  const range = (name: string): Range | undefined => {
    let min = Infinity;
    let max = -Infinity;
    for (const r of records) {
      const v = r[name];
      if (finite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    return min <= max ? { min, max } : undefined;
  };
  const features: Record<string, Range> = {};
  for (const s of specs) {
    const r = range(s.name);
    if (r) features[s.name] = r;
  }
  const reads = range("fastqc.total_sequences");
  return { rows: records.length, features, ...(reads ? { reads } : {}), genomes: ctx.genomes.map((g) => ({ ...g })), cpuModels: [...ctx.cpuModels] };
}

/**
 * Why `v` cannot be a value of `spec`, or undefined when it can: not a finite number, negative (every
 * model feature is a count, size, time, rate or quality), Phred above 60, a fraction outside [0, 1], a
 * percentage above 100.
 */
export function impossibleValue(spec: FeatureSpec, v: number): string | undefined {
  if (!Number.isFinite(v)) return `${spec.name} = ${v} is not a finite number`;
  if (v < 0) return `${spec.name} = ${v} is negative (a ${spec.unit} value cannot be)`;
  if (spec.unit === "Phred" && v > 60) return `${spec.name} = ${v} is above Phred 60`;
  if (spec.unit === "fraction" && v > 1) return `${spec.name} = ${v} is a fraction outside [0, 1]`;
  if (spec.unit === "%" && v > 100) return `${spec.name} = ${v} is a percentage above 100`;
  return undefined;
}

/** Features of `record` outside the envelope's training range (names, in spec order). */
export function outsideEnvelope(env: TrainingEnvelope | undefined, record: FeatureRecord, specs: readonly FeatureSpec[]): string[] {
  if (!env) return [];
  return specs.filter((s) => {
    const v = record[s.name];
    const r = env.features[s.name];
    return r !== undefined && finite(v) && (v < r.min || v > r.max);
  }).map((s) => s.name);
}
