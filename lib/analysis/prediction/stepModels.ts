import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cpuModels, type HarnessRun } from "../../data/harness";
import { FEATURES } from "../../features/registry";
import { tierFeatures, TIER_MOMENT, TIERS, type Tier } from "../../features/tiers";
import { trainingEnvelope, type TrainingEnvelope } from "../../models/envelope";
import type { FeatureDef } from "../../features/types";
import { clone, type Regressor } from "../../models/estimator";
import { LogLinearSize, MedianBaseline, THEIL_SEN_MAX_ROWS } from "../../models/baseline";
import { GradientBoostedTrees, type GBTParams } from "../../models/gbt/gbt";
import { LinearRidge } from "../../models/ridge";
import { LinearOLS } from "../../models/mlLinear";
import { MlRandomForest } from "../../models/mlRandomForest";
import { SplitConformal } from "../../models/conformal";
import { groupKFold, type Fold } from "../../models/evaluate/splits";
import { estimatorOutOfFold } from "../../models/evaluate/outOfFold";
import { intervalScores } from "../../models/evaluate/scores";
import { r2Difference } from "../../models/evaluate/liftInterval";
import { ablation, type AblationRow } from "../../models/evaluate/ablation";
import { crossValidate, type CVResult } from "../../models/evaluate/crossValidate";
import { featureMatrix, type FeatureSpec } from "../../models/features";
import { modelCard } from "../../models/modelCard";
import { RuntimePredictor } from "../../models/runtime";
import { loadModel, saveModel, trainingDataSha256, type TrainingSample } from "../../models/serialize";
import { type Availability, columnAvailability } from "../../workflow/harnessDag";
import { featuresUnknownAt } from "../../workflow/moment";
import { TailRiskClassifier } from "../../models/tail";
import { groupedBars } from "../../plots/builders";
import type { Figure } from "../../plots/figure";
import { DEFAULT_MEASURE, stepRows, type TimeMeasure } from "../../data/stepRows";
import { forward, modelFeatureTransform } from "../../util/transforms";

/**
 * Model input spec of a registry feature: its source column (the record key), registry name, unit, and
 * the model transform of its registry transform (`modelFeatureTransform`: log1p for sizes).
 */
export function specOf(def: FeatureDef): FeatureSpec {
  return { name: def.column, registryName: def.name, unit: def.unit, transform: modelFeatureTransform(def.transform) };
}

/**
 * Features a model of `step` may use at `tier` (default "in-flight": everything known when the step is
 * about to start), read from the workflow DAG (`tierFeatures`): never the step's own, a sibling's or a
 * descendant's output. Size features first.
 */
export function featuresForStep(step: string, kinds: ReadonlyArray<"size" | "quality"> = ["size", "quality"], tier: Tier = "in-flight"): FeatureDef[] {
  return tierFeatures(step, tier, kinds);
}

/** Training rows of one step: QC feature records, log time, groups (config ids: identical inputs). */
export interface StepData {
  readonly step: string;
  readonly ids: string[];
  readonly groups: string[];
  readonly records: Array<Record<string, number>>;
  readonly yLog: Float64Array;
}

/** Completed runs of a step (unloaded by default: the co-located-load runs are a separate study). */
export function stepData(runs: readonly HarnessRun[], step: string, measure: TimeMeasure = DEFAULT_MEASURE, opts: { includeLoaded?: boolean } = {}): StepData {
  const rows = stepRows(runs, step, { measure, includeLoaded: opts.includeLoaded ?? false });
  return {
    step,
    ids: rows.map((r) => r.run.runId),
    groups: rows.map((r) => r.run.configId),
    records: rows.map((r) => ({ ...r.run.metrics })),
    yLog: Float64Array.from(rows, (r) => forward("log", r.time)),
  };
}

/**
 * The central ablation: per step, the same model and grouped folds on size-only features vs size +
 * quality features (both restricted to what the workflow DAG makes known at the tier's moment: `opts.tier`, default in-flight).
 */
