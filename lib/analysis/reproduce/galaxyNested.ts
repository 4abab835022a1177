/**
 * Our model against the Galaxy paper's random forest on the paper's protocol (same data, same shuffled
 * 3-fold split, R² on log1p run time, mean over folds) with nothing tuned on a test fold: gwtime's GBT
 * whose hyperparameters are chosen on inner folds of each outer training fold only (nested CV), on the
 * paper's features plus groups of submission-time features (`galaxyPlatform.ts`).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GradientBoostedTrees } from "../../models/gbt/gbt";
import { outOfFold } from "../../models/evaluate/outOfFold";
import { foldScores } from "../../models/evaluate/scores";
import { GwtInputError, NoInputFoundError } from "../../util/errors";
import { median } from "../../util/stats";
import { galaxyCsvNameForToolId, galaxyToolR2, kFoldIndices, parseGalaxyFrame, parseGalaxyPaperTable, r2Score, removeBadColumns, type GalaxyFrame } from "./galaxy";
import { encodeOrdinalRows, fitOrdinalEncoder, galaxyExtraColumns, type GalaxyContext, type GalaxyFeatureGroup } from "./galaxyPlatform";

/** Hyperparameter grid searched on inner folds; `rounds` are read off one fit per setting (`predictAtRounds`). */
export interface GbtGrid {
  readonly maxDepth: readonly number[];
  readonly minSamplesLeaf: readonly number[];
  readonly learningRate: readonly number[];
  readonly rounds: readonly number[];
}

/**
 * The default grid, kept small for a shared 2-core machine: 2 depths x 2 min-leaf sizes x 1 learning
 * rate x 4 round counts = 16 settings from 4 fits per inner fold. (A first pass with up to 400 rounds
 * never chose more than 100 on the 14 smallest tools with >= 1000 jobs.)
 */
export const GALAXY_GBT_GRID: GbtGrid = { maxDepth: [4, 8], minSamplesLeaf: [5, 20], learningRate: [0.1], rounds: [25, 50, 100, 200] };

/** A wider grid (8 fits per inner fold): learning rates 0.05 and 0.1, up to 400 rounds. */
export const GALAXY_GBT_GRID_WIDE: GbtGrid = { ...GALAXY_GBT_GRID, learningRate: [0.05, 0.1], rounds: [25, 50, 100, 200, 400] };

/** One chosen setting with its pooled inner-fold R². */
export interface GbtChoice {
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly learningRate: number;
  readonly rounds: number;
  readonly innerR2: number;
}

/** The GBT of one setting: leaf-wise growth capped at min(2^depth, 63) leaves. */
export function galaxyGbt(c: Omit<GbtChoice, "innerR2">, seed: number): GradientBoostedTrees {
  return new GradientBoostedTrees({ nEstimators: c.rounds, learningRate: c.learningRate, maxDepth: c.maxDepth, numLeaves: Math.min(2 ** c.maxDepth, 63), minSamplesLeaf: c.minSamplesLeaf, seed });
}

/**
 * Choose a setting on inner folds of the rows `train` only (the caller's test rows are never seen):
 * pooled squared error over `innerFolds` shuffled folds, first setting in grid order on ties.
 */
export function chooseGbt(features: GalaxyFrame, y: ArrayLike<number>, train: readonly number[], grid: GbtGrid, innerFolds: number, seed: number): GbtChoice {
  const settings = grid.maxDepth.flatMap((maxDepth) => grid.minSamplesLeaf.flatMap((minSamplesLeaf) => grid.learningRate.map((learningRate) => ({ maxDepth, minSamplesLeaf, learningRate }))));
  const maxRounds = Math.max(...grid.rounds);
  const sse = settings.map(() => new Float64Array(grid.rounds.length));
  let sst = 0;
  for (const f of kFoldIndices(train.length, innerFolds, seed)) {
    const tr = f.train.map((k) => train[k] as number);
    const va = f.test.map((k) => train[k] as number);
    const enc = fitOrdinalEncoder(features, tr, y);
    const Xtr = encodeOrdinalRows(features, enc, tr);
    const Xva = encodeOrdinalRows(features, enc, va);
    const ytr = tr.map((i) => y[i] as number);
    const yva = va.map((i) => y[i] as number);
    const m = yva.reduce((s, v) => s + v, 0) / yva.length;
    sst += yva.reduce((s, v) => s + (v - m) ** 2, 0);
    settings.forEach((s, k) => {
      const preds = galaxyGbt({ ...s, rounds: maxRounds }, seed).fit(Xtr, ytr).predictAtRounds(Xva, grid.rounds);
      preds.forEach((p, r) => ((sse[k] as Float64Array)[r] = ((sse[k] as Float64Array)[r] as number) + yva.reduce((a, v, i) => a + (v - (p[i] as number)) ** 2, 0)));
    });
  }
  let best = { k: 0, r: 0, e: Infinity };
  sse.forEach((row, k) => row.forEach((e, r) => e < best.e && (best = { k, r, e })));
  return { ...(settings[best.k] as (typeof settings)[number]), rounds: grid.rounds[best.r] as number, innerR2: sst > 0 ? 1 - best.e / sst : NaN };
}

