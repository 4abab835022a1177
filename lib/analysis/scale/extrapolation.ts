import type { HarnessRun } from "../../data/harness";
import { censoredAt, DEFAULT_MEASURE, stepTime, type TimeMeasure } from "../../data/stepRows";
import { clone, type Regressor } from "../../models/estimator";
import { LinearOLS } from "../../models/mlLinear";
import { intervalCoverage, medianAPE } from "../../models/evaluate/metrics";
import { outOfFold } from "../../models/evaluate/outOfFold";
import { groupKFold } from "../../models/evaluate/splits";
import { median, quantile } from "../../util/stats";
import { inverse } from "../../util/transforms";
import { cellOf } from "./multipliers";

/**
 * Can a model trained on small inputs predict large ones? Train on runs up to `trainMaxPairs` read
 * pairs, predict the larger runs, and compare two model forms:
 * - the shipped form: a regressor on log(time) over the size and quality columns (whatever `model` is,
 *   e.g. ridge on log1p features, which clamps features to the training range);
 * - the size-aware form, built to extrapolate: time = fixed + per-pair cost × pairs × exp(β·quality),
 *   fitted in log space (the fixed part profiled over a grid, the rest by least squares with the
 *   exponent of pairs held at 1: cost per read pair is what carries to larger inputs).
 * 90% intervals for both come from out-of-fold log residuals on the training runs (folds by cell:
 * genome, size and quality, so the repeats of a cell share a fold).
 */
export interface ExtrapolationRow {
  readonly step: string;
  readonly form: "shipped" | "size-aware";
  /** Read pairs of the held-out runs scored in this row: one row per larger size. */
  readonly testPairs: number;
  readonly nTrain: number;
  readonly nTest: number;
  /** Median absolute percentage error on the held-out larger runs (0.2 = 20%). */
  readonly mdape: number;
  /** Median of predicted / true on the held-out runs (< 1: under-predicts). */
  readonly medianRatio: number;
  /** Share of held-out runs inside the 90% interval. */
  readonly coverage: number;
  /** Runs of this size whose step was killed at a CPU cap: their time is only a lower bound, so they are not scored. */
  readonly capped: number;
}

export interface ExtrapolationOptions {
  readonly trainMaxPairs: number;
  /** Column holding the input size in read pairs (or reads): the size-aware form's n. */
  readonly sizeColumn: string;
  /** Quality columns (known at the prediction moment the caller chose). */
  readonly qualityColumns: readonly string[];
  readonly measure?: TimeMeasure;
  readonly alpha?: number;
  readonly folds?: number;
  readonly genome?: string;
  /** Seed of the grouped folds. */
  readonly seed?: number;
}

/** The size-aware form's fitted parts: the fixed cost and a least-squares line for log(cost per pair). */
export interface SizeAwareFit {
  readonly fixedS: number;
  /** log((time - fixed) / pairs) on the quality columns (ml-regression's OLS, standardized features). */
  readonly perPair: LinearOLS;
}

/** Fit time = a + exp(c + β·quality) × n; the fixed part a profiled over a grid, the loss in log space. */
export function fitSizeAware(n: readonly number[], Q: readonly (readonly number[])[], t: readonly number[], grid = 60): SizeAwareFit {
  const tMin = Math.min(...t);
  let best: SizeAwareFit | null = null;
  let bestLoss = Infinity;
  for (let g = 0; g < grid; g++) {
    const a = (0.98 * tMin * g) / grid;
    const y = t.map((v, i) => Math.log(v - a) - Math.log(n[i]!));
    const fit: SizeAwareFit = { fixedS: a, perPair: new LinearOLS({ logFeatures: false }).fit(Q, y) };
    const loss = t.reduce((s, v, i) => s + (Math.log(v) - Math.log(predictSizeAware(fit, n[i]!, Q[i]!))) ** 2, 0);
    if (loss < bestLoss) { bestLoss = loss; best = fit; }
  }
  return best!;
}