export function harnessAblation(runs: readonly HarnessRun[], steps: readonly string[], model: Regressor, opts: { measure?: TimeMeasure; k?: number; seed?: number; minRows?: number; tier?: Tier } = {}): AblationRow[] {
  const out: AblationRow[] = [];
  for (const step of steps) {
    const defs = featuresForStep(step, undefined, opts.tier);
    const d = stepData(runs, step, opts.measure ?? DEFAULT_MEASURE);
    if (d.records.length === 0) continue;
    const specs = defs.map(specOf);
    const X = featureMatrix(d.records, specs);
    const sizeCols = defs.map((f, i) => (f.kind === "size" ? i : -1)).filter((i) => i >= 0);
    const allCols = defs.map((_, i) => i);
    out.push(
      ...ablation(model, [{ name: "size only", columns: sizeCols }, { name: "size + quality", columns: allCols }], X, d.yLog, {
        groups: d.groups,
        steps: d.ids.map(() => step),
        k: opts.k ?? 5,
        seed: opts.seed ?? 7,
        minRows: opts.minRows ?? 20,
      }),
    );
  }
  return out;
}

/** GBT settings for the small harness tables (tens to hundreds of rows): shallow, slow, regularised. */
export const SMALL_DATA_GBT = { nEstimators: 300, learningRate: 0.05, numLeaves: 8, minSamplesLeaf: 3, lambda: 1, subsample: 0.8, seed: 7 } as const;

/** One model's grouped-CV result on one step. */
export interface ZooRow {
  readonly step: string;
  readonly model: string;
  readonly n: number;
  readonly r2Log: number;
  readonly mdape: number;
  readonly maeS: number;
  /**
   * Held-out rows whose prediction left the training range widened by `ZOO_BOUND_FACTOR` (clipped
   * to it before scoring): the model extrapolated far beyond anything it saw.
   */
  readonly outOfRange: number;
  readonly fitSeconds: number;
}

/** Zoo predictions are bounded to [min / 10, max x 10] of each fold's training run times. */
export const ZOO_BOUND_FACTOR = 10;

/**
 * The model zoo on one step, same grouped folds for all: per-step median, log-linear on read count
 * (what schedulers use; least squares and the robust Theil-Sen line), OLS, ridge and GBT on size +
 * quality, and ml-random-forest as the reference.
 */
export function modelZoo(runs: readonly HarnessRun[], step: string, opts: { measure?: TimeMeasure; k?: number; seed?: number; withMlRf?: boolean; tier?: Tier } = {}): ZooRow[] {
  const defs = featuresForStep(step, undefined, opts.tier);
  const d = stepData(runs, step, opts.measure ?? DEFAULT_MEASURE);
  const k = Math.min(opts.k ?? 5, new Set(d.groups).size);
  if (d.records.length < 10 || k < 2) return [];
  const X = featureMatrix(d.records, defs.map(specOf));
  // Log-linear takes the raw read count and logs it itself.
  const Xsize = d.records.map((r) => Float64Array.of(r["fastqc.total_sequences"] ?? NaN));
  return compareModels(step, X, Xsize, d.yLog, groupKFold(k, d.groups, opts.seed ?? 7), { gbt: SMALL_DATA_GBT, withMlRf: opts.withMlRf ?? true, seed: opts.seed ?? 7 });
}

/** Default GBT settings for platform-sized tables (thousands of rows and more). */
export const PLATFORM_GBT = { nEstimators: 300, learningRate: 0.05, numLeaves: 31, minSamplesLeaf: 20, seed: 7 } as const;

/**
 * Same folds, several models: median, log-linear on size (`Xsize` column 0, raw; OLS, and Theil-Sen up
 * to THEIL_SEN_MAX_ROWS rows), OLS (tables with >= 10 rows per feature), ridge and GBT on `X`, and
 * optionally ml-random-forest (the reference implementation; slow beyond ~2k rows). Predictions are
 * bounded by each fold's training range (x `ZOO_BOUND_FACTOR`) and the rows that left it counted.
 */
