/**
 * Fitting one step's model for `gwtime train`: the same fit as notebook 05's shipped models
 * (`fitWithRecipe` in lib/analysis/prediction/stepModels.ts: the recipe's point model, ridge or the
 * small-data GBT chosen by grouped-CV R² on log time, inside split-conformal 90% intervals, plus the
 * tail-risk classifier) on any feature table (MultiQC columns of an nf-core run as well as the harness
 * registry features), written by the same `writeStepModel` (model file with step, tier, moment and
 * training envelope, and its card). `fit.test.ts` checks that the fitted model equals
 * `trainStepModel`'s on the harness (same features, rows, folds and seed).
 */
import { join } from "node:path";
import { DEFAULT_STEP_RECIPE, fitWithRecipe, MIN_TRAINING_RUNS, type StepModelFileMeta, type StepModelRecipe, writeStepModel } from "../analysis/prediction/stepModels";
import type { Tier } from "../features/tiers";
import { featureMatrix, type FeatureSpec } from "../models/features";
import type { TrainingSample } from "../models/serialize";

export { MIN_TRAINING_RUNS };

/** One step's training table, whatever the source: feature records, log target, CV groups. */
export interface StepTable {
  readonly step: string;
  readonly ids: readonly string[];
  /** Rows sharing a group had identical input: never on both sides of a CV fold. */
  readonly groups: readonly string[];
  readonly records: ReadonlyArray<Readonly<Record<string, number>>>;
  readonly yLog: Float64Array;
  /** Model inputs, size features first (the tail classifier bins on column 0). */
  readonly specs: readonly FeatureSpec[];
}

/** What one fit produced (the CV numbers are those of the chosen point model, as in 05). */
export interface FittedStep {
  readonly step: string;
  readonly file: string;
  readonly card: string;
  readonly n: number;
  readonly groups: number;
  readonly features: number;
  readonly base: "ridge" | "gbt";
  readonly cvR2: number;
  readonly cvMdape: number;
  readonly folds: number;
  /** The other point model's grouped-CV R² on log time. */
  readonly runnerUp: string;
  /** Out-of-fold predictions of the chosen model (log scale), row order of the table. */
  readonly oofLog: Float64Array;
  /** Observed log targets, same order. */
  readonly yLog: Float64Array;
}

/** Thrown when a step has too few runs or distinct inputs to train and cross-validate on. */
export class TooFewRunsError extends Error {}

/** What `fitStepModel` writes besides the fit: the model file's step, tier, envelope context and availability. */
export interface FitStepOptions {
  readonly fileStem: string;
  /** The measure ("cpuS" / "wallS"). */
  readonly target: string;
  readonly description: string;
  /** Feature tier, hence the prediction moment (default "fastp": input-read QC at submission). */
  readonly tier?: Tier;
  readonly seed?: number;
  readonly k?: number;
  readonly minRuns?: number;
  readonly recipe?: StepModelRecipe;
  readonly genomes?: StepModelFileMeta["genomes"];
  readonly cpuModels?: readonly string[];
  readonly availability?: StepModelFileMeta["availability"];
  readonly sampling?: TrainingSample;
}

/**
 * Fit, cross-validate and save one step's model as `<dir>/<fileStem>.json` + `.md` (model card), through
 * the one writer of step models (`writeStepModel`: step, tier, moment, envelope; refuses a feature not
 * known at the tier's moment).
 */
export function fitStepModel(t: StepTable, dir: string, opts: FitStepOptions): FittedStep {
  const seed = opts.seed ?? 7;
  const minRuns = opts.minRuns ?? MIN_TRAINING_RUNS;
  const nGroups = new Set(t.groups).size;
  if (t.records.length < minRuns || nGroups < 3) throw new TooFewRunsError(`${t.step}: ${t.records.length} runs (${nGroups} distinct inputs); needs ${minRuns} runs and 3 inputs`);
  if (t.specs.length === 0) throw new TooFewRunsError(`${t.step}: no feature available at this moment is present, valid and varying in every run`);
  const X = featureMatrix(t.records, t.specs);
  // the one fitting path, shared with notebook 05's shipped models (lib/analysis/prediction/stepModels)
  const fit = fitWithRecipe(X, t.yLog, t.groups, opts.recipe ?? DEFAULT_STEP_RECIPE, { seed, k: opts.k });
  const file = join(dir, `${opts.fileStem}.json`);
  writeStepModel(file, fit, X, t.yLog, t.records, t.specs, {
    step: t.step,
    tier: opts.tier ?? "fastp",
    target: opts.target,
    description: opts.description,
    seed,
    genomes: opts.genomes ?? [],
    cpuModels: opts.cpuModels ?? [],
    availability: opts.availability,
    sampling: opts.sampling,
  });
  return {
    step: t.step, file, card: join(dir, `${opts.fileStem}.md`), n: t.records.length, groups: nGroups, features: t.specs.length, base: fit.chosen,
    cvR2: fit.cv.metrics.r2Log, cvMdape: fit.cv.metrics.mdape, folds: fit.folds,
    runnerUp: fit.others.join(", "), oofLog: fit.cv.oof, yLog: t.yLog,
  };
}
