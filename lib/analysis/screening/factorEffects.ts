import type { HarnessRun } from "../../data/harness";
import { median, sd, mean } from "../../util/stats";
import { DEFAULT_MEASURE, stepTime, type TimeMeasure } from "../../data/stepRows";

/** Run-to-run noise of a step: spread of identical inputs run several times (same config id). */
export interface NoiseBand {
  readonly step: string;
  /** Configs with at least two unloaded runs. */
  readonly configs: number;
  readonly runs: number;
  /** Median over configs of the coefficient of variation (sd / mean). */
  readonly medianCv: number;
  /** Median over configs of max / min. */
  readonly medianMaxOverMin: number;
}

/** Noise band of each step from repeated identical inputs (machine-loaded runs excluded). */
export function noiseBand(runs: readonly HarnessRun[], step: string, measure: TimeMeasure = DEFAULT_MEASURE): NoiseBand {
  const by = new Map<string, number[]>();
  for (const r of runs) {
    if (r.loadLabel !== "none") continue;
    const t = stepTime(r, step, measure);
    if (t === undefined) continue;
    const l = by.get(r.configId);
    if (l) l.push(t);
    else by.set(r.configId, [t]);
  }
  const cvs: number[] = [];
  const ratios: number[] = [];
  let n = 0;
  for (const l of by.values()) {
    if (l.length < 2) continue;
    cvs.push(sd(l) / mean(l));
    ratios.push(Math.max(...l) / Math.min(...l));
    n += l.length;
  }
  return { step, configs: cvs.length, runs: n, medianCv: median(cvs), medianMaxOverMin: median(ratios) };
}

/** One level of a one-factor-at-a-time sweep. */
export interface SweepLevel {
  readonly factor: string;
  readonly level: number | string;
  readonly n: number;
  readonly medianS: number;
  readonly minS: number;
  readonly maxS: number;
  /** Median at this level / median of the baseline runs (same read count, every other factor at baseline). */
  readonly ratioToBaseline: number;
}

/**
 * One-factor-at-a-time effect of `factor` on a step: runs that moved only this factor (plus
 * baseline runs), unloaded, grouped by level. Input size is held fixed unless the factor is size.
 */
export function factorSweep(runs: readonly HarnessRun[], step: string, factor: string, measure: TimeMeasure = DEFAULT_MEASURE): SweepLevel[] {
  const ofat = runs.filter((r) => r.loadLabel === "none" && (r.varied === factor || r.varied === "baseline") && r.phase !== "lhs");
  const base = ofat.filter((r) => r.varied === "baseline").map((r) => stepTime(r, step, measure)).filter((v): v is number => v !== undefined);
  const baseMedian = median(base);
  const by = new Map<string, { level: number | string; times: number[] }>();
  for (const r of ofat) {
    const t = stepTime(r, step, measure);
    if (t === undefined) continue;
    const level = r.design[factor] ?? "";
    const key = String(level);
    const e = by.get(key) ?? { level, times: [] };
    e.times.push(t);
    by.set(key, e);
  }
  return [...by.values()]
    .map((e) => ({ factor, level: e.level, n: e.times.length, medianS: median(e.times), minS: Math.min(...e.times), maxS: Math.max(...e.times), ratioToBaseline: median(e.times) / baseMedian }))
    .sort((a, b) => (typeof a.level === "number" && typeof b.level === "number" ? a.level - b.level : String(a.level).localeCompare(String(b.level))));
}

/** Load effect: median time of the loaded runs over the unloaded runs of the same configs. */
export function loadEffect(runs: readonly HarnessRun[], step: string, measure: TimeMeasure = DEFAULT_MEASURE): { configs: number; medianRatio: number } {
  const configs = new Set(runs.filter((r) => r.loadLabel !== "none").map((r) => r.configId));
  const ratios: number[] = [];
  for (const c of configs) {
    const loaded = runs.filter((r) => r.configId === c && r.loadLabel !== "none").map((r) => stepTime(r, step, measure)).filter((v): v is number => v !== undefined);
    const calm = runs.filter((r) => r.configId === c && r.loadLabel === "none").map((r) => stepTime(r, step, measure)).filter((v): v is number => v !== undefined);
    if (loaded.length && calm.length) ratios.push(median(loaded) / median(calm));
  }
  return { configs: ratios.length, medianRatio: median(ratios) };
}

/** One row per (factor, step): the effect of the design's most extreme level against baseline, with the noise next to it. */
export interface FactorEffectRow {
  readonly factor: string;
  readonly step: string;
  readonly baselineLevel: number | string;
  readonly extremeLevel: number | string;
  readonly nExtreme: number;
  readonly baselineMedianS: number;
  readonly extremeMedianS: number;
  /** extreme / baseline median time. */
  readonly ratio: number;
  /** Median CV of identical reruns of this step: a ratio within 1 ± 2 CV is not distinguishable from noise. */
  readonly noiseCv: number;
}

/** Factor × step effect table from the one-factor-at-a-time runs. */
export function factorEffectTable(runs: readonly HarnessRun[], factors: readonly string[], steps: readonly string[], measure: TimeMeasure = DEFAULT_MEASURE): FactorEffectRow[] {
  const baseRun = runs.find((r) => r.varied === "baseline");
  const out: FactorEffectRow[] = [];
  for (const step of steps) {
    const noise = noiseBand(runs, step, measure);
    for (const factor of factors) {
      const levels = factorSweep(runs, step, factor, measure);
      const baseLevel = baseRun?.design[factor];
      const base = levels.find((l) => l.level === baseLevel);
      const others = levels.filter((l) => l.level !== baseLevel);
      if (!base || !others.length) continue;
      // The level farthest from baseline in the design (not the strongest effect observed: picking
      // the largest of several noisy ratios would report noise as an effect).
      const dist = (l: SweepLevel): number => (typeof l.level === "number" && typeof baseLevel === "number" ? Math.abs(l.level - baseLevel) : 0);
      const extreme = others.reduce((a, b) => (dist(b) > dist(a) ? b : a));
      out.push({
        factor,
        step,
        baselineLevel: base.level,
        extremeLevel: extreme.level,
        nExtreme: extreme.n,
        baselineMedianS: base.medianS,
        extremeMedianS: extreme.medianS,
        ratio: extreme.ratioToBaseline,
        noiseCv: noise.medianCv,
      });
    }
  }
  return out;
}