export function compareModels(label: string, X: Float64Array[], Xsize: Float64Array[], yLog: Float64Array, folds: readonly Fold[], opts: { gbt?: GBTParams; withMlRf?: boolean; seed?: number } = {}): ZooRow[] {
  const models: Array<[string, Regressor, Float64Array[]]> = [
    ["median", new MedianBaseline({}), X],
    ["log-linear (size)", new LogLinearSize({ sizeFeature: 0 }), Xsize],
  ];
  // Theil-Sen keeps every pair of training rows: only on the small (harness-sized) tables
  if (yLog.length <= THEIL_SEN_MAX_ROWS) models.push(["log-linear Theil-Sen (size)", new LogLinearSize({ sizeFeature: 0, method: "theil-sen" }), Xsize]);
  // Unpenalized least squares only on tall tables (>= 10 rows per feature): on a harness step (~40 runs,
  // ~25 correlated QC features) it fits the noise and its CV R² runs to -10^4; ridge is the model there.
  if (yLog.length >= 10 * (X[0]?.length ?? 0)) models.push(["OLS", new LinearOLS(), X]);
  models.push(
    ["ridge", new LinearRidge({ alpha: 1 }), X],
    ["gwtime GBT", new GradientBoostedTrees(opts.gbt ?? PLATFORM_GBT), X],
  );
  if (opts.withMlRf) models.push(["ml-random-forest", new MlRandomForest({ nEstimators: 100, seed: opts.seed ?? 7 }), X]);
  return models.map(([name, m, Xm]) => {
    const cv = crossValidate(clone(m), Xm, yLog, { folds, boundFactor: ZOO_BOUND_FACTOR });
    return { step: label, model: name, n: yLog.length, r2Log: cv.metrics.r2Log, mdape: cv.metrics.mdape, maeS: cv.metrics.maeS, outOfRange: cv.outOfRange, fitSeconds: cv.fitSeconds.reduce((a, b) => a + b, 0) };
  });
}

/** Out-of-fold split-conformal intervals: empirical coverage and mean width (log scale) per step. */
export function cvIntervals(runs: readonly HarnessRun[], step: string, opts: { alpha?: number; measure?: TimeMeasure; k?: number; seed?: number; tier?: Tier } = {}): { step: string; n: number; nominal: number; coverage: number; widthLog: number; widthRatio: number } {
  const defs = featuresForStep(step, undefined, opts.tier);
  const d = stepData(runs, step, opts.measure ?? DEFAULT_MEASURE);
  const X = featureMatrix(d.records, defs.map(specOf));
  const k = Math.min(opts.k ?? 5, new Set(d.groups).size);
  const alpha = opts.alpha ?? 0.1;
  const template = new SplitConformal({ base: new GradientBoostedTrees(SMALL_DATA_GBT), alpha, seed: opts.seed ?? 7 });
  const { values } = estimatorOutOfFold(template, X, d.yLog, groupKFold(k, d.groups, opts.seed ?? 7), (m, Xt) => {
    const iv = m.predictInterval(Xt);
    return { lower: iv.lower, upper: iv.upper };
  });
  const { coverage, width: w } = intervalScores(d.yLog, values.lower, values.upper);
  return { step, n: d.yLog.length, nominal: 1 - alpha, coverage, widthLog: w, widthRatio: Math.exp(w) };
}

/** What `trainStepModel` produced. */
export interface ShippedModel {
  readonly step: string;
  readonly tier: Tier;
  /** Model file path, or undefined when the step had too few runs to train on. */
  readonly file: string | undefined;
  readonly n: number;
  /** Runs left out of training because a feature of the tier was missing (no imputation). */
  readonly incomplete: number;
  readonly features: number;
  readonly cvR2: number;
  readonly cvMdape: number;
  /** Point model inside the conformal wrapper (undefined when not trained). */
  readonly base: "ridge" | "gbt" | undefined;
  readonly note: string;
}

/** Fewest unloaded runs a shipped model is trained on. */
export const MIN_TRAINING_RUNS = 15;

/** What a shipped step model is made of: a notebook passes it and shows it. */
export interface StepModelRecipe {
  /**
   * Registry feature names, size feature first (the tail model's comparable runs are by column 0).
   * Default: every feature the workflow DAG makes known at the model's tier (`featuresForStep`).
   */
  readonly features?: readonly string[];
  /** Point model: "ridge", "gbt" (`gbt` params) or "auto", the better grouped-CV R² on log time. */
  readonly base: "ridge" | "gbt" | "auto";
  readonly ridgeAlpha: number;
  readonly gbt: GBTParams;
  /** Split-conformal miscoverage: intervals target 1 - alpha. */
  readonly intervalAlpha: number;
  /** Tail: P(time > tailK x the median of runs in the same read-count bin), `tailSizeBins` bins. */
  readonly tailK: number;
  readonly tailSizeBins: number;
}

/** The recipe of the shipped harness models (notebook 05 shows it and passes it). */
export const DEFAULT_STEP_RECIPE: StepModelRecipe = { base: "auto", ridgeAlpha: 1, gbt: SMALL_DATA_GBT, intervalAlpha: 0.1, tailK: 2, tailSizeBins: 4 };