export function predictSizeAware(f: SizeAwareFit, n: number, q: readonly number[]): number {
  return f.fixedS + inverse("log", f.perPair.predict([q])[0]!) * n;
}

const pairsOf = (r: HarnessRun): number => Number(r.design["n_pairs"]);

/** Extrapolation of both forms per step and held-out size (the larger sizes are scored separately, so
 * an error that grows with the distance from the training range shows); steps without training and
 * test runs are left out. */
export function extrapolation(runs: readonly HarnessRun[], steps: readonly string[], model: Regressor, opts: ExtrapolationOptions): ExtrapolationRow[] {
  const { measure = DEFAULT_MEASURE, alpha = 0.1, folds = 5, genome = "ecoli_k12", seed = 1 } = opts;
  const cols = [opts.sizeColumn, ...opts.qualityColumns];
  const out: ExtrapolationRow[] = [];
  for (const step of steps) {
    const pool = runs.filter((r) => r.loadLabel === "none" && (r.genome ?? "ecoli_k12") === genome);
    const capped = new Map<number, number>();
    for (const r of pool) if (censoredAt(r.steps.get(step)) !== undefined) capped.set(pairsOf(r), (capped.get(pairsOf(r)) ?? 0) + 1);
    const rows = pool
      .map((r) => ({ r, t: stepTime(r, step, measure), x: cols.map((c) => r.metrics[c]) }))
      .filter((d): d is { r: HarnessRun; t: number; x: number[] } => d.t !== undefined && d.x.every((v) => v !== undefined && Number.isFinite(v)));
    const train = rows.filter((d) => pairsOf(d.r) <= opts.trainMaxPairs);
    const test = rows.filter((d) => pairsOf(d.r) > opts.trainMaxPairs);
    if (train.length < 4 || !test.length) continue;
    const fitShipped = (ds: typeof rows) => clone(model).fit(ds.map((d) => d.x), ds.map((d) => Math.log(d.t)));
    const fitAware = (ds: typeof rows) => fitSizeAware(ds.map((d) => d.x[0]!), ds.map((d) => d.x.slice(1)), ds.map((d) => d.t));
    const forms: Array<["shipped" | "size-aware", (ds: typeof rows) => (d: (typeof rows)[number]) => number]> = [
      ["shipped", (ds) => { const m = fitShipped(ds); return (d) => inverse("log", m.predict([d.x])[0]!); }],
      ["size-aware", (ds) => { const f = fitAware(ds); return (d) => predictSizeAware(f, d.x[0]!, d.x.slice(1)); }],
    ];
    for (const [form, fitter] of forms) {
      // folds by cell (genome, size, quality): the repeats of one cell stay in one fold
      const groups = train.map((d) => cellOf(d.r));
      const k = Math.min(folds, new Set(groups).size);
      const oof = outOfFold(train.length, groupKFold(k, groups, seed), (tr) => {
        const pred = fitter(Array.from(tr, (i) => train[i]!));
        return (te) => ({ prediction: Array.from(te, (i) => pred(train[i]!)) });
      });
      const resid = train.map((d, i) => Math.abs(Math.log(d.t) - Math.log(Math.max(oof.values.prediction[i]!, 1e-9)))).sort((a, b) => a - b);
      const q = quantile(resid, 1 - alpha);
      const pred = fitter(train);
      for (const testPairs of [...new Set(test.map((d) => pairsOf(d.r)))].sort((a, b) => a - b)) {
        const at = test.filter((d) => pairsOf(d.r) === testPairs);
        const p = at.map((d) => Math.max(pred(d), 1e-9));
        const y = at.map((d) => d.t);
        out.push({ step, form, testPairs, nTrain: train.length, nTest: at.length, capped: capped.get(testPairs) ?? 0, mdape: medianAPE(y, p),
          medianRatio: median(p.map((v, i) => v / y[i]!)), coverage: intervalCoverage(y, p.map((v) => v * Math.exp(-q)), p.map((v) => v * Math.exp(q))) });
      }
    }
  }
  return out;
}