/** Nested-CV result on one tool. */
export interface NestedScore {
  readonly r2: number;
  readonly foldR2: readonly number[];
  /** The setting chosen on each outer fold's training rows. */
  readonly choices: readonly GbtChoice[];
  /** Feature columns (before encoding). */
  readonly features: readonly string[];
}

/** Options of `nestedGbtR2`. */
export interface NestedOptions {
  readonly grid?: GbtGrid;
  /** Inner folds per outer training fold. Default 3. */
  readonly innerFolds?: number;
  readonly seed?: number;
  /**
   * Use these settings (one per outer fold, e.g. chosen by an earlier nested run on the same outer
   * training rows) instead of searching: the ablation reuses the headline's inner-fold choices.
   */
  readonly fixedChoices?: readonly GbtChoice[];
}

/**
 * Outer folds as given (the paper's split); per outer fold: choose a setting on inner folds of its
 * training rows, refit the encoder and the GBT on all its training rows, predict its test rows.
 */
export function nestedGbtR2(features: GalaxyFrame, y: readonly number[], outer: ReadonlyArray<{ train: number[]; test: number[] }>, options: NestedOptions = {}): NestedScore {
  const { grid = GALAXY_GBT_GRID, innerFolds = 3, seed = 42 } = options;
  const choices: GbtChoice[] = [];
  const oof = outOfFold(features.nRows, outer, (trainIdx, f) => {
    const train = Array.from(trainIdx);
    const c = options.fixedChoices?.[f] ?? chooseGbt(features, y, train, grid, innerFolds, seed + 100 + f);
    choices.push(c);
    const enc = fitOrdinalEncoder(features, train, y);
    const m = galaxyGbt(c, seed + f).fit(encodeOrdinalRows(features, enc, train), train.map((i) => y[i] as number));
    return (test) => ({ prediction: m.predict(encodeOrdinalRows(features, enc, Array.from(test))) });
  });
  const foldR2 = foldScores(y, oof.values.prediction, outer, r2Score);
  return { r2: foldR2.reduce((s, v) => s + v, 0) / foldR2.length, foldR2, choices, features: [...features.columns.keys()] };
}

/** The paper's features of a raw tool frame (two `remove_bad_columns` passes, runtime removed) and log1p(runtime). */
export function paperFeatures(frame: GalaxyFrame): { features: GalaxyFrame; y: number[] } {
  const cleaned = removeBadColumns(removeBadColumns(frame));
  const rt = cleaned.columns.get("runtime");
  if (!rt || rt.dtype !== "float") throw new GwtInputError("no numeric 'runtime' column");
  const cols = new Map(cleaned.columns);
  cols.delete("runtime");
  return { features: { columns: cols, nRows: cleaned.nRows }, y: rt.values.map((v) => Math.log1p(v)) };
}

/** A feature set: the paper's features plus these groups. */
export interface GalaxyVariant {
  readonly name: string;
  readonly groups: readonly GalaxyFeatureGroup[];
}

/**
 * Headline (`all`: every group) and the ablation: each group off in turn, and none (the tuned GBT on
 * the paper's features).
 */
export const GALAXY_VARIANTS: readonly GalaxyVariant[] = [
  { name: "all", groups: ["load", "destination", "size", "history"] },
  { name: "no history", groups: ["load", "destination", "size"] },
  { name: "no load", groups: ["destination", "size", "history"] },
  { name: "no destination", groups: ["load", "size", "history"] },
  { name: "no size", groups: ["load", "destination", "history"] },
  { name: "paper features", groups: [] },
];

/** One tool: the paper's RF value, our RF reproduction and the nested-CV GBT per variant. */
export interface GalaxyPlatformRow {
  readonly tool: string;
  readonly nJobs: number;
  readonly paperR2: number;
  /** Our reproduction of the paper's random forest (paper's features, same split). */
  readonly rfR2: number;
  /** Nested-CV GBT R² per variant name. */
  readonly gbtR2: Readonly<Record<string, number>>;
  /** The headline: `gbtR2[headline] - paperR2`. */
  readonly deltaR2: number;
  /** Groups whose removal from the headline set costs at least `helpThreshold` R². */
  readonly helped: readonly string[];
  /** Settings chosen per outer fold for the headline variant ("depth/minLeaf/lr/rounds"). */
  readonly chosen: readonly string[];
}

