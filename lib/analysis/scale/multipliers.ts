import type { HarnessRun } from "../../data/harness";
import { boundedStepTime, DEFAULT_MEASURE, type BoundedTime, type TimeMeasure } from "../../data/stepRows";
import { median, quantile, rng } from "../../util/stats";

/**
 * Does a quality effect measured on small inputs hold at production sizes? (issue 20, scale ladder)
 *
 * The quality multiplier of a step at one genome and size is the geometric mean of its time over the
 * runs of one quality configuration divided by the geometric mean over the baseline runs of the same
 * genome and size. Its confidence interval resamples the runs of each cell independently (percentile
 * bootstrap); with two repeats per cell it shows the spread of the repeats, not a population interval.
 *
 * Steps killed at a CPU cap (right-censored, `limit_hit`) enter at their recorded time, a lower bound:
 * a censored numerator makes the multiplier a lower bound, a censored denominator an upper bound
 * (`bound`), and nothing is dropped silently.
 */

/** Whether a ratio is exact, or only a bound because a censored (capped) step entered it. */
export type RatioBound = "exact" | "lower" | "upper" | "unknown";

/** The bound of a ratio whose numerator / denominator hold censored values. */
export function ratioBound(numeratorCensored: boolean, denominatorCensored: boolean): RatioBound {
  if (numeratorCensored && denominatorCensored) return "unknown";
  return numeratorCensored ? "lower" : denominatorCensored ? "upper" : "exact";
}
export interface MultiplierRow {
  readonly step: string;
  readonly genome: string;
  readonly nPairs: number;
  readonly quality: string;
  readonly multiplier: number;
  readonly lo: number;
  readonly hi: number;
  /** Geometric-mean time of the quality runs and of the baseline runs, seconds. */
  readonly qualityS: number;
  readonly baselineS: number;
  readonly nQuality: number;
  readonly nBaseline: number;
  /** Runs whose step was killed at a CPU cap, quality side and baseline side. */
  readonly nCensoredQuality: number;
  readonly nCensoredBaseline: number;
  readonly bound: RatioBound;
}

export interface ScaleOptions {
  /** Time measure of a step (default DEFAULT_MEASURE, CPU seconds). */
  readonly measure?: TimeMeasure;
  /** Bootstrap resamples. */
  readonly reps?: number;
  readonly seed?: number;
  /** Only runs without co-located load (the default) or every run. */
  readonly includeLoaded?: boolean;
}

const logMean = (v: readonly number[]): number => v.reduce((s, x) => s + Math.log(x), 0) / v.length;

