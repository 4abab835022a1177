import { MultivariateLinearRegression } from "ml-regression";
import type { HarnessRun } from "../../data/harness";
import { clusterResample, quantile, rng } from "../../util/stats";
import { DEFAULT_MEASURE, stepTime, type TimeMeasure } from "../../data/stepRows";

/**
 * Effect of each design factor with every other factor varying at the same time (OFAT + Latin
 * hypercube runs pooled): per step, least squares of log time on the design factors, reported as the
 * time multiplier across the factor's range in the design, with a cluster-bootstrap CI (runs of one
 * input configuration resampled together). The one-factor sweeps say "what this factor does with
 * everything else at baseline"; this says "what it does on average over the rest of the design".
 */
export interface DesignEffectRow {
  readonly step: string;
  readonly factor: string;
  /** Factor range in the runs used (design units; `n_pairs` in pairs). */
  readonly lo: number;
  readonly hi: number;
  /** exp(coefficient × range on the model scale): time at `hi` / time at `lo`, others held. */
  readonly multiplier: number;
  /** Bootstrap CI; NaN when fewer than 80% of resamples contained two levels of the factor. */
  readonly ciLo: number;
  readonly ciHi: number;
  /** Resamples in which the factor varied (its CI is over these). */
  readonly draws: number;
  readonly n: number;
  readonly configs: number;
  /** In-sample R² of the step's model (log time). */
  readonly r2: number;
}

/** Factors that enter the model on a log scale (input size: time ∝ size^b is the scheduler's model). */
const LOG_FACTORS = new Set(["n_pairs"]);

/** Options of `designEffects`. */
export interface DesignEffectOptions {
  readonly measure?: TimeMeasure;
  /** Bootstrap replicates (default 500). */
  readonly reps?: number;
  readonly level?: number;
  readonly seed?: number;
  /** Include co-located-load runs (default false: machine-induced slowness is not a design factor). */
  readonly includeLoaded?: boolean;
}

function fitCoefficients(X: readonly number[][], y: readonly number[]): number[] {
  // ml-regression's OLS solves the normal equations through an SVD, so a factor that happens to be
  // constant in a resample (or two collinear ones early in the design) yields a finite fit.
  const m = new MultivariateLinearRegression(X as number[][], y.map((v) => [v]), { intercept: true, statistics: false });
  return m.weights.map((w) => w[0] as number);
}

function r2Of(X: readonly number[][], y: readonly number[], beta: readonly number[]): number {
  const p = X[0]?.length ?? 0;
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  let ssr = 0;
  let sst = 0;
  X.forEach((row, i) => {
    let f = beta[p] as number; // intercept comes last
    for (let j = 0; j < p; j++) f += (beta[j] as number) * (row[j] as number);
    ssr += ((y[i] as number) - f) ** 2;
    sst += ((y[i] as number) - mean) ** 2;
  });
  return sst > 0 ? 1 - ssr / sst : NaN;
}

/**
 * Design-factor effects per step (see `DesignEffectRow`). Numeric factors only; a factor that never
 * varies in the runs is left out. Steps with fewer than factors + 5 runs are skipped. Pure; seeded.
 * @example designEffects(ds.runs, ["bwa_mem"], ds.factors, { measure: "cpuS" })
 */
export function designEffects(runs: readonly HarnessRun[], steps: readonly string[], factors: readonly string[], opts: DesignEffectOptions = {}): DesignEffectRow[] {
  const measure = opts.measure ?? DEFAULT_MEASURE;
  const level = opts.level ?? 0.95;
  const out: DesignEffectRow[] = [];
  for (const step of steps) {
    const used = runs.filter((r) => (opts.includeLoaded || r.loadLabel === "none") && stepTime(r, step, measure) !== undefined);
    const value = (r: HarnessRun, f: string): number => {
      const v = r.design[f];
      return typeof v === "number" ? (LOG_FACTORS.has(f) ? Math.log(v) : v) : NaN;
    };
    const fs = factors.filter((f) => {
      const vs = used.map((r) => value(r, f));
      return vs.every(Number.isFinite) && Math.max(...vs) > Math.min(...vs);
    });
    if (used.length < fs.length + 5 || fs.length === 0) continue;
    const X = used.map((r) => fs.map((f) => value(r, f)));
    const y = used.map((r) => Math.log(stepTime(r, step, measure) as number));
    const groups = used.map((r) => r.configId);
    const beta = fitCoefficients(X, y);
    const range = fs.map((_, j) => {
      const col = X.map((row) => row[j] as number);
      return { lo: Math.min(...col), hi: Math.max(...col) };
    });
    const rand = rng(opts.seed ?? 20240607);
    const boots: number[][] = fs.map(() => []);
    for (let b = 0; b < (opts.reps ?? 500); b++) {
      const idx = clusterResample(groups, rand);
      // A resample can miss every run at some level of a factor: that factor is then not estimable
      // in it (it would alias the intercept), so it is fitted without it and gets no draw.
      const cols = fs.map((_, j) => j).filter((j) => new Set(idx.map((i) => (X[i] as number[])[j])).size > 1);
      const bb = fitCoefficients(idx.map((i) => cols.map((j) => (X[i] as number[])[j] as number)), idx.map((i) => y[i] as number));
      cols.forEach((j, c) => (boots[j] as number[]).push(bb[c] as number));
    }
    const r2 = r2Of(X, y, beta);
    const a = (1 - level) / 2;
    fs.forEach((f, j) => {
      const { lo, hi } = range[j] as { lo: number; hi: number };
      const span = hi - lo;
      const bs = boots[j] as number[];
      const enough = bs.length >= 0.8 * (opts.reps ?? 500);
      out.push({
        step,
        factor: f,
        lo: LOG_FACTORS.has(f) ? Math.exp(lo) : lo,
        hi: LOG_FACTORS.has(f) ? Math.exp(hi) : hi,
        multiplier: Math.exp((beta[j] as number) * span),
        ciLo: enough ? Math.exp(quantile(bs, a) * span) : NaN,
        ciHi: enough ? Math.exp(quantile(bs, 1 - a) * span) : NaN,
        draws: bs.length,
        n: used.length,
        configs: new Set(groups).size,
        r2,
      });
    });
  }
  return out;
}