/** Options of `galaxyPlatformAccuracy`. */
export interface GalaxyPlatformOptions extends NestedOptions {
  /** Tools with at least this many jobs (default 1000). */
  readonly minJobs?: number;
  /** Only the first `limit` tools in `order` (smoke runs). */
  readonly limit?: number;
  /** Tool order: "smallest-first" (default) or "largest-first" (e.g. a second worker from the other end). */
  readonly order?: "smallest-first" | "largest-first";
  /** Tool ids already computed (a resumed run): left out before `limit` applies. */
  readonly skipTools?: ReadonlySet<string>;
  readonly variants?: readonly GalaxyVariant[];
  /** Variant that is "our model" (default the first). */
  readonly headline?: string;
  /** R² a group must be worth to be listed as helping. Default 0.005. */
  readonly helpThreshold?: number;
  readonly onProgress?: (i: number, n: number, row: GalaxyPlatformRow) => void;
  /**
   * Our RF reproduction's R² per tool id when already computed with the same seed (e.g. notebook 02 §1's
   * `reproduceGalaxy` rows, whose split is this one); a tool missing here is computed.
   */
  readonly rfR2?: ReadonlyMap<string, number>;
}

/**
 * Run the comparison on every tool of `galaxyRoot` with a paper value and at least `minJobs` jobs,
 * smallest first. The outer split is the one `galaxyToolR2` uses (seed 42), so RF and GBT are paired.
 */
export function galaxyPlatformAccuracy(galaxyRoot: string, context: GalaxyContext, options: GalaxyPlatformOptions = {}): GalaxyPlatformRow[] {
  const { minJobs = 1000, variants = GALAXY_VARIANTS, seed = 42, helpThreshold = 0.005 } = options;
  const headline = options.headline ?? (variants[0] as GalaxyVariant).name;
  const dumpDir = join(galaxyRoot, "csv_dump");
  const files = new Set(readdirSync(dumpDir).filter((f) => f.endsWith(".csv")).map((f) => f.slice(0, -4)));
  const paper = parseGalaxyPaperTable(readFileSync(join(galaxyRoot, "paper_comparison_benchmarks.csv"), "utf8"));
  let tools = paper.filter((p) => files.has(galaxyCsvNameForToolId(p.toolId)) && p.rfR2 > -9999 && Number.isFinite(p.rfR2) && p.numInstances >= minJobs).sort((a, b) => a.numInstances - b.numInstances || a.toolId.localeCompare(b.toolId));
  if (tools.length === 0) throw new NoInputFoundError(`${galaxyRoot}: no tool with a paper value and >= ${minJobs} jobs`);
  if (options.order === "largest-first") tools = tools.reverse();
  if (options.skipTools) tools = tools.filter((p) => !options.skipTools?.has(p.toolId));
  if (options.limit !== undefined) tools = tools.slice(0, options.limit);
  const full = variants.find((v) => v.name === headline);
  if (!full) throw new RangeError(`headline variant '${headline}' is not among the variants`);
  return tools.map((p, ti) => {
    const file = join(dumpDir, `${galaxyCsvNameForToolId(p.toolId)}.csv`);
    const frame = parseGalaxyFrame(readFileSync(file, "utf8"), file);
    const rfR2 = options.rfR2?.get(p.toolId) ?? galaxyToolR2(frame, { seed }).r2;
    const { features, y } = paperFeatures(frame);
    const outer = kFoldIndices(frame.nRows, 3, seed);
    const gbtR2: Record<string, number> = {};
    const withGroups = (v: GalaxyVariant): GalaxyFrame => ({ columns: new Map([...features.columns, ...galaxyExtraColumns(frame, v.groups, context)]), nRows: frame.nRows });
    // The headline is tuned on inner folds; the ablation refits each outer fold with the setting the
    // headline chose there (chosen on that fold's training rows only), so it isolates the features.
    const head = nestedGbtR2(withGroups(full), y, outer, { ...options, seed });
    gbtR2[headline] = head.r2;
    for (const v of variants) if (v.name !== headline) gbtR2[v.name] = nestedGbtR2(withGroups(v), y, outer, { ...options, seed, fixedChoices: head.choices }).r2;
    const chosen = head.choices.map((c) => `${c.maxDepth}/${c.minSamplesLeaf}/${c.learningRate}/${c.rounds}`);
    const helped = full.groups.filter((g) => {
      const without = variants.find((v) => v.groups.length === full.groups.length - 1 && !v.groups.includes(g) && full.groups.filter((x) => x !== g).every((x) => v.groups.includes(x)));
      return without !== undefined && (gbtR2[headline] as number) - (gbtR2[without.name] as number) >= helpThreshold;
    });
    const row: GalaxyPlatformRow = { tool: p.toolId, nJobs: frame.nRows, paperR2: p.rfR2, rfR2, gbtR2, deltaR2: (gbtR2[headline] as number) - p.rfR2, helped, chosen };
    options.onProgress?.(ti + 1, tools.length, row);
    return row;
  });
}