/** The recipe's features for `step` at `tier`, refusing any the workflow DAG does not make known then, or unknown. */
export function recipeFeatures(step: string, recipe: Pick<StepModelRecipe, "features">, tier: Tier = "in-flight"): FeatureDef[] {
  const allowed = featuresForStep(step, undefined, tier);
  if (!recipe.features) return allowed;
  const defs = recipe.features.map((name) => {
    const f = allowed.find((x) => x.name === name);
    if (!f) throw new Error(`feature '${name}' cannot be used for ${step}: not a feature known to ${step} at tier ${tier} (allowed: ${allowed.map((x) => x.name).join(", ")})`);
    return f;
  });
  if (defs[0]?.kind !== "size") throw new Error(`the first feature of a ${step} recipe must be a size feature (the tail model compares runs of similar size by column 0); got '${defs[0]?.name ?? "none"}'`);
  return defs;
}

/** File name of a shipped model: `harness-<step>-<tier>.json`. */
export function shippedModelName(step: string, tier: Tier): string {
  return `harness-${step}-${tier}`;
}

/** What `fitWithRecipe` chose and how it scored (grouped CV of the chosen point model). */
export interface RecipeFit {
  readonly model: RuntimePredictor;
  readonly chosen: "ridge" | "gbt";
  readonly cv: CVResult;
  /** The other candidates' grouped-CV R² on log time, e.g. ["gbt 0.812"]. */
  readonly others: string[];
  readonly folds: number;
}

/**
 * The one fitting path of a step model (notebook 05's shipped models and `gwtime train`): the recipe's
 * point model (ridge or the small-data GBT; "auto" picks the better grouped-CV R² on log time, same folds
 * and seed for both) inside split-conformal intervals, with the tail-risk classifier, fitted on all rows.
 * The reported CV metrics are those of the chosen model, so they are slightly optimistic.
 */
export function fitWithRecipe(X: Float64Array[], yLog: Float64Array, groups: readonly string[], recipe: StepModelRecipe = DEFAULT_STEP_RECIPE, opts: { seed?: number; k?: number } = {}): RecipeFit {
  const seed = opts.seed ?? 7;
  const make = (b: "ridge" | "gbt"): RuntimePredictor =>
    new RuntimePredictor({
      interval: new SplitConformal({ base: b === "ridge" ? new LinearRidge({ alpha: recipe.ridgeAlpha }) : new GradientBoostedTrees(recipe.gbt), alpha: recipe.intervalAlpha, seed }),
      tail: new TailRiskClassifier({ k: recipe.tailK, sizeFeature: 0, sizeBins: recipe.tailSizeBins, classifier: new GradientBoostedTrees({ loss: "logistic", nEstimators: 100, learningRate: 0.05, numLeaves: 4, minSamplesLeaf: 3, seed }), seed }),
    });
  const folds = Math.min(opts.k ?? 5, new Set(groups).size);
  const candidates: Array<"ridge" | "gbt"> = recipe.base === "auto" ? ["ridge", "gbt"] : [recipe.base];
  const scored = candidates.map((b) => ({ b, cv: crossValidate(make(b), X, yLog, { groups: [...groups], k: folds, seed }) }));
  const best = scored.reduce((a, c) => (c.cv.metrics.r2Log > a.cv.metrics.r2Log ? c : a));
  const others = scored.filter((x) => x.b !== best.b).map((x) => `${x.b} ${x.cv.metrics.r2Log.toFixed(3)}`);
  return { model: clone(make(best.b)).fit(X, yLog), chosen: best.b, cv: best.cv, others, folds };
}

/** What a step model file says besides its fit (`writeStepModel`). */
export interface StepModelFileMeta {
  readonly step: string;
  readonly tier: Tier;
  /** The measure predicted ("cpuS" | "wallS"), in seconds, on the log scale. */
  readonly target: string;
  readonly description: string;
  readonly seed: number;
  readonly genomes: TrainingEnvelope["genomes"];
  readonly cpuModels: readonly string[];
  /**
   * Is a feature known when `step` starts at the tier's moment? Default: the harness workflow DAG
   * (`columnAvailability`); `gwtime train` passes its own (the trace's timing and the declared `--dag`).
   */
  readonly availability?: (column: string) => Availability;
  /** The rows were a capped sample of the step's runs (large traces): how. */
  readonly sampling?: TrainingSample;
}

