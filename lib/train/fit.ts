/**
 * Fitting one step's model for `gwtime train`: the same fit as notebook 05's shipped models
 * (`fitWithRecipe` in lib/analysis/prediction/stepModels.ts: the recipe's point model, ridge or the
 * small-data GBT chosen by grouped-CV R² on log time, inside split-conformal 90% intervals, plus the
 * tail-risk classifier) on any feature table (MultiQC columns of an nf-core run as well as the harness
 * registry features), then `saveModel` and `modelCard`. `fit.test.ts` checks that the fitted model equals
 * `trainStepModel`'s on the harness (same features, rows, folds and seed).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_STEP_RECIPE, fitWithRecipe, MIN_TRAINING_RUNS, type StepModelRecipe } from "../analysis/prediction/stepModels";
import { featureMatrix, type FeatureSpec } from "../models/features";
import { modelCard } from "../models/modelCard";
import { loadModel, saveModel, trainingDataSha256 } from "../models/serialize";

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

/**
 * Fit, cross-validate and save one step's model as `<dir>/<fileStem>.json` + `.md` (model card).
 * `target` names the measure ("cpuS" / "wallS"); `description` goes into the file and card.
 */
export function fitStepModel(t: StepTable, dir: string, opts: { fileStem: string; target: string; description: string; seed?: number; k?: number; minRuns?: number; recipe?: StepModelRecipe }): FittedStep {
  const seed = opts.seed ?? 7;
  const minRuns = opts.minRuns ?? MIN_TRAINING_RUNS;
  const nGroups = new Set(t.groups).size;
  if (t.records.length < minRuns || nGroups < 3) throw new TooFewRunsError(`${t.step}: ${t.records.length} runs (${nGroups} distinct inputs); needs ${minRuns} runs and 3 inputs`);
  if (t.specs.length === 0) throw new TooFewRunsError(`${t.step}: no feature available at this moment is present, valid and varying in every run`);
  const X = featureMatrix(t.records, t.specs);
  // the one fitting path, shared with notebook 05's shipped models (lib/analysis/prediction/stepModels)
  const fit = fitWithRecipe(X, t.yLog, t.groups, opts.recipe ?? DEFAULT_STEP_RECIPE, { seed, k: opts.k });
  const { model, folds } = fit;
  const best = { b: fit.chosen, cv: fit.cv };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${opts.fileStem}.json`);
  saveModel(file, model, {
    features: t.specs,
    target: { name: opts.target, unit: "s", transform: "log" },
    trainingDataSha256: trainingDataSha256(X, t.yLog),
    seed,
    cvMetrics: { r2Log: best.cv.metrics.r2Log, mdape: best.cv.metrics.mdape, maeS: best.cv.metrics.maeS, folds, rows: t.records.length },
    description: opts.description,
  });
  const card = join(dir, `${opts.fileStem}.md`);
  writeFileSync(card, modelCard(loadModel(file).file));
  return {
    step: t.step, file, card, n: t.records.length, groups: nGroups, features: t.specs.length, base: best.b,
    cvR2: best.cv.metrics.r2Log, cvMdape: best.cv.metrics.mdape, folds,
    runnerUp: fit.others.join(", "), oofLog: best.cv.oof, yLog: t.yLog,
  };
}