/** Summary of the comparison: the goal is share >= 0.8 and median ΔR² >= 0.02. */
export interface GalaxyPlatformSummary {
  readonly tools: number;
  /** Share of tools with headline R² >= the paper's. */
  readonly shareAtLeastPaper: number;
  readonly medianDeltaR2: number;
  /** Median R² minus paper per variant, and of our RF reproduction. */
  readonly medianDeltaByVariant: Readonly<Record<string, number>>;
  readonly medianRfMinusPaper: number;
  readonly goalMet: boolean;
}

/** Summarize rows of `galaxyPlatformAccuracy` (headline = the first variant name unless given). */
export function summarizeGalaxyPlatform(rows: readonly GalaxyPlatformRow[], headline?: string): GalaxyPlatformSummary {
  const names = rows.length ? Object.keys((rows[0] as GalaxyPlatformRow).gbtR2) : [];
  const h = headline ?? names[0] ?? "all";
  const delta = rows.map((r) => (r.gbtR2[h] as number) - r.paperR2);
  const share = rows.length ? delta.filter((d) => d >= 0).length / rows.length : NaN;
  const med = rows.length ? median(delta) : NaN;
  return {
    tools: rows.length,
    shareAtLeastPaper: share,
    medianDeltaR2: med,
    medianDeltaByVariant: Object.fromEntries(names.map((n) => [n, median(rows.map((r) => (r.gbtR2[n] as number) - r.paperR2))])),
    medianRfMinusPaper: rows.length ? median(rows.map((r) => r.rfR2 - r.paperR2)) : NaN,
    goalMet: share >= 0.8 && med >= 0.02,
  };
}

/**
 * One flat record per tool for the artifact (CSV/JSON): tool, jobs, the paper's R², our RF
 * reproduction, the nested-CV GBT (headline), ΔR² against both, each ablation variant and which
 * feature groups helped.
 */
export function galaxyPlatformTable(rows: readonly GalaxyPlatformRow[], headline?: string): Array<Record<string, string | number>> {
  return rows.map((r) => {
    const names = Object.keys(r.gbtR2);
    const h = headline ?? names[0] ?? "all";
    const g = r.gbtR2[h] as number;
    const out: Record<string, string | number> = { tool: r.tool, n_jobs: r.nJobs, paper_rf_r2: r.paperR2, our_rf_r2: r.rfR2, gbt_nested_r2: g, delta_r2_vs_paper: g - r.paperR2, delta_r2_vs_our_rf: g - r.rfR2 };
    for (const n of names) if (n !== h) out[`gbt_r2_${n.replace(/\s+/g, "_")}`] = r.gbtR2[n] as number;
    out.helped = r.helped.length ? r.helped.join("; ") : "none";
    out.chosen_depth_minleaf_lr_rounds = r.chosen.join("; ");
    return out;
  });
}

/** Per variant: median R² minus the paper's, median R² minus the headline, share of tools >= the paper. */
export function galaxyPlatformAblation(rows: readonly GalaxyPlatformRow[], headline?: string): Array<Record<string, string | number>> {
  const names = rows.length ? Object.keys((rows[0] as GalaxyPlatformRow).gbtR2) : [];
  const h = headline ?? names[0] ?? "all";
  const forVariant = (label: string, r2: (r: GalaxyPlatformRow) => number): Record<string, string | number> => ({
    "feature set": label,
    "median R² − paper": median(rows.map((r) => r2(r) - r.paperR2)),
    "median R² − headline": median(rows.map((r) => r2(r) - (r.gbtR2[h] as number))),
    "share ≥ paper": rows.filter((r) => r2(r) >= r.paperR2).length / rows.length,
    "tools where it beats the headline": rows.filter((r) => r2(r) > (r.gbtR2[h] as number)).length,
  });
  return [...names.map((n) => forVariant(`GBT: ${n}`, (r) => r.gbtR2[n] as number)), forVariant("RF reproduction (paper's model)", (r) => r.rfR2)];
}