/**
 * The one writer of step model files (notebook 05's shipped models and `gwtime train`'s): the fit, its
 * grouped-CV metrics, step, tier, moment, the training envelope of `records` over `specs`, and the model
 * card beside it (`<file>.md` for `<file>.json`). Refuses (throws, writes nothing) a feature not known at
 * the tier's moment: by `meta.availability` and by its name (`featuresUnknownAt`, the check
 * `gwtime predict` applies to every model file).
 */
export function writeStepModel(file: string, fit: RecipeFit, X: Float64Array[], yLog: Float64Array, records: ReadonlyArray<Readonly<Record<string, number>>>, specs: readonly FeatureSpec[], meta: StepModelFileMeta): void {
  const moment = TIER_MOMENT[meta.tier];
  if (moment === undefined) throw new Error(`unknown tier '${meta.tier}'; tiers: ${TIERS.join(", ")}`);
  const avail = meta.availability ?? ((c: string) => columnAvailability(c, meta.step, moment));
  const bad = [
    ...specs.map((s) => ({ s, a: avail(s.name) })).filter((x) => !x.a.available).map((x) => `${x.s.name} (${x.a.reason})`),
    ...featuresUnknownAt(specs, moment, meta.step),
  ];
  if (bad.length) throw new Error(`${meta.step}, tier ${meta.tier} (moment ${moment}): feature(s) not known then, model not written: ${[...new Set(bad)].join("; ")}`);
  mkdirSync(dirname(file), { recursive: true });
  saveModel(file, fit.model, {
    features: specs,
    target: { name: meta.target, unit: "s", transform: "log" },
    trainingDataSha256: trainingDataSha256(X, yLog),
    seed: meta.seed,
    cvMetrics: { r2Log: fit.cv.metrics.r2Log, mdape: fit.cv.metrics.mdape, maeS: fit.cv.metrics.maeS, folds: fit.folds, rows: records.length },
    step: meta.step,
    tier: meta.tier,
    moment,
    envelope: trainingEnvelope(records, specs, { genomes: meta.genomes, cpuModels: meta.cpuModels }),
    sampling: meta.sampling,
    description: meta.description,
  });
  writeFileSync(file.replace(/\.json$/, ".md"), modelCard(loadModel(file).file));
}

/**
 * Train and save the shipped model of one harness step at one feature tier (default "in-flight"), made
 * by `opts.recipe` (default `DEFAULT_STEP_RECIPE`: a point model with split-conformal 90% intervals and
 * a tail-risk classifier, P(time > 2x median of runs of comparable read count)), on every unloaded run
 * that has all the tier's features (runs missing one are left out and counted: nothing is imputed), with
 * the grouped-CV metrics of the same configuration, the step, tier, moment and training envelope written
 * into the file. CPU time is the default target. The point model is ridge or the small-data GBT,
 * whichever has the better grouped-CV R² (`base: "auto"`).
 * Writes `<dir>/harness-<step>-<tier>.json` and a model card `.md` beside it.
 */
