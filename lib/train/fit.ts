/**
 * THE ADAPTER between `gwtime train` and the model-fitting code of notebook 05. Everything `train`
 * fits goes through `fitStepModel`, and only here does lib/train touch lib/analysis / lib/models'
 * training pieces: after the restructure (#14) re-point this one file.
 *
 * `trainStepModel` (lib/analysis/prediction/stepModels.ts, what 05 calls) takes harness runs and picks its
 * features itself from the harness feature registry; `train` needs the same fit on any feature set
 * (MultiQC columns of an nf-core run) at a declared moment. So this calls what `trainStepModel`
 * delegates to, with its constants: point model ridge or the small-data GBT chosen by grouped-CV R²
 * on log time, split-conformal 90% intervals, the tail-risk classifier, `saveModel` and `modelCard`.
 * `fit.test.ts` proves the bytes equal `trainStepModel`'s on the harness (same features, rows, seed):
 * if 05's recipe changes, that test fails here.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MIN_TRAINING_RUNS, SMALL_DATA_GBT } from "../analysis/prediction/stepModels";
import { clone } from "../models/estimator";
import { GradientBoostedTrees } from "../models/gbt/gbt";
import { LinearRidge } from "../models/ridge";
import { SplitConformal } from "../models/conformal";
import { crossValidate } from "../models/evaluate/crossValidate";
import { featureMatrix, type FeatureSpec } from "../models/features";
import { modelCard } from "../models/modelCard";
import { RuntimePredictor } from "../models/runtime";
import { loadModel, saveModel, trainingDataSha256 } from "../models/serialize";
import { TailRiskClassifier } from "../models/tail";

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
export function fitStepModel(t: StepTable, dir: string, opts: { fileStem: string; target: string; description: string; seed?: number; k?: number; minRuns?: number }): FittedStep {
  const seed = opts.seed ?? 7;
  const minRuns = opts.minRuns ?? MIN_TRAINING_RUNS;
  const nGroups = new Set(t.groups).size;
  if (t.records.length < minRuns || nGroups < 3) throw new TooFewRunsError(`${t.step}: ${t.records.length} runs (${nGroups} distinct inputs); needs ${minRuns} runs and 3 inputs`);
  if (t.specs.length === 0) throw new TooFewRunsError(`${t.step}: no feature available at this moment is present, valid and varying in every run`);
  const X = featureMatrix(t.records, t.specs);
  const make = (b: "ridge" | "gbt"): RuntimePredictor =>
    new RuntimePredictor({
      interval: new SplitConformal({ base: b === "ridge" ? new LinearRidge({ alpha: 1 }) : new GradientBoostedTrees(SMALL_DATA_GBT), alpha: 0.1, seed }),
      tail: new TailRiskClassifier({ k: 2, sizeFeature: 0, sizeBins: 4, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 100, learningRate: 0.05, numLeaves: 4, minSamplesLeaf: 3, seed }), seed }),
    });
  const folds = Math.min(opts.k ?? 5, nGroups);
  const scored = (["ridge", "gbt"] as const).map((b) => ({ b, cv: crossValidate(make(b), X, t.yLog, { groups: [...t.groups], k: folds, seed }) }));
  const best = scored.reduce((a, c) => (c.cv.metrics.r2Log > a.cv.metrics.r2Log ? c : a));
  const other = scored.find((x) => x.b !== best.b);
  const model = clone(make(best.b)).fit(X, t.yLog);
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
    runnerUp: other ? `${other.b} ${other.cv.metrics.r2Log.toFixed(3)}` : "", oofLog: best.cv.oof, yLog: t.yLog,
  };
}