/** Runs grouped by genome, read pairs and quality configuration (the design's `varied`). */
export function scaleCells(runs: readonly HarnessRun[], opts: ScaleOptions = {}): Map<string, HarnessRun[]> {
  const cells = new Map<string, HarnessRun[]>();
  for (const r of runs) {
    if (!opts.includeLoaded && r.loadLabel !== "none") continue;
    const key = cellOf(r);
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  return cells;
}

const cellKey = (genome: string, n: number, q: string): string => `${genome}\t${n}\t${q}`;

/** A run's cell: genome, read pairs and quality configuration (the key of `scaleCells`). */
export const cellOf = (r: HarnessRun): string => cellKey(r.genome ?? "ecoli_k12", Number(r.design["n_pairs"]), r.varied);

/** The step's (possibly censored) times over a cell's runs. */
const cellTimes = (rs: readonly HarnessRun[] | undefined, step: string, measure: TimeMeasure): BoundedTime[] =>
  (rs ?? []).map((r) => boundedStepTime(r, step, measure)).filter((v): v is BoundedTime => v !== undefined);
const values = (t: readonly BoundedTime[]): number[] => t.map((x) => x.value);
const nCensored = (t: readonly BoundedTime[]): number => t.filter((x) => x.censored).length;

/** One bootstrap resample of v (with replacement, same size). */
const resample = (v: readonly number[], rand: () => number): number[] => v.map(() => v[Math.floor(rand() * v.length)]!);

/** Bootstrap of exp(mean log a - mean log b), resampling a and b independently. */
export function ratioInterval(a: readonly number[], b: readonly number[], reps: number, seed: number): [number, number] {
  const rand = rng(seed);
  const draw = (v: readonly number[]) => resample(v, rand);
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push(Math.exp(logMean(draw(a)) - logMean(draw(b))));
  out.sort((x, y) => x - y);
  return [quantile(out, 0.025), quantile(out, 0.975)];
}

/** Quality multiplier per step, genome, size and quality configuration (cells with ≥ 1 run on each side). */
export function qualityMultipliers(runs: readonly HarnessRun[], steps: readonly string[], opts: ScaleOptions = {}): MultiplierRow[] {
  const { measure = DEFAULT_MEASURE, reps = 2000, seed = 1 } = opts;
  const cells = scaleCells(runs, opts);
  const out: MultiplierRow[] = [];
  const keys = [...cells.keys()].map((k) => k.split("\t")).sort((x, y) => x[0]!.localeCompare(y[0]!) || Number(x[1]) - Number(y[1]) || x[2]!.localeCompare(y[2]!));
  for (const step of steps) {
    for (const [genome, n, q] of keys) {
      if (q === "baseline") continue;
      const cq = cellTimes(cells.get(cellKey(genome!, Number(n), q!)), step, measure);
      const cb = cellTimes(cells.get(cellKey(genome!, Number(n), "baseline")), step, measure);
      if (!cq.length || !cb.length) continue;
      const tq = values(cq), tb = values(cb);
      const [lo, hi] = ratioInterval(tq, tb, reps, seed);
      out.push({ step, genome: genome!, nPairs: Number(n), quality: q!, multiplier: Math.exp(logMean(tq) - logMean(tb)), lo, hi,
        qualityS: Math.exp(logMean(tq)), baselineS: Math.exp(logMean(tb)), nQuality: tq.length, nBaseline: tb.length,
        nCensoredQuality: nCensored(cq), nCensoredBaseline: nCensored(cb), bound: ratioBound(nCensored(cq) > 0, nCensored(cb) > 0) });
    }
  }
  return out;
}

/**
 * How a multiplier changes between two sizes: ratio of the multiplier at `large` to the one at `small`
 * (same step, genome and quality), with a bootstrap interval that resamples all four cells.
 * `verdict` is "holds" when the interval contains 1, otherwise "grows" or "shrinks". When a capped step
 * entered the ratio (`bound` not "exact"), only the verdict the bound implies stands ("grows" for a lower
 * bound, "shrinks" for an upper one); any other is "undetermined", as is every verdict while a cell holds
 * a single run (its bootstrap interval is a point).
 */
export interface MultiplierTrend {
  readonly step: string;
  readonly genome: string;
  readonly quality: string;
  readonly small: number;
  readonly large: number;
  readonly multiplierSmall: number;
  readonly multiplierLarge: number;
  readonly ratio: number;
  readonly lo: number;
  readonly hi: number;
  readonly bound: RatioBound;
  readonly verdict: "holds" | "grows" | "shrinks" | "undetermined";
}

export function multiplierTrends(runs: readonly HarnessRun[], steps: readonly string[], small: number, large: number, opts: ScaleOptions = {}): MultiplierTrend[] {
  const cells = scaleCells(runs, opts);
  const genomes = [...new Set([...cells.keys()].map((k) => k.split("\t")[0]!))].sort();
  const out: MultiplierTrend[] = [];
  for (const step of steps) for (const genome of genomes) for (const quality of qualitiesOf(cells)) {
    const c = contrast(cells, step, quality, { genome, nPairs: small }, { genome, nPairs: large }, opts);
    if (!c) continue;
    const verdict = c.verdict === "same" ? "holds" : c.verdict === "larger" ? "grows" : c.verdict === "smaller" ? "shrinks" : "undetermined";
    out.push({ step, genome, quality, small, large, multiplierSmall: c.multiplierA, multiplierLarge: c.multiplierB, ratio: c.ratio, lo: c.lo, hi: c.hi, bound: c.bound, verdict });
  }
  return out;
}

/** Per step, which quality configurations' multipliers hold, grow, shrink or are undetermined between two sizes. */
export interface StepVerdicts {
  readonly step: string;
  readonly genome: string;
  readonly holds: string[];
  readonly grows: string[];
  readonly shrinks: string[];
  readonly undetermined: string[];
}

export function verdictsByStep(trends: readonly MultiplierTrend[]): StepVerdicts[] {
  const out = new Map<string, StepVerdicts>();
  for (const t of trends) {
    const key = `${t.step}\t${t.genome}`;
    const row = out.get(key) ?? { step: t.step, genome: t.genome, holds: [], grows: [], shrinks: [], undetermined: [] };
    row[t.verdict].push(t.quality);
    out.set(key, row);
  }
  return [...out.values()];
}

/**
 * Does a multiplier carry from one genome to another at equal read count? Ratio of the multiplier on
 * genome `to` to the one on `from` (same step, size and quality), with the bootstrap interval and the
 * verdict rules of `multiplierTrends`: "carries" when the interval contains 1, "larger" / "smaller"
 * otherwise, "undetermined" while a cell holds a single run or a capped step's bound says nothing.
 */
export interface GenomeTransfer {
  readonly step: string;
  readonly quality: string;
  readonly nPairs: number;
  readonly from: string;
  readonly to: string;
  readonly multiplierFrom: number;
  readonly multiplierTo: number;
  readonly ratio: number;
  readonly lo: number;
  readonly hi: number;
  readonly bound: RatioBound;
  readonly verdict: "carries" | "larger" | "smaller" | "undetermined";
}

export function multiplierAcrossGenomes(runs: readonly HarnessRun[], steps: readonly string[], from = "ecoli_k12", opts: ScaleOptions = {}): GenomeTransfer[] {
  const cells = scaleCells(runs, opts);
  const keys = [...cells.keys()].map((k) => k.split("\t"));
  const others = [...new Set(keys.map((k) => k[0]!))].filter((g) => g !== from).sort();
  const sizes = [...new Set(keys.map((k) => Number(k[1])))].sort((a, b) => a - b);
  const out: GenomeTransfer[] = [];
  for (const step of steps) for (const to of others) for (const nPairs of sizes) for (const quality of qualitiesOf(cells)) {
    const c = contrast(cells, step, quality, { genome: from, nPairs }, { genome: to, nPairs }, opts);
    if (!c) continue;
    const verdict = c.verdict === "same" ? "carries" : c.verdict;
    out.push({ step, quality, nPairs, from, to, multiplierFrom: c.multiplierA, multiplierTo: c.multiplierB, ratio: c.ratio, lo: c.lo, hi: c.hi, bound: c.bound, verdict });
  }
  return out;
}

/** The non-baseline quality configurations of the cells, sorted. */
const qualitiesOf = (cells: ReadonlyMap<string, unknown>): string[] =>
  [...new Set([...cells.keys()].map((k) => k.split("\t")[2]!))].filter((q) => q !== "baseline").sort();

interface Side { readonly genome: string; readonly nPairs: number }
interface Contrast {
  readonly multiplierA: number;
  readonly multiplierB: number;
  readonly ratio: number;
  readonly lo: number;
  readonly hi: number;
  readonly bound: RatioBound;
  readonly verdict: "same" | "larger" | "smaller" | "undetermined";
}

/**
 * Multiplier at side B over multiplier at side A (same step and quality), bootstrap over all four cells.
 * The verdict stands only with ≥ 2 runs in every cell (else the interval is a point) and, where a capped
 * step entered, only in the direction its bound implies.
 */
function contrast(cells: ReadonlyMap<string, HarnessRun[]>, step: string, quality: string, a: Side, b: Side, opts: ScaleOptions): Contrast | undefined {
  const { measure = DEFAULT_MEASURE, reps = 2000, seed = 1 } = opts;
  const t = (s: Side, q: string) => cellTimes(cells.get(cellKey(s.genome, s.nPairs, q)), step, measure);
  const cqa = t(a, quality), cba = t(a, "baseline"), cqb = t(b, quality), cbb = t(b, "baseline");
  if (!cqa.length || !cba.length || !cqb.length || !cbb.length) return undefined;
  const qa = values(cqa), ba = values(cba), qb = values(cqb), bb = values(cbb);
  // ratio = qb·ba / (bb·qa): qb and ba sit in the numerator
  const bound = ratioBound(nCensored(cqb) + nCensored(cba) > 0, nCensored(cbb) + nCensored(cqa) > 0);
  const mA = Math.exp(logMean(qa) - logMean(ba)), mB = Math.exp(logMean(qb) - logMean(bb));
  const rand = rng(seed);
  const draw = (v: readonly number[]) => resample(v, rand);
  const boot: number[] = [];
  for (let i = 0; i < reps; i++) boot.push(Math.exp(logMean(draw(qb)) - logMean(draw(bb)) - logMean(draw(qa)) + logMean(draw(ba))));
  boot.sort((x, y) => x - y);
  const lo = quantile(boot, 0.025), hi = quantile(boot, 0.975);
  const verdict = lo <= 1 && hi >= 1 ? "same" : lo > 1 ? "larger" : "smaller";
  // with one run in a cell the bootstrap interval is a point: no verdict until every cell has two
  const replicated = Math.min(qa.length, ba.length, qb.length, bb.length) >= 2;
  const stands = replicated && (bound === "exact" || (bound === "lower" && verdict === "larger") || (bound === "upper" && verdict === "smaller"));
  return { multiplierA: mA, multiplierB: mB, ratio: mB / mA, lo, hi, bound, verdict: stands ? verdict : "undetermined" };
}

/**
 * How well the repeats of one cell agree: per step, the time of each later repeat over the first
 * repeat's (same genome, size and quality; repeats ordered by run id). The measurement noise a
 * multiplier's interval has to carry, and a check on runs measured under different machine load.
 */
export interface RepeatRatio {
  readonly genome: string;
  readonly nPairs: number;
  readonly quality: string;
  readonly first: string;
  readonly repeat: string;
  /** step → repeat / first (undefined when either side lacks the step or was capped). */
  readonly ratios: Readonly<Record<string, number | undefined>>;
  /** Median 1-minute load average at the start of the run's steps (trace column load1_start; NaN when
   * not recorded): how busy the machine was, so a ratio can be read against a change of conditions. */
  readonly load1First: number;
  readonly load1Repeat: number;
}

/** Median load1_start over a run's steps (NaN when no step recorded it). */
function medianLoad1(r: HarnessRun): number {
  return median([...r.steps.values()].map((t) => Number(t.raw["load1_start"])).filter(Number.isFinite));
}

export function repeatRatios(runs: readonly HarnessRun[], steps: readonly string[], opts: ScaleOptions = {}): RepeatRatio[] {
  const { measure = DEFAULT_MEASURE } = opts;
  const out: RepeatRatio[] = [];
  const cells = [...scaleCells(runs, opts)].map(([key, rs]) => [key.split("\t") as [string, string, string], rs] as const)
    .sort(([a], [b]) => a[0].localeCompare(b[0]) || Number(a[1]) - Number(b[1]) || a[2].localeCompare(b[2]));
  for (const [[genome, n, quality], rs] of cells) {
    const sorted = [...rs].sort((a, b) => a.runId.localeCompare(b.runId));
    const [first, ...later] = sorted;
    for (const r of later) {
      const ratios: Record<string, number | undefined> = {};
      for (const step of steps) {
        const a = boundedStepTime(first!, step, measure), b = boundedStepTime(r, step, measure);
        ratios[step] = a && b && !a.censored && !b.censored ? b.value / a.value : undefined;
      }
      out.push({ genome, nPairs: Number(n), quality, first: first!.runId, repeat: r.runId, ratios, load1First: medianLoad1(first!), load1Repeat: medianLoad1(r) });
    }
  }
  return out;
}

/**
 * Fixed cost of a step: least-squares line time = a + b × (read pairs) over the baseline runs of one
 * genome, with the share a / (a + b n) that the fixed part takes at each size (JVM start-up, index
 * loading: what makes small-input effects look smaller than they are per read).
 */
export interface FixedCostRow {
  readonly step: string;
  readonly genome: string;
  /** Intercept, seconds, and per-million-pairs slope, seconds. */
  readonly fixedS: number;
  readonly perMillionS: number;
  readonly shareAt: ReadonlyArray<{ nPairs: number; share: number }>;
  readonly n: number;
  /** Baseline runs whose step was killed at a cap and so could not enter the fit. */
  readonly censoredLeftOut: number;
}

export function fixedCosts(runs: readonly HarnessRun[], steps: readonly string[], genome = "ecoli_k12", opts: ScaleOptions = {}): FixedCostRow[] {
  const { measure = DEFAULT_MEASURE } = opts;
  const base = runs.filter((r) => (r.genome ?? "ecoli_k12") === genome && r.varied === "baseline" && (opts.includeLoaded || r.loadLabel === "none"));
  const sizes = [...new Set(base.map((r) => Number(r.design["n_pairs"])))].sort((a, b) => a - b);
  const out: FixedCostRow[] = [];
  for (const step of steps) {
    // a baseline step killed at a cap has no time to fit a line through: left out (`censoredLeftOut`)
    const timed = base.map((r) => [Number(r.design["n_pairs"]) / 1e6, boundedStepTime(r, step, measure)] as const);
    const pts = timed.filter((p) => p[1] !== undefined && !p[1].censored).map((p) => [p[0], p[1]!.value] as const);
    if (new Set(pts.map((p) => p[0])).size < 2) continue;
    const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length, my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    const b = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
    const a = my - b * mx;
    out.push({ step, genome, fixedS: a, perMillionS: b, n: pts.length, censoredLeftOut: timed.filter((p) => p[1]?.censored).length,
      shareAt: sizes.map((n) => ({ nPairs: n, share: a / (a + (b * n) / 1e6) })) });
  }
  return out;
}
