/** Ablation: the same model and folds on different feature sets (e.g. size only vs size + quality), per step. */
import { clone, type Matrix, type Regressor } from "../estimator";
import { crossValidate } from "./crossValidate";
import { groupKFold, kFold } from "./splits";

/** A named subset of feature columns. */
export interface FeatureSet {
  readonly name: string;
  readonly columns: readonly number[];
}

/** Options of ablation. */
export interface AblationOptions {
  readonly groups?: readonly (string | number)[];
  /** Step (tool) label per row: results per step; omit for one "all" step. */
  readonly steps?: readonly string[];
  readonly k?: number;
  readonly seed?: number;
  /** Steps with fewer rows are skipped (reported with n and NaN metrics). Default 30. */
  readonly minRows?: number;
}

/** One ablation row. */
export interface AblationRow {
  readonly step: string;
  readonly featureSet: string;
  readonly n: number;
  readonly r2Log: number;
  readonly mdape: number;
  readonly maeS: number;
}

/**
 * For every step, cross-validate `model` on each feature set with the same folds (y = log runtime).
 * The lift of quality features is r2Log(size+quality) - r2Log(size only) per step.
 * @example ablation(new GradientBoostedTrees({ seed: 1 }), [{ name: "size", columns: [0] }, { name: "size+quality", columns: [0, 1, 2] }], X, yLog, { groups, steps })
 */
export function ablation(model: Regressor, featureSets: readonly FeatureSet[], X: Matrix, y: ArrayLike<number>, opts: AblationOptions = {}): AblationRow[] {
  const k = opts.k ?? 5;
  const seed = opts.seed ?? 0;
  const steps = opts.steps ?? new Array<string>(X.length).fill("all");
  const names = [...new Set(steps)].sort();
  const out: AblationRow[] = [];
  for (const step of names) {
    const rows: number[] = [];
    steps.forEach((s, i) => s === step && rows.push(i));
    const ys = Float64Array.from(rows, (i) => y[i] as number);
    const groups = opts.groups ? rows.map((i) => (opts.groups as readonly (string | number)[])[i] as string | number) : undefined;
    const nGroups = groups ? new Set(groups).size : rows.length;
    if (rows.length < (opts.minRows ?? 30) || nGroups < k) {
      for (const fs of featureSets) out.push({ step, featureSet: fs.name, n: rows.length, r2Log: NaN, mdape: NaN, maeS: NaN });
      continue;
    }
    const folds = groups ? groupKFold(k, groups, seed) : kFold(k, rows.length, seed);
    for (const fs of featureSets) {
      const Xs = rows.map((i) => Float64Array.from(fs.columns, (c) => (X[i] as ArrayLike<number>)[c] as number));
      const cv = crossValidate(clone(model), Xs, ys, { folds });
      out.push({ step, featureSet: fs.name, n: rows.length, r2Log: cv.metrics.r2Log, mdape: cv.metrics.mdape, maeS: cv.metrics.maeS });
    }
  }
  return out;
}