export function trainStepModel(runs: readonly HarnessRun[], step: string, dir: string, opts: { seed?: number; k?: number; measure?: TimeMeasure; base?: "ridge" | "gbt" | "auto"; recipe?: StepModelRecipe; tier?: Tier; referenceLengths?: ReadonlyMap<string, number> } = {}): ShippedModel {
  const seed = opts.seed ?? 7;
  const measure = opts.measure ?? DEFAULT_MEASURE;
  const recipe: StepModelRecipe = { ...(opts.recipe ?? DEFAULT_STEP_RECIPE), ...(opts.base ? { base: opts.base } : {}) };
  const tier = opts.tier ?? "in-flight";
  const defs = recipeFeatures(step, recipe, tier);
  const specs = defs.map(specOf);
  const all = stepData(runs, step, measure);
  const keep = all.records.map((r, i) => (specs.every((s) => Number.isFinite(r[s.name])) ? i : -1)).filter((i) => i >= 0);
  const d: StepData = { step, ids: keep.map((i) => all.ids[i] as string), groups: keep.map((i) => all.groups[i] as string), records: keep.map((i) => all.records[i] as Record<string, number>), yLog: Float64Array.from(keep, (i) => all.yLog[i] as number) };
  const incomplete = all.records.length - keep.length;
  const nGroups = new Set(d.groups).size;
  if (d.records.length < MIN_TRAINING_RUNS || nGroups < 3) {
    return { step, tier, file: undefined, n: d.records.length, incomplete, features: specs.length, cvR2: NaN, cvMdape: NaN, base: undefined, note: `only ${d.records.length} runs (${nGroups} inputs); needs ${MIN_TRAINING_RUNS}` };
  }
  const X = featureMatrix(d.records, specs);
  const { model, chosen, cv, others, folds } = fitWithRecipe(X, d.yLog, d.groups, recipe, { seed, k: opts.k });
  const name = shippedModelName(step, tier);
  const file = join(dir, `${name}.json`);
  const what = measure === "cpuS" ? "CPU time (user + sys seconds)" : "wall time";
  const trainRuns = runs.filter((r) => new Set(d.ids).has(r.runId));
  const cpus = cpuModels(trainRuns);
  const genomes = [...new Set(trainRuns.map((r) => r.genome ?? "ecoli_k12"))].sort().map((g) => (opts.referenceLengths?.has(g) ? { name: g, lengthBp: opts.referenceLengths.get(g) as number } : { name: g }));
  const moment = TIER_MOMENT[tier];
  const sources = [...new Set(defs.map((f) => (f.source === "derived" ? "fastqc" : f.source)))].join(", ");
  writeStepModel(file, { model, chosen, cv, others, folds }, X, d.yLog, d.records, specs, {
    step,
    tier,
    target: measure,
    seed,
    genomes,
    cpuModels: cpus,
    description: `${step} ${what} on the gwtime DNA-seq harness (${genomes.map((g) => g.name).join(", ")}, 2 threads, ${d.records.length} unloaded runs${incomplete ? ` (${incomplete} more left out: a feature of this tier missing)` : ""} timed on ${cpus.join(" + ") || "an unrecorded CPU"}: on another CPU expect a per-step scale factor (gwtime calibrate), ${chosen} point model${others.length ? ` (chosen by grouped-CV R² on log time over ${others.join(", ")})` : ""}). Tier ${tier}, moment ${moment}: features known ${moment === "submission" ? "at submission" : `when ${step} is about to start (its completed ancestors' outputs, times and sizes in the workflow DAG; never a sibling's or descendant's)`} (${defs.map((f) => f.name).join(", ")}). Inputs: ${sources}.`,
  });
  return { step, tier, file, n: d.records.length, incomplete, features: specs.length, cvR2: cv.metrics.r2Log, cvMdape: cv.metrics.mdape, base: chosen, note: others.length ? `chosen over ${others.join(", ")} (CV R², log)` : "" };
}

/**
 * Train every tier of a step (fastqc, fastp, in-flight). The in-flight tier is skipped (noted) when it
 * has exactly the fastp tier's features (a step whose only ancestor is the input, e.g. bwa_mem).
 */
export function trainTieredModels(runs: readonly HarnessRun[], step: string, dir: string, opts: { seed?: number; k?: number; measure?: TimeMeasure; base?: "ridge" | "gbt" | "auto"; recipe?: StepModelRecipe; referenceLengths?: ReadonlyMap<string, number> } = {}): ShippedModel[] {
  const out: ShippedModel[] = [];
  for (const tier of TIERS) {
    if (tier === "in-flight") {
      const a = featuresForStep(step, undefined, "fastp").map((f) => f.column).join();
      const b = featuresForStep(step, undefined, "in-flight").map((f) => f.column).join();
      if (a === b) {
        out.push({ step, tier, file: undefined, n: 0, incomplete: 0, features: 0, cvR2: NaN, cvMdape: NaN, base: undefined, note: "in flight knows nothing more than the fastp tier (no completed ancestor but the input)" });
        continue;
      }
    }
    out.push(trainStepModel(runs, step, dir, { ...opts, tier }));
  }
  return out;
}

/** Ablation rows side by side per step: R² and MdAPE with size only and with quality, and the lift. */
export interface LiftRow {
  readonly step: string;
  readonly n: number;
  readonly r2Size: number;
  readonly r2Quality: number;
  readonly lift: number;
  readonly mdapeSize: number;
  readonly mdapeQuality: number;
}

export function liftRows(rows: readonly AblationRow[], steps: readonly string[]): LiftRow[] {
  return steps.map((step) => {
    const a = rows.find((r) => r.step === step && r.featureSet === "size only");
    const b = rows.find((r) => r.step === step && r.featureSet === "size + quality");
    return { step, n: a?.n ?? 0, r2Size: a?.r2Log ?? NaN, r2Quality: b?.r2Log ?? NaN, lift: (b?.r2Log ?? NaN) - (a?.r2Log ?? NaN), mdapeSize: a?.mdape ?? NaN, mdapeQuality: b?.mdape ?? NaN };
  });
}

/** Bar chart of the ablation: R² with size only vs size + quality, per step (steps without a number are blank). */
export function liftFigure(lifts: readonly LiftRow[], title: string): Figure {
  const v = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return groupedBars(lifts.map((l) => l.step), [{ name: "size only", values: lifts.map((l) => v(l.r2Size)) }, { name: "size + quality", values: lifts.map((l) => v(l.r2Quality)) }], { title, yTitle: "R² on log run time (grouped 5-fold CV)" });
}

/** The ablation's lift with its uncertainty, per step. */
export interface LiftUncertaintyRow {
  readonly step: string;
  readonly n: number;
  readonly configs: number;
  /** Means over `repeats` grouped K-fold CVs with different fold seeds. */
  readonly r2Size: number;
  readonly r2Quality: number;
  readonly lift: number;
  /** Smallest and largest lift over the fold seeds (fold luck). */
  readonly liftMinOverSeeds: number;
  readonly liftMaxOverSeeds: number;
  /** Paired cluster-bootstrap CI of the lift on the first seed's out-of-fold predictions (which inputs we had). */
  readonly liftLo: number;
  readonly liftHi: number;
  readonly pBetter: number;
  readonly repeats: number;
}

/**
 * How sure is the central result? For each step: the size-only vs size + quality ablation repeated
 * over `repeats` fold seeds (same folds for both feature sets within a seed), plus a paired cluster
 * bootstrap over input configurations (`r2Difference`). Steps with fewer than `minRows` runs are skipped.
 */
export function harnessLiftUncertainty(runs: readonly HarnessRun[], steps: readonly string[], model: Regressor, opts: { measure?: TimeMeasure; k?: number; seed?: number; repeats?: number; reps?: number; minRows?: number; tier?: Tier } = {}): LiftUncertaintyRow[] {
  const k = opts.k ?? 5;
  const seed = opts.seed ?? 7;
  const out: LiftUncertaintyRow[] = [];
  for (const step of steps) {
    const defs = featuresForStep(step, undefined, opts.tier);
    const d = stepData(runs, step, opts.measure ?? DEFAULT_MEASURE);
    const configs = new Set(d.groups).size;
    if (d.records.length < (opts.minRows ?? 20) || configs < k) continue;
    const X = featureMatrix(d.records, defs.map(specOf));
    const sizeCols = defs.map((f, i) => (f.kind === "size" ? i : -1)).filter((i) => i >= 0);
    const Xsize = X.map((r) => Float64Array.from(sizeCols, (c) => r[c] as number));
    const seeds = Array.from({ length: opts.repeats ?? 5 }, (_, i) => seed + i);
    const res = seeds.map((s) => {
      const folds = groupKFold(k, d.groups, s);
      return { a: crossValidate(clone(model), Xsize, d.yLog, { folds }), b: crossValidate(clone(model), X, d.yLog, { folds }) };
    });
    const lifts = res.map((r) => r.b.metrics.r2Log - r.a.metrics.r2Log);
    const first = res[0] as { a: CVResult; b: CVResult };
    const ci = r2Difference(d.yLog, first.a.oof, first.b.oof, d.groups, { reps: opts.reps ?? 1000, seed });
    const mean = (v: number[]): number => v.reduce((x, y) => x + y, 0) / v.length;
    out.push({
      step,
      n: d.records.length,
      configs,
      r2Size: mean(res.map((r) => r.a.metrics.r2Log)),
      r2Quality: mean(res.map((r) => r.b.metrics.r2Log)),
      lift: mean(lifts),
      liftMinOverSeeds: Math.min(...lifts),
      liftMaxOverSeeds: Math.max(...lifts),
      liftLo: ci.lo,
      liftHi: ci.hi,
      pBetter: ci.pBetter,
      repeats: seeds.length,
    });
  }
  return out;
}
